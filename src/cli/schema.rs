//! `evacdrill schema script|session`: the JSON Schema of a file format.

use std::process::ExitCode;

use evacdrill_core::script::schema::json_schema;

/// The formats `schema` can describe.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// The drill script (TOML).
    Script,
    /// The session file (`NAME.session.json`).
    Session,
}

/// Prints the schema of `format` as pretty JSON.
#[must_use]
pub fn run(format: Format) -> ExitCode {
    let schema = match format {
        Format::Script => json_schema(),
        Format::Session => crate::store::session_file::json_schema(),
    };
    let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    super::print(&format!("{text}\n"));
    ExitCode::SUCCESS
}

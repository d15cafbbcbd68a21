//! `evacdrill debug sample-session`: the glue between the command line and
//! the sample drill's files (kept apart so that the benchmarks can include
//! `sample.rs` and `sample_file.rs` without the rest of the binary).

use std::path::Path;
use std::process::ExitCode;

use super::sample_file::{WallClock, session_file, write_journal};

/// `evacdrill debug sample-session`: the sample drill over the script at
/// `script`, written to `out` (and its journal to `journal`).
pub fn run(
    script: &Path,
    out: &Path,
    journal: Option<&Path>,
    variant: u64,
    start: &str,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let checked = crate::store::script_file::load(script);
    let parsed = checked
        .script
        .ok_or_else(|| format!("{}: the script does not check", script.display()))?;
    let sample = super::sample::drill(&parsed, variant)?;
    let clock = WallClock::new(start)?;
    let name = crate::store::review_source::label(script);
    if let Some(path) = journal {
        write_journal(path, &sample, &name, &checked.source, &clock)?;
    }
    let file = session_file(&sample, &name, &checked.source, &clock);
    crate::store::session_file::write(out, &file)?;
    crate::cli::print(&format!("wrote {}\n", out.display()));
    Ok(ExitCode::SUCCESS)
}

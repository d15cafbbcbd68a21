//! The drill script: its model, parsing with source spans, and validation.
//!
//! [`check`] is the one entry point: bytes in, a [`Checked`] out, which holds
//! the script when it is usable and every problem found, errors and warnings,
//! in source order. It never panics on any input.

mod diagnostic;
pub mod keys;
mod model;
mod parse;
mod reader;
pub mod schema;
mod validate;

pub use diagnostic::{Diagnostic, LineIndex, Severity};
pub use model::{
    Building, Class, ClassId, Drill, Gate, Policy, Safety, Scenario, Script, Span, Speeds,
    Stairwell, StairwellId, Wave,
};
pub use validate::{MAX_HEADCOUNT, MAX_STAIR_WIDTH_M};

use crate::i18n::script::ScriptMsg;

/// The outcome of checking one script.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The source as text (lossily decoded when it was not UTF-8), for
    /// showing the lines the diagnostics point at.
    pub source: String,
    /// The script, when it has no errors.
    pub script: Option<Script>,
    /// Every problem, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any problem is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Checks a script given as raw bytes.
#[must_use]
pub fn check(bytes: &[u8]) -> Checked {
    match std::str::from_utf8(bytes) {
        Ok(text) => check_str(text),
        Err(e) => {
            let source = String::from_utf8_lossy(bytes).into_owned();
            let valid = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by definition; locate the bad byte in it.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = LineIndex::new(prefix).locate(prefix, prefix.len());
            let lossy_offset = prefix.len();
            Checked {
                source,
                script: None,
                diagnostics: vec![
                    Diagnostic::error(
                        "not-utf8",
                        Some(Span::new(lossy_offset, lossy_offset)),
                        ScriptMsg::NotUtf8 { line, column },
                    )
                    .hint(ScriptMsg::NotUtf8Hint),
                ],
            }
        }
    }
}

/// Checks a script given as text.
#[must_use]
pub fn check_str(text: &str) -> Checked {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diagnostics = Vec::new();
    let parsed = parse::parse(text, &mut diagnostics);
    if let Some(script) = &parsed.script {
        validate::validate(script, &parsed, &mut diagnostics);
    }
    diagnostics.sort_by_key(|d| (d.span.map_or(0, |s| s.start), d.severity));
    let script = if diagnostics.iter().any(Diagnostic::is_error)
        || parsed.incomplete_stairwells
        || parsed.incomplete_classes
    {
        None
    } else {
        parsed.script
    };
    Checked {
        source: text.to_owned(),
        script,
        diagnostics,
    }
}

/// The diagnostic for a script file that cannot be read at all.
#[must_use]
pub fn unreadable(detail: String) -> Diagnostic {
    Diagnostic::error("unreadable", None, ScriptMsg::Unreadable { detail })
        .hint(ScriptMsg::UnreadableHint)
}

//! `evacdrill report SESSION... --format html|md|csv [-o FILE]`: the safety
//! committee's report, written atomically to a file or to stdout.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::LoadText;

use crate::report::{Format, Report};

/// Writes the report of `paths` in `format`; exit 1 when a session cannot
/// be read or the file cannot be written.
#[must_use]
pub fn run(paths: &[PathBuf], format: Format, out: Option<&Path>, lang: Lang) -> ExitCode {
    let Ok(sessions) = super::review::load_all(paths, lang) else {
        return ExitCode::from(1);
    };
    let text = format.render(&Report::new(&sessions, lang));
    match out {
        None => {
            super::print(&text);
            ExitCode::SUCCESS
        }
        Some(path) => match crate::store::atomic::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                eprintln!(
                    "{}",
                    LoadText::Wrote {
                        file: path.display().to_string()
                    }
                    .text(lang)
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!(
                    "{}",
                    LoadText::WriteFailed {
                        file: path.display().to_string(),
                        detail: e.to_string()
                    }
                    .text(lang)
                );
                ExitCode::from(1)
            }
        },
    }
}

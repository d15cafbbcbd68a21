//! `evacdrill report SESSION... --format html|md|csv [-o FILE]`: the safety
//! committee's report, written atomically to a file or to stdout.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use evacdrill::i18n::Lang;
use evacdrill::i18n::review::LoadText;

use crate::report::{Format, Report};
use crate::store::journal::sync_dir;

/// Writes the report of `paths` in `format`; exit 1 when a session cannot
/// be read or the file cannot be written.
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
        Some(path) => match write_atomically(path, text.as_bytes()) {
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

/// Writes `bytes` to a temporary file beside `path`, syncs it, renames it
/// over `path` and syncs the folder: a reader sees the old file or the new
/// one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path))
        .and_then(|()| sync_dir(path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

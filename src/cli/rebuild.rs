//! `evacdrill rebuild JOURNAL [-o SESSION] [--force]`: the session file of
//! an ended drill, written from its journal.
//!
//! For when the laptop died after the drill ended but before the session
//! file was written, or the file was lost or damaged. A drill that has not
//! ended is not rebuilt: it is resumed (`run --resume`), and `review` and
//! `report` read its journal as it is. An existing session file is replaced
//! only with `--force`. The file is written atomically and read back before
//! the command says it is done.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::records::RebuildText;

use super::exit::Status;
use crate::store::journal::JournalError;
use crate::store::rebuild::{self, RebuildError, Rebuilt};
use crate::store::record::JOURNAL_SCHEMA;
use crate::store::session_file;

/// What `rebuild` was asked to do.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The journal of an ended drill (`NAME.journal.jsonl`).
    pub journal: PathBuf,
    /// Where to write the session file (default: `NAME.session.json` beside the journal).
    #[arg(short = 'o', long = "output", value_name = "SESSION")]
    pub output: Option<PathBuf>,
    /// Replace a session file that is already there.
    #[arg(long)]
    pub force: bool,
}

/// Rebuilds the session file; every message goes to stderr in `lang`.
#[must_use]
pub fn run(args: &Args, lang: Lang) -> ExitCode {
    match rebuild_file(args) {
        Ok(done) => {
            if let Some(line) = done.cut_line {
                eprintln!(
                    "{}",
                    RebuildText::CutLine {
                        journal: args.journal.display().to_string(),
                        line
                    }
                    .text(lang)
                );
            }
            eprintln!(
                "{}",
                RebuildText::Wrote {
                    file: done.out.display().to_string(),
                    events: done.events,
                    journal: args.journal.display().to_string(),
                }
                .text(lang)
            );
            Status::Success.into()
        }
        Err(message) => {
            eprintln!("error: {}", message.text(lang));
            Status::Failure.into()
        }
    }
}

/// What was written.
struct Done {
    out: PathBuf,
    events: usize,
    cut_line: Option<usize>,
}

fn rebuild_file(args: &Args) -> Result<Done, RebuildText> {
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| crate::store::session_file::beside(&args.journal));
    let file_of = |p: &Path| p.display().to_string();
    let Rebuilt {
        file, session, cut, ..
    } = rebuild::from_journal(&args.journal).map_err(|e| explain(&args.journal, e))?;
    if out.exists() && !args.force {
        return Err(RebuildText::Exists {
            file: file_of(&out),
        });
    }
    let write_failed = |detail: String| RebuildText::WriteFailed {
        file: file_of(&out),
        detail,
    };
    session_file::write(&out, &file).map_err(|e| write_failed(e.to_string()))?;
    let back = session_file::read(&out).map_err(|e| write_failed(e.to_string()))?;
    if back != file || back.replay(&out).ok().as_ref() != Some(&session) {
        return Err(RebuildText::ReadBack {
            file: file_of(&out),
        });
    }
    Ok(Done {
        out,
        events: file.events.len(),
        cut_line: cut.map(|c| c.line),
    })
}

/// The error in words a coordinator can act on.
fn explain(journal: &Path, e: RebuildError) -> RebuildText {
    let file = journal.display().to_string();
    match e {
        RebuildError::NotEnded { script_name, last } => RebuildText::NotEnded {
            journal: file,
            script: script_name,
            last: evacdrill_core::review::mmss(last.ms()),
        },
        RebuildError::Script => RebuildText::Script { file },
        RebuildError::Replay(e) => RebuildText::Replay {
            file,
            detail: e.to_string(),
        },
        RebuildError::Journal(e) => match e {
            JournalError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                RebuildText::NotFound { file }
            }
            JournalError::Io { source, .. } => RebuildText::Unreadable {
                file,
                detail: source.to_string(),
            },
            // Line 1 is the header: a file whose first line is not one, with
            // more lines after it, is some other file (a session file, often).
            JournalError::NotAJournal { .. } | JournalError::Damaged { line: 1, .. } => {
                RebuildText::NotAJournal { file }
            }
            JournalError::NoHeader { .. } => RebuildText::NoHeader { file },
            JournalError::Newer { found, .. } => RebuildText::Newer {
                file,
                found,
                known: JOURNAL_SCHEMA,
            },
            JournalError::Damaged { line, reason, .. } => {
                RebuildText::Damaged { file, line, reason }
            }
            // Only an open journal can fail these ways; reading cannot.
            other @ (JournalError::Exists { .. }
            | JournalError::Write { .. }
            | JournalError::Replaced { .. }
            | JournalError::Encode(_)) => RebuildText::Unreadable {
                file,
                detail: other.to_string(),
            },
        },
    }
}

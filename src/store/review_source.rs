//! Opening a recorded session for `review` and `report`: a session file, or
//! the journal when the session file is missing or damaged.
//!
//! `NAME.session.json` is read and replayed; if it is missing, cut short,
//! damaged or does not replay, and `NAME.journal.jsonl` lies beside it, the
//! journal is reviewed instead and a notice says why. A session file of a
//! newer schema is an error, never a fallback: it is not damaged, this
//! program is too old. A path ending in `.jsonl` is read as a journal.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::LoadText;
use evacdrill_core::review::{Recorded, Review};
use evacdrill_core::script::{Script, check_str};
use evacdrill_core::session::{DrillTime, Session};

use super::journal::{Journal, JournalError};
use super::record::Record;
use super::session_file::{self, SESSION_SCHEMA, SessionFile, SessionFileError};

/// A session ready for review.
#[derive(Debug)]
pub struct Loaded {
    /// The path as given.
    pub path: PathBuf,
    pub session: Session,
    pub records: Vec<Record>,
    /// Rebuilt from the journal rather than read from the session file.
    pub from_journal: bool,
    /// What the user should be told (a fallback, a line cut off).
    pub notices: Vec<LoadText>,
}

impl Loaded {
    /// The review of this session.
    #[must_use]
    pub fn review(&self) -> Review {
        let recorded: Vec<Recorded<'_>> = self
            .records
            .iter()
            .map(|r| Recorded {
                seq: r.seq,
                at: DrillTime(r.drill_ms),
                wall: Some(r.wall.as_str()),
                event: &r.event,
            })
            .collect();
        let mut review = Review::build(&self.session, &recorded, &label(&self.path));
        review.from_journal = self.from_journal;
        review
    }
}

/// The file name of `path`, what the review calls the session.
#[must_use]
pub fn label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Why a session cannot be reviewed.
#[derive(Debug)]
pub struct LoadError(pub LoadText);

impl LoadError {
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        self.0.text(lang)
    }
}

/// Opens sessions, checking each distinct script once: the drills of one
/// school share their script, and checking it is a good part of the cost
/// of opening a session (docs/performance.md).
#[derive(Debug, Default)]
pub struct Loader {
    scripts: HashMap<String, Option<Script>>,
}

impl Loader {
    /// Opens the session at `path` (see the module documentation).
    pub fn load(&mut self, path: &Path) -> Result<Loaded, LoadError> {
        load_with(self, path)
    }

    /// The checked script of `toml`, `None` when it does not check.
    fn script(&mut self, toml: &str) -> Option<Script> {
        self.scripts
            .entry(toml.to_owned())
            .or_insert_with(|| check_str(toml).script)
            .clone()
    }
}

fn load_with(loader: &mut Loader, path: &Path) -> Result<Loaded, LoadError> {
    if is_journal(path) {
        return from_journal(loader, path, path, Vec::new());
    }
    match from_session_file(loader, path) {
        Ok(opened) => Ok(opened),
        Err(e @ LoadError(LoadText::Newer { .. } | LoadText::NotSession { .. })) => Err(e),
        Err(e) => {
            let journal = journal_beside(path);
            if journal.is_file() {
                let notice = LoadText::UsingJournal {
                    file: path.display().to_string(),
                    journal: journal.display().to_string(),
                    problem: problem_of(&e),
                };
                from_journal(loader, path, &journal, vec![notice])
            } else {
                Err(e)
            }
        }
    }
}

fn is_journal(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl")
}

/// `NAME.journal.jsonl` beside `NAME.session.json` (or `NAME.json`).
fn journal_beside(path: &Path) -> PathBuf {
    let name = label(path);
    let stem = name
        .strip_suffix(".session.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(&name);
    path.with_file_name(format!("{stem}.journal.jsonl"))
}

/// The problem part of a load error, for the fallback notice (English and
/// Chinese share the file name prefix, which the notice already has).
fn problem_of(e: &LoadError) -> String {
    let full = e.text(Lang::En);
    full.split_once(": ")
        .map_or(full.clone(), |(_, rest)| rest.to_owned())
}

fn from_session_file(loader: &mut Loader, path: &Path) -> Result<Loaded, LoadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| {
        LoadError(file_error(
            &file,
            SessionFileError::Io {
                path: path.to_owned(),
                source,
            },
        ))
    })?;
    // Straight into the typed file (three times faster than through a JSON
    // value); anything it does not take, or a newer schema, goes through
    // the store's own parser for its precise error.
    let read = match serde_json::from_slice::<SessionFile>(&bytes) {
        Ok(read) if read.schema <= SESSION_SCHEMA => read,
        _ => session_file::parse(path, &bytes).map_err(|e| LoadError(file_error(&file, e)))?,
    };
    let script = loader
        .script(&read.script.toml)
        .ok_or_else(|| LoadError(LoadText::Script { file: file.clone() }))?;
    let session =
        super::record::replay(script, read.schedule.clone(), &read.events).map_err(|e| {
            LoadError(LoadText::Replay {
                file: file.clone(),
                detail: e.to_string(),
            })
        })?;
    Ok(Loaded {
        path: path.to_owned(),
        session,
        records: read.events,
        from_journal: false,
        notices: Vec::new(),
    })
}

fn file_error(file: &str, e: SessionFileError) -> LoadText {
    let file = file.to_owned();
    match e {
        SessionFileError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            LoadText::NotFound { file }
        }
        SessionFileError::Io { source, .. } => LoadText::Io {
            file,
            detail: source.to_string(),
        },
        SessionFileError::Newer { found, .. } => LoadText::Newer {
            file,
            found,
            known: SESSION_SCHEMA,
        },
        SessionFileError::Truncated { line, column, .. } => {
            LoadText::Truncated { file, line, column }
        }
        SessionFileError::Syntax {
            line,
            column,
            detail,
            ..
        } => LoadText::Corrupt {
            file,
            line,
            column,
            detail,
        },
        SessionFileError::Shape { detail, .. } => LoadText::Shape { file, detail },
        SessionFileError::Script { .. } => LoadText::Script { file },
        SessionFileError::Replay { source, .. } => LoadText::Replay {
            file,
            detail: source.to_string(),
        },
        SessionFileError::Encode(e) => LoadText::Shape {
            file,
            detail: e.to_string(),
        },
    }
}

/// Reviews the journal at `journal` (on behalf of `given`).
fn from_journal(
    loader: &mut Loader,
    given: &Path,
    journal: &Path,
    mut notices: Vec<LoadText>,
) -> Result<Loaded, LoadError> {
    let file = journal.display().to_string();
    let scan = Journal::read(journal).map_err(|e| {
        LoadError(match e {
            JournalError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                LoadText::NotFound { file: file.clone() }
            }
            other => LoadText::Journal {
                file: file.clone(),
                detail: other.to_string(),
            },
        })
    })?;
    if let Some(cut) = &scan.cut {
        notices.push(LoadText::JournalCut {
            file: file.clone(),
            line: cut.line,
        });
    }
    let script = loader
        .script(&scan.header.script_toml)
        .ok_or_else(|| LoadError(LoadText::Script { file: file.clone() }))?;
    let session = super::record::replay(script, scan.header.schedule.clone(), &scan.records)
        .map_err(|e| {
            LoadError(LoadText::Replay {
                file: file.clone(),
                detail: e.to_string(),
            })
        })?;
    Ok(Loaded {
        path: given.to_owned(),
        session,
        records: scan.records,
        from_journal: true,
        notices,
    })
}

//! The final `NAME.session.json`: the script as run, the schedule, every
//! event, the drill record and a summary, written atomically.
//!
//! Written to a temporary file in the same folder, synced, renamed over the
//! final name and the folder synced: a reader sees the old file or the new
//! one, never half of one. Reading refuses a newer schema with a clear
//! message, and names the problem in a truncated or damaged file.

use std::path::{Path, PathBuf};

use evacdrill_core::i18n::Lang;
use evacdrill_core::script::check_str;
use evacdrill_core::session::{DrillRecord, ReplayError, Schedule, Session, Summary};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::journal::{Cut, WriteFailure};
use super::record::Record;

/// The version of the session-file format; a reader refuses a newer one.
pub const SESSION_SCHEMA: u32 = 1;

/// A whole session file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SessionFile {
    /// Format version: 1.
    pub schema: u32,
    /// The program that wrote it (`evacdrill 0.1.0`).
    pub generator: String,
    pub script: ScriptAsRun,
    /// The schedule the session started with (re-plans are in the events).
    pub schedule: Schedule,
    /// Every event, in order, with its seq, drill time and wall time.
    pub events: Vec<Record>,
    pub record: FileRecord,
    pub summary: Summary,
    /// What happened to the journal: failed writes, a damaged line cut off.
    pub journal: JournalReport,
}

/// The script exactly as it was run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScriptAsRun {
    /// The script's file name.
    pub name: String,
    /// Its text: what a replay parses.
    pub toml: String,
    /// The parsed script with every default filled in, for other tools.
    pub parsed: serde_json::Value,
}

/// The drill record with the date and time of day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FileRecord {
    /// Wall-clock time of the signal (RFC 3339 with offset), if given.
    pub started_wall: Option<String>,
    /// Wall-clock time of the end, if the drill ended.
    pub ended_wall: Option<String>,
    #[serde(flatten)]
    pub drill: DrillRecord,
}

/// The journal's own story.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct JournalReport {
    pub write_failures: Vec<WriteFailure>,
    /// Damaged last lines cut off when the journal was reopened.
    pub cuts: Vec<Cut>,
}

/// Why a session file cannot be written or read.
#[derive(Debug, thiserror::Error)]
pub enum SessionFileError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}: session format {found} is newer than this program reads ({SESSION_SCHEMA}); update evacdrill"
    )]
    Newer { path: PathBuf, found: u64 },
    #[error(
        "{path}: the file ends early at line {line}, column {column}; it was cut short (copy it again, or rebuild it from the journal)"
    )]
    Truncated {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{path}: not valid JSON at line {line}, column {column}: {detail}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("{path}: not a session file: {detail}")]
    Shape { path: PathBuf, detail: String },
    #[error("{path}: the script inside the file does not check: {detail}")]
    Script { path: PathBuf, detail: String },
    #[error("{path}: the events do not replay: {source}")]
    Replay { path: PathBuf, source: ReplayError },
    #[error("the session could not be encoded: {0}")]
    Encode(#[from] serde_json::Error),
}

impl SessionFile {
    /// The file for `session`, whose events are `events` (from the journal).
    #[must_use]
    pub fn build(
        session: &Session,
        script_name: &str,
        script_toml: &str,
        events: Vec<Record>,
        journal: JournalReport,
    ) -> Self {
        let wall_of = |seq: Option<u64>| {
            seq.and_then(|s| events.iter().find(|r| r.seq == s))
                .map(|r| r.wall.clone())
        };
        let ended_seq = session.ending().and(events.last().map(|r| r.seq));
        Self {
            schema: SESSION_SCHEMA,
            generator: format!("evacdrill {}", env!("CARGO_PKG_VERSION")),
            script: ScriptAsRun {
                name: script_name.to_owned(),
                toml: script_toml.to_owned(),
                parsed: serde_json::to_value(session.script()).unwrap_or_default(),
            },
            schedule: session.initial_schedule().clone(),
            record: FileRecord {
                started_wall: wall_of(session.start().map(|s| s.seq)),
                ended_wall: wall_of(ended_seq),
                drill: session.record(),
            },
            summary: session.summary(),
            events,
            journal,
        }
    }

    /// Rebuilds the session by replaying the file's events over its script.
    pub fn replay(&self, path: &Path) -> Result<Session, SessionFileError> {
        let checked = check_str(&self.script.toml);
        let script = checked.script.ok_or_else(|| SessionFileError::Script {
            path: path.to_owned(),
            detail: checked
                .diagnostics
                .first()
                .map_or_else(String::new, |d| d.message.text(Lang::En)),
        })?;
        super::record::replay(script, self.schedule.clone(), &self.events).map_err(|source| {
            SessionFileError::Replay {
                path: path.to_owned(),
                source,
            }
        })
    }
}

/// Where the session file of the journal at `journal` goes:
/// `NAME.session.json` beside `NAME.journal.jsonl` (or `NAME.jsonl`).
#[must_use]
pub fn beside(journal: &Path) -> PathBuf {
    let name = journal
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let stem = name
        .strip_suffix(".journal.jsonl")
        .or_else(|| name.strip_suffix(".jsonl"))
        .unwrap_or(&name);
    journal.with_file_name(format!("{stem}.session.json"))
}

/// Writes `file` to `path` atomically.
pub fn write(path: &Path, file: &SessionFile) -> Result<(), SessionFileError> {
    let io = |source| SessionFileError::Io {
        path: path.to_owned(),
        source,
    };
    let mut text = serde_json::to_string_pretty(file)?;
    text.push('\n');
    super::atomic::write_atomic(path, text.as_bytes()).map_err(io)
}

/// Reads a session file, refusing a newer schema and naming any damage.
pub fn read(path: &Path) -> Result<SessionFile, SessionFileError> {
    let bytes = std::fs::read(path).map_err(|source| SessionFileError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse(path, &bytes)
}

/// Parses a session file's bytes (`path` is for messages).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<SessionFile, SessionFileError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() {
            SessionFileError::Truncated {
                path: path.to_owned(),
                line: e.line(),
                column: e.column(),
            }
        } else {
            SessionFileError::Syntax {
                path: path.to_owned(),
                line: e.line(),
                column: e.column(),
                detail: e.to_string(),
            }
        }
    })?;
    let shape = |detail: String| SessionFileError::Shape {
        path: path.to_owned(),
        detail,
    };
    match value.get("schema").and_then(serde_json::Value::as_u64) {
        None => return Err(shape("it has no `schema` number".to_owned())),
        Some(found) if found > u64::from(SESSION_SCHEMA) => {
            return Err(SessionFileError::Newer {
                path: path.to_owned(),
                found,
            });
        }
        Some(_) => {}
    }
    serde_json::from_value(value).map_err(|e| shape(e.to_string()))
}

/// The JSON Schema (draft 2020-12) of the session file.
#[must_use]
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(SessionFile)).unwrap_or_default();
    if let Some(o) = schema.as_object_mut() {
        o.insert("title".to_owned(), "evacdrill session file".into());
        o.insert(
            "description".to_owned(),
            "A recorded drill: the script as run, the schedule, every event, the drill record and a summary. See docs/session-format.md.".into(),
        );
    }
    schema
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use evacdrill_core::script::check_str;
    use evacdrill_core::session::{DrillTime, Input, Session};

    use super::{JournalReport, SessionFile, SessionFileError, parse, read, write};
    use crate::store::record::Record;
    use crate::store::resume::all_at_signal;

    const SCRIPT: &str = include_str!("../../tests/fixtures/two-stairs.toml");

    fn file() -> SessionFile {
        let script = check_str(SCRIPT)
            .script
            .unwrap_or_else(|| panic!("fixture"));
        let schedule = all_at_signal(&script);
        let mut session = Session::new(script, schedule).unwrap_or_else(|e| panic!("session: {e}"));
        let mut records = Vec::new();
        for (ms, input) in [
            (0, Input::ConfirmChecklist { item: 0 }),
            (
                0,
                Input::EndEarly {
                    reason: "rain".to_owned(),
                },
            ),
        ] {
            for event in session.apply(input, DrillTime(ms)).unwrap_or_default() {
                records.push(Record {
                    seq: records.len() as u64 + 1,
                    drill_ms: ms,
                    wall: format!("2026-03-02T10:00:0{}.000+08:00", records.len()),
                    event,
                });
            }
        }
        SessionFile::build(
            &session,
            "two-stairs.toml",
            SCRIPT,
            records,
            JournalReport::default(),
        )
    }

    #[test]
    fn a_written_file_reads_back_equal_and_replays() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = dir.path().join("d.session.json");
        let f = file();
        assert_eq!(
            f.record.ended_wall.as_deref(),
            Some("2026-03-02T10:00:01.000+08:00")
        );
        assert_eq!(f.record.drill.end_reason.as_deref(), Some("rain"));
        assert!(write(&path, &f).is_ok());
        let back = read(&path).unwrap_or_else(|e| panic!("read: {e}"));
        assert_eq!(back, f);
        let session = back.replay(&path).unwrap_or_else(|e| panic!("replay: {e}"));
        assert!(session.ending().is_some());
    }

    #[test]
    fn a_truncated_file_says_it_was_cut_short() {
        let text = serde_json::to_string_pretty(&file()).unwrap_or_default();
        let cut = &text.as_bytes()[..text.len() * 2 / 3];
        let err = parse(Path::new("d.session.json"), cut);
        assert!(
            matches!(err, Err(SessionFileError::Truncated { .. })),
            "{err:?}"
        );
        assert!(err.is_err_and(|e| e.to_string().contains("cut short")));
    }

    #[test]
    fn a_newer_schema_is_a_clear_error() {
        let mut value = serde_json::to_value(file()).unwrap_or_default();
        value["schema"] = 2.into();
        value["something_new"] = "x".into();
        let bytes = serde_json::to_vec(&value).unwrap_or_default();
        let err = parse(Path::new("d.session.json"), &bytes);
        assert!(
            matches!(err, Err(SessionFileError::Newer { found: 2, .. })),
            "{err:?}"
        );
    }

    #[test]
    fn damage_is_named() {
        let err = parse(
            Path::new("d.session.json"),
            b"{\"schema\": 1, \"events\": [}",
        );
        assert!(
            matches!(err, Err(SessionFileError::Syntax { line: 1, .. })),
            "{err:?}"
        );
        let err = parse(Path::new("d.session.json"), b"{\"schema\": 1}");
        assert!(err.is_err_and(|e| e.to_string().contains("missing field")),);
        let err = parse(Path::new("d.session.json"), b"[1, 2]");
        assert!(err.is_err_and(|e| e.to_string().contains("no `schema`")));
    }
}

//! One line of the journal: its JSON, its checksum, and how a damaged line
//! is recognised.
//!
//! A line is a JSON object followed by `\n`. Its last member is
//! `"crc":"xxxxxxxx"`: the CRC-32 (IEEE 802.3, the checksum of zlib and gzip),
//! in 8 lower-case hex digits, of the line's object *without* that member —
//! the bytes before `,"crc":` followed by `}`. Checking a line needs no JSON
//! canonicalisation: strip the 18-byte suffix, add `}`, compare.
//!
//! This file and `journal.rs` use nothing from the rest of the binary, so
//! that the benchmarks can include them (see benches/session.rs).

use evacdrill_core::script::Script;
use evacdrill_core::session::{DrillTime, Event, ReplayError, Schedule, Session};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The version of the journal format; a reader refuses a newer one.
pub const JOURNAL_SCHEMA: u32 = 1;

/// What the first line of a journal says it is.
pub const JOURNAL_MAGIC: &str = "evacdrill-journal";

/// `,"crc":"` + 8 hex digits + `"}`.
const CRC_SUFFIX_LEN: usize = 18;

/// The first line of a journal: what is being run, so that a resume or a
/// review needs nothing but the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Always [`JOURNAL_MAGIC`].
    pub journal: String,
    pub schema: u32,
    /// Wall-clock time the journal was created (RFC 3339 with offset).
    pub created: String,
    /// The script's file name, as given on the command line.
    pub script_name: String,
    /// The script's text as it was run.
    pub script_toml: String,
    /// The schedule the session started with.
    pub schedule: Schedule,
}

/// One event as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    /// 1 for the first event, then one more per event, without gaps.
    pub seq: u64,
    /// Milliseconds since the signal, from a monotonic clock.
    pub drill_ms: u64,
    /// Wall-clock time (RFC 3339 with offset); for people, never for durations.
    pub wall: String,
    pub event: Event,
}

/// The session that `records` rebuild over `script` and `schedule`: the one
/// replay of a recorded drill, whether it comes from a journal (resume,
/// review) or a session file.
pub fn replay(
    script: Script,
    schedule: Schedule,
    records: &[Record],
) -> Result<Session, ReplayError> {
    Session::replay(
        script,
        schedule,
        records.iter().map(|r| (DrillTime(r.drill_ms), &r.event)),
    )
}

/// Why a line is not a good line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error("the line has no checksum")]
    NoChecksum,
    #[error("the checksum does not match the line")]
    Checksum,
    #[error("the line is not what a journal line holds: {0}")]
    Json(String),
}

/// Encodes `value` (a JSON object) as a journal line, checksum and newline included.
pub fn encode<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(value)?;
    let body = json.strip_suffix('}').unwrap_or(&json);
    let crc = crc32fast::hash(json.as_bytes());
    Ok(format!("{body},\"crc\":\"{crc:08x}\"}}\n"))
}

/// Decodes one line (without its newline), checking the checksum first.
pub fn decode<T: DeserializeOwned>(line: &[u8]) -> Result<T, LineError> {
    if line.len() < CRC_SUFFIX_LEN + 2 {
        return Err(LineError::NoChecksum);
    }
    let (body, suffix) = line.split_at(line.len() - CRC_SUFFIX_LEN);
    let hex = suffix
        .strip_prefix(b",\"crc\":\"")
        .and_then(|s| s.strip_suffix(b"\"}"))
        .and_then(|h| std::str::from_utf8(h).ok())
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .ok_or(LineError::NoChecksum)?;
    let mut object = Vec::with_capacity(body.len() + 1);
    object.extend_from_slice(body);
    object.push(b'}');
    if crc32fast::hash(&object) != hex {
        return Err(LineError::Checksum);
    }
    serde_json::from_slice(&object).map_err(|e| LineError::Json(e.to_string()))
}

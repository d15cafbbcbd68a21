//! The sample drill's files: its journal (through the real journal, synced
//! per event) and its session file, with wall times from a given signal.

use std::path::Path;

use evacdrill_core::session::Event;
use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};

use super::Sample;
use crate::store::journal::{Journal, sync_dir};
use crate::store::record::{Header, JOURNAL_MAGIC, JOURNAL_SCHEMA, Record};
use crate::store::session_file::{JournalReport, SessionFile};

/// The format of every wall time evacdrill writes (as `store::wall`).
const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.3f%:z";

/// Wall-clock times counted from the signal at `start` (RFC 3339 with offset).
#[derive(Debug, Clone)]
pub struct WallClock {
    start: Timestamp,
    zone: TimeZone,
}

impl WallClock {
    /// The clock whose signal was at `start`, keeping `start`'s offset.
    pub fn new(start: &str) -> Result<Self, String> {
        let ts: Timestamp = start
            .parse()
            .map_err(|e| format!("`{start}` is not an RFC 3339 time: {e}"))?;
        let offset = offset_of(start).ok_or_else(|| format!("`{start}` has no offset"))?;
        Ok(Self {
            start: ts,
            zone: TimeZone::fixed(offset),
        })
    }

    /// The clock whose signal is at `start`, in the fixed `offset`.
    #[must_use]
    pub fn at_timestamp(start: Timestamp, offset: Offset) -> Self {
        Self {
            start,
            zone: TimeZone::fixed(offset),
        }
    }

    /// The same clock with its signal `weeks` weeks later (the next drill).
    #[must_use]
    pub fn weeks_later(&self, weeks: u32) -> Self {
        let start = self
            .start
            .checked_add(jiff::SignedDuration::from_hours(i64::from(weeks) * 7 * 24))
            .unwrap_or(self.start);
        Self {
            start,
            zone: self.zone.clone(),
        }
    }

    /// The signal's date and time of day, for a file name: `20260302-1000`.
    #[must_use]
    pub fn stamp(&self) -> String {
        self.start
            .to_zoned(self.zone.clone())
            .strftime("%Y%m%d-%H%M")
            .to_string()
    }

    /// The wall time `ms` after the signal.
    #[must_use]
    pub fn at(&self, ms: u64) -> String {
        let t = self
            .start
            .checked_add(jiff::SignedDuration::from_millis(
                i64::try_from(ms).unwrap_or(i64::MAX),
            ))
            .unwrap_or(self.start);
        t.to_zoned(self.zone.clone()).strftime(FORMAT).to_string()
    }
}

/// The `+08:00` / `Z` at the end of an RFC 3339 time.
fn offset_of(s: &str) -> Option<Offset> {
    if s.ends_with('Z') || s.ends_with('z') {
        return Some(Offset::UTC);
    }
    let tail = s.get(s.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

/// The sample's events as journal records, with wall times from `clock`.
#[must_use]
pub fn records(sample: &Sample, clock: &WallClock) -> Vec<Record> {
    sample
        .events
        .iter()
        .zip(1..)
        .map(|((at, event), seq)| Record {
            seq,
            drill_ms: at.ms(),
            wall: clock.at(at.ms()),
            event: event.clone(),
        })
        .collect()
}

/// The session file of the sample.
#[must_use]
pub fn session_file(
    sample: &Sample,
    script_name: &str,
    script_toml: &str,
    clock: &WallClock,
) -> SessionFile {
    SessionFile::build(
        &sample.session,
        script_name,
        script_toml,
        records(sample, clock),
        JournalReport::default(),
    )
}

/// Writes the sample's journal at `path` through the real journal: one
/// append (synced) per drill moment.
///
/// The journal is written under a temporary name beside `path` and renamed
/// over it when complete, so that a reader never finds half a sample (which
/// would look like a drill that did not end).
pub fn write_journal(
    path: &Path,
    sample: &Sample,
    script_name: &str,
    script_toml: &str,
    clock: &WallClock,
) -> Result<(), Box<dyn std::error::Error>> {
    let header = Header {
        journal: JOURNAL_MAGIC.to_owned(),
        schema: JOURNAL_SCHEMA,
        created: clock.at(0),
        script_name: script_name.to_owned(),
        script_toml: script_toml.to_owned(),
        schedule: sample.schedule.clone(),
    };
    let name = path
        .file_name()
        .map_or_else(|| "journal".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let written = (|| -> Result<(), Box<dyn std::error::Error>> {
        let mut journal = Journal::create(&tmp, &header)?;
        let mut i = 0;
        while i < sample.events.len() {
            let at = sample.events[i].0;
            let group: Vec<Event> = sample.events[i..]
                .iter()
                .take_while(|(t, _)| *t == at)
                .map(|(_, e)| e.clone())
                .collect();
            i += group.len();
            journal.append(at.ms(), &clock.at(at.ms()), &group)?;
        }
        drop(journal);
        std::fs::rename(&tmp, path)?;
        sync_dir(path)?;
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

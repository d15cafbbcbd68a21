//! Wall-clock time for the records a drill writes.
//!
//! A live drill stamps each record with the system's clock; a generated
//! drill (the sample, tests) with times counted from a given signal, so that
//! its files are the same on every run.

use evacdrill_core::session::DrillTime;
use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};

/// The format of every wall time evacdrill writes: `2026-03-02T10:15:41.250+08:00`.
const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.3f%:z";

/// Where a record's wall time comes from.
pub trait Wall {
    /// The wall time (RFC 3339 with offset) of something recorded at drill
    /// time `at`.
    fn now(&self, at: DrillTime) -> String;
}

/// The system's clock, with the local offset.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemWall;

impl Wall for SystemWall {
    fn now(&self, _at: DrillTime) -> String {
        crate::store::wall::now()
    }
}

/// Wall times counted from a signal at a fixed moment, keeping its offset.
#[derive(Debug, Clone)]
pub struct FixedWall {
    start: Timestamp,
    zone: TimeZone,
}

impl FixedWall {
    /// The clock whose signal was at `start` (RFC 3339 with offset).
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

    /// The same clock with its signal `weeks` weeks later (the next drill of
    /// a series, as `evacdrill sample --drills N` writes them).
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

impl Wall for FixedWall {
    fn now(&self, at: DrillTime) -> String {
        self.at(at.ms())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_wall_counts_from_its_signal_in_its_offset() {
        let w = FixedWall::new("2026-03-02T10:00:00+08:00").unwrap();
        assert_eq!(w.now(DrillTime(61_250)), "2026-03-02T10:01:01.250+08:00");
        let z = FixedWall::new("2026-03-02T02:00:00Z").unwrap();
        assert_eq!(z.at(0), "2026-03-02T02:00:00.000+00:00");
    }

    #[test]
    fn a_fixed_wall_a_week_later_keeps_its_offset_and_names_its_file() {
        let w = FixedWall::new("2026-03-02T10:00:00+08:00").unwrap();
        let next = w.weeks_later(1);
        assert_eq!(next.at(0), "2026-03-09T10:00:00.000+08:00");
        assert_eq!(next.stamp(), "20260309-1000");
        let z = FixedWall::at_timestamp(Timestamp::UNIX_EPOCH, Offset::UTC);
        assert_eq!(z.stamp(), "19700101-0000");
    }

    #[test]
    fn a_time_without_offset_is_refused() {
        assert!(FixedWall::new("2026-03-02T10:00:00").is_err());
        assert!(FixedWall::new("yesterday").is_err());
    }
}

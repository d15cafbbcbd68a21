//! Wall-clock time for the journal: RFC 3339 with the local offset.
//!
//! Wall time is for people (the date and time of the drill, when each thing
//! happened by the school's clock). Durations never come from it, with one
//! exception that has no better source: the time the program was not running
//! after a crash, which is recorded as such.

use jiff::{Timestamp, Zoned};

/// The format of every wall time evacdrill writes: `2026-03-02T10:15:41.250+08:00`.
const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.3f%:z";

/// The wall-clock time now, with the local offset.
#[must_use]
pub fn now() -> String {
    Zoned::now().strftime(FORMAT).to_string()
}

/// Milliseconds of wall time from `since` (a recorded wall time) to now;
/// zero if the clock now reads earlier, `None` if `since` is not a time.
#[must_use]
pub fn elapsed_ms(since: &str) -> Option<u64> {
    let then: Timestamp = since.parse().ok()?;
    let ms = Timestamp::now().as_millisecond() - then.as_millisecond();
    Some(u64::try_from(ms).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::{elapsed_ms, now};

    #[test]
    fn our_own_times_parse_back_and_garbage_does_not() {
        let t = now();
        assert!(elapsed_ms(&t).is_some_and(|ms| ms < 60_000), "{t}");
        assert_eq!(elapsed_ms("yesterday"), None);
        assert_eq!(elapsed_ms("2100-01-01T00:00:00+08:00"), Some(0));
    }
}

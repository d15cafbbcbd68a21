//! Drill time: milliseconds since the signal, from the caller's monotonic clock.
//!
//! The core never reads a clock. The binary measures drill time with a
//! monotonic clock and passes it in; the wall-clock time is kept beside each
//! event by the journal, for people, and never enters a duration. A wall-clock
//! jump (NTP, a time-zone change) therefore cannot change any figure the
//! review computes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::units::Seconds;

/// A moment of the drill: milliseconds since the signal.
///
/// Events before the signal (the briefing) carry drill time zero; their wall
/// time orders them for people.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(transparent)]
pub struct DrillTime(pub u64);

impl DrillTime {
    /// The signal.
    pub const ZERO: Self = Self(0);

    /// Milliseconds since the signal.
    #[must_use]
    pub const fn ms(self) -> u64 {
        self.0
    }

    /// Milliseconds from `earlier` to `self`, zero when `earlier` is later.
    #[must_use]
    pub const fn since(self, earlier: Self) -> u64 {
        self.0.saturating_sub(earlier.0)
    }

    /// This moment in seconds since the signal, for display and the flow model.
    #[must_use]
    pub fn seconds(self) -> Seconds {
        Seconds(self.0 as f64 / 1000.0)
    }

    /// The drill time `s` seconds after the signal, to the nearest
    /// millisecond; a negative time is the signal.
    ///
    /// Exact for the planner's times (whole tenths of a second) and for any
    /// time that came from [`DrillTime::seconds`]: `k / 10` and `100k / 1000`
    /// are the same rational, so both round to the same `f64`.
    #[must_use]
    pub fn from_seconds(s: Seconds) -> Self {
        Self((s.0.max(0.0) * 1000.0).round() as u64)
    }
}

impl std::fmt::Display for DrillTime {
    /// `m:ss.t`, the way a stopwatch shows it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = self.0 / 100;
        write!(
            f,
            "{}:{:02}.{}",
            tenths / 600,
            (tenths / 10) % 60,
            tenths % 10
        )
    }
}

#[cfg(test)]
mod tests {
    use super::DrillTime;
    use crate::units::Seconds;

    #[test]
    fn shows_like_a_stopwatch_and_never_goes_negative() {
        assert_eq!(DrillTime(83_456).to_string(), "1:23.4");
        assert_eq!(DrillTime(5).since(DrillTime(9)), 0);
        assert_eq!(DrillTime(9_000).since(DrillTime(1_500)), 7_500);
    }

    #[test]
    fn seconds_round_trip_exactly_on_the_planners_grid() {
        for k in 0..100_000_u32 {
            let planned = Seconds(f64::from(k) / 10.0);
            let at = DrillTime::from_seconds(planned);
            assert_eq!(at, DrillTime(u64::from(k) * 100));
            assert_eq!(at.seconds().0.to_bits(), planned.0.to_bits(), "{k}");
        }
        assert_eq!(DrillTime::from_seconds(Seconds(-3.0)), DrillTime::ZERO);
        assert_eq!(DrillTime::from_seconds(Seconds(1.2346)), DrillTime(1_235));
    }
}

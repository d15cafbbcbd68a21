//! The drill clock: monotonic, started at the signal, optionally sped up for
//! rehearsals. A wall-clock change cannot move it.

use std::time::Instant;

use evacdrill_core::session::DrillTime;

/// Drill time from a monotonic clock.
#[derive(Debug, Clone)]
pub struct Clock {
    /// When drill time `base` was read; `None` until the signal.
    started: Option<Instant>,
    base: DrillTime,
    speed: f64,
}

impl Clock {
    /// A clock standing at `base` (zero, or where a resumed drill was), that
    /// will run `speed` times faster than real time once started.
    #[must_use]
    pub fn new(base: DrillTime, speed: f64) -> Self {
        Self {
            started: None,
            base,
            speed: if speed.is_finite() && speed > 0.0 {
                speed
            } else {
                1.0
            },
        }
    }

    /// Starts the clock now, if it is not running.
    pub fn start(&mut self) {
        if self.started.is_none() {
            self.started = Some(Instant::now());
        }
    }

    /// The drill time now.
    #[must_use]
    pub fn now(&self) -> DrillTime {
        match self.started {
            None => self.base,
            Some(t0) => {
                let ms = t0.elapsed().as_secs_f64() * 1000.0 * self.speed;
                DrillTime(self.base.ms() + ms as u64)
            }
        }
    }
}

//! Inline SVG charts for the HTML report: the timeline (a Gantt chart, in
//! `svg/timeline.rs`) and the trend across drills (a line chart, in
//! `svg/trend.rs`). Plain SVG 1.1 with no script and no external reference,
//! so the report stays one self-contained file.

mod timeline;
mod trend;

use evacdrill_core::review::HoldReason;

pub use timeline::timeline;
pub use trend::trend;

const WIDTH: f64 = 1000.0;
const LEFT: f64 = 120.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 26.0;
const LANE: f64 = 20.0;
const ROW_PAD: f64 = 8.0;

/// The colour of a hold's shading, by its reason.
#[must_use]
pub const fn hold_colour(r: HoldReason) -> &'static str {
    match r {
        HoldReason::Coordinator => "#f2c94c",
        HoldReason::Congestion => "#eb8c5e",
        HoldReason::MarshalAbsent => "#b9b9c8",
        HoldReason::Blocked => "#7f7f7f",
    }
}

/// A tick spacing that gives at most about ten ticks over `end_ms`.
fn tick_ms(end_ms: u64) -> u64 {
    const STEPS_S: [u64; 9] = [5, 10, 15, 30, 60, 120, 300, 600, 1800];
    STEPS_S
        .iter()
        .map(|s| s * 1000)
        .find(|s| end_ms / s <= 10)
        .unwrap_or(3_600_000)
}

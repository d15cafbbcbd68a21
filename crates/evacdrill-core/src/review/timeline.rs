//! The Gantt chart's data: one row per stairwell, each class a bar from its
//! release to its last person out, the plan as a ghost bar behind it, holds
//! as shaded spans, problems as markers. The terminal and the SVG draw the
//! same data.
//!
//! The plan gives each class a release time but no out time (the session
//! file holds the schedule, not the planner's predictions), so the ghost
//! bar is the class's actual duration moved to its planned release: the gap
//! between the ghost and the bar is the delay. A class not yet out has a
//! ghost bar of no length.

use serde::Serialize;

use crate::script::{ClassId, StairwellId};
use crate::session::{Place, ProblemCategory, Session};

use super::classes::ClassReview;
use super::problems::ProblemReview;
use super::spans::{HoldSpan, Spans};

/// The whole chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// The right edge: the latest time anything in the chart reaches.
    pub end_ms: u64,
    pub rows: Vec<TimelineRow>,
    /// Problems placed on a floor or nowhere in particular.
    pub general: Vec<Marker>,
}

/// One stairwell's row; its bars sit in `lanes` sub-rows so that classes
/// on the stairs at the same time do not cover each other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineRow {
    pub stairwell: StairwellId,
    pub lanes: usize,
    pub bars: Vec<Bar>,
    pub holds: Vec<HoldSpan>,
    pub markers: Vec<Marker>,
}

/// One class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bar {
    pub class: ClassId,
    pub planned_ms: u64,
    /// The ghost bar's end (see the module documentation).
    pub planned_end_ms: u64,
    pub released_ms: Option<u64>,
    pub out_ms: Option<u64>,
    /// Which sub-row of the stairwell it is drawn in (0 = top).
    pub lane: usize,
}

impl Bar {
    /// The time span the bar and its ghost take together.
    #[must_use]
    pub fn extent(&self) -> (u64, u64) {
        let start = self
            .released_ms
            .map_or(self.planned_ms, |r| r.min(self.planned_ms));
        let end = self
            .out_ms
            .unwrap_or(self.planned_end_ms)
            .max(self.planned_end_ms)
            .max(start);
        (start, end)
    }
}

/// A problem on the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Marker {
    pub at_ms: u64,
    pub seq: u64,
    pub category: ProblemCategory,
}

pub(super) fn build(
    session: &Session,
    classes: &[ClassReview],
    spans: &Spans,
    problems: &[ProblemReview],
) -> Timeline {
    // The chart ends when the evacuation does (or the last thing in it),
    // not when the accounting does; holds still open then are cut there.
    let mut end_ms = session.all_out().map_or(0, crate::session::DrillTime::ms);
    let mut rows = Vec::new();
    let mut general = Vec::new();
    for s in session.script().stairwells.iter().map(|s| &s.id) {
        let mut bars: Vec<Bar> = classes
            .iter()
            .filter(|c| &c.summary.stairwell == s)
            .map(|c| {
                let planned = c.summary.planned_ms;
                Bar {
                    class: c.summary.id.clone(),
                    planned_ms: planned,
                    planned_end_ms: planned + c.release_to_out_ms.unwrap_or(0),
                    released_ms: c.summary.released_ms,
                    out_ms: c.summary.out_ms,
                    lane: 0,
                }
            })
            .collect();
        let lanes = assign_lanes(&mut bars);
        let holds: Vec<HoldSpan> = spans.of(s).cloned().collect();
        if bars.is_empty() && holds.is_empty() {
            continue;
        }
        end_ms = bars
            .iter()
            .map(|b| b.extent().1)
            .chain(holds.iter().filter(|h| !h.open).map(|h| h.to_ms))
            .fold(end_ms, u64::max);
        rows.push(TimelineRow {
            stairwell: s.clone(),
            lanes,
            bars,
            holds,
            markers: Vec::new(),
        });
    }
    for p in problems.iter().filter(|p| !p.withdrawn) {
        let marker = Marker {
            at_ms: p.drill_ms,
            seq: p.seq,
            category: p.category,
        };
        let stairwell = match &p.place {
            Place::Stairwell(s) => Some(s.clone()),
            Place::Class(c) => session.class(c).map(|c| c.stairwell.clone()),
            Place::Floor(_) | Place::Unspecified => None,
        };
        match stairwell.and_then(|s| rows.iter_mut().find(|r| r.stairwell == s)) {
            Some(row) => row.markers.push(marker),
            None => general.push(marker),
        }
    }
    end_ms = problems
        .iter()
        .filter(|p| !p.withdrawn)
        .map(|p| p.drill_ms)
        .fold(end_ms, u64::max)
        .max(1);
    for row in &mut rows {
        for h in &mut row.holds {
            h.to_ms = h.to_ms.min(end_ms).max(h.from_ms);
        }
    }
    Timeline {
        end_ms,
        rows,
        general,
    }
}

/// Puts each bar in the first lane free at its start, earliest first;
/// returns the number of lanes (at least 1).
fn assign_lanes(bars: &mut [Bar]) -> usize {
    bars.sort_by_key(|b| (b.extent().0, b.class.clone()));
    let mut lane_ends: Vec<u64> = Vec::new();
    for b in bars.iter_mut() {
        let (start, end) = b.extent();
        let lane = if let Some(l) = lane_ends.iter().position(|&e| e <= start) {
            l
        } else {
            lane_ends.push(0);
            lane_ends.len() - 1
        };
        lane_ends[lane] = end.max(start + 1);
        b.lane = lane;
    }
    lane_ends.len().max(1)
}

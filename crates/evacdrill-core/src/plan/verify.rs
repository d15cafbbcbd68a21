//! An independent check of a finished plan against the rule of
//! docs/flow-model.md, from the bookings alone: the planner's ledger is not
//! consulted, so a slip in its bookkeeping cannot hide here.
//!
//! At every node and every moment: the flow is within capacity; where a
//! floor stream meets a stair stream, within `merge_factor ×` capacity; the
//! adult-equivalent density of the streams is within `max_density`.

use serde::Serialize;

use super::ledger::TIME_EPS;
use super::problem::Problem;
use super::search::Booking;
use crate::script::StairwellId;

/// Which limit a moment of a plan breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ViolationKind {
    /// More people per second than the node's safe capacity.
    Capacity,
    /// A floor stream and a stair stream together above `merge_factor ×` capacity.
    Merge,
    /// Adult-equivalent density above `max_density`.
    Density,
}

/// A moment at which a plan breaks a limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub stairwell: StairwellId,
    /// The floor whose landing it is (the exit floor: the foot of the stair).
    pub floor: i32,
    pub at_s: f64,
    pub kind: ViolationKind,
    pub value: f64,
    pub limit: f64,
}

/// What the check found for one stairwell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    pub violations: Vec<Violation>,
    /// Highest adult-equivalent density at any node, p/m².
    pub peak_density: f64,
    /// Highest flow at any node, p/s.
    pub peak_flow: f64,
}

/// Checks the bookings of stairwell `stair`.
#[must_use]
pub fn check(problem: &Problem<'_>, stair: usize, bookings: &[Booking]) -> Checked {
    let script = problem.script;
    let spec = &problem.stairs[stair];
    let safety = &script.safety;
    let mut out = Checked::default();
    let mine: Vec<&Booking> = bookings
        .iter()
        .filter(|b| problem.routes[b.route].stair == stair)
        .collect();
    for j in 0..spec.caps.len() {
        // (time, start?, flow, density, floor?)
        let mut events: Vec<(f64, bool, f64, f64, bool)> = Vec::new();
        for b in &mine {
            let r = &problem.routes[b.route];
            if r.top < j {
                continue;
            }
            let start = b.release + r.offsets[j];
            let end = start + r.people / b.pace;
            let dens = b.pace / (spec.we * r.speed) * safety.child_factor;
            let floor = r.top == j;
            events.push((start, true, b.pace, dens, floor));
            events.push((end, false, b.pace, dens, floor));
        }
        events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let (mut flow, mut dens, mut floors, mut stairs) = (0.0_f64, 0.0_f64, 0_i32, 0_i32);
        let mut prev = f64::NEG_INFINITY;
        for (t, start, f, d, floor) in events {
            if t - prev > TIME_EPS && (floors > 0 || stairs > 0) {
                out.peak_density = out.peak_density.max(dens);
                out.peak_flow = out.peak_flow.max(flow);
                let merging = floors > 0 && stairs > 0;
                let limit = if merging {
                    spec.merge * spec.caps[j]
                } else {
                    spec.caps[j]
                };
                let mut flag = |kind, value: f64, limit: f64| {
                    out.violations.push(Violation {
                        stairwell: script.stairwells[stair].id.clone(),
                        floor: script.building.exit_floor + i32::try_from(j).unwrap_or(0),
                        at_s: prev,
                        kind,
                        value,
                        limit,
                    });
                };
                if flow > limit + 1e-6 {
                    let kind = if merging && flow <= spec.caps[j] + 1e-6 {
                        ViolationKind::Merge
                    } else {
                        ViolationKind::Capacity
                    };
                    flag(kind, flow, limit);
                }
                if dens > safety.max_density.0 + 1e-6 {
                    flag(ViolationKind::Density, dens, safety.max_density.0);
                }
            }
            prev = t;
            let sign = if start { 1.0 } else { -1.0 };
            flow += sign * f;
            dens += sign * d;
            let step = if start { 1 } else { -1 };
            if floor {
                floors += step;
            } else {
                stairs += step;
            }
        }
    }
    out
}

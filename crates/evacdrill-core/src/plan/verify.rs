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

/// Which kind of node of a stairwell (docs/flow-model.md, "Nodes of a
/// stairwell").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Node {
    /// The stair head of a floor above the exit floor.
    Landing,
    /// The foot of the stair: stair users only.
    Foot,
    /// The exit door: the exit floor's classes and the stair stream.
    Door,
}

/// A moment at which a plan breaks a limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub stairwell: StairwellId,
    /// The floor whose landing it is (the exit floor: the foot of the stair
    /// or the exit door, as `node` says).
    pub floor: i32,
    pub node: Node,
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
    let door = spec.caps.len() - 1;
    for j in 0..spec.caps.len() {
        // (time, start?, flow, density, floor?)
        let mut events: Vec<(f64, bool, f64, f64, bool)> = Vec::new();
        for b in &mine {
            let r = &problem.routes[b.route];
            // Its nodes, from the route's own numbers rather than its
            // `passes`: the foot and landings up to its floor for a stair
            // user, the door for everyone.
            let (offset, floor) = if j == door {
                (r.offsets[0] + r.exit_walk, r.top == 0)
            } else if r.top > 0 && j <= r.top {
                (r.offsets[j], r.top == j)
            } else {
                continue;
            };
            let start = b.release + offset;
            let end = start + r.people / b.pace;
            // The door is level floor, not a stair: no stair density there.
            let dens = if j == door {
                0.0
            } else {
                b.pace / (spec.we * r.speed) * safety.child_factor
            };
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
                let (node, floor) = spec.node(j, script.building.exit_floor);
                let mut flag = |kind, value: f64, limit: f64| {
                    out.violations.push(Violation {
                        stairwell: script.stairwells[stair].id.clone(),
                        floor,
                        node,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PlanOptions;
    use crate::script::check_str;

    /// One stairwell of 1.5 m (1.2 p/s) with an exit door of 1.8 m
    /// (1.95 p/s at 1.3 p/(s·m)); one class on the exit floor, two on floor 2.
    const SCRIPT: &str = r#"schema = 1
[drill]
name = "nodes"
[building]
name = "b"
exit_floor = 1
storey_height_m = 3.6
[[stairwell]]
id = "A"
width_m = 1.5
exit_width_m = 1.8
exit_walk_m = 10
marshal = "m"
[[class]]
id = "g"
grade = 1
floor = 1
headcount = 40
stairwell = "A"
corridor_m = 8
teacher = "t"
[[class]]
id = "u1"
grade = 6
floor = 2
headcount = 40
stairwell = "A"
corridor_m = 8
teacher = "t"
[[class]]
id = "u2"
grade = 6
floor = 2
headcount = 40
stairwell = "A"
corridor_m = 8
teacher = "t"
"#;

    fn kinds(bookings: &[Booking]) -> Vec<(Node, ViolationKind)> {
        let script = check_str(SCRIPT).script.expect("checks");
        let problem = Problem::new(&script, &PlanOptions::default()).expect("a problem");
        let mut v: Vec<(Node, ViolationKind)> = check(&problem, 0, bookings)
            .violations
            .iter()
            .map(|v| (v.node, v.kind))
            .collect();
        v.dedup();
        v
    }

    fn at(route: usize, release: f64, pace: f64) -> Booking {
        Booking {
            route,
            release,
            pace,
        }
    }

    #[test]
    fn an_exit_floor_class_meets_the_stair_stream_at_the_door_not_the_foot() {
        // The ground-floor class at 0.78 p/s beside a stair stream of
        // 0.7 p/s: 1.48 p/s through the door while both run, above
        // 0.75 × 1.95 = 1.46, and nowhere else.
        assert_eq!(
            kinds(&[at(0, 20.0, 0.78), at(1, 0.0, 0.7)]),
            [(Node::Door, ViolationKind::Merge)]
        );
        // Alone beside a slower stair stream, the merge rule holds: the
        // ground-floor class never touches the stair's 1.2 p/s.
        assert!(kinds(&[at(0, 20.0, 0.78), at(1, 0.0, 0.6)]).is_empty());
    }

    #[test]
    fn the_foot_carries_stair_users_only_at_the_stair_capacity() {
        // Two floor-2 classes at 0.7 p/s each: 1.4 p/s at their landing and
        // at the foot, above 1.2; the door (1.95) takes it.
        let found = kinds(&[at(1, 0.0, 0.7), at(2, 0.0, 0.7)]);
        assert!(
            found.contains(&(Node::Landing, ViolationKind::Capacity)),
            "{found:?}"
        );
        assert!(
            found.contains(&(Node::Foot, ViolationKind::Capacity)),
            "{found:?}"
        );
        assert!(!found.iter().any(|(n, _)| *n == Node::Door), "{found:?}");
    }
}

//! Turning bookings into the reported [`Plan`]: per stairwell and class
//! figures, the independent check, the bounds, the baselines, the critical
//! stairwell and the red flags.

use super::advice::{critical, round1, round2};
use super::baseline::{self, Crowd};
use super::output::{ClassPlan, Ordering, PLAN_SCHEMA, Plan, RedFlag, StairwellPlan};
use super::problem::Problem;
use super::search::Booking;
use super::verify::{self, Violation};
use super::{PlanError, PlanOptions, bounds};
use crate::script::{ClassId, Gate, Policy};
use crate::sim::LocationKind;

/// A ratio to a thousandth; zero over a zero bound.
pub(super) fn ratio(x: f64, bound: f64) -> f64 {
    if bound > 0.0 {
        (x / bound * 1000.0).round() / 1000.0
    } else {
        0.0
    }
}

/// Builds the plan from the bookings, or refuses an unsafe one.
pub fn build(
    problem: &Problem<'_>,
    policy: Policy,
    opts: &PlanOptions,
    bookings: &[Booking],
) -> Result<Plan, PlanError> {
    let script = problem.script;
    let (safe, physical, each) = bounds(problem);
    let checked = stairwell_plans(problem, bookings, &each);
    let any_fixed = problem.routes.iter().any(|r| r.fixed.is_some());
    if !checked.violations.is_empty() && !any_fixed {
        return Err(PlanError::Unsafe {
            violations: checked.violations,
        });
    }
    let end = bookings.iter().fold(0.0_f64, |e, b| {
        e.max(problem.routes[b.route].out(b.release, b.pace))
    });
    let classes = class_plans(problem, bookings);
    let simulated = baseline::simulate(script, &opts.blocked, &classes, end, safe)?;
    let red_flags = red_flags(
        problem,
        end,
        &checked.peak_density,
        simulated.crowd.as_ref(),
    );
    let clear: Vec<f64> = checked
        .stairwells
        .iter()
        .map(|s| s.predicted_clear_s)
        .collect();
    Ok(Plan {
        schema: PLAN_SCHEMA,
        policy,
        ordering: if script.waves.is_empty() {
            Ordering::Policy
        } else {
            Ordering::Waves
        },
        lower_bound_s: round1(safe),
        predicted_end_s: round1(end),
        violations: checked.violations,
        stairwells: checked.stairwells,
        classes,
        baselines: simulated.baselines,
        staggering: simulated.staggering,
        physical_lower_bound_s: round1(physical),
        ratio: ratio(end, safe),
        not_before_s: opts.not_before.0,
        blocked: opts.blocked.clone(),
        critical: critical(problem, policy, opts, &clear),
        red_flags,
        risk: None,
    })
}

/// The figures of every stairwell, and what the independent check found.
struct CheckedStairwells {
    stairwells: Vec<StairwellPlan>,
    violations: Vec<Violation>,
    /// Per stairwell, persons per m².
    peak_density: Vec<f64>,
}

/// Checks every stairwell's bookings independently and sums them up;
/// `each` is the lower bound of each stairwell.
fn stairwell_plans(problem: &Problem<'_>, bookings: &[Booking], each: &[f64]) -> CheckedStairwells {
    let script = problem.script;
    let mut out = CheckedStairwells {
        stairwells: Vec::with_capacity(problem.stairs.len()),
        violations: Vec::new(),
        peak_density: vec![0.0; problem.stairs.len()],
    };
    for (s, stair) in problem.stairs.iter().enumerate() {
        let checked = verify::check(problem, s, bookings);
        out.violations.extend(checked.violations);
        out.peak_density[s] = checked.peak_density;
        let mine: Vec<&Booking> = bookings
            .iter()
            .filter(|b| problem.routes[b.route].stair == s)
            .collect();
        let clear = mine.iter().fold(0.0_f64, |e, b| {
            e.max(problem.routes[b.route].out(b.release, b.pace))
        });
        out.stairwells.push(StairwellPlan {
            id: script.stairwells[s].id.clone(),
            capacity_pps: round2(stair.capacity),
            people: mine
                .iter()
                .map(|b| script.classes[problem.routes[b.route].class].headcount)
                .sum(),
            predicted_clear_s: round1(clear),
            peak_density_ppm2: round2(checked.peak_density),
            peak_queue: 0,
            classes: mine.len(),
            lower_bound_s: round1(each[s]),
            blocked: stair.blocked,
            gate: stair.gate,
        });
    }
    out
}

/// Every class's release, by release time, then stairwell, then script
/// order.
fn class_plans(problem: &Problem<'_>, bookings: &[Booking]) -> Vec<ClassPlan> {
    let script = problem.script;
    let wave_of = |id: &ClassId| script.waves.iter().position(|w| w.classes.contains(id));
    let mut classes: Vec<ClassPlan> = bookings
        .iter()
        .map(|b| {
            let r = &problem.routes[b.route];
            let c = &script.classes[r.class];
            ClassPlan {
                id: c.id.clone(),
                stairwell: script.stairwells[r.stair].id.clone(),
                release_s: b.release,
                pace_pps: b.pace,
                predicted_out_s: round1(r.out(b.release, b.pace)),
                at_stair_s: round1(b.release + r.offsets[r.top]),
                floor: c.floor,
                grade: c.grade,
                people: c.headcount,
                alternate: r.alternate,
                fixed: r.fixed.is_some(),
                wave: wave_of(&c.id).map(|w| w + 1),
            }
        })
        .collect();
    let position = |id: &ClassId| script.classes.iter().position(|c| &c.id == id);
    classes.sort_by(|a, b| {
        a.release_s
            .total_cmp(&b.release_s)
            .then(a.stairwell.cmp(&b.stairwell))
            .then(position(&a.id).cmp(&position(&b.id)))
    });
    classes
}

/// What the coordinator must look at: over target, dense stairwells, the
/// crowd an unmanaged release makes, gates nobody keeps, classes with no
/// way round.
fn red_flags(
    problem: &Problem<'_>,
    end: f64,
    peak_density: &[f64],
    crowd: Option<&Crowd>,
) -> Vec<RedFlag> {
    let script = problem.script;
    let mut red_flags = Vec::new();
    if let Some(target) = script.drill.target {
        if end > target.0 {
            red_flags.push(RedFlag::OverTarget {
                predicted_end_s: round1(end),
                target_s: target.0,
            });
        }
    }
    for (s, d) in peak_density.iter().enumerate() {
        if *d >= script.safety.red_flag_density.0 {
            red_flags.push(RedFlag::Density {
                stairwell: script.stairwells[s].id.clone(),
                density_ppm2: round2(*d),
            });
        }
    }
    if let Some(crowd) = crowd.filter(|c| c.density >= script.safety.red_flag_density.0) {
        let floor = match &crowd.location.kind {
            LocationKind::Landing { floor } => *floor,
            LocationKind::MidLanding { storey } | LocationKind::Flight { storey, .. } => *storey,
            LocationKind::Corridor { .. } | LocationKind::ExitWalk { .. } => {
                script.building.exit_floor
            }
        };
        red_flags.push(RedFlag::UnmanagedCrowding {
            stairwell: crowd.stairwell.clone(),
            floor,
            place: crowd.location.kind.clone(),
            queue: crowd.queue.max(0.0).round() as u32,
            density_ppm2: round2(crowd.density),
        });
    }
    for (s, stairwell) in script.stairwells.iter().enumerate() {
        let used = problem.routes.iter().any(|r| r.stair == s);
        if used && stairwell.gate == Gate::Clear && stairwell.marshal.is_none() {
            red_flags.push(RedFlag::GateWithoutMarshal {
                stairwell: stairwell.id.clone(),
            });
        }
        let alone: Vec<ClassId> = script
            .classes
            .iter()
            .filter(|c| c.stairwell == stairwell.id && c.alternate.is_none())
            .map(|c| c.id.clone())
            .collect();
        if !alone.is_empty() && !problem.stairs[s].blocked {
            red_flags.push(RedFlag::NoAlternate {
                stairwell: stairwell.id.clone(),
                classes: alone,
            });
        }
    }
    red_flags
}

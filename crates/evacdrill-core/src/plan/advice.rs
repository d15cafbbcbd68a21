//! The critical stairwell and what would move the bound most: classes moved
//! one at a time to another stairwell that serves their floor, each time the
//! move that lowers the safe bound most, while a move still saves a second.
//!
//! A lower bound is not a sooner plan: moving a class onto a stairwell whose
//! classes then have to wait for it can end the drill later (the demo's
//! 1-4 to C lowered the bound by 26 s and ended the plan 39 s later). So
//! the plan is made again after the first one, two and three moves, and
//! the advice is the one that ends soonest, offered only when that is
//! sooner than the plan by more than [`SOONER`].

use super::output::{Advice, Critical, Move};
use super::problem::Problem;
use super::{PlanOptions, demands, schedule, search};
use crate::flow::bound::{Capacity, Demand, stairwell_bound};
use crate::script::Policy;

/// At most this many classes are moved in one piece of advice: more is a
/// new plan of the school, not advice.
const MAX_MOVES: usize = 3;
/// A move that saves less than this is not worth telling, s.
const WORTH: f64 = 1.0;
/// Advice must end the re-made plan sooner than the plan by more than this,
/// s: the plan's times are given to a tenth, and half a second is within
/// what the simulator and the planner differ by (design assumption).
pub const SOONER: f64 = 0.5;

/// The highest of the stairwells' own bounds, and its stairwell.
fn highest(each: &[f64]) -> (f64, usize) {
    each.iter()
        .copied()
        .enumerate()
        .map(|(s, b)| (b, s))
        .fold((0.0, 0), |a, b| if b.0 > a.0 + 1e-9 { b } else { a })
}

fn bounds(problem: &Problem<'_>, d: &[Demand]) -> Vec<f64> {
    (0..problem.stairs.len())
        .map(|s| stairwell_bound(problem.script, s, d, Capacity::Safe))
        .collect()
}

/// The critical stairwell of the plan, with advice when a move helps.
#[must_use]
pub fn critical(
    problem: &Problem<'_>,
    policy: Policy,
    opts: &PlanOptions,
    clear: &[f64],
) -> Option<Critical> {
    let script = problem.script;
    let exit_floor = script.building.exit_floor;
    let mut assigned = demands(problem);
    let mut each = bounds(problem, &assigned);
    let (start, s) = highest(&each);
    if assigned.is_empty() || !start.is_finite() {
        return None;
    }
    let people: u32 = problem
        .routes
        .iter()
        .filter(|r| r.stair == s)
        .map(|r| script.classes[r.class].headcount)
        .sum();
    let capacity = problem.stairs[s].capacity;
    // Each move with the bound after it.
    let mut moves: Vec<(Move, f64)> = Vec::new();
    while moves.len() < MAX_MOVES {
        let (now, critical) = highest(&each);
        let mut best: Option<(f64, usize, usize)> = None;
        for (k, dem) in assigned.iter().enumerate() {
            let route = &problem.routes[k];
            if dem.stair != critical || route.fixed.is_some() {
                continue;
            }
            let class = &script.classes[route.class];
            for (t, target) in script.stairwells.iter().enumerate() {
                if t == critical
                    || problem.stairs[t].blocked
                    || !target.serves(class.floor, exit_floor)
                    || problem.stairs[t].capacity <= 0.0
                {
                    continue;
                }
                // Only the two stairwells involved change.
                let mut trial = assigned.clone();
                trial[k].stair = t;
                let mut trial_bounds = each.clone();
                trial_bounds[critical] = stairwell_bound(script, critical, &trial, Capacity::Safe);
                trial_bounds[t] = stairwell_bound(script, t, &trial, Capacity::Safe);
                let (b, _) = highest(&trial_bounds);
                // Prefer the class's own alternate on a tie.
                let preferred = class.alternate.as_ref() == Some(&target.id);
                let better = best.is_none_or(|(bb, bk, bt)| {
                    b < bb - 1e-9
                        || ((b - bb).abs() <= 1e-9
                            && preferred
                            && script.classes[problem.routes[bk].class].alternate.as_ref()
                                != Some(&script.stairwells[bt].id))
                });
                if better {
                    best = Some((b, k, t));
                }
            }
        }
        match best {
            Some((b, k, t)) if now - b >= WORTH => {
                let step = Move {
                    class: script.classes[problem.routes[k].class].id.clone(),
                    from: script.stairwells[assigned[k].stair].id.clone(),
                    to: script.stairwells[t].id.clone(),
                };
                moves.push((step, b));
                assigned[k].stair = t;
                each[critical] = stairwell_bound(script, critical, &assigned, Capacity::Safe);
                each[t] = stairwell_bound(script, t, &assigned, Capacity::Safe);
            }
            _ => break,
        }
    }
    let advice = sooner(problem, policy, opts, clear, &moves, start);
    Some(Critical {
        stairwell: script.stairwells[s].id.clone(),
        people,
        capacity_pps: round2(capacity),
        at_capacity_s: round1(f64::from(people) / capacity),
        lower_bound_s: round1(start),
        advice,
    })
}

/// The first moves (one, two or all three) whose re-made plan ends soonest,
/// when that is sooner than the plan (which ends when its last stairwell
/// is `clear`) by more than [`SOONER`]; each move comes with the bound
/// after it, `start` is the bound before any.
fn sooner(
    problem: &Problem<'_>,
    policy: Policy,
    opts: &PlanOptions,
    clear: &[f64],
    moves: &[(Move, f64)],
    start: f64,
) -> Option<Advice> {
    let script = problem.script;
    let end = clear.iter().copied().fold(0.0, f64::max);
    let moves_only: Vec<Move> = moves.iter().map(|(m, _)| m.clone()).collect();
    let mut best: Option<(f64, usize)> = None;
    for k in 1..=moves.len() {
        let mut changed = script.clone();
        for m in &moves_only[..k] {
            if let Some(c) = changed.classes.iter_mut().find(|c| c.id == m.class) {
                c.stairwell = m.to.clone();
            }
        }
        let Some(new_end) = Problem::new(&changed, opts)
            .ok()
            .and_then(|p| replanned_end(&p, policy, &moves_only[..k], clear))
        else {
            continue;
        };
        if best.is_none_or(|(e, _)| new_end < e - 1e-9) {
            best = Some((new_end, k));
        }
    }
    let (new_end, k) = best?;
    let sooner = round1(end) - round1(new_end);
    (sooner > SOONER).then(|| Advice {
        moves: moves_only[..k].to_vec(),
        lower_bound_s: round1(moves[k - 1].1),
        saves_s: round1(start - moves[k - 1].1),
        predicted_end_s: round1(new_end),
        sooner_s: round1(sooner),
    })
}

/// When the last person is out once `moves` are made. Under `auto` without
/// waves the stairwells are planned independently, so only the ones the
/// moves touch are planned again; otherwise the whole drill is.
fn replanned_end(
    problem: &Problem<'_>,
    policy: Policy,
    moves: &[Move],
    clear: &[f64],
) -> Option<f64> {
    let script = problem.script;
    if policy != Policy::Auto || !script.waves.is_empty() {
        let bookings = schedule(problem, policy).ok()?;
        return Some(bookings.iter().fold(0.0_f64, |e, b| {
            e.max(problem.routes[b.route].out(b.release, b.pace))
        }));
    }
    let ledgers = problem.ledgers();
    let mut end: f64 = 0.0;
    for (s, stairwell) in script.stairwells.iter().enumerate() {
        let touched = moves
            .iter()
            .any(|m| m.from == stairwell.id || m.to == stairwell.id);
        if !touched {
            end = end.max(clear.get(s).copied().unwrap_or(0.0));
            continue;
        }
        let members: Vec<usize> = (0..problem.routes.len())
            .filter(|&i| problem.routes[i].stair == s && problem.routes[i].fixed.is_none())
            .collect();
        let r_min = |i: usize| problem.routes[i].earliest;
        let best = search::best(
            problem,
            &ledgers[s],
            &members,
            &r_min,
            super::budget(members.len()),
        );
        end = end.max(best.end);
        for r in problem.routes.iter().filter(|r| r.stair == s) {
            if let Some((release, pace)) = r.fixed {
                end = end.max(r.out(release, pace));
            }
        }
    }
    Some(end)
}

/// `x` to a tenth.
#[must_use]
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// `x` to a hundredth.
#[must_use]
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

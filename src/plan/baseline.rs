//! The baselines: what happens without a plan, under the same model.
//!
//! A fluid model stepped in time (`DT`): each class files out of its room at
//! its door rate, walks the corridor, and joins the queue at its floor's
//! landing; each landing passes at most its capacity per second down the
//! stair, at most `merge_factor ×` capacity while both the floor queue and
//! the stair queue are waiting, shared 50:50 between them (Boyce et al.
//! 2012); people reach the next landing after the free travel of one storey.
//! What cannot pass stands on the landing: that is the queue reported.

use std::collections::VecDeque;

use super::problem::Problem;

/// Time step of the fluid model, s.
const DT: f64 = 0.2;
/// A drill that has not finished after this long is reported as never
/// finishing (it cannot happen with a positive capacity).
const MAX_STEPS: usize = 5_000_000;

/// How classes are released in a baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Release {
    /// Every class at its readiness.
    AllAtOnce,
    /// Grade g when every class of the grades below is out.
    SequentialByGrade,
}

/// The worst landing of a baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Landing {
    pub stair: usize,
    pub node: usize,
    pub queue: f64,
    pub density: f64,
}

/// What a baseline predicts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub end: f64,
    pub worst: Landing,
}

/// People due at a landing, by time step modulo the horizon:
/// `(route, amount, from its own floor?)`.
type Slots = Vec<Vec<(usize, f64, bool)>>;

#[derive(Debug, Clone, Default)]
struct Node {
    floor: VecDeque<(usize, f64)>,
    stair: VecDeque<(usize, f64)>,
}

impl Node {
    fn total(&self) -> f64 {
        self.floor.iter().chain(&self.stair).map(|p| p.1).sum()
    }
}

/// Takes up to `amount` people from the front of `q`, calling `pass` for each
/// parcel taken; returns what was taken.
fn serve(
    q: &mut VecDeque<(usize, f64)>,
    mut amount: f64,
    pass: &mut impl FnMut(usize, f64),
) -> f64 {
    let mut taken = 0.0;
    while amount > 1e-12 {
        let Some(front) = q.front_mut() else { break };
        let t = front.1.min(amount);
        pass(front.0, t);
        front.1 -= t;
        amount -= t;
        taken += t;
        if front.1 <= 1e-12 {
            q.pop_front();
        }
    }
    taken
}

/// Runs a baseline, with or without the merge loss.
#[must_use]
pub fn simulate(problem: &Problem<'_>, release: Release, merge_loss: bool) -> Outcome {
    let script = problem.script;
    let routes = &problem.routes;
    let steps = |t: f64| (t / DT).round().max(1.0) as usize;
    let n = routes.len();
    let mut left_room = vec![0.0_f64; n];
    let mut out = vec![0.0_f64; n];
    let mut done_at = vec![f64::NAN; n];
    let mut start: Vec<Option<usize>> = vec![None; n];
    let hop: Vec<usize> = routes
        .iter()
        .map(|r| steps(r.offsets[0] - r.offsets.get(1).copied().unwrap_or(r.offsets[0])))
        .collect();
    let corridor: Vec<usize> = routes.iter().map(|r| steps(r.offsets[r.top])).collect();
    let horizon = hop.iter().chain(&corridor).copied().max().unwrap_or(1) + 2;
    let mut nodes: Vec<Vec<Node>> = problem
        .stairs
        .iter()
        .map(|s| vec![Node::default(); s.caps.len()])
        .collect();
    // arrivals[stair][node][step % horizon]: (route, amount, floor?)
    let mut arrivals: Vec<Vec<Slots>> = nodes
        .iter()
        .map(|ns| vec![vec![Vec::new(); horizon]; ns.len()])
        .collect();
    let mut grades: Vec<u8> = script.classes.iter().map(|c| c.grade).collect();
    grades.sort_unstable();
    grades.dedup();
    let grade_of = |i: usize| script.classes[routes[i].class].grade;
    let mut next_grade = 0;
    let mut worst = Landing {
        stair: 0,
        node: 0,
        queue: 0.0,
        density: 0.0,
    };
    let mut end: f64 = 0.0;
    let mut remaining = n;
    for step in 0..MAX_STEPS {
        let now = step as f64 * DT;
        // Releases.
        match release {
            Release::AllAtOnce if step == 0 => {
                for (i, r) in routes.iter().enumerate() {
                    start[i] = Some((r.earliest / DT).ceil() as usize);
                }
            }
            Release::SequentialByGrade => {
                let previous_out = next_grade == 0
                    || (0..n)
                        .filter(|&i| grade_of(i) == grades[next_grade - 1])
                        .all(|i| !done_at[i].is_nan());
                if next_grade < grades.len() && previous_out {
                    for (i, r) in routes.iter().enumerate() {
                        if grade_of(i) == grades[next_grade] {
                            start[i] = Some(step.max((r.earliest / DT).ceil() as usize));
                        }
                    }
                    next_grade += 1;
                }
            }
            Release::AllAtOnce => {}
        }
        let slot = step % horizon;
        // Leaving rooms.
        for (i, r) in routes.iter().enumerate() {
            if start[i].is_some_and(|s| s <= step) && left_room[i] < r.people {
                let door = problem.script.door_rate(&script.classes[r.class]).0;
                let amount = (door * DT).min(r.people - left_room[i]);
                left_room[i] += amount;
                let at = (step + corridor[i]) % horizon;
                arrivals[r.stair][r.top][at].push((i, amount, true));
            }
        }
        // Arrivals at landings.
        for (s, ns) in nodes.iter_mut().enumerate() {
            for (j, node) in ns.iter_mut().enumerate() {
                for (i, amount, floor) in arrivals[s][j][slot].drain(..) {
                    if floor {
                        node.floor.push_back((i, amount));
                    } else {
                        node.stair.push_back((i, amount));
                    }
                }
            }
        }
        // Passing landings.
        for (s, ns) in nodes.iter_mut().enumerate() {
            let stair = &problem.stairs[s];
            let landing_area = 2.0 * script.stairwells[s].width.0.powi(2);
            for (j, node) in ns.iter_mut().enumerate() {
                let both = !node.floor.is_empty() && !node.stair.is_empty();
                let factor = if merge_loss && both { stair.merge } else { 1.0 };
                let cap = stair.caps[j] * factor * DT;
                let mut pass = |i: usize, amount: f64| {
                    if j == 0 {
                        out[i] += amount;
                        if out[i] >= routes[i].people - 1e-9 && done_at[i].is_nan() {
                            done_at[i] = now + DT + routes[i].exit_walk;
                            end = end.max(done_at[i]);
                            remaining -= 1;
                        }
                    } else {
                        let at = (step + hop[i]) % horizon;
                        arrivals[s][j - 1][at].push((i, amount, false));
                    }
                };
                if both {
                    let half = cap / 2.0;
                    let a = serve(&mut node.floor, half, &mut pass);
                    let b = serve(&mut node.stair, cap - a, &mut pass);
                    serve(&mut node.floor, cap - a - b, &mut pass);
                } else if node.floor.is_empty() {
                    serve(&mut node.stair, cap, &mut pass);
                } else {
                    serve(&mut node.floor, cap, &mut pass);
                }
                let queue = node.total();
                if queue > worst.queue + 1e-9 {
                    worst = Landing {
                        stair: s,
                        node: j,
                        queue,
                        density: queue * script.safety.child_factor / landing_area,
                    };
                }
            }
        }
        if remaining == 0 {
            break;
        }
    }
    if remaining > 0 {
        end = f64::INFINITY;
    }
    Outcome { end, worst }
}

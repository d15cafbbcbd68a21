//! The baselines: what happens without a plan, under the same model.
//!
//! A fluid model stepped in time (`DT`): each class files out of its room at
//! its door rate, walks the corridor, and joins the queue at its floor's
//! landing; each landing passes at most its capacity per second down the
//! stair, at most `merge_factor ×` capacity while both the floor queue and
//! the stair queue are waiting, shared 50:50 between them (Boyce et al.
//! 2012); people reach the next landing after the free travel of one storey.
//! What cannot pass stands on the landing: that is the queue reported. Its
//! density is over a landing of `2 × width²` (a U-shaped stair whose landing
//! is as deep as a flight is wide, GB 50352 §6.8.4), at most `PACKED`.

use std::collections::VecDeque;

use super::problem::Problem;

/// The densest crowd observed in a school stairwell, children per m²
/// (Huo et al. 2015): a landing holds no more; the rest of a queue stands
/// on the flight and in the corridor behind it.
const PACKED: f64 = 6.4;

/// Time step of the fluid model, s.
const DT: f64 = 0.5;
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

/// The two queues of a landing: people from its own floor, and people
/// coming down from above. Parcels of one class that arrive one after the
/// other are kept as one.
#[derive(Debug, Clone, Default)]
struct Node {
    floor: VecDeque<(usize, f64)>,
    stair: VecDeque<(usize, f64)>,
    total: f64,
}

fn push(q: &mut VecDeque<(usize, f64)>, route: usize, amount: f64) {
    match q.back_mut() {
        Some(back) if back.0 == route => back.1 += amount,
        _ => q.push_back((route, amount)),
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
    let mut run = Run::new(problem, merge_loss);
    for step in 0..MAX_STEPS {
        run.release(release, step);
        run.leave_rooms(step);
        run.arrive(step % run.horizon);
        run.pass_landings(step);
        if run.remaining == 0 {
            break;
        }
    }
    let end = if run.remaining > 0 {
        f64::INFINITY
    } else {
        run.end
    };
    Outcome {
        end,
        worst: run.worst,
    }
}

/// One baseline in progress: the fixed step counts of each route, and
/// where every class's people are.
struct Run<'p, 's> {
    problem: &'p Problem<'s>,
    merge_loss: bool,
    /// Steps from one landing down to the next, per route.
    hop: Vec<usize>,
    /// Steps from the room to the floor's landing, per route.
    corridor: Vec<usize>,
    /// Slots of `arrivals`: longer than any hop or corridor.
    horizon: usize,
    /// Index of each route's grade among the grades, lowest first.
    grade_index: Vec<usize>,
    grade_count: usize,
    /// Door rate of each route's class, persons per second.
    door: Vec<f64>,
    left_room: Vec<f64>,
    out: Vec<f64>,
    done_at: Vec<f64>,
    start: Vec<Option<usize>>,
    nodes: Vec<Vec<Node>>,
    /// `arrivals[stair][node][step % horizon]`.
    arrivals: Vec<Vec<Slots>>,
    /// Routes not yet out, per grade.
    unfinished: Vec<usize>,
    /// Classes still filing out of their rooms.
    filing: Vec<usize>,
    next_grade: usize,
    worst: Landing,
    end: f64,
    remaining: usize,
}

impl<'p, 's> Run<'p, 's> {
    fn new(problem: &'p Problem<'s>, merge_loss: bool) -> Self {
        let script = problem.script;
        let routes = &problem.routes;
        let steps = |t: f64| (t / DT).round().max(1.0) as usize;
        let n = routes.len();
        let hop: Vec<usize> = routes
            .iter()
            .map(|r| steps(r.offsets[0] - r.offsets.get(1).copied().unwrap_or(r.offsets[0])))
            .collect();
        let corridor: Vec<usize> = routes.iter().map(|r| steps(r.offsets[r.top])).collect();
        let horizon = hop.iter().chain(&corridor).copied().max().unwrap_or(1) + 2;
        let nodes: Vec<Vec<Node>> = problem
            .stairs
            .iter()
            .map(|s| vec![Node::default(); s.caps.len()])
            .collect();
        let arrivals = nodes
            .iter()
            .map(|ns| vec![vec![Vec::new(); horizon]; ns.len()])
            .collect();
        let mut grades: Vec<u8> = script.classes.iter().map(|c| c.grade).collect();
        grades.sort_unstable();
        grades.dedup();
        let grade_of = |i: usize| script.classes[routes[i].class].grade;
        let unfinished = grades
            .iter()
            .map(|&g| (0..n).filter(|&i| grade_of(i) == g).count())
            .collect();
        let grade_index = (0..n)
            .map(|i| grades.iter().position(|&g| g == grade_of(i)).unwrap_or(0))
            .collect();
        let door = routes
            .iter()
            .map(|r| script.door_rate(&script.classes[r.class]).0)
            .collect();
        Run {
            problem,
            merge_loss,
            hop,
            corridor,
            horizon,
            grade_index,
            grade_count: grades.len(),
            door,
            left_room: vec![0.0; n],
            out: vec![0.0; n],
            done_at: vec![f64::NAN; n],
            start: vec![None; n],
            nodes,
            arrivals,
            unfinished,
            filing: Vec::with_capacity(n),
            next_grade: 0,
            worst: Landing {
                stair: 0,
                node: 0,
                queue: 0.0,
                density: 0.0,
            },
            end: 0.0,
            remaining: n,
        }
    }

    /// Starts the classes the baseline releases at `step`.
    fn release(&mut self, release: Release, step: usize) {
        let routes = &self.problem.routes;
        match release {
            Release::AllAtOnce if step == 0 => {
                for (i, r) in routes.iter().enumerate() {
                    self.start[i] = Some((r.earliest / DT).ceil() as usize);
                    self.filing.push(i);
                }
            }
            Release::SequentialByGrade => {
                let g = self.next_grade;
                let previous_out = g == 0 || self.unfinished[g - 1] == 0;
                if g < self.grade_count && previous_out {
                    for (i, r) in routes.iter().enumerate() {
                        if self.grade_index[i] == g {
                            self.start[i] = Some(step.max((r.earliest / DT).ceil() as usize));
                            self.filing.push(i);
                        }
                    }
                    self.next_grade += 1;
                }
            }
            Release::AllAtOnce => {}
        }
    }

    /// People leave the rooms of started classes at the door rate and set
    /// off along the corridor to their floor's landing.
    fn leave_rooms(&mut self, step: usize) {
        let routes = &self.problem.routes;
        let horizon = self.horizon;
        self.filing.retain(|&i| {
            let r = &routes[i];
            if self.start[i].is_some_and(|s| s <= step) {
                let amount = (self.door[i] * DT).min(r.people - self.left_room[i]);
                self.left_room[i] += amount;
                let at = (step + self.corridor[i]) % horizon;
                self.arrivals[r.stair][r.top][at].push((i, amount, true));
            }
            self.left_room[i] < r.people - 1e-9
        });
    }

    /// People due at a landing in this slot join its floor or stair queue.
    fn arrive(&mut self, slot: usize) {
        for (s, ns) in self.nodes.iter_mut().enumerate() {
            for (j, node) in ns.iter_mut().enumerate() {
                for (i, amount, floor) in self.arrivals[s][j][slot].drain(..) {
                    node.total += amount;
                    if floor {
                        push(&mut node.floor, i, amount);
                    } else {
                        push(&mut node.stair, i, amount);
                    }
                }
            }
        }
    }

    /// Each landing passes what its capacity allows: down to the next
    /// landing, or out at the exit floor; the rest stands as the queue.
    fn pass_landings(&mut self, step: usize) {
        let now = step as f64 * DT;
        let problem = self.problem;
        let script = problem.script;
        let routes = &problem.routes;
        let horizon = self.horizon;
        for (s, ns) in self.nodes.iter_mut().enumerate() {
            let stair = &problem.stairs[s];
            let landing_area = 2.0 * script.stairwells[s].width.0.powi(2);
            for (j, node) in ns.iter_mut().enumerate() {
                if node.floor.is_empty() && node.stair.is_empty() {
                    continue;
                }
                let both = !node.floor.is_empty() && !node.stair.is_empty();
                let factor = if self.merge_loss && both {
                    stair.merge
                } else {
                    1.0
                };
                let cap = stair.caps[j] * factor * DT;
                let mut pass = |i: usize, amount: f64| {
                    if j == 0 {
                        self.out[i] += amount;
                        if self.out[i] >= routes[i].people - 1e-9 && self.done_at[i].is_nan() {
                            self.done_at[i] = now + DT + routes[i].exit_walk;
                            self.end = self.end.max(self.done_at[i]);
                            self.remaining -= 1;
                            self.unfinished[self.grade_index[i]] -= 1;
                        }
                    } else {
                        let at = (step + self.hop[i]) % horizon;
                        let slot = &mut self.arrivals[s][j - 1][at];
                        match slot.last_mut() {
                            Some(last) if last.0 == i && !last.2 => last.1 += amount,
                            _ => slot.push((i, amount, false)),
                        }
                    }
                };
                let queue = node.total;
                let passed = if both {
                    let half = cap / 2.0;
                    let a = serve(&mut node.floor, half, &mut pass);
                    let b = serve(&mut node.stair, cap - a, &mut pass);
                    a + b + serve(&mut node.floor, cap - a - b, &mut pass)
                } else if node.floor.is_empty() {
                    serve(&mut node.stair, cap, &mut pass)
                } else {
                    serve(&mut node.floor, cap, &mut pass)
                };
                node.total = (node.total - passed).max(0.0);
                let queue = queue - passed.min(queue);
                if queue > self.worst.queue + 1e-9 {
                    self.worst = Landing {
                        stair: s,
                        node: j,
                        queue,
                        density: (queue / landing_area).min(PACKED) * script.safety.child_factor,
                    };
                }
            }
        }
    }
}

//! The search for a good plan of one stairwell: place classes one after
//! another at their earliest safe release, at the pace that gets each out
//! soonest, and search over the order and the pace rule.
//!
//! Placing is list scheduling on the ledger; the order decides who fills the
//! exit first and where floor streams meet stair streams. A few orders that
//! make physical sense are tried first, then single moves of one class in the
//! order are tried while they help, within an effort budget that keeps large
//! campuses fast.

use super::ledger::{Ledger, floor_pace};
use super::problem::{Problem, Route};
use crate::script::Gate;

/// How the pace of each class is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaceRule {
    /// The pace, up to the class's fastest, that gets it out soonest.
    Free,
    /// As `Free`, but never above `capacity / n`, so that `n` classes can
    /// share the stair from the start.
    Share(u8),
    /// As `Free`, but never above the class's share, in proportion to
    /// headcount, of `merge_factor ×` capacity among all the classes of its
    /// stairwell: everyone may go at once and every merge stays within the
    /// rule — the safe form of "all at once".
    Merged,
    /// As `Free`, but capped so that classes of one floor end together and
    /// the floor above can follow without a merge: when the first class of a
    /// floor is placed, the paces
    /// of all its floor-mates are set so that, each starting as early as the
    /// stair allows, they all reach the exit's end together: no ragged tail
    /// for the floor above to wait behind.
    Aligned,
    /// As `Aligned`, but over all the classes of the stairwell at once and
    /// within `merge_factor ×` capacity: every class goes as early as it
    /// can, floors merging within the rule, and all end together — the
    /// better plan where each floor holds a single class.
    AlignedMerged,
}

impl PaceRule {
    /// The rules the search tries. (Capping each class at its headcount
    /// share of capacity among its floor-mates, with equal start times, was
    /// tried too: `Aligned` dominates it on every drill measured.)
    const ALL: [Self; 6] = [
        Self::Free,
        Self::Share(2),
        Self::Share(3),
        Self::Merged,
        Self::Aligned,
        Self::AlignedMerged,
    ];
}

/// One class placed: its release and pace.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Booking {
    /// Index into `problem.routes`.
    pub route: usize,
    pub release: f64,
    pub pace: f64,
}

/// The outcome of placing a sequence on a ledger.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub ledger: Ledger,
    pub bookings: Vec<Booking>,
    /// When the last person of these bookings is out.
    pub end: f64,
    pub peak: f64,
    pub total_out: f64,
}

impl Outcome {
    /// Whether `self` is a better plan than `other`: sooner out, then a lower
    /// peak load, then everyone out sooner on average.
    #[must_use]
    pub fn better(&self, other: &Self) -> bool {
        if (self.end - other.end).abs() > 1e-6 {
            return self.end < other.end;
        }
        if (self.peak - other.peak).abs() > 1e-9 {
            return self.peak < other.peak;
        }
        self.total_out < other.total_out - 1e-6
    }
}

/// Scratch space reused across placements.
#[derive(Debug, Default)]
pub struct Scratch {
    forbidden: Vec<(f64, f64)>,
    paces: Vec<f64>,
    /// Under [`PaceRule::Aligned`]: the pace set for each route of a floor
    /// whose first class has been placed in this run.
    aligned: Vec<(usize, f64)>,
}

/// Sets, in `scratch.aligned`, the paces of the not-yet-placed classes of
/// the floor of `index` in `members` (of all of `members` when `whole`), so
/// that each starting as early as `ledger` allows they end together at the
/// exit, carrying the capacity between them (`merge_factor ×` the narrowest
/// capacity when `whole`, since floors then meet).
fn align_floor(
    problem: &Problem<'_>,
    ledger: &Ledger,
    index: usize,
    members: &[usize],
    r_min: &dyn Fn(usize) -> f64,
    whole: bool,
    scratch: &mut Scratch,
) {
    let route = &problem.routes[index];
    let stair = &problem.stairs[route.stair];
    let mates: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&m| {
            let r = &problem.routes[m];
            (whole || r.top == route.top) && scratch.aligned.iter().all(|a| a.0 != m)
        })
        .collect();
    let capacity = if whole {
        stair.merge * stair.caps.iter().copied().fold(f64::INFINITY, f64::min)
    } else {
        stair.capacity
    };
    let people: f64 = mates.iter().map(|&m| problem.routes[m].people).sum();
    let mut group = Vec::with_capacity(mates.len());
    for &m in &mates {
        let r = &problem.routes[m];
        let share = floor_pace(capacity / r.weight * r.people / people.max(1.0))
            .clamp(r.min_pace, r.max_pace);
        let start = ledger.earliest(r, share, r_min(m), &mut scratch.forbidden) + r.offsets[0];
        group.push((start, r.people));
    }
    let end = aligned_end(&group, capacity / route.weight);
    for (&m, (start, n)) in mates.iter().zip(&group) {
        let r = &problem.routes[m];
        let pace = floor_pace(n / (end - start)).clamp(r.min_pace, r.max_pace);
        scratch.aligned.push((m, pace));
    }
}

/// The pace candidates of `route` under `rule` on `ledger`, fastest first.
fn paces(
    problem: &Problem<'_>,
    ledger: &Ledger,
    route: &Route,
    rule: PaceRule,
    aligned: Option<f64>,
    out: &mut Vec<f64>,
) {
    let cap = match rule {
        PaceRule::Free => route.max_pace,
        PaceRule::Share(n) => {
            let share = floor_pace(problem.stairs[route.stair].capacity / f64::from(n));
            route.max_pace.min(share.max(route.min_pace))
        }
        PaceRule::Merged => {
            let people: f64 = problem
                .routes
                .iter()
                .filter(|r| r.stair == route.stair && r.fixed.is_none())
                .map(|r| r.people)
                .sum();
            let stair = &problem.stairs[route.stair];
            let total = stair.merge * stair.caps.iter().copied().fold(f64::INFINITY, f64::min);
            let share = floor_pace(total / route.weight * route.people / people.max(1.0));
            route.max_pace.min(share.max(route.min_pace))
        }
        PaceRule::Aligned | PaceRule::AlignedMerged => aligned.unwrap_or(route.max_pace),
    };
    out.clear();
    out.push(cap);
    ledger.residuals(route, out);
    out.retain(|&p| p >= route.min_pace && p <= cap);
    out.sort_by(|a, b| b.total_cmp(a));
    out.dedup();
}

/// The moment `E` at which classes starting at `s_i` with `N_i` people all
/// end together while carrying `c` between them once all have started:
/// `Σ N_i / (E − s_i) = c`, found by bisection (the sum falls as `E` grows).
fn aligned_end(group: &[(f64, f64)], c: f64) -> f64 {
    let last = group.iter().map(|g| g.0).fold(f64::NEG_INFINITY, f64::max);
    let people: f64 = group.iter().map(|g| g.1).sum();
    let rate = |e: f64| group.iter().map(|(s, n)| n / (e - s)).sum::<f64>();
    let (mut lo, mut hi) = (last + 1e-6, last + people / c.max(1e-9) + 1.0);
    while rate(hi) > c {
        hi += people / c.max(1e-9);
    }
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if rate(mid) > c {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// Places one class on `ledger` at its earliest safe release not before
/// `r_min`, honouring a `gate = "clear"` stairwell; returns the booking.
pub fn place(
    problem: &Problem<'_>,
    ledger: &mut Ledger,
    index: usize,
    r_min: f64,
    rule: PaceRule,
    scratch: &mut Scratch,
) -> Booking {
    let route = &problem.routes[index];
    let gated = problem.stairs[route.stair].gate == Gate::Clear;
    let mut paces_buf = std::mem::take(&mut scratch.paces);
    let aligned = scratch.aligned.iter().find(|a| a.0 == index).map(|a| a.1);
    paces(problem, ledger, route, rule, aligned, &mut paces_buf);
    let gate = problem.stairs[route.stair].gate;
    let new_min = r_min.max(ledger.gate_opens(gate, problem.confirm_delay));
    // (out, -pace, join) of the best option so far.
    let mut best: Option<(f64, f64, f64, bool)> = None;
    for &p in &paces_buf {
        if let (true, Some(g)) = (gated, ledger.group) {
            if g.release >= r_min - 1e-9
                && ledger.fits_at(route, p, g.release, &mut scratch.forbidden)
            {
                let out = route.out(g.release, p);
                if best.is_none_or(|b| out < b.0 - 1e-9) {
                    best = Some((out, g.release, p, true));
                }
            }
        }
        let r = ledger.earliest(route, p, new_min, &mut scratch.forbidden);
        let out = route.out(r, p);
        if best.is_none_or(|b| out < b.0 - 1e-9) {
            best = Some((out, r, p, false));
        }
    }
    scratch.paces = paces_buf;
    let (_, release, pace, join) = best.unwrap_or((0.0, new_min, route.max_pace, false));
    ledger.book(route, release, pace);
    if gated {
        // Joining puts it at the group's own release: one group, by the rule.
        debug_assert!(
            !join
                || ledger
                    .group
                    .is_some_and(|g| (g.release - release).abs() < 1e-9)
        );
        ledger.join_group(route, release, pace);
    }
    Booking {
        route: index,
        release,
        pace,
    }
}

/// A partial placement: the ledger after the first bookings of a sequence.
#[derive(Debug, Clone)]
struct State {
    ledger: Ledger,
    end: f64,
    total_out: f64,
}

/// How classes are placed, the same for every sequence of one search: the
/// problem, each route's earliest release and the pace rule.
#[derive(Clone, Copy)]
struct Placing<'p, 'a> {
    problem: &'p Problem<'a>,
    r_min: &'p dyn Fn(usize) -> f64,
    rule: PaceRule,
}

/// Places `seq` in order from `state`, keeping a snapshot after each
/// placement in `snapshots` when asked; gives up (returns `None`) as soon as
/// the plan ends later than `cutoff`, since it can then only be worse.
fn run_from(
    how: Placing<'_, '_>,
    mut state: State,
    seq: &[usize],
    cutoff: f64,
    scratch: &mut Scratch,
    mut snapshots: Option<&mut Vec<State>>,
) -> Option<Outcome> {
    let Placing {
        problem,
        r_min,
        rule,
    } = how;
    let mut bookings = Vec::with_capacity(seq.len());
    scratch.aligned.clear();
    for (k, &i) in seq.iter().enumerate() {
        let whole = rule == PaceRule::AlignedMerged;
        if (whole || rule == PaceRule::Aligned) && scratch.aligned.iter().all(|a| a.0 != i) {
            align_floor(problem, &state.ledger, i, &seq[k..], r_min, whole, scratch);
        }
        let b = place(problem, &mut state.ledger, i, r_min(i), rule, scratch);
        let out = problem.routes[i].out(b.release, b.pace);
        state.end = state.end.max(out);
        state.total_out += out;
        bookings.push(b);
        if state.end > cutoff + 1e-6 {
            return None;
        }
        if let Some(s) = snapshots.as_deref_mut() {
            s.push(state.clone());
        }
    }
    let peak = state.ledger.peak_share();
    Some(Outcome {
        ledger: state.ledger,
        bookings,
        end: state.end,
        peak,
        total_out: state.total_out,
    })
}

/// Places `seq` in order on a copy of `base`.
pub fn run(
    problem: &Problem<'_>,
    base: &Ledger,
    seq: &[usize],
    r_min: &dyn Fn(usize) -> f64,
    rule: PaceRule,
    scratch: &mut Scratch,
) -> Outcome {
    let state = State {
        ledger: base.clone(),
        end: 0.0,
        total_out: 0.0,
    };
    let how = Placing {
        problem,
        r_min,
        rule,
    };
    let full = run_from(how, state, seq, f64::INFINITY, scratch, None);
    full.unwrap_or_else(|| Outcome {
        ledger: base.clone(),
        bookings: Vec::new(),
        end: f64::INFINITY,
        peak: 0.0,
        total_out: f64::INFINITY,
    })
}

/// Orders worth trying first, as sequences of route indices.
fn seed_orders(problem: &Problem<'_>, members: &[usize]) -> Vec<Vec<usize>> {
    let r = |i: usize| &problem.routes[i];
    let key_sorted = |f: &dyn Fn(usize, usize) -> std::cmp::Ordering| {
        let mut v = members.to_vec();
        v.sort_by(|&a, &b| f(a, b).then(a.cmp(&b)));
        v
    };
    let mut orders = vec![
        // Earliest at the exit first: fills the exit from the start.
        key_sorted(&|a, b| r(a).offsets[0].total_cmp(&r(b).offsets[0])),
        // Lower floors first, near classes first.
        key_sorted(&|a, b| {
            r(a).top
                .cmp(&r(b).top)
                .then(r(a).offsets[0].total_cmp(&r(b).offsets[0]))
        }),
        // Lower floors first, far classes first.
        key_sorted(&|a, b| {
            r(a).top
                .cmp(&r(b).top)
                .then(r(b).offsets[0].total_cmp(&r(a).offsets[0]))
        }),
        // Upper floors first.
        key_sorted(&|a, b| {
            r(b).top
                .cmp(&r(a).top)
                .then(r(a).offsets[0].total_cmp(&r(b).offsets[0]))
        }),
        members.to_vec(),
    ];
    orders.dedup();
    orders
}

/// The best plan found for `members` on top of `base`, within `budget`
/// placements of whole sequences.
pub fn best(
    problem: &Problem<'_>,
    base: &Ledger,
    members: &[usize],
    r_min: &dyn Fn(usize) -> f64,
    budget: usize,
) -> Outcome {
    let mut scratch = Scratch::default();
    let mut evaluations = 0;
    let mut champion: Option<(Outcome, Vec<usize>, PaceRule)> = None;
    for order in seed_orders(problem, members) {
        for rule in PaceRule::ALL {
            let o = run(problem, base, &order, r_min, rule, &mut scratch);
            evaluations += 1;
            if champion.as_ref().is_none_or(|c| o.better(&c.0)) {
                champion = Some((o, order.clone(), rule));
            }
        }
    }
    let Some((mut best, mut order, rule)) = champion else {
        return run(problem, base, members, r_min, PaceRule::Free, &mut scratch);
    };
    // Local search: move one class to another place in the order, and when
    // no move helps, swap two (then moves again, while either helps). The
    // placements before the first changed position are shared with the
    // current order, so they are taken from its snapshots.
    let n = order.len();
    let empty = State {
        ledger: base.clone(),
        end: 0.0,
        total_out: 0.0,
    };
    let how = Placing {
        problem,
        r_min,
        rule,
    };
    let mut snapshots = Vec::with_capacity(n);
    let snap = |order: &[usize], snapshots: &mut Vec<State>, scratch: &mut Scratch| {
        snapshots.clear();
        run_from(
            how,
            empty.clone(),
            order,
            f64::INFINITY,
            scratch,
            Some(snapshots),
        )
    };
    snap(&order, &mut snapshots, &mut scratch);
    let mut improved = true;
    let mut swaps = false;
    let mut stalled = 0;
    while (improved || stalled < 2) && evaluations < budget {
        if improved {
            stalled = 0;
        } else {
            stalled += 1;
            swaps = !swaps;
        }
        improved = false;
        'moves: for i in 0..n {
            for k in 0..n {
                if i == k {
                    continue;
                }
                if evaluations >= budget {
                    break 'moves;
                }
                // Odd rounds move one class, even ones swap two.
                let mut cand = order.clone();
                if swaps {
                    if k < i {
                        continue;
                    }
                    cand.swap(i, k);
                } else {
                    let x = cand.remove(i);
                    cand.insert(k, x);
                }
                let first = i.min(k);
                let from = if first == 0 {
                    empty.clone()
                } else {
                    snapshots[first - 1].clone()
                };
                evaluations += 1;
                let Some(mut o) = run_from(how, from, &cand[first..], best.end, &mut scratch, None)
                else {
                    continue;
                };
                if o.better(&best) {
                    // The prefix is the same classes in the same order.
                    let mut all: Vec<Booking> = best.bookings[..first].to_vec();
                    all.append(&mut o.bookings);
                    o.bookings = all;
                    best = o;
                    order = cand;
                    snap(&order, &mut snapshots, &mut scratch);
                    improved = true;
                    break 'moves;
                }
            }
        }
    }
    best
}

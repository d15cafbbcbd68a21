//! The lower bound of docs/flow-model.md: no plan with a given assignment of
//! classes to stairwells can finish sooner.
//!
//! ```text
//! LB = max( max over classes i:  p_i + N_i / min(q_i, c_s(i)) + τ_i ,
//!           max over stairwells s and nodes j:
//!               max over k [ a_(k)j + M_(k)j / c_sj ] + b_sj )
//! ```
//!
//! The node term says that the people who cannot reach node `j` before
//! `a_(k)j` must still pass it at no more than its capacity, and then walk at
//! least `b_sj` to get out.

use super::route::Travel;
use super::{exit_capacity, exit_physical_capacity, physical_capacity, stair_capacity};
use crate::script::Script;
use crate::units::Seconds;

/// Which capacity a bound is computed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capacity {
    /// `flow_limit × We`: the safe capacity plans are held to.
    Safe,
    /// `0.94 k We`: the maximum hydraulic flow, ignoring the safety margin.
    Physical,
}

/// One class as the bound sees it: which class, on which stairwell, and the
/// earliest moment it can be released.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Demand {
    /// Index into `script.classes`.
    pub class: usize,
    /// Index into `script.stairwells`.
    pub stair: usize,
    /// Readiness, or a later "not before".
    pub earliest: Seconds,
}

/// The safe and the physical lower bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub safe: Seconds,
    pub physical: Seconds,
}

/// The capacities (p/s) of the nodes of `stair` (docs/flow-model.md,
/// "Nodes of a stairwell"): `[foot, landing 1, …, landing storeys, door]`,
/// the foot and the landings at the stair's capacity, the exit door at its
/// own.
#[must_use]
pub fn node_capacities(script: &Script, stair: usize, storeys: u32, cap: Capacity) -> Vec<f64> {
    let s = &script.stairwells[stair];
    let (c, exit) = match cap {
        Capacity::Safe => (
            stair_capacity(s, &script.safety).0,
            exit_capacity(s, &script.safety).0,
        ),
        Capacity::Physical => (physical_capacity(s).0, exit_physical_capacity(s).0),
    };
    let mut caps = vec![c; storeys as usize + 2];
    caps[storeys as usize + 1] = exit;
    caps
}

/// The lower bound of one stairwell for the classes in `demands` that use it.
/// Zero when none does; infinite when it has no capacity.
#[must_use]
pub fn stairwell_bound(script: &Script, stair: usize, demands: &[Demand], cap: Capacity) -> f64 {
    let s = &script.stairwells[stair];
    let members: Vec<(Travel, f64, f64, f64)> = demands
        .iter()
        .filter(|d| d.stair == stair)
        .map(|d| {
            let class = &script.classes[d.class];
            (
                Travel::of(script, class, s),
                d.earliest.0,
                f64::from(class.headcount),
                script.door_rate(class).0,
            )
        })
        .collect();
    let Some(top) = members.iter().map(|m| m.0.storeys).max() else {
        return 0.0;
    };
    let caps = node_capacities(script, stair, top, cap);
    let door = caps.len() - 1;
    if caps[door] <= 0.0 || (top > 0 && caps[0] <= 0.0) {
        return f64::INFINITY;
    }
    let mut best: f64 = 0.0;
    for (travel, earliest, people, rate) in &members {
        // Its nodes: its landing and those below, the foot (stair users
        // only), the door.
        let stair_rate = if travel.storeys > 0 {
            caps[..=travel.storeys as usize]
                .iter()
                .copied()
                .fold(f64::INFINITY, f64::min)
        } else {
            f64::INFINITY
        };
        let rate = rate.min(stair_rate).min(caps[door]);
        best = best.max(earliest + people / rate + travel.total().0);
    }
    let mut arrivals: Vec<(f64, f64)> = Vec::with_capacity(members.len());
    // Node j of the stair (0 the foot: stair users only), then the door.
    for j in 0..=top + 1 {
        let is_door = j == top + 1;
        arrivals.clear();
        let mut to_out = f64::INFINITY;
        for (travel, earliest, people, _) in &members {
            if is_door {
                arrivals.push((earliest + travel.total().0, *people));
                to_out = 0.0;
            } else if travel.storeys >= j && travel.storeys > 0 {
                arrivals.push((earliest + travel.to_node(j).0, *people));
                to_out = to_out.min(travel.from_node(j).0);
            }
        }
        if arrivals.is_empty() {
            continue;
        }
        let c = caps[j as usize];
        arrivals.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut later: f64 = arrivals.iter().map(|a| a.1).sum();
        for &(a, people) in &arrivals {
            best = best.max(a + later / c + to_out);
            later -= people;
        }
    }
    best
}

/// The lower bound over every stairwell, safe and physical.
#[must_use]
pub fn lower_bound(script: &Script, demands: &[Demand]) -> Bound {
    let each = |cap| {
        (0..script.stairwells.len())
            .map(|s| stairwell_bound(script, s, demands, cap))
            .fold(0.0, f64::max)
    };
    Bound {
        safe: Seconds(each(Capacity::Safe)),
        physical: Seconds(each(Capacity::Physical)),
    }
}

//! The stagger planner: a release time, a stairwell and a pace for every
//! class, so that no stair node is ever over its safe capacity, no queue
//! stands on a stair, merging streams stay within the merge rule, and the
//! last person is out as early as that allows (docs/flow-model.md).
//!
//! [`plan`] is the one entry point. It is pure: the same script and options
//! always give the same plan, byte for byte once serialised.
//!
//! # Re-planning during a drill
//!
//! The session engine re-plans the classes not yet released when a stairwell
//! is reported blocked: it passes the drill time as
//! [`PlanOptions::not_before`], every class already released as a
//! fixed [`Release`] (its stairwell, release time and pace, kept exactly), and
//! the blocked stairwells. Fixed classes are booked first; the rest are
//! planned around them, none released before `not_before`. A limit that the
//! fixed classes break among themselves cannot be undone and is reported in
//! [`Plan::violations`]; the planner never adds one.

mod advice;
mod assemble;
mod baseline;
mod ledger;
mod output;
mod problem;
pub mod replan;
pub mod robust;
mod search;
pub mod simple;
mod verify;
mod waves;

pub use advice::SOONER;
pub use baseline::SAME_TIME;
pub use output::{
    Advice, Baseline, Baselines, ClassPlan, Comparison, Critical, Move, Ordering, PLAN_SCHEMA,
    Plan, RedFlag, Simulated, Staggering, StairwellPlan,
};
pub use problem::MIN_PACE;
pub use verify::{Violation, ViolationKind};

pub use crate::release::Release;

use problem::Problem;
use search::Booking;

use crate::flow::bound::{Capacity, Demand, stairwell_bound};
use crate::flow::lower_bound;
use crate::i18n::plan::{LimitText, PlanMsg};
use crate::i18n::sim::SimErrorText;
use crate::script::{ClassId, Policy, Script, StairwellId};
use crate::units::Seconds;

/// What the caller may change about a plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanOptions {
    /// Overrides the script's `[drill] policy` (ignored when it has waves).
    pub policy: Option<Policy>,
    /// Stairwells that may not be used: their classes take their alternates.
    pub blocked: Vec<StairwellId>,
    /// No class is released before this drill time (a re-plan).
    pub not_before: Seconds,
    /// Classes already released, kept exactly as they are: the stairwell
    /// each went into, its release and its pace (`None` = its door rate).
    pub fixed: Vec<Release>,
    /// Stairwells planned at a share of their safe stair capacity: the
    /// robustness control "a pace below capacity" (see [`robust`]).
    pub pace_shares: Vec<(StairwellId, f64)>,
    /// Stairwells planned with this many seconds free between one stream's
    /// tail and the next one's head on the stair: the robustness control
    /// "gaps between groups" (see [`robust`]).
    pub gaps: Vec<(StairwellId, f64)>,
}

/// Why a drill cannot be planned safely.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("there is no stairwell `{id}`")]
    UnknownStairwell {
        id: StairwellId,
        known: Vec<StairwellId>,
    },
    #[error("there is no class `{id}`")]
    UnknownClass { id: ClassId },
    #[error(
        "class {class} cannot go anywhere: its stairwell {stairwell} is blocked and it has no usable alternate"
    )]
    NoStairwell {
        class: ClassId,
        stairwell: StairwellId,
        alternate: Option<StairwellId>,
    },
    #[error(
        "stairwell {stairwell} has no capacity: it, or its exit, is no wider than its boundary layers"
    )]
    ZeroCapacity { stairwell: StairwellId },
    #[error(
        "wave {wave} at {at:.1} s would break the limit of stairwell {stairwell} at floor {floor} at about {conflict_at:.1} s; release it at {earliest:.1} s or later"
    )]
    WaveUnsafe {
        /// 1-based, as counted in the script.
        wave: usize,
        name: Option<String>,
        stairwell: StairwellId,
        floor: i32,
        at: f64,
        conflict_at: f64,
        conflict: Conflict,
        /// The earliest safe release of the wave.
        earliest: f64,
        /// The gap after the previous wave that this needs.
        gap: f64,
    },
    #[error(
        "wave {wave} puts more classes on stairwell {stairwell} at once than it can carry even at the slowest pace"
    )]
    WaveTooLarge {
        wave: usize,
        name: Option<String>,
        stairwell: StairwellId,
    },
    #[error("the simulator could not play the plan or its baselines: {0}")]
    Simulation(#[from] crate::sim::SimError),
    #[error("the plan breaks a limit it must keep ({} moments); this is a bug in evacdrill", violations.len())]
    Unsafe { violations: Vec<Violation> },
}

/// What a pinned wave would break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Conflict {
    /// The node's capacity.
    Capacity,
    /// The merge rule where a floor stream meets a stair stream.
    Merge,
    /// The marshal's "clear" from the previous group.
    Gate,
}

/// Plans the drill.
pub fn plan(script: &Script, opts: &PlanOptions) -> Result<Plan, PlanError> {
    let problem = Problem::new(script, opts)?;
    let policy = opts.policy.unwrap_or(script.drill.policy);
    let bookings = schedule(&problem, policy)?;
    assemble::build(&problem, policy, opts, &bookings)
}

/// The effort given to one stairwell: whole-sequence placements tried.
/// Measured on b1, b2, the demo, 4 campuses and 40 random buildings, the
/// seed orders find nearly all of the gain (the local search improved 5 of
/// 177 stairwells, by seconds) while its cost grows with n³: it runs only
/// where n is small.
fn budget(n: usize) -> usize {
    (12_000 / (n * n).max(1)).clamp(24, 400)
}

/// Every class's booking, fixed ones first, in a deterministic order.
fn schedule(problem: &Problem<'_>, policy: Policy) -> Result<Vec<Booking>, PlanError> {
    let mut ledgers = problem.ledgers();
    let mut bookings: Vec<Booking> = problem
        .routes
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            r.fixed.map(|(release, pace)| Booking {
                route: i,
                release,
                pace,
            })
        })
        .collect();
    let free: Vec<usize> = (0..problem.routes.len())
        .filter(|&i| problem.routes[i].fixed.is_none())
        .collect();
    if problem.script.waves.is_empty() {
        by_policy(problem, policy, &free, &mut ledgers, &mut bookings);
    } else {
        waves::schedule(problem, &free, &mut ledgers, &mut bookings)?;
    }
    Ok(bookings)
}

/// The order key of a class under `policy`: classes with a smaller key are
/// released no later than those with a larger one.
fn policy_key(problem: &Problem<'_>, policy: Policy, route: usize) -> i64 {
    let class = &problem.script.classes[problem.routes[route].class];
    match policy {
        Policy::Auto => 0,
        Policy::FloorAscending => i64::from(class.floor),
        Policy::GradeAscending => i64::from(class.grade),
        Policy::GradeDescending => -i64::from(class.grade),
    }
}

/// Plans the free classes in stages of equal policy key; each stage is
/// released no earlier than the latest release of the stages before it.
fn by_policy(
    problem: &Problem<'_>,
    policy: Policy,
    free: &[usize],
    ledgers: &mut [ledger::Ledger],
    bookings: &mut Vec<Booking>,
) {
    let mut keys: Vec<i64> = free
        .iter()
        .map(|&i| policy_key(problem, policy, i))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut floor = f64::NEG_INFINITY;
    for key in keys {
        let stage: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&i| policy_key(problem, policy, i) == key)
            .collect();
        let r_min = |i: usize| problem.routes[i].earliest.max(floor);
        let mut latest = floor;
        for (s, ledger) in ledgers.iter_mut().enumerate() {
            let members: Vec<usize> = stage
                .iter()
                .copied()
                .filter(|&i| problem.routes[i].stair == s)
                .collect();
            if members.is_empty() {
                continue;
            }
            let best = search::best(problem, ledger, &members, &r_min, budget(members.len()));
            for b in &best.bookings {
                latest = latest.max(b.release);
            }
            bookings.extend(best.bookings.iter().copied());
            *ledger = best.ledger;
        }
        floor = latest;
    }
}

/// The lower bound demands of the problem: every class on its stairwell at
/// its earliest release (a fixed class at its actual release).
fn demands(problem: &Problem<'_>) -> Vec<Demand> {
    problem
        .routes
        .iter()
        .map(|r| Demand {
            class: r.class,
            stair: r.stair,
            earliest: Seconds(r.fixed.map_or(r.earliest, |f| f.0)),
        })
        .collect()
}

/// The safe and physical bounds of the problem, and each stairwell's own.
fn bounds(problem: &Problem<'_>) -> (f64, f64, Vec<f64>) {
    let d = demands(problem);
    let b = lower_bound(problem.script, &d);
    let each = (0..problem.stairs.len())
        .map(|s| stairwell_bound(problem.script, s, &d, Capacity::Safe))
        .collect();
    (b.safe.0, b.physical.0, each)
}

impl PlanError {
    /// What went wrong, in words a coordinator can act on.
    #[must_use]
    pub fn message(&self) -> PlanMsg {
        let list = |ids: &[StairwellId]| {
            ids.iter()
                .map(|s| s.0.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Self::UnknownStairwell { id, known } => PlanMsg::UnknownStairwell {
                id: id.0.clone(),
                known: list(known),
            },
            Self::UnknownClass { id } => PlanMsg::UnknownClass { id: id.0.clone() },
            Self::NoStairwell {
                class,
                stairwell,
                alternate: Some(alternate),
            } => PlanMsg::NoStairwellBlockedToo {
                class: class.0.clone(),
                stairwell: stairwell.0.clone(),
                alternate: alternate.0.clone(),
            },
            Self::NoStairwell {
                class, stairwell, ..
            } => PlanMsg::NoStairwell {
                class: class.0.clone(),
                stairwell: stairwell.0.clone(),
            },
            Self::ZeroCapacity { stairwell } => PlanMsg::ZeroCapacity {
                stairwell: stairwell.0.clone(),
            },
            Self::WaveUnsafe {
                wave,
                name,
                stairwell,
                floor,
                at,
                conflict_at,
                conflict,
                ..
            } => PlanMsg::WaveUnsafe {
                wave: wave_label(*wave, name.as_deref()),
                at: *at,
                stairwell: stairwell.0.clone(),
                floor: *floor,
                when: *conflict_at,
                what: match conflict {
                    Conflict::Capacity => LimitText::Capacity,
                    Conflict::Merge => LimitText::Merge,
                    Conflict::Gate => LimitText::Gate,
                },
            },
            Self::WaveTooLarge {
                wave,
                name,
                stairwell,
            } => PlanMsg::WaveTooLarge {
                wave: wave_label(*wave, name.as_deref()),
                stairwell: stairwell.0.clone(),
            },
            Self::Unsafe { violations } => PlanMsg::Unsafe {
                count: violations.len(),
            },
            Self::Simulation(e) => PlanMsg::Simulation {
                reason: SimErrorText::from(e),
            },
        }
    }

    /// What to do about it, when there is something to say.
    #[must_use]
    pub fn hint(&self) -> Option<PlanMsg> {
        match self {
            Self::UnknownStairwell { .. } | Self::UnknownClass { .. } | Self::Simulation(_) => None,
            Self::NoStairwell { class, .. } => Some(PlanMsg::NoStairwellHint {
                class: class.0.clone(),
            }),
            Self::ZeroCapacity { .. } => Some(PlanMsg::ZeroCapacityHint),
            Self::WaveUnsafe { earliest, gap, .. } => Some(PlanMsg::WaveUnsafeHint {
                earliest: *earliest,
                gap: *gap,
            }),
            Self::WaveTooLarge { .. } => Some(PlanMsg::WaveTooLargeHint),
            Self::Unsafe { .. } => Some(PlanMsg::UnsafeHint),
        }
    }
}

/// A wave as people name it: its number, and its name when it has one.
fn wave_label(wave: usize, name: Option<&str>) -> String {
    match name {
        Some(n) => format!("{wave} (\"{n}\")"),
        None => wave.to_string(),
    }
}

#[cfg(test)]
mod tests;

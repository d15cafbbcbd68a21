//! The plan as reported: the JSON contract of docs/design.md ("Plan"), with
//! its extensions. Fields are only ever added, never renamed or removed.

use serde::Serialize;

use super::verify::Violation;
use crate::release::Release;
use crate::script::{ClassId, Gate, Policy, StairwellId};
use crate::session::Schedule;
use crate::sim::LocationKind;
use crate::time::DrillTime;
use crate::units::{PersonsPerSecond, Seconds};

/// The version of the plan's JSON format.
pub const PLAN_SCHEMA: u32 = 1;

/// How the release order was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ordering {
    /// By the policy (`policy`).
    Policy,
    /// By the script's `[[wave]]`s, in order.
    Waves,
}

/// A staggered release plan and how it compares with the bound and the
/// baselines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub schema: u32,
    /// The policy in force (the script's, or the override).
    pub policy: Policy,
    /// Whether the policy or the script's waves decided the order.
    pub ordering: Ordering,
    /// The safe lower bound (capacity `flow_limit × We`), s after the signal.
    pub lower_bound_s: f64,
    /// When the last person is out, s after the signal.
    pub predicted_end_s: f64,
    /// Moments that break a limit; empty unless caused by classes already
    /// released (`PlanOptions::fixed`).
    pub violations: Vec<Violation>,
    pub stairwells: Vec<StairwellPlan>,
    /// Every class, by release time.
    pub classes: Vec<ClassPlan>,
    pub baselines: Baselines,
    /// What staggering costs and what it buys against each baseline.
    pub staggering: Staggering,
    /// The physical lower bound (capacity `0.94 k We`).
    pub physical_lower_bound_s: f64,
    /// `predicted_end_s / lower_bound_s`.
    pub ratio: f64,
    /// No release is planned before this (a re-plan during a drill).
    pub not_before_s: f64,
    /// Stairwells planned as unavailable.
    pub blocked: Vec<StairwellId>,
    /// The stairwell that sets the bound, and what would move it.
    pub critical: Option<Critical>,
    pub red_flags: Vec<RedFlag>,
    /// The plan judged under variation, and the control that keeps its
    /// risk within `[safety] risk` (absent when it was not judged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<super::robust::RiskReport>,
}

impl Plan {
    /// The schedule a session follows: every class's release, by release
    /// time, as planned.
    #[must_use]
    pub fn schedule(&self) -> Schedule {
        Schedule {
            releases: self.classes.iter().map(ClassPlan::release).collect(),
        }
    }
}

/// One stairwell in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StairwellPlan {
    pub id: StairwellId,
    /// Safe capacity of the stair, persons per second.
    pub capacity_pps: f64,
    pub people: u32,
    /// When its last person is out; 0 when no class uses it.
    pub predicted_clear_s: f64,
    /// Highest adult-equivalent density on it, p/m².
    pub peak_density_ppm2: f64,
    /// Most people standing in a queue on it at once; the plan keeps none.
    pub peak_queue: u32,
    pub classes: usize,
    /// This stairwell's own lower bound.
    pub lower_bound_s: f64,
    pub blocked: bool,
    pub gate: Gate,
}

/// One class in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassPlan {
    pub id: ClassId,
    pub stairwell: StairwellId,
    /// When the class is told to go, s after the signal.
    pub release_s: f64,
    /// The rate at which it files onto the stair, persons per second.
    pub pace_pps: f64,
    /// When its last person is out, s after the signal.
    pub predicted_out_s: f64,
    /// When its first person reaches the stair.
    pub at_stair_s: f64,
    pub floor: i32,
    pub grade: u8,
    pub people: u32,
    /// It uses its alternate because its own stairwell is blocked.
    pub alternate: bool,
    /// It was already released and kept its time (a re-plan).
    pub fixed: bool,
    /// The 1-based `[[wave]]` it belongs to, when the script has waves.
    pub wave: Option<usize>,
}

impl ClassPlan {
    /// The class's release as the session and the simulator take it.
    ///
    /// Planned times are whole tenths of a second (or, for a fixed class,
    /// the milliseconds it was released at), so the millisecond drill time
    /// is exact and the simulator plays the very time the plan reports.
    #[must_use]
    pub fn release(&self) -> Release {
        Release {
            class: self.id.clone(),
            stairwell: self.stairwell.clone(),
            at: DrillTime::from_seconds(Seconds(self.release_s)),
            pace: Some(PersonsPerSecond(self.pace_pps)),
        }
    }
}

/// The plans a school would follow without this program, played by the
/// simulator at the stairs' physical capacities with variation off: no
/// marshal holds a stream to the safe limit, so queues stand where streams
/// meet (docs/flow-model.md, "Baselines").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baselines {
    /// Everyone at the alarm: every class at the signal at its door's rate,
    /// no gates. The simulator's merges deliver `merge_factor` of capacity.
    pub all_at_once: Baseline,
    /// The same figures as `all_at_once`, which now includes the merge
    /// loss; kept because fields of the plan are never removed.
    pub all_at_once_merge: Baseline,
    /// Grade g goes when grade g − 1 is out.
    pub sequential_by_grade: Baseline,
}

/// One baseline's outcome, simulated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baseline {
    pub predicted_end_s: f64,
    /// Most people standing in a queue on one flight or landing at once.
    pub peak_queue: u32,
    /// Highest adult-equivalent density on any flight or landing, p/m².
    pub peak_density_ppm2: f64,
    /// `predicted_end_s / lower_bound_s`.
    pub ratio: f64,
}

/// The plan's own crowd, from the simulator's run of it with variation off.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulated {
    /// When the simulator has the last person out.
    pub predicted_end_s: f64,
    /// Most people standing in a queue on one flight or landing at once.
    pub peak_queue: u32,
    /// Highest adult-equivalent density on any flight or landing, p/m².
    pub peak_density_ppm2: f64,
}

/// The price and the gain of staggering: the plan against each baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Staggering {
    /// The plan as the simulator plays it.
    pub plan: Simulated,
    pub all_at_once: Comparison,
    pub sequential_by_grade: Comparison,
}

/// The plan against one baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The plan's `predicted_end_s` minus the baseline's: positive when
    /// staggering costs time, negative when it saves time.
    pub cost_s: f64,
    /// The baseline's `peak_queue` minus the plan's: the people staggering
    /// keeps from standing on the stairs and landings (negative: it stands
    /// more).
    pub kept_off: i64,
    /// The baseline's peak density, p/m².
    pub peak_density_before_ppm2: f64,
    /// The plan's peak density in the simulator, p/m².
    pub peak_density_after_ppm2: f64,
}

/// The stairwell that sets the bound.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Critical {
    pub stairwell: StairwellId,
    pub people: u32,
    pub capacity_pps: f64,
    /// `people / capacity`: the stair's own time at capacity.
    pub at_capacity_s: f64,
    pub lower_bound_s: f64,
    /// The moves of classes to other stairwells that lower the bound most.
    pub advice: Option<Advice>,
}

/// Moving some classes to other stairwells, and what it would gain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    pub moves: Vec<Move>,
    /// The safe lower bound after the moves.
    pub lower_bound_s: f64,
    /// How much sooner the bound becomes.
    pub saves_s: f64,
    /// The planned end after the moves: always sooner than the plan's.
    pub predicted_end_s: f64,
    /// How much sooner than the plan that is, s (more than
    /// half a second, or there is no advice).
    pub sooner_s: f64,
}

/// One class moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub class: ClassId,
    pub from: StairwellId,
    pub to: StairwellId,
}

/// Something the coordinator must look at.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RedFlag {
    /// The plan ends after the school's own target.
    OverTarget { predicted_end_s: f64, target_s: f64 },
    /// A predicted density at or above the red-flag density.
    Density {
        stairwell: StairwellId,
        density_ppm2: f64,
    },
    /// Without a plan, people would stand packed on the stairs: the
    /// densest place of the simulated all-at-once run.
    UnmanagedCrowding {
        stairwell: StairwellId,
        /// The floor of `place` (a half landing or flight: the floor above
        /// it).
        floor: i32,
        /// Where on the stairwell the density peaks.
        place: LocationKind,
        /// Most people standing in a queue on one of its flights or
        /// landings.
        queue: u32,
        density_ppm2: f64,
    },
    /// A `gate = "clear"` stairwell without a marshal to give the "clear".
    GateWithoutMarshal { stairwell: StairwellId },
    /// Classes with no alternate: if their stairwell is blocked they cannot
    /// be planned.
    NoAlternate {
        stairwell: StairwellId,
        classes: Vec<ClassId>,
    },
}

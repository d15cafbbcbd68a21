//! The simulator: plays a drill forward through a cell-transmission model of
//! the building, once or many times with random variation.
//!
//! It is written from docs/flow-model.md independently of the planner, so that
//! it can catch the planner's mistakes: the planner predicts from closed-form
//! arithmetic, the simulator moves people cell by cell and sees the queues and
//! densities that result.
//!
//! - A [`Schedule`] says when each class goes, into which stairwell, at what
//!   pace (a [`Release`] each), and the rule that decides the times
//!   ([`ReleaseRule`]).
//! - [`simulate`] runs once; [`Engine`] is the same run advanced from outside
//!   (the dashboard's rehearsal mode), emitting [`Fact`]s.
//! - [`monte_carlo`] runs many times with [`Variation`] and turns
//!   the runs into percentiles and risks ([`MonteCarlo`] shares them out).

mod baseline;
mod engine;
mod fact;
mod monte_carlo;
mod network;
pub mod physics;
mod record;
#[cfg(test)]
mod tests;
mod variation;

use serde::Serialize;

pub use crate::release::Release;
use crate::script::{ClassId, Script, StairwellId};

pub use baseline::{all_at_once, one_at_a_time, sequential_by_grade};
pub use engine::{Census, ClassState, Engine, simulate};
pub use fact::Fact;
pub use monte_carlo::{
    MonteCarlo, MonteCarloOptions, MonteCarloReport, Percentiles, PlaceRisk, Risk, RunSummary,
    StairwellSpread, monte_carlo, run_seed,
};
pub use network::{Location, LocationKind};
pub use record::{CellSeries, ClassOutcome, Exceedance, Outcome, Record, Series, StairwellOutcome};
pub use variation::{Rng, Variation};

/// What decides the moment each class goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReleaseRule {
    /// Each class at its release time (a plan, or the all-at-once baseline).
    AtPlannedTimes,
    /// Grade g goes when every class of grade g − 1 is out (the strictly
    /// sequential baseline).
    AfterPreviousGrade,
    /// Per stairwell, one class stream at a time in the order of the entries:
    /// the next class goes so that its first person reaches the stair as the
    /// previous class's last person enters it.
    OneStreamPerStairwell,
}

/// Releases and the rule that times them: everything the simulator needs
/// besides the script.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schedule {
    /// Every class's release, in order (the order matters to
    /// [`ReleaseRule::OneStreamPerStairwell`]). A release's time is when the
    /// class is told to go (its first person then walks the corridor); under
    /// a rule other than [`ReleaseRule::AtPlannedTimes`], the earliest such
    /// moment. Its pace is never above the door's rate (`None` = the door's
    /// rate). The lead fills it from the planner's plan; [`all_at_once`]
    /// builds the unmanaged baseline.
    pub releases: Vec<Release>,
    pub rule: ReleaseRule,
    /// Whether releases wait for the marshal at `gate = "clear"` stairwells.
    /// A plan does; the baselines do not (nobody gates the unmanaged alarm).
    pub gated: bool,
    /// Stairwells whose stair heads are metered: a teacher or marshal holds
    /// a floor's class at the stair head while the stair stream and it
    /// together would pass the stair's safe capacity (`merge_factor ×` it
    /// where they meet); people already on the stair are never held. The
    /// planner's robustness control (`plan::robust`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metered: Vec<StairwellId>,
}

/// Why a schedule cannot be simulated against its script.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimError {
    #[error("class `{0}` is not in the script")]
    UnknownClass(ClassId),
    #[error("stairwell `{0}` is not in the script")]
    UnknownStairwell(StairwellId),
    #[error("class `{0}` is released twice")]
    ReleasedTwice(ClassId),
    #[error("class `{0}` is never released")]
    NeverReleased(ClassId),
    #[error("class `{class}` cannot use stairwell `{stairwell}`: it does not serve floor {floor}")]
    FloorNotServed {
        class: ClassId,
        stairwell: StairwellId,
        floor: i32,
    },
    #[error("class `{class}` has a pace of {value} p/s; it must be above 0")]
    BadPace { class: ClassId, value: f64 },
    #[error("stairwell `{stairwell}` is blocked and class `{class}` has no alternate")]
    NoAlternate {
        class: ClassId,
        stairwell: StairwellId,
    },
    #[error(
        "stairwell `{stairwell}` is blocked and so is `{alternate}`, the alternate of class `{class}`"
    )]
    AlternateBlocked {
        class: ClassId,
        stairwell: StairwellId,
        alternate: StairwellId,
    },
    #[error("stairwell `{0}` has no effective width: it is no wider than its boundary layers")]
    NoWidth(StairwellId),
    #[error("the drill did not end within {0} simulated seconds")]
    DidNotFinish(f64),
}

impl Schedule {
    /// A schedule that releases each class at its planned time.
    #[must_use]
    pub fn planned(releases: Vec<Release>) -> Self {
        Self {
            releases,
            rule: ReleaseRule::AtPlannedTimes,
            gated: true,
            metered: Vec::new(),
        }
    }

    /// The same schedule with blocked stairwells' classes on their alternates.
    pub fn with_blocked(&self, script: &Script, blocked: &[StairwellId]) -> Result<Self, SimError> {
        Ok(Self {
            releases: with_blocked(&self.releases, script, blocked)?,
            rule: self.rule,
            gated: self.gated,
            metered: self.metered.clone(),
        })
    }
}

/// `releases` with every class of a blocked stairwell moved to its
/// alternate (same time and pace).
///
/// An error names the first class that has no alternate, or whose alternate
/// is blocked too.
fn with_blocked(
    releases: &[Release],
    script: &Script,
    blocked: &[StairwellId],
) -> Result<Vec<Release>, SimError> {
    for id in blocked {
        if script.stairwell(id).is_none() {
            return Err(SimError::UnknownStairwell(id.clone()));
        }
    }
    let mut entries = Vec::with_capacity(releases.len());
    for r in releases {
        let mut r = r.clone();
        if blocked.contains(&r.stairwell) {
            let class = script
                .class(&r.class)
                .ok_or_else(|| SimError::UnknownClass(r.class.clone()))?;
            let alternate = class
                .alternate
                .clone()
                .ok_or_else(|| SimError::NoAlternate {
                    class: r.class.clone(),
                    stairwell: r.stairwell.clone(),
                })?;
            if blocked.contains(&alternate) {
                return Err(SimError::AlternateBlocked {
                    class: r.class.clone(),
                    stairwell: r.stairwell.clone(),
                    alternate,
                });
            }
            r.stairwell = alternate;
        }
        entries.push(r);
    }
    Ok(entries)
}

//! The planner, as the live drill uses it: the initial schedule, and the
//! re-plan when a stairwell is reported blocked.

use evacdrill::i18n::Lang;
use evacdrill::plan::{FixedRelease, Plan, PlanError, PlanOptions, plan};
use evacdrill::script::{ClassId, Policy, Script, StairwellId};
use evacdrill::session::{DrillTime, PlannedRelease, ReplanError, Replanner, Schedule};
use evacdrill::units::{PersonsPerSecond, Seconds};

/// The session's schedule from a plan.
#[must_use]
pub fn from_plan(plan: &Plan) -> Schedule {
    Schedule {
        releases: plan
            .classes
            .iter()
            .map(|c| PlannedRelease {
                class: c.id.clone(),
                stairwell: c.stairwell.clone(),
                at_ms: (c.release_s.max(0.0) * 1000.0).round() as u64,
                pace_pps: Some(c.pace_pps),
            })
            .collect(),
    }
}

fn explain(e: &PlanError, _lang: Lang) -> String {
    e.to_string()
}

/// The schedule a new drill starts with.
pub fn initial(script: &Script, policy: Option<Policy>, lang: Lang) -> Result<Schedule, String> {
    let opts = PlanOptions {
        policy,
        ..PlanOptions::default()
    };
    plan(script, &opts)
        .map(|p| from_plan(&p))
        .map_err(|e| explain(&e, lang))
}

/// Re-plans with the real planner: the classes already released keep their
/// stairwell, time and pace; the rest are planned after `now`, off the
/// blocked stairwells.
pub struct PlanReplanner {
    pub lang: Lang,
    pub policy: Option<Policy>,
}

impl Replanner for PlanReplanner {
    fn replan(
        &self,
        script: &Script,
        current: &Schedule,
        blocked: &[StairwellId],
        released: &[ClassId],
        now: DrillTime,
    ) -> Result<Schedule, ReplanError> {
        let fixed = current
            .releases
            .iter()
            .filter(|r| released.contains(&r.class))
            .map(|r| FixedRelease {
                class: r.class.clone(),
                stairwell: r.stairwell.clone(),
                release: Seconds(r.at_ms as f64 / 1000.0),
                pace: r.pace_pps.map(PersonsPerSecond),
            })
            .collect();
        let opts = PlanOptions {
            policy: self.policy,
            blocked: blocked.to_vec(),
            not_before: now.seconds(),
            fixed,
        };
        plan(script, &opts)
            .map(|p| from_plan(&p))
            .map_err(|e| ReplanError(explain(&e, self.lang)))
    }
}

//! The planner as a live drill uses it: the schedule a drill starts with
//! (a plan's [`Plan::schedule`]), and the re-plan when a stairwell is
//! reported blocked. The dashboard, the phone server, the rehearsal and the
//! cards all start from [`initial`], so they all run the same plan.

use super::robust::{self, Control, Runs};
use super::{Plan, PlanError, PlanOptions, plan};
use crate::i18n::Lang;
use crate::script::{ClassId, Policy, Script, StairwellId};
use crate::session::{DrillTime, ReplanError, Replanner, Schedule};

/// The plan error in words, with its hint.
#[must_use]
pub fn explain(e: &PlanError, lang: Lang) -> String {
    match e.hint() {
        Some(h) => format!("{} ({})", e.message().text(lang), h.text(lang)),
        None => e.message().text(lang),
    }
}

/// The schedule of the plan as computed, before it is judged under
/// variation (tests, and tools that need no robustness control).
pub fn initial(script: &Script, policy: Option<Policy>, lang: Lang) -> Result<Schedule, String> {
    let opts = PlanOptions {
        policy,
        ..PlanOptions::default()
    };
    plan(script, &opts)
        .map(|p| p.schedule())
        .map_err(|e| explain(&e, lang))
}

/// The plan a new drill starts with: the one `evacdrill plan` prints, judged
/// under variation with its robustness control ([`robust::plan_robust`]).
/// The dashboard, the rehearsal and the cards start from it; its control
/// goes on to the re-planner ([`PlanReplanner::for_plan`]).
pub fn robust_initial(
    script: &Script,
    policy: Option<Policy>,
    lang: Lang,
    runner: &dyn Runs,
) -> Result<Plan, String> {
    let opts = PlanOptions {
        policy,
        ..PlanOptions::default()
    };
    robust::plan_robust(script, &opts, runner).map_err(|e| match e {
        robust::RobustError::Plan(e) => explain(&e, lang),
        robust::RobustError::Sim(e) => e.to_string(),
    })
}

/// Re-plans with the real planner: the classes already released keep their
/// stairwell, time and pace; the rest are planned after `now`, off the
/// blocked stairwells.
pub struct PlanReplanner {
    pub lang: Lang,
    pub policy: Option<Policy>,
    /// The robustness control of the plan in force, kept in every re-plan.
    pub control: Control,
}

impl PlanReplanner {
    /// The re-planner of a drill that started from `plan`: it keeps the
    /// plan's robustness control.
    #[must_use]
    pub fn for_plan(plan: &Plan, lang: Lang, policy: Option<Policy>) -> Self {
        Self {
            lang,
            policy,
            control: plan
                .risk
                .as_ref()
                .map_or(Control::None, |r| r.control.clone()),
        }
    }
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
            .cloned()
            .collect();
        let opts = PlanOptions {
            policy: self.policy,
            blocked: blocked.to_vec(),
            not_before: now.seconds(),
            fixed,
            ..PlanOptions::default()
        };
        plan(script, &self.control.apply(&opts))
            .map(|p| p.schedule())
            .map_err(|e| ReplanError(explain(&e, self.lang)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::check_str;

    fn demo() -> Script {
        check_str(include_str!("../../../../drills/demo.toml"))
            .script
            .unwrap()
    }

    #[test]
    fn the_initial_schedule_releases_every_class_once() {
        let script = demo();
        let s = initial(&script, None, Lang::En).unwrap();
        assert_eq!(s.releases.len(), script.classes.len());
        s.check(&script, &[]).unwrap();
    }

    #[test]
    fn a_blocked_stairwell_is_replanned_onto_alternates_keeping_what_went() {
        let script = demo();
        let current = initial(&script, None, Lang::En).unwrap();
        let blocked = StairwellId("A".into());
        let released: Vec<ClassId> = current
            .releases
            .iter()
            .filter(|r| r.at <= DrillTime(30_000))
            .map(|r| r.class.clone())
            .collect();
        let replanner = PlanReplanner {
            lang: Lang::En,
            policy: None,
            control: Control::None,
        };
        let next = replanner
            .replan(
                &script,
                &current,
                std::slice::from_ref(&blocked),
                &released,
                DrillTime(30_000),
            )
            .unwrap();
        for r in &next.releases {
            if released.contains(&r.class) {
                let before = current.release(&r.class).unwrap();
                assert_eq!(
                    (&r.stairwell, r.at),
                    (&before.stairwell, before.at),
                    "{}",
                    r.class
                );
            } else {
                assert_ne!(
                    r.stairwell, blocked,
                    "{} still uses the blocked stairwell",
                    r.class
                );
                assert!(
                    r.at >= DrillTime(30_000),
                    "{} is planned before the re-plan",
                    r.class
                );
            }
        }
    }

    #[test]
    fn a_class_with_nowhere_to_go_is_an_error_naming_it() {
        let mut script = demo();
        for c in &mut script.classes {
            c.alternate = None;
        }
        let current = initial(&script, None, Lang::En).unwrap();
        let replanner = PlanReplanner {
            lang: Lang::En,
            policy: None,
            control: Control::None,
        };
        let err = replanner
            .replan(
                &script,
                &current,
                &[StairwellId("C".into())],
                &[],
                DrillTime(0),
            )
            .unwrap_err();
        assert!(err.0.contains("has no way out"), "{}", err.0);
    }
}

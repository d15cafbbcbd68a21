//! The planner as a live drill uses it: the schedule a drill starts with
//! (a plan's [`Plan::schedule`]), and the re-plan when a stairwell is
//! reported blocked. The dashboard, the phone server, the rehearsal and the
//! cards all start from [`initial`], so they all run the same plan.

#[cfg(doc)]
use super::Plan;
use super::{PlanError, PlanOptions, plan};
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

/// The schedule a new drill starts with.
pub fn initial(script: &Script, policy: Option<Policy>, lang: Lang) -> Result<Schedule, String> {
    let opts = PlanOptions {
        policy,
        ..PlanOptions::default()
    };
    plan(script, &opts)
        .map(|p| p.schedule())
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
            .cloned()
            .collect();
        let opts = PlanOptions {
            policy: self.policy,
            blocked: blocked.to_vec(),
            not_before: now.seconds(),
            fixed,
        };
        plan(script, &opts)
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

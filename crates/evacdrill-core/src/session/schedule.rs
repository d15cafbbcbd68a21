//! The schedule a session releases classes by, and the re-planning hook.
//!
//! The session does not plan: it is given a [`Schedule`] (from the planner,
//! or from pinned waves) and follows it. When a stairwell is reported
//! blocked, it asks a [`Replanner`] for a new one and records the result in
//! the event, so that a replay never needs the planner again.

use std::borrow::Cow;
use std::collections::BTreeSet;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::release::Release;
use crate::script::{ClassId, Script, StairwellId};

use crate::time::DrillTime;

/// Every class's planned release: the plan as the session follows it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Schedule {
    pub releases: Vec<Release>,
}

/// Why a schedule cannot be followed for a script.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the schedule names class `{0}`, which the script does not have")]
    UnknownClass(ClassId),
    #[error("the schedule names stairwell `{0}`, which the script does not have")]
    UnknownStairwell(StairwellId),
    #[error("the schedule releases class `{0}` more than once")]
    Duplicate(ClassId),
    #[error("the schedule has no release for class `{0}`")]
    Missing(ClassId),
    #[error("the schedule sends class `{class}` into stairwell `{stairwell}`, which is blocked")]
    IntoBlocked {
        class: ClassId,
        stairwell: StairwellId,
    },
}

impl Schedule {
    /// Checks that the schedule releases every class of `script` exactly once,
    /// into a stairwell of the script that is not in `blocked`.
    pub fn check(&self, script: &Script, blocked: &[StairwellId]) -> Result<(), ScheduleError> {
        let mut seen = BTreeSet::new();
        for r in &self.releases {
            if script.class(&r.class).is_none() {
                return Err(ScheduleError::UnknownClass(r.class.clone()));
            }
            if script.stairwell(&r.stairwell).is_none() {
                return Err(ScheduleError::UnknownStairwell(r.stairwell.clone()));
            }
            if blocked.contains(&r.stairwell) {
                return Err(ScheduleError::IntoBlocked {
                    class: r.class.clone(),
                    stairwell: r.stairwell.clone(),
                });
            }
            if !seen.insert(&r.class) {
                return Err(ScheduleError::Duplicate(r.class.clone()));
            }
        }
        match script.classes.iter().find(|c| !seen.contains(&c.id)) {
            Some(c) => Err(ScheduleError::Missing(c.id.clone())),
            None => Ok(()),
        }
    }

    /// The planned release of `class`.
    #[must_use]
    pub fn release(&self, class: &ClassId) -> Option<&Release> {
        self.releases.iter().find(|r| &r.class == class)
    }
}

/// Why the planner could not re-plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("re-planning failed: {0}")]
pub struct ReplanError(pub String);

/// Makes a new schedule when a stairwell is blocked.
///
/// A trait, so that the session does not depend on the planner (the live
/// drill wires in `plan::replan::PlanReplanner`), and tests can use a small
/// one. The planner is called only while
/// the drill runs; its answer is stored in the `stairwell_blocked` event.
pub trait Replanner {
    /// A schedule for the classes not yet released that uses none of the
    /// `blocked` stairwells. Releases it gives for classes in `released` are
    /// ignored: those classes have already gone. Planned times are drill
    /// times; a time before `now` means "as soon as the gates open".
    fn replan(
        &self,
        script: &Script,
        current: &Schedule,
        blocked: &[StairwellId],
        released: &[ClassId],
        now: DrillTime,
    ) -> Result<Schedule, ReplanError>;
}

/// The replanner of a session that has none: every re-plan fails, so a
/// blocked stairwell is refused rather than silently left in the plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoReplanner;

impl Replanner for NoReplanner {
    fn replan(
        &self,
        _: &Script,
        _: &Schedule,
        _: &[StairwellId],
        _: &[ClassId],
        _: DrillTime,
    ) -> Result<Schedule, ReplanError> {
        Err(ReplanError(
            "no planner is available in this session".to_owned(),
        ))
    }
}

/// Moves each class not yet released off a blocked stairwell onto its
/// `alternate`, keeping its planned time.
///
/// The simplest re-plan that keeps everyone moving; a live drill uses the
/// real planner (`plan::replan::PlanReplanner`), which also re-spaces the
/// times. A class with no usable
/// alternate makes the re-plan fail.
#[derive(Debug, Clone, Copy, Default)]
pub struct AlternateReplanner;

impl Replanner for AlternateReplanner {
    fn replan(
        &self,
        script: &Script,
        current: &Schedule,
        blocked: &[StairwellId],
        released: &[ClassId],
        _: DrillTime,
    ) -> Result<Schedule, ReplanError> {
        let mut next = current.clone();
        for r in &mut next.releases {
            if released.contains(&r.class) || !blocked.contains(&r.stairwell) {
                continue;
            }
            let alternate = script
                .class(&r.class)
                .and_then(|c| c.alternate.clone())
                .filter(|a| !blocked.contains(a))
                .ok_or_else(|| {
                    ReplanError(format!(
                        "class `{}` has no alternate stairwell that is open",
                        r.class
                    ))
                })?;
            r.stairwell = alternate;
        }
        Ok(next)
    }
}

macro_rules! id_schema {
    ($t:ty, $name:literal, $doc:literal) => {
        impl JsonSchema for $t {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "string", "description": $doc })
            }
        }
    };
}
id_schema!(
    ClassId,
    "ClassId",
    "A class id as written in the drill script."
);
id_schema!(
    StairwellId,
    "StairwellId",
    "A stairwell id as written in the drill script."
);

//! Why the session refuses an input, or a recorded event list.

use crate::i18n::session::{PhaseName, SessionMsg};
use crate::script::{ClassId, StairwellId};

use super::schedule::{ReplanError, ScheduleError};
use super::state::{Phase, PhaseSet};
use crate::time::DrillTime;

/// An input the session refused; the state did not change.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SessionError {
    #[error("the drill has ended; nothing more can be recorded")]
    Ended,
    #[error("`{input}` is not possible during {phase:?} (only during {allowed})")]
    WrongPhase {
        input: &'static str,
        phase: Phase,
        allowed: PhaseSet,
    },
    #[error("the clock went back from {last} to {now}")]
    TimeWentBack { now: DrillTime, last: DrillTime },
    #[error("the script has no class `{0}`")]
    UnknownClass(ClassId),
    #[error("the script has no stairwell `{0}`")]
    UnknownStairwell(StairwellId),
    #[error("the checklist has no item {item} (it has {len})")]
    UnknownChecklistItem { item: usize, len: usize },
    #[error("checklist item {0} already has this answer")]
    ChecklistUnchanged(usize),
    #[error("a {0} cannot be empty")]
    Empty(&'static str),
    #[error("the marshal of stairwell `{0}` is already at post")]
    AlreadyAtPost(StairwellId),
    #[error("the marshal of stairwell `{0}` is not at post")]
    NotAtPost(StairwellId),
    #[error("stairwells {0:?} have no marshal at post; starting needs an override with a reason")]
    Unmanned(Vec<StairwellId>),
    #[error("class `{0}` has already been released")]
    AlreadyReleased(ClassId),
    #[error("class `{0}` has not been released")]
    NotReleased(ClassId),
    #[error("class `{0}` was already reported passed")]
    AlreadyPassed(ClassId),
    #[error("class `{0}` is already out")]
    AlreadyOut(ClassId),
    #[error("class `{0}` has already been counted; correct the headcount instead")]
    AlreadyCounted(ClassId),
    #[error("stairwell `{0}` is blocked")]
    StairwellBlocked(StairwellId),
    #[error("stairwell `{0}` is already held")]
    AlreadyHeld(StairwellId),
    #[error("every stairwell is already held")]
    AllHeld,
    #[error("stairwell `{0}` is not held")]
    NotHeld(StairwellId),
    #[error("no stairwell is held")]
    NoneHeld,
    #[error("nothing has been released into stairwell `{0}`")]
    NothingReleased(StairwellId),
    #[error("stairwell `{0}` was already reported clear")]
    AlreadyClear(StairwellId),
    #[error("{0} names more people than its count")]
    MoreNamesThanCount(&'static str),
    #[error("a headcount of {count} is more than a class can hold (at most {max})")]
    CountTooLarge { count: u32, max: u32 },
    #[error(
        "the drill is not complete: classes not counted {classes:?}, stairwells not clear {stairwells:?}; end it early with a reason"
    )]
    NotComplete {
        classes: Vec<ClassId>,
        stairwells: Vec<StairwellId>,
    },
    #[error("there is no entry {0} to correct")]
    UnknownSeq(u64),
    #[error("entry {seq} ({what}) cannot be corrected this way")]
    NotCorrectable { seq: u64, what: &'static str },
    #[error("entry {0} has already been withdrawn")]
    AlreadyWithdrawn(u64),
    #[error("{0}")]
    Replan(#[from] ReplanError),
    #[error("the new schedule is unusable: {0}")]
    Schedule(#[from] ScheduleError),
    #[error("internal inconsistency: {0}")]
    Internal(String),
}

/// A recorded event list that does not fit the script or itself.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReplayError {
    #[error("the schedule does not fit the script: {0}")]
    Schedule(#[from] ScheduleError),
    #[error("event {seq}: {detail}")]
    Event { seq: u64, detail: String },
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl From<Phase> for PhaseName {
    fn from(phase: Phase) -> Self {
        match phase {
            Phase::Briefing => Self::Briefing,
            Phase::Running => Self::Running,
            Phase::Accounting => Self::Accounting,
            Phase::Ended => Self::Ended,
        }
    }
}

impl SessionError {
    /// The message for the user, in either language.
    #[must_use]
    pub fn message(&self) -> SessionMsg {
        use SessionMsg as M;
        match self {
            Self::Ended => M::Ended,
            Self::WrongPhase { phase, .. } => M::WrongPhase {
                phase: (*phase).into(),
            },
            Self::TimeWentBack { now, last } => M::TimeWentBack {
                now: now.to_string(),
                last: last.to_string(),
            },
            Self::UnknownClass(c) => M::UnknownClass {
                class: c.to_string(),
            },
            Self::UnknownStairwell(s) => M::UnknownStairwell {
                stairwell: s.to_string(),
            },
            Self::UnknownChecklistItem { item, len } => M::UnknownChecklistItem {
                item: item + 1,
                len: *len,
            },
            Self::ChecklistUnchanged(item) => M::ChecklistUnchanged { item: item + 1 },
            Self::Empty(what) => M::Empty {
                what: (*what).to_owned(),
            },
            Self::AlreadyAtPost(s) => M::AlreadyAtPost {
                stairwell: s.to_string(),
            },
            Self::NotAtPost(s) => M::NotAtPost {
                stairwell: s.to_string(),
            },
            Self::Unmanned(s) => M::Unmanned {
                stairwells: list(s),
            },
            Self::AlreadyReleased(c) => M::AlreadyReleased {
                class: c.to_string(),
            },
            Self::NotReleased(c) => M::NotReleased {
                class: c.to_string(),
            },
            Self::AlreadyPassed(c) => M::AlreadyPassed {
                class: c.to_string(),
            },
            Self::AlreadyOut(c) => M::AlreadyOut {
                class: c.to_string(),
            },
            Self::AlreadyCounted(c) => M::AlreadyCounted {
                class: c.to_string(),
            },
            Self::StairwellBlocked(s) => M::StairwellBlocked {
                stairwell: s.to_string(),
            },
            Self::AlreadyHeld(s) => M::AlreadyHeld {
                stairwell: s.to_string(),
            },
            Self::AllHeld => M::AllHeld,
            Self::NotHeld(s) => M::NotHeld {
                stairwell: s.to_string(),
            },
            Self::NoneHeld => M::NoneHeld,
            Self::NothingReleased(s) => M::NothingReleased {
                stairwell: s.to_string(),
            },
            Self::AlreadyClear(s) => M::AlreadyClear {
                stairwell: s.to_string(),
            },
            Self::MoreNamesThanCount(_) => M::MoreNamesThanCount,
            Self::CountTooLarge { count, max } => M::CountTooLarge {
                count: *count,
                max: *max,
            },
            Self::NotComplete {
                classes,
                stairwells,
            } => M::NotComplete {
                classes: list(classes),
                stairwells: list(stairwells),
            },
            Self::UnknownSeq(seq) => M::UnknownSeq { seq: *seq },
            Self::NotCorrectable { seq, .. } => M::NotCorrectable { seq: *seq },
            Self::AlreadyWithdrawn(seq) => M::AlreadyWithdrawn { seq: *seq },
            Self::Replan(e) => M::Replan {
                detail: e.0.clone(),
            },
            Self::Schedule(e) => M::Schedule {
                detail: e.to_string(),
            },
            Self::Internal(detail) => M::Internal {
                detail: detail.clone(),
            },
        }
    }
}

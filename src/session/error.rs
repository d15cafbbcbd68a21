//! Why the session refuses an input, or a recorded event list.

use crate::script::{ClassId, StairwellId};

use super::schedule::{ReplanError, ScheduleError};
use super::state::{Phase, PhaseSet};
use super::time::DrillTime;

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

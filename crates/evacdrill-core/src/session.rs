//! The drill session: a pure state machine from inputs to events, and the
//! replay of events back into the state.
//!
//! `apply(input, now)` decides what an input means in the current state and
//! returns the events it produced, or a typed error and no change at all.
//! The state changes only by folding events ([`Session::replay`] folds a
//! recorded list the same way), so replaying what `apply` returned rebuilds
//! the state exactly: the journal, the dashboard, the phones and the review
//! are all views of one event list. Nothing here reads a clock or a file:
//! `now` is the drill time the caller measured.

mod correct;
mod decide;
mod error;
mod event;
mod evolve;
mod input;
mod schedule;
mod state;
mod summary;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod rule_scenarios;
#[cfg(test)]
mod scenarios;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

pub use crate::release::Release;
pub use crate::time::DrillTime;
pub use error::{ReplayError, SessionError};
pub use event::{Event, GateWaits};
pub use input::{
    Amendment, Headcount, Input, People, Place, ProblemCategory, ProblemReport, Scope, SessionKind,
    StartRecord,
};
pub use schedule::{
    AlternateReplanner, NoReplanner, ReplanError, Replanner, Schedule, ScheduleError,
};
pub use state::{
    ChecklistState, ClassState, ClassStatus, Closure, Ending, GateKind, HoldReason, MarshalState,
    OutBy, Phase, PhaseSet, ProblemEntry, ReleaseRecord, StairwellStatus, StartInfo,
};
pub use summary::{ClassSummary, CrashGap, DrillRecord, ProblemLine, StairwellSummary, Summary};

use crate::script::{ClassId, Script, StairwellId};
use state::Logged;

/// One drill, from the briefing to the end.
///
/// Equal sessions have equal state; a session rebuilt by [`Session::replay`]
/// from the events another produced is equal to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    script: Arc<Script>,
    /// The schedule the session started with.
    initial: Schedule,
    /// The schedule in force (changed by a re-plan).
    schedule: Schedule,
    phase: Phase,
    checklist: Vec<ChecklistState>,
    stairwells: Vec<StairwellStatus>,
    classes: Vec<ClassStatus>,
    class_index: HashMap<ClassId, usize>,
    stairwell_index: HashMap<StairwellId, usize>,
    start: Option<StartInfo>,
    problems: Vec<ProblemEntry>,
    all_out: Option<DrillTime>,
    ending: Option<Ending>,
    /// One entry per event so far: entry `i` is the event with seq `i + 1`.
    log: Vec<Logged>,
    /// The drill time of the last event.
    last: DrillTime,
    /// Each return after a crash: when, and the wall time lost.
    gaps: Vec<(DrillTime, u64)>,
}

impl Session {
    /// A session in its briefing, following `schedule`.
    pub fn new(script: Script, schedule: Schedule) -> Result<Self, ScheduleError> {
        Self::from_shared(Arc::new(script), schedule)
    }

    /// Like [`Session::new`], sharing the script with the caller.
    pub fn from_shared(script: Arc<Script>, schedule: Schedule) -> Result<Self, ScheduleError> {
        schedule.check(&script, &[])?;
        let stairwells = script
            .stairwells
            .iter()
            .map(|s| StairwellStatus {
                id: s.id.clone(),
                gate: s.gate,
                marshal: MarshalState::Absent,
                hold: None,
                blocked: false,
                cleared: None,
                used: false,
                closures: Vec::new(),
            })
            .collect::<Vec<_>>();
        let classes = script
            .classes
            .iter()
            .map(|c| ClassStatus {
                id: c.id.clone(),
                stairwell: schedule
                    .release(&c.id)
                    .map_or_else(|| c.stairwell.clone(), |r| r.stairwell.clone()),
                state: ClassState::Waiting,
                release: None,
                headcount: None,
                passed_seq: None,
            })
            .collect::<Vec<_>>();
        Ok(Self {
            checklist: vec![ChecklistState::Unchecked; script.drill.checklist.len()],
            class_index: classes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.clone(), i))
                .collect(),
            stairwell_index: stairwells
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i))
                .collect(),
            stairwells,
            classes,
            initial: schedule.clone(),
            schedule,
            script,
            phase: Phase::Briefing,
            start: None,
            problems: Vec::new(),
            all_out: None,
            ending: None,
            log: Vec::new(),
            last: DrillTime::ZERO,
            gaps: Vec::new(),
        })
    }

    /// Applies `input` at drill time `now`; a blocked stairwell cannot be
    /// re-planned (use [`Session::apply_with`]).
    pub fn apply(&mut self, input: Input, now: DrillTime) -> Result<Vec<Event>, SessionError> {
        self.apply_with(input, now, &NoReplanner)
    }

    /// Applies `input` at drill time `now`, re-planning through `planner`
    /// when a stairwell is blocked.
    ///
    /// Returns the events, in order; their seqs follow [`Session::next_seq`]
    /// as it was before the call. On error nothing changed.
    pub fn apply_with(
        &mut self,
        input: Input,
        now: DrillTime,
        planner: &dyn Replanner,
    ) -> Result<Vec<Event>, SessionError> {
        self.admit(now)?;
        let events = self.decide(input, now, planner)?;
        let mut out = Vec::with_capacity(events.len() + 1);
        for event in events {
            self.fold(now, &event)?;
            out.push(event);
        }
        if self.phase == Phase::Running && self.classes.iter().all(|c| c.state.is_out()) {
            self.fold(now, &Event::AllOut)?;
            out.push(Event::AllOut);
        }
        Ok(out)
    }

    /// Whether [`Session::apply`] would accept `input` at `now`, without
    /// applying it: the session's own rules, for a caller that wants to
    /// know before it reports (the rehearsal's simulated people).
    pub fn check(&self, input: &Input, now: DrillTime) -> Result<(), SessionError> {
        self.admit(now)?;
        self.decide(input.clone(), now, &NoReplanner).map(drop)
    }

    /// Refuses any input once the drill has ended or when time went back.
    fn admit(&self, now: DrillTime) -> Result<(), SessionError> {
        if self.phase == Phase::Ended {
            return Err(SessionError::Ended);
        }
        if now < self.last {
            return Err(SessionError::TimeWentBack {
                now,
                last: self.last,
            });
        }
        Ok(())
    }

    /// Folds an event produced by `decide`; a failure here is a bug, reported
    /// rather than panicking.
    fn fold(&mut self, now: DrillTime, event: &Event) -> Result<(), SessionError> {
        self.evolve(now, event)
            .map_err(|e| SessionError::Internal(e.to_string()))
    }

    /// Rebuilds a session from its script, its first schedule and its events
    /// with their drill times, in order.
    pub fn replay<'a>(
        script: Script,
        schedule: Schedule,
        events: impl IntoIterator<Item = (DrillTime, &'a Event)>,
    ) -> Result<Self, ReplayError> {
        let mut session = Self::new(script, schedule)?;
        session.replay_more(events)?;
        Ok(session)
    }

    /// Folds more recorded events into this session (resuming a journal).
    pub fn replay_more<'a>(
        &mut self,
        events: impl IntoIterator<Item = (DrillTime, &'a Event)>,
    ) -> Result<(), ReplayError> {
        for (at, event) in events {
            if self.phase == Phase::Ended {
                return Err(ReplayError::Event {
                    seq: self.next_seq(),
                    detail: "the drill had already ended".to_owned(),
                });
            }
            if at < self.last {
                return Err(ReplayError::Event {
                    seq: self.next_seq(),
                    detail: format!("its time {at} is before the previous event's {}", self.last),
                });
            }
            self.evolve(at, event)?;
        }
        Ok(())
    }

    /// The script being run.
    #[must_use]
    pub fn script(&self) -> &Script {
        &self.script
    }

    /// The schedule the session started with.
    #[must_use]
    pub fn initial_schedule(&self) -> &Schedule {
        &self.initial
    }

    /// The schedule in force.
    #[must_use]
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    #[must_use]
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The seq the next event will have (the first is 1).
    #[must_use]
    pub fn next_seq(&self) -> u64 {
        self.log.len() as u64 + 1
    }

    /// The drill time of the last event.
    #[must_use]
    pub fn last_time(&self) -> DrillTime {
        self.last
    }

    #[must_use]
    pub fn checklist(&self) -> &[ChecklistState] {
        &self.checklist
    }

    /// Every stairwell, in script order.
    #[must_use]
    pub fn stairwells(&self) -> &[StairwellStatus] {
        &self.stairwells
    }

    /// Every class, in script order.
    #[must_use]
    pub fn classes(&self) -> &[ClassStatus] {
        &self.classes
    }

    #[must_use]
    pub fn class(&self, id: &ClassId) -> Option<&ClassStatus> {
        self.class_index.get(id).map(|&i| &self.classes[i])
    }

    #[must_use]
    pub fn stairwell(&self, id: &StairwellId) -> Option<&StairwellStatus> {
        self.stairwell_index.get(id).map(|&i| &self.stairwells[i])
    }

    /// The start, once the signal was given.
    #[must_use]
    pub fn start(&self) -> Option<&StartInfo> {
        self.start.as_ref()
    }

    /// Every problem logged, withdrawn ones marked.
    #[must_use]
    pub fn problems(&self) -> &[ProblemEntry] {
        &self.problems
    }

    /// When every class was out (the evacuation time).
    #[must_use]
    pub fn all_out(&self) -> Option<DrillTime> {
        self.all_out
    }

    #[must_use]
    pub fn ending(&self) -> Option<&Ending> {
        self.ending.as_ref()
    }

    /// Each return after a crash: when, and the wall time lost (ms).
    #[must_use]
    pub fn gaps(&self) -> &[(DrillTime, u64)] {
        &self.gaps
    }
}

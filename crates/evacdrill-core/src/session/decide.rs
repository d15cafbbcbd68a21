//! What an input means in the current state: the events it produces, or why
//! it is refused. Nothing here changes the state; `evolve` does, from the
//! events alone.
//!
//! `decide` dispatches on the input; each kind of input has its own method
//! here (the briefing and the log), in `decide/release.rs` (the clock,
//! releases, holds and blocked stairwells) or in `decide/out.rs` (classes
//! out, headcounts and the end).

mod out;
mod release;

use crate::script::{ClassId, StairwellId};

use super::error::SessionError;
use super::event::Event;
use super::input::{Headcount, Input, People, Place, ProblemReport, Scope, StartRecord};
use super::schedule::Replanner;
use super::state::{ChecklistState, MarshalState, Phase, PhaseSet};
use super::{ClassStatus, Session, StairwellStatus};
use crate::time::DrillTime;

use Phase::{Accounting, Briefing, Running};

const BEFORE_END: PhaseSet = PhaseSet::of(&[Briefing, Running, Accounting]);
const LIVE: PhaseSet = PhaseSet::of(&[Running, Accounting]);
const RUNNING: PhaseSet = PhaseSet::of(&[Running]);
const BRIEFING: PhaseSet = PhaseSet::of(&[Briefing]);

impl Session {
    pub(super) fn decide(
        &self,
        input: Input,
        now: DrillTime,
        planner: &dyn Replanner,
    ) -> Result<Vec<Event>, SessionError> {
        match input {
            Input::ConfirmChecklist { item } => self.decide_confirm_checklist(item),
            Input::FailChecklist { item, note } => self.decide_fail_checklist(item, note),
            Input::MarshalAtPost { stairwell, name } => {
                self.decide_marshal_at_post(stairwell, name)
            }
            Input::MarshalLeftPost { stairwell } => self.decide_marshal_left_post(stairwell),
            Input::Start {
                record,
                override_reason,
            } => self.decide_start(record, override_reason),
            Input::Tick => self.decide_tick(now),
            Input::Release { class } => self.decide_release(class, now),
            Input::Hold { scope } => self.decide_hold(scope),
            Input::Resume { scope } => self.decide_resume(scope),
            Input::ClassPassed { class } => self.decide_class_passed(class),
            Input::StairwellClear { stairwell } => self.decide_stairwell_clear(stairwell),
            Input::Congestion { stairwell, note } => self.decide_congestion(stairwell, note),
            Input::Blocked { stairwell, note } => {
                self.decide_blocked(stairwell, note, now, planner)
            }
            Input::Problem(report) => self.decide_problem(report),
            Input::Headcount(h) => self.decide_headcount(h),
            Input::End => self.decide_end(),
            Input::EndEarly { reason } => decide_end_early(reason),
            Input::Correct {
                seq,
                reason,
                amendment,
            } => self.decide_correction(seq, reason, amendment),
            Input::ResumeAfterCrash { gap_ms } => Ok(vec![Event::ResumedAfterCrash { gap_ms }]),
        }
    }

    fn decide_confirm_checklist(&self, item: usize) -> Result<Vec<Event>, SessionError> {
        self.allow("confirm_checklist", BRIEFING)?;
        match self.checklist_item(item)? {
            ChecklistState::Confirmed => Err(SessionError::ChecklistUnchanged(item)),
            _ => Ok(vec![Event::ChecklistConfirmed { item }]),
        }
    }

    fn decide_fail_checklist(&self, item: usize, note: String) -> Result<Vec<Event>, SessionError> {
        self.allow("fail_checklist", BRIEFING)?;
        let current = self.checklist_item(item)?;
        non_empty(&note, "note")?;
        if matches!(current, ChecklistState::Failed { note: n } if *n == note) {
            return Err(SessionError::ChecklistUnchanged(item));
        }
        Ok(vec![Event::ChecklistFailed { item, note }])
    }

    fn decide_marshal_at_post(
        &self,
        stairwell: StairwellId,
        name: Option<String>,
    ) -> Result<Vec<Event>, SessionError> {
        self.allow("marshal_at_post", BEFORE_END)?;
        if self.stair(&stairwell)?.marshal == MarshalState::AtPost {
            return Err(SessionError::AlreadyAtPost(stairwell));
        }
        Ok(vec![Event::MarshalAtPost { stairwell, name }])
    }

    fn decide_marshal_left_post(&self, stairwell: StairwellId) -> Result<Vec<Event>, SessionError> {
        self.allow("marshal_left_post", BEFORE_END)?;
        if self.stair(&stairwell)?.marshal != MarshalState::AtPost {
            return Err(SessionError::NotAtPost(stairwell));
        }
        Ok(vec![Event::MarshalLeftPost { stairwell }])
    }

    fn decide_start(
        &self,
        record: StartRecord,
        override_reason: Option<String>,
    ) -> Result<Vec<Event>, SessionError> {
        self.allow("start", BRIEFING)?;
        check_record(&record)?;
        let unmanned: Vec<StairwellId> = self
            .stairwells
            .iter()
            .filter(|s| {
                s.marshal == MarshalState::Absent
                    && self.classes.iter().any(|c| c.stairwell == s.id)
            })
            .map(|s| s.id.clone())
            .collect();
        let override_reason = override_reason.filter(|r| !r.trim().is_empty());
        if !unmanned.is_empty() && override_reason.is_none() {
            return Err(SessionError::Unmanned(unmanned));
        }
        Ok(vec![Event::Started {
            record,
            unmanned,
            override_reason,
        }])
    }

    fn decide_congestion(
        &self,
        stairwell: StairwellId,
        note: String,
    ) -> Result<Vec<Event>, SessionError> {
        self.allow("congestion", RUNNING)?;
        self.stair(&stairwell)?;
        Ok(vec![Event::CongestionReported { stairwell, note }])
    }

    fn decide_problem(&self, report: ProblemReport) -> Result<Vec<Event>, SessionError> {
        self.allow("problem", BEFORE_END)?;
        self.check_place(&report.place)?;
        Ok(vec![Event::ProblemLogged(report)])
    }

    fn allow(&self, input: &'static str, allowed: PhaseSet) -> Result<(), SessionError> {
        if allowed.contains(self.phase) {
            Ok(())
        } else {
            Err(SessionError::WrongPhase {
                input,
                phase: self.phase,
                allowed,
            })
        }
    }

    fn checklist_item(&self, item: usize) -> Result<&ChecklistState, SessionError> {
        self.checklist
            .get(item)
            .ok_or(SessionError::UnknownChecklistItem {
                item,
                len: self.checklist.len(),
            })
    }

    pub(super) fn stair(&self, id: &StairwellId) -> Result<&StairwellStatus, SessionError> {
        self.stairwell(id)
            .ok_or_else(|| SessionError::UnknownStairwell(id.clone()))
    }

    pub(super) fn class_status(&self, id: &ClassId) -> Result<&ClassStatus, SessionError> {
        self.class(id)
            .ok_or_else(|| SessionError::UnknownClass(id.clone()))
    }

    fn scoped(
        &self,
        scope: &Scope,
        keep: impl Fn(&StairwellStatus) -> bool,
    ) -> Result<Vec<StairwellId>, SessionError> {
        Ok(match scope {
            Scope::All => self
                .stairwells
                .iter()
                .filter(|s| keep(s))
                .map(|s| s.id.clone())
                .collect(),
            Scope::Stairwell(id) => {
                if keep(self.stair(id)?) {
                    vec![id.clone()]
                } else {
                    Vec::new()
                }
            }
        })
    }

    pub(super) fn check_place(&self, place: &Place) -> Result<(), SessionError> {
        match place {
            Place::Stairwell(id) => self.stair(id).map(|_| ()),
            Place::Class(id) => self.class_status(id).map(|_| ()),
            Place::Floor(_) | Place::Unspecified => Ok(()),
        }
    }

    pub(super) fn complete_headcount(&self, mut h: Headcount) -> Result<Headcount, SessionError> {
        // A class holds at most what a script may give it; anything above is
        // a typing slip (or a hostile phone), and would overflow the totals.
        let max = crate::script::MAX_HEADCOUNT;
        let given = [h.present, h.missing.count, h.injured.count];
        for count in given.into_iter().chain(h.expected) {
            if count > max {
                return Err(SessionError::CountTooLarge { count, max });
            }
        }
        check_people(&h.missing, "the missing list")?;
        check_people(&h.injured, "the injured list")?;
        if h.expected.is_none() {
            h.expected = self.script.class(&h.class).map(|c| c.headcount);
        }
        Ok(h)
    }
}

/// Ending early needs only a reason: it is allowed in every phase.
fn decide_end_early(reason: String) -> Result<Vec<Event>, SessionError> {
    non_empty(&reason, "reason")?;
    Ok(vec![Event::Ended {
        complete: false,
        reason: Some(reason),
    }])
}

pub(super) fn non_empty(text: &str, what: &'static str) -> Result<(), SessionError> {
    if text.trim().is_empty() {
        Err(SessionError::Empty(what))
    } else {
        Ok(())
    }
}

pub(super) fn check_record(record: &StartRecord) -> Result<(), SessionError> {
    non_empty(&record.conducted_by, "conducted_by")?;
    non_empty(&record.alarm, "alarm")
}

fn check_people(people: &People, what: &'static str) -> Result<(), SessionError> {
    if people.names.len() as u64 > u64::from(people.count) {
        Err(SessionError::MoreNamesThanCount(what))
    } else {
        Ok(())
    }
}

//! What an input means in the current state: the events it produces, or why
//! it is refused. Nothing here changes the state; `evolve` does, from the
//! events alone.

use crate::script::{ClassId, Gate, StairwellId};

use super::error::SessionError;
use super::event::{Event, GateWaits};
use super::input::{Headcount, Input, People, Place, Scope, StartRecord};
use super::schedule::{Replanner, Schedule, ScheduleError};
use super::state::{ChecklistState, ClassState, GateKind, MarshalState, Phase, PhaseSet};
use super::time::DrillTime;
use super::{ClassStatus, Session, StairwellStatus};

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
            Input::ConfirmChecklist { item } => {
                self.allow("confirm_checklist", BRIEFING)?;
                match self.checklist_item(item)? {
                    ChecklistState::Confirmed => Err(SessionError::ChecklistUnchanged(item)),
                    _ => Ok(vec![Event::ChecklistConfirmed { item }]),
                }
            }
            Input::FailChecklist { item, note } => {
                self.allow("fail_checklist", BRIEFING)?;
                let current = self.checklist_item(item)?;
                non_empty(&note, "note")?;
                if matches!(current, ChecklistState::Failed { note: n } if *n == note) {
                    return Err(SessionError::ChecklistUnchanged(item));
                }
                Ok(vec![Event::ChecklistFailed { item, note }])
            }
            Input::MarshalAtPost { stairwell, name } => {
                self.allow("marshal_at_post", BEFORE_END)?;
                if self.stair(&stairwell)?.marshal == MarshalState::AtPost {
                    return Err(SessionError::AlreadyAtPost(stairwell));
                }
                Ok(vec![Event::MarshalAtPost { stairwell, name }])
            }
            Input::MarshalLeftPost { stairwell } => {
                self.allow("marshal_left_post", BEFORE_END)?;
                if self.stair(&stairwell)?.marshal != MarshalState::AtPost {
                    return Err(SessionError::NotAtPost(stairwell));
                }
                Ok(vec![Event::MarshalLeftPost { stairwell }])
            }
            Input::Start {
                record,
                override_reason,
            } => self.decide_start(record, override_reason),
            Input::Tick => {
                self.allow("tick", BEFORE_END)?;
                Ok(self.due_releases(now))
            }
            Input::Release { class } => {
                self.allow("release", RUNNING)?;
                let c = self.class_status(&class)?;
                if c.state != ClassState::Waiting {
                    return Err(SessionError::AlreadyReleased(class));
                }
                if self.stair(&c.stairwell)?.blocked {
                    return Err(SessionError::StairwellBlocked(c.stairwell.clone()));
                }
                Ok(vec![self.release_event(c, now, true)])
            }
            Input::Hold { scope } => {
                self.allow("hold", RUNNING)?;
                let stairwells = self.scoped(&scope, |s| s.hold.is_none())?;
                if stairwells.is_empty() {
                    return Err(match scope {
                        Scope::All => SessionError::AllHeld,
                        Scope::Stairwell(id) => SessionError::AlreadyHeld(id),
                    });
                }
                Ok(vec![Event::Held { stairwells }])
            }
            Input::Resume { scope } => {
                self.allow("resume", RUNNING)?;
                let stairwells = self.scoped(&scope, |s| s.hold.is_some())?;
                if stairwells.is_empty() {
                    return Err(match scope {
                        Scope::All => SessionError::NoneHeld,
                        Scope::Stairwell(id) => SessionError::NotHeld(id),
                    });
                }
                Ok(vec![Event::Resumed { stairwells }])
            }
            Input::ClassPassed { class } => {
                self.allow("class_passed", LIVE)?;
                match self.class_status(&class)?.state {
                    ClassState::Waiting => Err(SessionError::NotReleased(class)),
                    ClassState::Released { .. } => Ok(vec![Event::ClassPassed { class }]),
                    _ => Err(SessionError::AlreadyOut(class)),
                }
            }
            Input::StairwellClear { stairwell } => {
                self.allow("stairwell_clear", LIVE)?;
                let s = self.stair(&stairwell)?;
                if !s.used {
                    return Err(SessionError::NothingReleased(stairwell));
                }
                if s.cleared.is_some() {
                    return Err(SessionError::AlreadyClear(stairwell));
                }
                let classes_out = self
                    .classes
                    .iter()
                    .filter(|c| {
                        c.stairwell == stairwell && matches!(c.state, ClassState::Released { .. })
                    })
                    .map(|c| c.id.clone())
                    .collect();
                Ok(vec![Event::StairwellCleared {
                    stairwell,
                    classes_out,
                }])
            }
            Input::Congestion { stairwell, note } => {
                self.allow("congestion", RUNNING)?;
                self.stair(&stairwell)?;
                Ok(vec![Event::CongestionReported { stairwell, note }])
            }
            Input::Blocked { stairwell, note } => {
                self.allow("blocked", RUNNING)?;
                self.decide_blocked(stairwell, note, now, planner)
            }
            Input::Problem(report) => {
                self.allow("problem", BEFORE_END)?;
                self.check_place(&report.place)?;
                Ok(vec![Event::ProblemLogged(report)])
            }
            Input::Headcount(h) => {
                self.allow("headcount", LIVE)?;
                let c = self.class_status(&h.class)?;
                match c.state {
                    ClassState::Waiting => return Err(SessionError::NotReleased(h.class)),
                    ClassState::Accounted { .. } => {
                        return Err(SessionError::AlreadyCounted(h.class));
                    }
                    _ => {}
                }
                Ok(vec![Event::HeadcountTaken(self.complete_headcount(h)?)])
            }
            Input::End => {
                self.allow("end", LIVE)?;
                let classes: Vec<ClassId> = self
                    .classes
                    .iter()
                    .filter(|c| !matches!(c.state, ClassState::Accounted { .. }))
                    .map(|c| c.id.clone())
                    .collect();
                let stairwells: Vec<StairwellId> = self
                    .stairwells
                    .iter()
                    .filter(|s| s.used && s.cleared.is_none())
                    .map(|s| s.id.clone())
                    .collect();
                if !classes.is_empty() || !stairwells.is_empty() {
                    return Err(SessionError::NotComplete {
                        classes,
                        stairwells,
                    });
                }
                Ok(vec![Event::Ended {
                    complete: true,
                    reason: None,
                }])
            }
            Input::EndEarly { reason } => {
                non_empty(&reason, "reason")?;
                Ok(vec![Event::Ended {
                    complete: false,
                    reason: Some(reason),
                }])
            }
            Input::Correct {
                seq,
                reason,
                amendment,
            } => self.decide_correction(seq, reason, amendment),
            Input::ResumeAfterCrash { gap_ms } => Ok(vec![Event::ResumedAfterCrash { gap_ms }]),
        }
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

    /// Whether a release into `s` may go now, gates only.
    fn gates_open(s: &StairwellStatus) -> bool {
        !s.blocked
            && s.marshal != MarshalState::Absent
            && s.hold.is_none()
            && !(s.gate == Gate::Clear && s.is_closed(GateKind::Clear))
    }

    /// The releases the clock makes at `now`: due classes, earliest first,
    /// whose stairwell's gates are open. A `gate = "clear"` stairwell takes
    /// one group — the classes planned for the same moment, which the
    /// planner releases together — and then waits for all of it to pass.
    fn due_releases(&self, now: DrillTime) -> Vec<Event> {
        if self.phase != Phase::Running {
            return Vec::new();
        }
        let mut due: Vec<(u64, usize, &ClassStatus)> = self
            .schedule
            .releases
            .iter()
            .enumerate()
            .filter(|(_, r)| r.at() <= now)
            .filter_map(|(i, r)| self.class(&r.class).map(|c| (r.at_ms, i, c)))
            .filter(|(_, _, c)| c.state == ClassState::Waiting)
            .collect();
        due.sort_by_key(|&(at, i, _)| (at, i));
        // The planned moment of the group each clear-gate stairwell took.
        let mut taken: Vec<(&StairwellId, u64)> = Vec::new();
        let mut events = Vec::new();
        for (at, _, c) in due {
            let Some(s) = self.stairwell(&c.stairwell) else {
                continue;
            };
            if !Self::gates_open(s) {
                continue;
            }
            if s.gate == Gate::Clear {
                match taken.iter().find(|(id, _)| *id == &s.id) {
                    Some((_, group)) if *group != at => continue,
                    Some(_) => {}
                    None => taken.push((&s.id, at)),
                }
            }
            events.push(self.release_event(c, now, false));
        }
        events
    }

    fn release_event(&self, c: &ClassStatus, now: DrillTime, manual: bool) -> Event {
        let planned = self
            .schedule
            .release(&c.id)
            .map_or(DrillTime::ZERO, super::schedule::PlannedRelease::at);
        let waits = self
            .stairwell(&c.stairwell)
            .map(|s| GateWaits {
                marshal_ms: s.closed_ms(GateKind::Marshal, planned, now),
                hold_ms: s.closed_ms(GateKind::Hold, planned, now),
                clear_ms: s.closed_ms(GateKind::Clear, planned, now),
            })
            .unwrap_or_default();
        Event::ClassReleased {
            class: c.id.clone(),
            stairwell: c.stairwell.clone(),
            planned_ms: planned.ms(),
            manual,
            waits,
        }
    }

    fn decide_blocked(
        &self,
        stairwell: StairwellId,
        note: String,
        now: DrillTime,
        planner: &dyn Replanner,
    ) -> Result<Vec<Event>, SessionError> {
        if self.stair(&stairwell)?.blocked {
            return Err(SessionError::StairwellBlocked(stairwell));
        }
        let mut blocked: Vec<StairwellId> = self
            .stairwells
            .iter()
            .filter(|s| s.blocked)
            .map(|s| s.id.clone())
            .collect();
        blocked.push(stairwell.clone());
        let released: Vec<ClassId> = self
            .classes
            .iter()
            .filter(|c| c.state != ClassState::Waiting)
            .map(|c| c.id.clone())
            .collect();
        let affected = self
            .classes
            .iter()
            .any(|c| c.state == ClassState::Waiting && c.stairwell == stairwell);
        let schedule = if affected {
            let fresh = planner.replan(&self.script, &self.schedule, &blocked, &released, now)?;
            self.merge_schedule(&fresh, &blocked, &released)?
        } else {
            self.schedule.clone()
        };
        Ok(vec![Event::StairwellBlocked {
            stairwell,
            note,
            schedule,
        }])
    }

    /// The schedule in force with every class not yet released taken from
    /// `fresh`, checked against the script and the blocked stairwells.
    fn merge_schedule(
        &self,
        fresh: &Schedule,
        blocked: &[StairwellId],
        released: &[ClassId],
    ) -> Result<Schedule, SessionError> {
        if let Some(r) = fresh
            .releases
            .iter()
            .find(|r| self.class(&r.class).is_none())
        {
            return Err(ScheduleError::UnknownClass(r.class.clone()).into());
        }
        let mut merged = Schedule::default();
        for old in &self.schedule.releases {
            if released.contains(&old.class) {
                merged.releases.push(old.clone());
                continue;
            }
            let new = fresh
                .release(&old.class)
                .ok_or_else(|| ScheduleError::Missing(old.class.clone()))?;
            if self.stairwell(&new.stairwell).is_none() {
                return Err(ScheduleError::UnknownStairwell(new.stairwell.clone()).into());
            }
            if blocked.contains(&new.stairwell) {
                return Err(ScheduleError::IntoBlocked {
                    class: new.class.clone(),
                    stairwell: new.stairwell.clone(),
                }
                .into());
            }
            merged.releases.push(new.clone());
        }
        Ok(merged)
    }

    pub(super) fn complete_headcount(&self, mut h: Headcount) -> Result<Headcount, SessionError> {
        check_people(&h.missing, "the missing list")?;
        check_people(&h.injured, "the injured list")?;
        if h.expected.is_none() {
            h.expected = self.script.class(&h.class).map(|c| c.headcount);
        }
        Ok(h)
    }
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

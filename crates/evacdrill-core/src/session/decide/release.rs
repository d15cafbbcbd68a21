//! The inputs that release classes or stop releases: the clock, a manual
//! release, holds and resumes, and a blocked stairwell (with its re-plan).

use crate::release::Release;
use crate::release::rule::{self, GateState};
use crate::script::{ClassId, Gate, StairwellId};
use crate::units::Seconds;

use super::{BEFORE_END, RUNNING};
use crate::session::error::SessionError;
use crate::session::event::{Event, GateWaits};
use crate::session::input::Scope;
use crate::session::schedule::{Replanner, Schedule, ScheduleError};
use crate::session::state::{ClassState, GateKind, MarshalState, Phase};
use crate::session::{ClassStatus, Session, StairwellStatus};
use crate::time::DrillTime;

impl Session {
    pub(super) fn decide_tick(&self, now: DrillTime) -> Result<Vec<Event>, SessionError> {
        self.allow("tick", BEFORE_END)?;
        Ok(self.due_releases(now))
    }

    pub(super) fn decide_release(
        &self,
        class: ClassId,
        now: DrillTime,
    ) -> Result<Vec<Event>, SessionError> {
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

    pub(super) fn decide_hold(&self, scope: Scope) -> Result<Vec<Event>, SessionError> {
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

    pub(super) fn decide_resume(&self, scope: Scope) -> Result<Vec<Event>, SessionError> {
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

    /// Whether a release into `s` may go now as far as its marshal, a hold
    /// and a blockage go (the clear gate is the release rule's).
    fn gates_open(s: &StairwellStatus) -> bool {
        !s.blocked && s.marshal != MarshalState::Absent && s.hold.is_none()
    }

    /// The release rule's gate for stairwell `s`'s next group: at
    /// `gate = "clear"`, every class released into it must have passed.
    /// The confirmation is 0: the marshal's live report is the
    /// confirmation.
    fn rule_gate(&self, s: &StairwellStatus) -> GateState {
        let passed: Vec<Option<Seconds>> = self
            .classes
            .iter()
            .filter(|c| c.stairwell == s.id && c.state != ClassState::Waiting)
            .map(|c| c.state.passed().map(DrillTime::seconds))
            .collect();
        rule::gate(s.gate, &passed, Seconds(0.0))
    }

    /// The releases the clock makes at `now`: due classes, earliest first,
    /// whose stairwell's gates are open. A `gate = "clear"` stairwell takes
    /// one release group (`rule::same_group`: the classes planned for the
    /// same moment) and then waits for all of it to pass.
    fn due_releases(&self, now: DrillTime) -> Vec<Event> {
        if self.phase != Phase::Running {
            return Vec::new();
        }
        let mut due: Vec<(usize, &Release, &ClassStatus)> = self
            .schedule
            .releases
            .iter()
            .enumerate()
            .filter(|(_, r)| r.at <= now)
            .filter_map(|(i, r)| self.class(&r.class).map(|c| (i, r, c)))
            .filter(|(_, _, c)| c.state == ClassState::Waiting)
            .collect();
        due.sort_by_key(|&(i, r, _)| (r.at, i));
        // The first release each stairwell let go at this tick.
        let mut taken: Vec<&Release> = Vec::new();
        let mut events = Vec::new();
        for (_, r, c) in due {
            let Some(s) = self.stairwell(&c.stairwell) else {
                continue;
            };
            if !Self::gates_open(s) {
                continue;
            }
            match taken.iter().find(|t| t.stairwell == c.stairwell) {
                // Behind the group just let go, a clear gate is shut.
                Some(first) if s.gate == Gate::Clear && !rule::same_group(first, r) => continue,
                Some(_) => {}
                None if rule::due(r.at, self.rule_gate(s), now) => taken.push(r),
                None => continue,
            }
            events.push(self.release_event(c, now, false));
        }
        events
    }

    fn release_event(&self, c: &ClassStatus, now: DrillTime, manual: bool) -> Event {
        let planned = self
            .schedule
            .release(&c.id)
            .map_or(DrillTime::ZERO, |r| r.at);
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

    pub(super) fn decide_blocked(
        &self,
        stairwell: StairwellId,
        note: String,
        now: DrillTime,
        planner: &dyn Replanner,
    ) -> Result<Vec<Event>, SessionError> {
        self.allow("blocked", RUNNING)?;
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
}

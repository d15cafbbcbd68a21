//! How an event changes the state: the only place the state changes.
//!
//! `apply` folds the events it decided; `replay` folds recorded ones. An
//! event that does not fit the state (an unknown class, a correction of an
//! entry that is not there) is a [`ReplayError`], never a panic. Each kind
//! of event has its own method; a correction is folded in `correct.rs`.

use crate::script::{ClassId, Gate, StairwellId};

use super::error::ReplayError;
use super::event::Event;
use super::input::{Headcount, Place, ProblemCategory, ProblemReport, StartRecord};
use super::schedule::Schedule;
use super::state::{
    ChecklistState, ClassState, Ending, GateKind, HoldReason, Logged, MarshalState, OutBy, Phase,
    ProblemEntry, ReleaseRecord, StartInfo,
};
use super::{Session, StairwellStatus};
use crate::time::DrillTime;

impl Session {
    /// Folds one event at drill time `at`.
    pub(super) fn evolve(&mut self, at: DrillTime, event: &Event) -> Result<(), ReplayError> {
        let seq = self.next_seq();
        let logged = self.evolve_inner(seq, at, event)?;
        self.log.push(logged);
        self.last = at;
        Ok(())
    }

    fn evolve_inner(
        &mut self,
        seq: u64,
        at: DrillTime,
        event: &Event,
    ) -> Result<Logged, ReplayError> {
        match event {
            Event::ChecklistConfirmed { item } => {
                self.set_checklist(seq, *item, ChecklistState::Confirmed)
            }
            Event::ChecklistFailed { item, note } => {
                self.set_checklist(seq, *item, ChecklistState::Failed { note: note.clone() })
            }
            Event::MarshalAtPost { stairwell, .. } => self.marshal_arrived(seq, at, stairwell),
            Event::MarshalLeftPost { stairwell } => self.marshal_left(seq, at, stairwell),
            Event::Started {
                record,
                unmanned,
                override_reason,
            } => self.started(seq, at, record, unmanned, override_reason.as_ref()),
            Event::ClassReleased {
                class,
                stairwell,
                planned_ms,
                manual,
                waits,
            } => {
                let record = ReleaseRecord {
                    planned: DrillTime(*planned_ms),
                    manual: *manual,
                    waits: *waits,
                };
                self.released(seq, at, class, stairwell, record)
            }
            Event::Held { stairwells } => {
                for id in stairwells {
                    self.hold(seq, id, at, HoldReason::Coordinator)?;
                }
                Ok(Logged::Other)
            }
            Event::Resumed { stairwells } => self.resumed(seq, at, stairwells),
            Event::ClassPassed { class } => self.class_passed(seq, at, class),
            Event::StairwellCleared {
                stairwell,
                classes_out,
            } => self.stairwell_cleared(seq, at, stairwell, classes_out),
            Event::CongestionReported { stairwell, note } => {
                self.hold(seq, stairwell, at, HoldReason::Congestion)?;
                Ok(self.add_problem(
                    seq,
                    at,
                    ProblemCategory::Congestion,
                    Place::Stairwell(stairwell.clone()),
                    note,
                ))
            }
            Event::StairwellBlocked {
                stairwell,
                note,
                schedule,
            } => self.stairwell_blocked(seq, at, stairwell, note, schedule),
            Event::ProblemLogged(report) => {
                self.problems.push(ProblemEntry {
                    seq,
                    at,
                    report: report.clone(),
                    withdrawn: false,
                });
                Ok(Logged::Problem(self.problems.len() - 1))
            }
            Event::HeadcountTaken(h) => self.headcount_taken(seq, at, h),
            Event::AllOut => {
                self.phase = Phase::Accounting;
                self.all_out = Some(at);
                Ok(Logged::Other)
            }
            Event::Ended { complete, reason } => {
                self.phase = Phase::Ended;
                self.ending = Some(Ending {
                    at,
                    complete: *complete,
                    reason: reason.clone(),
                });
                Ok(Logged::Other)
            }
            Event::Corrected {
                seq: target,
                amendment,
                ..
            } => {
                self.correct(seq, *target, amendment, at)?;
                Ok(Logged::Other)
            }
            Event::ResumedAfterCrash { gap_ms } => {
                self.gaps.push((at, *gap_ms));
                Ok(Logged::Other)
            }
        }
    }

    fn set_checklist(
        &mut self,
        seq: u64,
        item: usize,
        state: ChecklistState,
    ) -> Result<Logged, ReplayError> {
        *self
            .checklist
            .get_mut(item)
            .ok_or_else(|| ReplayError::Event {
                seq,
                detail: format!("no checklist item {item}"),
            })? = state;
        Ok(Logged::Other)
    }

    fn marshal_arrived(
        &mut self,
        seq: u64,
        at: DrillTime,
        stairwell: &StairwellId,
    ) -> Result<Logged, ReplayError> {
        let s = self.stair_mut(seq, stairwell)?;
        s.marshal = MarshalState::AtPost;
        s.open(GateKind::Marshal, at);
        Ok(Logged::Other)
    }

    /// A marshal leaving before the start closes no gate: the gate is
    /// counted from the start.
    fn marshal_left(
        &mut self,
        seq: u64,
        at: DrillTime,
        stairwell: &StairwellId,
    ) -> Result<Logged, ReplayError> {
        let live = self.phase != Phase::Briefing;
        let s = self.stair_mut(seq, stairwell)?;
        s.marshal = MarshalState::Absent;
        if live {
            s.close(GateKind::Marshal, at);
        }
        Ok(Logged::Other)
    }

    /// The start: a stairwell started unmanned on purpose is waived, any
    /// other without its marshal has its marshal gate closed from now.
    fn started(
        &mut self,
        seq: u64,
        at: DrillTime,
        record: &StartRecord,
        unmanned: &[StairwellId],
        override_reason: Option<&String>,
    ) -> Result<Logged, ReplayError> {
        if self.phase != Phase::Briefing {
            return Err(ReplayError::Event {
                seq,
                detail: "the drill had already started".to_owned(),
            });
        }
        for s in &mut self.stairwells {
            if s.marshal == MarshalState::Absent {
                if unmanned.contains(&s.id) {
                    s.marshal = MarshalState::Waived;
                } else {
                    s.close(GateKind::Marshal, at);
                }
            }
        }
        self.phase = Phase::Running;
        self.start = Some(StartInfo {
            at,
            seq,
            record: record.clone(),
            unmanned: unmanned.to_vec(),
            override_reason: override_reason.cloned(),
        });
        Ok(Logged::Started)
    }

    fn released(
        &mut self,
        seq: u64,
        at: DrillTime,
        class: &ClassId,
        stairwell: &StairwellId,
        record: ReleaseRecord,
    ) -> Result<Logged, ReplayError> {
        let ci = self.class_idx(seq, class)?;
        let si = self.stair_idx(seq, stairwell)?;
        let c = &mut self.classes[ci];
        if c.state != ClassState::Waiting {
            return Err(ReplayError::Event {
                seq,
                detail: format!("class `{class}` was released twice"),
            });
        }
        c.state = ClassState::Released { at };
        c.stairwell = stairwell.clone();
        c.release = Some(record);
        let s = &mut self.stairwells[si];
        s.used = true;
        s.cleared = None;
        if s.gate == Gate::Clear {
            s.close(GateKind::Clear, at);
        }
        Ok(Logged::Other)
    }

    fn resumed(
        &mut self,
        seq: u64,
        at: DrillTime,
        stairwells: &[StairwellId],
    ) -> Result<Logged, ReplayError> {
        for id in stairwells {
            let s = self.stair_mut(seq, id)?;
            s.hold = None;
            s.open(GateKind::Hold, at);
        }
        Ok(Logged::Other)
    }

    /// "Class passed": its last person is on the stair at its floor. The
    /// class is still on its way out; the clear gate may open.
    fn class_passed(
        &mut self,
        seq: u64,
        at: DrillTime,
        class: &ClassId,
    ) -> Result<Logged, ReplayError> {
        let ci = self.class_idx(seq, class)?;
        let c = &mut self.classes[ci];
        let ClassState::Released { at: released } = c.state else {
            return Err(ReplayError::Event {
                seq,
                detail: format!("class `{class}` is not between its release and the stairs"),
            });
        };
        c.state = ClassState::Passed { released, at };
        c.passed_seq = Some(seq);
        self.refresh_stairwell(ci, at);
        Ok(Logged::ClassPassed(ci))
    }

    /// "Stairwell clear": the classes it names are out, and so is every
    /// class of the stairwell that had passed (a journal from before the
    /// release rule names only the classes not reported passed, since
    /// "passed" then meant out; a newer one names them all).
    fn stairwell_cleared(
        &mut self,
        seq: u64,
        at: DrillTime,
        stairwell: &StairwellId,
        classes_out: &[ClassId],
    ) -> Result<Logged, ReplayError> {
        let si = self.stair_idx(seq, stairwell)?;
        for class in classes_out {
            let ci = self.class_idx(seq, class)?;
            self.make_out(seq, ci, at, OutBy::StairwellClear)?;
        }
        let passed: Vec<usize> = (0..self.classes.len())
            .filter(|&i| {
                let c = &self.classes[i];
                &c.stairwell == stairwell && matches!(c.state, ClassState::Passed { .. })
            })
            .collect();
        for ci in passed {
            self.make_out(seq, ci, at, OutBy::StairwellClear)?;
        }
        let s = &mut self.stairwells[si];
        s.cleared = Some(at);
        s.open(GateKind::Clear, at);
        Ok(Logged::Other)
    }

    /// A blocked stairwell brings the re-planned schedule with it: the
    /// classes still waiting move to the stairwells it names.
    fn stairwell_blocked(
        &mut self,
        seq: u64,
        at: DrillTime,
        stairwell: &StairwellId,
        note: &str,
        schedule: &Schedule,
    ) -> Result<Logged, ReplayError> {
        schedule
            .check(&self.script, &[])
            .map_err(|e| ReplayError::Event {
                seq,
                detail: e.to_string(),
            })?;
        self.stair_mut(seq, stairwell)?.blocked = true;
        for c in &mut self.classes {
            if c.state == ClassState::Waiting
                && let Some(r) = schedule.release(&c.id)
            {
                c.stairwell = r.stairwell.clone();
            }
        }
        self.schedule = schedule.clone();
        Ok(self.add_problem(
            seq,
            at,
            ProblemCategory::BlockedExit,
            Place::Stairwell(stairwell.clone()),
            note,
        ))
    }

    fn headcount_taken(
        &mut self,
        seq: u64,
        at: DrillTime,
        h: &Headcount,
    ) -> Result<Logged, ReplayError> {
        let ci = self.class_idx(seq, &h.class)?;
        let c = &mut self.classes[ci];
        c.state = match c.state {
            ClassState::Released { at: released } => ClassState::Accounted {
                released,
                passed: None,
                out: at,
                by: OutBy::Headcount,
                counted: at,
            },
            ClassState::Passed {
                released,
                at: passed,
            } => ClassState::Accounted {
                released,
                passed: Some(passed),
                out: at,
                by: OutBy::Headcount,
                counted: at,
            },
            ClassState::Out {
                released,
                passed,
                out,
                by,
            } => ClassState::Accounted {
                released,
                passed,
                out,
                by,
                counted: at,
            },
            _ => {
                return Err(ReplayError::Event {
                    seq,
                    detail: format!("class `{}` cannot be counted now", h.class),
                });
            }
        };
        c.headcount = Some((seq, h.clone()));
        self.refresh_stairwell(ci, at);
        Ok(Logged::Headcount(ci))
    }

    fn stair_idx(&self, seq: u64, id: &StairwellId) -> Result<usize, ReplayError> {
        self.stairwell_index
            .get(id)
            .copied()
            .ok_or_else(|| ReplayError::Event {
                seq,
                detail: format!("unknown stairwell `{id}`"),
            })
    }

    fn stair_mut(
        &mut self,
        seq: u64,
        id: &StairwellId,
    ) -> Result<&mut StairwellStatus, ReplayError> {
        let i = self.stair_idx(seq, id)?;
        Ok(&mut self.stairwells[i])
    }

    fn class_idx(&self, seq: u64, id: &ClassId) -> Result<usize, ReplayError> {
        self.class_index
            .get(id)
            .copied()
            .ok_or_else(|| ReplayError::Event {
                seq,
                detail: format!("unknown class `{id}`"),
            })
    }

    fn hold(
        &mut self,
        seq: u64,
        id: &StairwellId,
        at: DrillTime,
        reason: HoldReason,
    ) -> Result<(), ReplayError> {
        let s = self.stair_mut(seq, id)?;
        if s.hold.is_none() {
            s.hold = Some((at, reason));
            s.close(GateKind::Hold, at);
        }
        Ok(())
    }

    fn add_problem(
        &mut self,
        seq: u64,
        at: DrillTime,
        category: ProblemCategory,
        place: Place,
        text: &str,
    ) -> Logged {
        self.problems.push(ProblemEntry {
            seq,
            at,
            report: ProblemReport {
                category,
                place,
                text: text.to_owned(),
            },
            withdrawn: false,
        });
        Logged::Problem(self.problems.len() - 1)
    }

    /// Class `ci`, on its way out, is out at `at`.
    fn make_out(
        &mut self,
        seq: u64,
        ci: usize,
        at: DrillTime,
        by: OutBy,
    ) -> Result<(), ReplayError> {
        let c = &mut self.classes[ci];
        let (released, passed) = match c.state {
            ClassState::Released { at } => (at, None),
            ClassState::Passed { released, at } => (released, Some(at)),
            _ => {
                return Err(ReplayError::Event {
                    seq,
                    detail: format!("class `{}` is not on its way out", c.id),
                });
            }
        };
        c.state = ClassState::Out {
            released,
            passed,
            out: at,
            by,
        };
        self.refresh_stairwell(ci, at);
        Ok(())
    }

    /// Brings class `ci`'s stairwell up to date with its classes: its
    /// "clear" gate is closed while any class released into it has not
    /// passed (the release rule: every class of the group before has
    /// stepped onto the stair), and it is not clear while any class is on
    /// its way down it.
    pub(super) fn refresh_stairwell(&mut self, ci: usize, at: DrillTime) {
        let stairwell = &self.classes[ci].stairwell;
        let mine = || self.classes.iter().filter(|c| &c.stairwell == stairwell);
        let unpassed = mine().any(|c| matches!(c.state, ClassState::Released { .. }));
        let on_its_way = mine().any(|c| c.state.is_on_its_way());
        if let Some(&si) = self.stairwell_index.get(stairwell) {
            let s = &mut self.stairwells[si];
            if on_its_way {
                s.cleared = None;
            }
            if unpassed {
                if s.gate == Gate::Clear {
                    s.close(GateKind::Clear, at);
                }
            } else {
                s.open(GateKind::Clear, at);
            }
        }
    }
}

//! How an event changes the state: the only place the state changes.
//!
//! `apply` folds the events it decided; `replay` folds recorded ones. An
//! event that does not fit the state (an unknown class, a correction of an
//! entry that is not there) is a [`ReplayError`], never a panic.

use crate::script::{ClassId, Gate, StairwellId};

use super::Session;
use super::error::ReplayError;
use super::event::Event;
use super::input::{Amendment, Place, ProblemCategory, ProblemReport};
use super::state::{
    ChecklistState, ClassState, Ending, GateKind, HoldReason, Logged, MarshalState, OutBy, Phase,
    ProblemEntry, ReleaseRecord, StartInfo,
};
use super::time::DrillTime;

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
        let bad = |detail: String| ReplayError::Event { seq, detail };
        match event {
            Event::ChecklistConfirmed { item } => {
                *self
                    .checklist
                    .get_mut(*item)
                    .ok_or_else(|| bad(format!("no checklist item {item}")))? =
                    ChecklistState::Confirmed;
            }
            Event::ChecklistFailed { item, note } => {
                *self
                    .checklist
                    .get_mut(*item)
                    .ok_or_else(|| bad(format!("no checklist item {item}")))? =
                    ChecklistState::Failed { note: note.clone() };
            }
            Event::MarshalAtPost { stairwell, .. } => {
                let s = self.stair_mut(seq, stairwell)?;
                s.marshal = MarshalState::AtPost;
                s.open(GateKind::Marshal, at);
            }
            Event::MarshalLeftPost { stairwell } => {
                let live = self.phase != Phase::Briefing;
                let s = self.stair_mut(seq, stairwell)?;
                s.marshal = MarshalState::Absent;
                if live {
                    s.close(GateKind::Marshal, at);
                }
            }
            Event::Started {
                record,
                unmanned,
                override_reason,
            } => {
                if self.phase != Phase::Briefing {
                    return Err(bad("the drill had already started".to_owned()));
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
                    unmanned: unmanned.clone(),
                    override_reason: override_reason.clone(),
                });
                return Ok(Logged::Started);
            }
            Event::ClassReleased {
                class,
                stairwell,
                planned_ms,
                manual,
                waits,
            } => {
                let ci = self.class_idx(seq, class)?;
                let si = self.stair_idx(seq, stairwell)?;
                let c = &mut self.classes[ci];
                if c.state != ClassState::Waiting {
                    return Err(bad(format!("class `{class}` was released twice")));
                }
                c.state = ClassState::Released { at };
                c.stairwell = stairwell.clone();
                c.release = Some(ReleaseRecord {
                    planned: DrillTime(*planned_ms),
                    manual: *manual,
                    waits: *waits,
                });
                let s = &mut self.stairwells[si];
                s.used = true;
                s.cleared = None;
                if s.gate == Gate::Clear {
                    s.close(GateKind::Clear, at);
                }
            }
            Event::Held { stairwells } => {
                for id in stairwells {
                    self.hold(seq, id, at, HoldReason::Coordinator)?;
                }
            }
            Event::Resumed { stairwells } => {
                for id in stairwells {
                    let s = self.stair_mut(seq, id)?;
                    s.hold = None;
                    s.open(GateKind::Hold, at);
                }
            }
            Event::ClassPassed { class } => {
                let ci = self.class_idx(seq, class)?;
                self.make_out(seq, ci, at, OutBy::Passed)?;
                self.classes[ci].passed_seq = Some(seq);
                return Ok(Logged::ClassPassed(ci));
            }
            Event::StairwellCleared {
                stairwell,
                classes_out,
            } => {
                let si = self.stair_idx(seq, stairwell)?;
                for class in classes_out {
                    let ci = self.class_idx(seq, class)?;
                    self.make_out(seq, ci, at, OutBy::StairwellClear)?;
                }
                let s = &mut self.stairwells[si];
                s.cleared = Some(at);
                s.open(GateKind::Clear, at);
            }
            Event::CongestionReported { stairwell, note } => {
                self.hold(seq, stairwell, at, HoldReason::Congestion)?;
                return Ok(self.add_problem(
                    seq,
                    at,
                    ProblemCategory::Congestion,
                    Place::Stairwell(stairwell.clone()),
                    note,
                ));
            }
            Event::StairwellBlocked {
                stairwell,
                note,
                schedule,
            } => {
                schedule
                    .check(&self.script, &[])
                    .map_err(|e| bad(e.to_string()))?;
                self.stair_mut(seq, stairwell)?.blocked = true;
                for c in &mut self.classes {
                    if c.state == ClassState::Waiting
                        && let Some(r) = schedule.release(&c.id)
                    {
                        c.stairwell = r.stairwell.clone();
                    }
                }
                self.schedule = schedule.clone();
                return Ok(self.add_problem(
                    seq,
                    at,
                    ProblemCategory::BlockedExit,
                    Place::Stairwell(stairwell.clone()),
                    note,
                ));
            }
            Event::ProblemLogged(report) => {
                self.problems.push(ProblemEntry {
                    seq,
                    at,
                    report: report.clone(),
                    withdrawn: false,
                });
                return Ok(Logged::Problem(self.problems.len() - 1));
            }
            Event::HeadcountTaken(h) => {
                let ci = self.class_idx(seq, &h.class)?;
                let c = &mut self.classes[ci];
                c.state = match c.state {
                    ClassState::Released { at: released } => ClassState::Accounted {
                        released,
                        out: at,
                        by: OutBy::Headcount,
                        counted: at,
                    },
                    ClassState::Out { released, out, by } => ClassState::Accounted {
                        released,
                        out,
                        by,
                        counted: at,
                    },
                    _ => return Err(bad(format!("class `{}` cannot be counted now", h.class))),
                };
                c.headcount = Some((seq, h.clone()));
                self.refresh_clear_gate(ci, at);
                return Ok(Logged::Headcount(ci));
            }
            Event::AllOut => {
                self.phase = Phase::Accounting;
                self.all_out = Some(at);
            }
            Event::Ended { complete, reason } => {
                self.phase = Phase::Ended;
                self.ending = Some(Ending {
                    at,
                    complete: *complete,
                    reason: reason.clone(),
                });
            }
            Event::Corrected {
                seq: target,
                amendment,
                ..
            } => self.correct(seq, *target, amendment, at)?,
            Event::ResumedAfterCrash { gap_ms } => self.gaps.push((at, *gap_ms)),
        }
        Ok(Logged::Other)
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
    ) -> Result<&mut super::StairwellStatus, ReplayError> {
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

    fn make_out(
        &mut self,
        seq: u64,
        ci: usize,
        at: DrillTime,
        by: OutBy,
    ) -> Result<(), ReplayError> {
        let c = &mut self.classes[ci];
        let ClassState::Released { at: released } = c.state else {
            return Err(ReplayError::Event {
                seq,
                detail: format!("class `{}` is not on its way out", c.id),
            });
        };
        c.state = ClassState::Out {
            released,
            out: at,
            by,
        };
        self.refresh_clear_gate(ci, at);
        Ok(())
    }

    /// Opens or closes the "clear" gate of class `ci`'s stairwell: closed
    /// while any class released into it is not yet out.
    fn refresh_clear_gate(&mut self, ci: usize, at: DrillTime) {
        let stairwell = &self.classes[ci].stairwell;
        let busy = self
            .classes
            .iter()
            .any(|c| &c.stairwell == stairwell && matches!(c.state, ClassState::Released { .. }));
        if let Some(&si) = self.stairwell_index.get(stairwell) {
            let s = &mut self.stairwells[si];
            if busy {
                s.cleared = None;
                if s.gate == Gate::Clear {
                    s.close(GateKind::Clear, at);
                }
            } else {
                s.open(GateKind::Clear, at);
            }
        }
    }

    /// Puts class `ci` back on its way out (a withdrawn "passed" or
    /// headcount); if every class had been out, the drill is running again.
    fn back_to_released(&mut self, ci: usize, released: DrillTime, at: DrillTime) {
        self.classes[ci].state = ClassState::Released { at: released };
        self.refresh_clear_gate(ci, at);
        if self.phase == Phase::Accounting {
            self.phase = Phase::Running;
            self.all_out = None;
        }
    }

    fn correct(
        &mut self,
        seq: u64,
        target: u64,
        amendment: &Amendment,
        at: DrillTime,
    ) -> Result<(), ReplayError> {
        let bad = |detail: &str| ReplayError::Event {
            seq,
            detail: format!("correction of entry {target}: {detail}"),
        };
        let logged = usize::try_from(target)
            .ok()
            .and_then(|t| t.checked_sub(1))
            .and_then(|i| self.log.get(i).copied())
            .ok_or_else(|| bad("no such entry"))?;
        match (logged, amendment) {
            (Logged::Problem(i), Amendment::Withdraw) => self.problems[i].withdrawn = true,
            (Logged::Problem(i), Amendment::Problem(report)) => {
                self.problems[i].report = report.clone();
            }
            (Logged::Started, Amendment::StartRecord(record)) => {
                let start = self.start.as_mut().ok_or_else(|| bad("no start"))?;
                start.record = record.clone();
            }
            (Logged::Headcount(ci), Amendment::Headcount(h)) => {
                self.classes[ci].headcount = Some((target, h.clone()));
            }
            (Logged::Headcount(ci), Amendment::Withdraw) => {
                self.classes[ci].headcount = None;
                match self.classes[ci].state {
                    ClassState::Accounted {
                        released,
                        by: OutBy::Headcount,
                        ..
                    } => self.back_to_released(ci, released, at),
                    ClassState::Accounted {
                        released, out, by, ..
                    } => self.classes[ci].state = ClassState::Out { released, out, by },
                    _ => return Err(bad("the class was not counted")),
                }
            }
            (Logged::ClassPassed(ci), Amendment::Withdraw) => {
                self.classes[ci].passed_seq = None;
                match self.classes[ci].state {
                    ClassState::Out { released, .. } => self.back_to_released(ci, released, at),
                    ClassState::Accounted {
                        released, counted, ..
                    } => {
                        self.classes[ci].state = ClassState::Accounted {
                            released,
                            out: counted,
                            by: OutBy::Headcount,
                            counted,
                        };
                    }
                    _ => return Err(bad("the class was not out")),
                }
            }
            _ => return Err(bad("this kind of entry cannot be corrected this way")),
        }
        Ok(())
    }
}

//! Corrections: a mistaken entry superseded by a new event, never deleted.
//!
//! What can be corrected, and how: a problem (withdrawn or rewritten), a
//! headcount (withdrawn or its numbers replaced, same class), a "class
//! passed" (withdrawn while the class is still on the stairs: it is back
//! in its corridor, and a clear gate closes again), the start record
//! (rewritten). Anything else is refused: a release or a hold happened, and
//! a later event says what changed.

use super::Session;
use super::decide::{check_record, non_empty};
use super::error::{ReplayError, SessionError};
use super::event::Event;
use super::input::Amendment;
use super::state::{ClassState, Logged, OutBy, Phase};
use crate::time::DrillTime;

impl Session {
    pub(super) fn decide_correction(
        &self,
        seq: u64,
        reason: String,
        amendment: Amendment,
    ) -> Result<Vec<Event>, SessionError> {
        non_empty(&reason, "reason")?;
        let logged = usize::try_from(seq)
            .ok()
            .and_then(|s| s.checked_sub(1))
            .and_then(|i| self.log.get(i))
            .ok_or(SessionError::UnknownSeq(seq))?;
        let refuse = |what| Err(SessionError::NotCorrectable { seq, what });
        let amendment = match (*logged, amendment) {
            (Logged::Problem(i), Amendment::Withdraw) => {
                if self.problems[i].withdrawn {
                    return Err(SessionError::AlreadyWithdrawn(seq));
                }
                Amendment::Withdraw
            }
            (Logged::Problem(i), Amendment::Problem(report)) => {
                if self.problems[i].withdrawn {
                    return Err(SessionError::AlreadyWithdrawn(seq));
                }
                self.check_place(&report.place)?;
                Amendment::Problem(report)
            }
            (
                Logged::Headcount(ci),
                amendment @ (Amendment::Withdraw | Amendment::Headcount(_)),
            ) => {
                let c = &self.classes[ci];
                if c.headcount.as_ref().is_none_or(|(s, _)| *s != seq) {
                    return Err(SessionError::AlreadyWithdrawn(seq));
                }
                match amendment {
                    Amendment::Headcount(h) if h.class != c.id => {
                        return refuse("a headcount for another class");
                    }
                    Amendment::Headcount(h) => Amendment::Headcount(self.complete_headcount(h)?),
                    other => other,
                }
            }
            (Logged::ClassPassed(ci), Amendment::Withdraw) => {
                let c = &self.classes[ci];
                if c.passed_seq != Some(seq) {
                    return Err(SessionError::AlreadyWithdrawn(seq));
                }
                if !matches!(c.state, ClassState::Passed { .. }) {
                    return refuse("a \"class passed\" of a class that is out since");
                }
                Amendment::Withdraw
            }
            (Logged::Started, Amendment::StartRecord(record)) => {
                check_record(&record)?;
                Amendment::StartRecord(record)
            }
            (Logged::Problem(_), _) => return refuse("a problem"),
            (Logged::Headcount(_), _) => return refuse("a headcount"),
            (Logged::ClassPassed(_), _) => return refuse("a \"class passed\""),
            (Logged::Started, _) => return refuse("the start"),
            (Logged::Other, _) => return refuse("an entry that corrections do not apply to"),
        };
        Ok(vec![Event::Corrected {
            seq,
            reason,
            amendment,
        }])
    }

    /// Puts class `ci` back on its way out (a withdrawn "passed" or
    /// headcount): on the stairs if it had passed, else in its corridor; if
    /// every class had been out, the drill is running again.
    fn back_on_its_way(
        &mut self,
        ci: usize,
        released: DrillTime,
        passed: Option<DrillTime>,
        at: DrillTime,
    ) {
        self.classes[ci].state = match passed {
            Some(passed) => ClassState::Passed {
                released,
                at: passed,
            },
            None => ClassState::Released { at: released },
        };
        self.refresh_stairwell(ci, at);
        if self.phase == Phase::Accounting {
            self.phase = Phase::Running;
            self.all_out = None;
        }
    }

    /// Folds a correction of entry `target` into the state.
    pub(super) fn correct(
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
                        passed,
                        by: OutBy::Headcount,
                        ..
                    } => self.back_on_its_way(ci, released, passed, at),
                    ClassState::Accounted {
                        released,
                        passed,
                        out,
                        by,
                        ..
                    } => {
                        self.classes[ci].state = ClassState::Out {
                            released,
                            passed,
                            out,
                            by,
                        };
                    }
                    _ => return Err(bad("the class was not counted")),
                }
            }
            (Logged::ClassPassed(ci), Amendment::Withdraw) => {
                self.classes[ci].passed_seq = None;
                match self.classes[ci].state {
                    ClassState::Passed { released, .. } => {
                        self.back_on_its_way(ci, released, None, at);
                    }
                    // A journal from before the release rule could withdraw
                    // a "passed" after the class was counted: the report
                    // just no longer counts.
                    ClassState::Out { ref mut passed, .. }
                    | ClassState::Accounted { ref mut passed, .. } => *passed = None,
                    _ => return Err(bad("the class had not passed")),
                }
            }
            _ => return Err(bad("this kind of entry cannot be corrected this way")),
        }
        Ok(())
    }
}

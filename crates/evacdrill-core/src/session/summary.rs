//! The drill record and the summary: what the session file and the review
//! take from a session, computed from the state alone.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::script::{ClassId, StairwellId};

use super::Session;
use super::event::GateWaits;
use super::input::{People, ProblemReport, SessionKind};
use super::state::{ChecklistState, ClassState, GateKind, OutBy, Phase};
use crate::time::DrillTime;

/// What fire codes ask a drill log to hold, in one place.
///
/// Times are milliseconds of drill time; the date and time of day are the
/// wall-clock time of the `started` event, which the session file adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DrillRecord {
    /// Absent when the drill never started.
    pub kind: Option<SessionKind>,
    pub conducted_by: String,
    /// How the alarm was given.
    pub alarm: String,
    pub staff_on_duty: Vec<String>,
    pub weather: String,
    pub conditions_simulated: String,
    /// The sum of `present` over the headcounts taken.
    pub people_evacuated: u32,
    /// Everyone the script expects to move.
    pub people_expected: u32,
    /// Problems logged (congestion and blocked stairwells included), not withdrawn.
    pub problems_found: Vec<ProblemLine>,
    /// Failed checklist items, with their notes.
    pub checklist_failed: Vec<String>,
    /// Stairwells started without a marshal, and why.
    pub unmanned_at_start: Vec<StairwellId>,
    pub override_reason: Option<String>,
    /// Signal to the last class out.
    pub evacuation_time_ms: Option<u64>,
    /// Signal to the last headcount, once every class is counted.
    pub accounting_time_ms: Option<u64>,
    /// The school's target, signal to all out.
    pub target_ms: Option<u64>,
    /// Whether the drill ended complete; absent while it has not ended.
    pub complete: Option<bool>,
    pub end_reason: Option<String>,
}

/// A problem as the record lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProblemLine {
    pub seq: u64,
    pub drill_ms: u64,
    #[serde(flatten)]
    pub report: ProblemReport,
}

/// Plan against actual, per class and per stairwell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    pub phase: Phase,
    pub classes: Vec<ClassSummary>,
    pub stairwells: Vec<StairwellSummary>,
    /// Each return after a crash: when (drill ms) and the wall time lost.
    pub crash_gaps: Vec<CrashGap>,
    /// Events recorded.
    pub events: u64,
}

/// One class: its plan, its release and what held it, when it was out and counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClassSummary {
    pub id: ClassId,
    pub stairwell: StairwellId,
    pub planned_ms: u64,
    pub released_ms: Option<u64>,
    pub manual: bool,
    pub waits: GateWaits,
    /// When its marshal reported it passed (its last person on the stair
    /// at its floor); absent in files from before the release rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed_ms: Option<u64>,
    pub out_ms: Option<u64>,
    pub out_by: Option<OutBy>,
    pub counted_ms: Option<u64>,
    pub expected: u32,
    pub present: Option<u32>,
    pub missing: Option<People>,
    pub injured: Option<People>,
}

/// One stairwell: its releases, when it was clear, how long its gates were shut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StairwellSummary {
    pub id: StairwellId,
    pub classes_released: usize,
    pub first_release_ms: Option<u64>,
    pub last_out_ms: Option<u64>,
    pub cleared_ms: Option<u64>,
    pub blocked: bool,
    /// Total time held (by the coordinator or for congestion) after the signal.
    pub held_ms: u64,
    /// Total time without a marshal at post after the signal.
    pub marshal_absent_ms: u64,
}

/// A return after a crash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CrashGap {
    pub drill_ms: u64,
    pub gap_ms: u64,
}

impl Session {
    /// The drill record as it stands.
    #[must_use]
    pub fn record(&self) -> DrillRecord {
        let start = self.start.as_ref();
        let record = start.map(|s| &s.record);
        let signal = start.map_or(DrillTime::ZERO, |s| s.at);
        let all_counted = self
            .classes
            .iter()
            .all(|c| matches!(c.state, ClassState::Accounted { .. }));
        let last_count = self
            .classes
            .iter()
            .filter_map(|c| match c.state {
                ClassState::Accounted { counted, .. } => Some(counted),
                _ => None,
            })
            .max();
        DrillRecord {
            kind: record.map(|r| r.kind),
            conducted_by: record.map(|r| r.conducted_by.clone()).unwrap_or_default(),
            alarm: record.map(|r| r.alarm.clone()).unwrap_or_default(),
            staff_on_duty: record.map(|r| r.staff_on_duty.clone()).unwrap_or_default(),
            weather: record.map(|r| r.weather.clone()).unwrap_or_default(),
            conditions_simulated: record
                .map(|r| r.conditions_simulated.clone())
                .unwrap_or_default(),
            people_evacuated: self
                .classes
                .iter()
                .filter_map(|c| c.headcount.as_ref().map(|(_, h)| h.present))
                .sum(),
            people_expected: self.script.people(),
            problems_found: self
                .problems
                .iter()
                .filter(|p| !p.withdrawn)
                .map(|p| ProblemLine {
                    seq: p.seq,
                    drill_ms: p.at.ms(),
                    report: p.report.clone(),
                })
                .collect(),
            checklist_failed: self
                .checklist
                .iter()
                .zip(&self.script.drill.checklist)
                .filter_map(|(state, item)| match state {
                    ChecklistState::Failed { note } => Some(format!("{item}: {note}")),
                    _ => None,
                })
                .collect(),
            unmanned_at_start: start.map(|s| s.unmanned.clone()).unwrap_or_default(),
            override_reason: start.and_then(|s| s.override_reason.clone()),
            evacuation_time_ms: self.all_out.map(|t| t.since(signal)),
            accounting_time_ms: last_count.filter(|_| all_counted).map(|t| t.since(signal)),
            target_ms: self
                .script
                .drill
                .target
                .map(|t| (t.get() * 1000.0).round() as u64),
            complete: self.ending.as_ref().map(|e| e.complete),
            end_reason: self.ending.as_ref().and_then(|e| e.reason.clone()),
        }
    }

    /// Plan against actual, per class and stairwell.
    #[must_use]
    pub fn summary(&self) -> Summary {
        let end = self.last;
        let classes = self
            .classes
            .iter()
            .map(|c| {
                let (out, by, counted) = match c.state {
                    ClassState::Waiting
                    | ClassState::Released { .. }
                    | ClassState::Passed { .. } => (None, None, None),
                    ClassState::Out { out, by, .. } => (Some(out), Some(by), None),
                    ClassState::Accounted {
                        out, by, counted, ..
                    } => (Some(out), Some(by), Some(counted)),
                };
                let released = c.state.released();
                let passed = match c.state {
                    ClassState::Passed { at, .. } => Some(at),
                    ClassState::Out { passed, .. } | ClassState::Accounted { passed, .. } => passed,
                    ClassState::Waiting | ClassState::Released { .. } => None,
                };
                let head = c.headcount.as_ref().map(|(_, h)| h);
                ClassSummary {
                    id: c.id.clone(),
                    stairwell: c.stairwell.clone(),
                    planned_ms: c.release.map_or_else(
                        || self.schedule.release(&c.id).map_or(0, |r| r.at.ms()),
                        |r| r.planned.ms(),
                    ),
                    released_ms: released.map(DrillTime::ms),
                    manual: c.release.is_some_and(|r| r.manual),
                    waits: c.release.map(|r| r.waits).unwrap_or_default(),
                    passed_ms: passed.map(DrillTime::ms),
                    out_ms: out.map(DrillTime::ms),
                    out_by: by,
                    counted_ms: counted.map(DrillTime::ms),
                    expected: head
                        .and_then(|h| h.expected)
                        .unwrap_or_else(|| self.script.class(&c.id).map_or(0, |k| k.headcount)),
                    present: head.map(|h| h.present),
                    missing: head.map(|h| h.missing.clone()),
                    injured: head.map(|h| h.injured.clone()),
                }
            })
            .collect::<Vec<_>>();
        let stairwells = self
            .stairwells
            .iter()
            .map(|s| {
                let mine = classes.iter().filter(|c| c.stairwell == s.id);
                StairwellSummary {
                    id: s.id.clone(),
                    classes_released: mine.clone().filter(|c| c.released_ms.is_some()).count(),
                    first_release_ms: mine.clone().filter_map(|c| c.released_ms).min(),
                    last_out_ms: mine.filter_map(|c| c.out_ms).max(),
                    cleared_ms: s.cleared.map(DrillTime::ms),
                    blocked: s.blocked,
                    held_ms: s.closed_ms(GateKind::Hold, DrillTime::ZERO, end),
                    marshal_absent_ms: s.closed_ms(GateKind::Marshal, DrillTime::ZERO, end),
                }
            })
            .collect();
        Summary {
            phase: self.phase,
            classes,
            stairwells,
            crash_gaps: self
                .gaps
                .iter()
                .map(|&(at, gap_ms)| CrashGap {
                    drill_ms: at.ms(),
                    gap_ms,
                })
                .collect(),
            events: self.log.len() as u64,
        }
    }
}

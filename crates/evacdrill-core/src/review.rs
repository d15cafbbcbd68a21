//! The review of recorded drills: what the safety committee reads.
//!
//! A [`Review`] is computed from a replayed [`Session`] and the events it was
//! replayed from (with their drill times, and wall times for people). It
//! takes what the session's own [`Summary`](crate::session::Summary) and
//! [`DrillRecord`] already compute (evacuation and accounting times, the
//! headcounts in force after corrections, the gate waits of each release)
//! and adds what only the event list can tell: when each marshal took post,
//! why and for how long each stairwell was held, where each release's delay
//! went, every problem with its place and whether it was withdrawn, and the
//! Gantt chart's bars. [`Trend`]s compare several sessions of one school.
//!
//! Pure: no file, clock or terminal. Times are drill milliseconds.

mod classes;
mod problems;
mod spans;
mod stairwells;
mod timeline;
mod trend;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod trend_tests;

use serde::Serialize;

use crate::script::Scenario;
use crate::session::{CrashGap, DrillRecord, DrillTime, Event, Phase, Session};

pub use classes::{ClassReview, Delay, HeadcountCheck};
pub use problems::{ActionKind, CategoryCount, PlaceCount, ProblemCounts, ProblemReview};
pub use spans::{HoldReason, HoldSpan};
pub use stairwells::{HeldBy, MarshalPost, StairwellReview};
pub use timeline::{Bar, Marker, Timeline, TimelineRow};
pub use trend::{Direction, Extreme, Figure, FigureTrend, Trend, TrendPoint, trends};

/// One recorded event as the review reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recorded<'a> {
    /// 1 for the first event of the session, without gaps.
    pub seq: u64,
    /// Drill time of the event.
    pub at: DrillTime,
    /// Wall-clock time (RFC 3339 with offset), when known; for people only.
    pub wall: Option<&'a str>,
    pub event: &'a Event,
}

/// Everything the committee sees about one drill.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    /// Where the session came from (its file name), to tell sessions apart.
    pub source: String,
    /// Whether it was rebuilt from the journal rather than the session file.
    pub from_journal: bool,
    /// `[drill] name` of the script.
    pub drill_name: String,
    /// `[building] name` of the script: what trends group by.
    pub building: String,
    pub scenario: Scenario,
    /// Wall-clock time of the signal (RFC 3339), when the drill started.
    pub started_wall: Option<String>,
    /// Wall-clock time of the end, when it ended.
    pub ended_wall: Option<String>,
    pub phase: Phase,
    /// The drill record the session computes (corrections applied).
    pub record: DrillRecord,
    pub timing: Timing,
    pub stairwells: Vec<StairwellReview>,
    pub classes: Vec<ClassReview>,
    /// Every problem logged, withdrawn ones included and marked.
    pub problems: Vec<ProblemReview>,
    pub problem_counts: ProblemCounts,
    pub timeline: Timeline,
    pub events: Vec<EventEntry>,
    pub crash_gaps: Vec<CrashGap>,
}

/// The drill's headline times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Timing {
    /// Signal to the last class out.
    pub evacuation_ms: Option<u64>,
    /// Signal to the last headcount, once every class was counted.
    pub accounting_ms: Option<u64>,
    pub target_ms: Option<u64>,
    pub target: TargetOutcome,
    /// The last planned release: the plan's own share of the evacuation time.
    pub last_planned_release_ms: Option<u64>,
    /// The longest time the gates held any one release.
    pub max_gate_delay_ms: u64,
    /// Drill time of the end, if the drill ended.
    pub ended_ms: Option<u64>,
}

/// The evacuation time against the school's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum TargetOutcome {
    /// Out within the target; `margin_ms` to spare.
    Met { margin_ms: u64 },
    /// Over the target by `over_ms`.
    Missed { over_ms: u64 },
    /// The script sets no target.
    NoTarget,
    /// Not every class got out, so the target cannot be judged.
    NotReached,
}

impl TargetOutcome {
    fn of(evacuation_ms: Option<u64>, target_ms: Option<u64>) -> Self {
        match (evacuation_ms, target_ms) {
            (_, None) => Self::NoTarget,
            (None, Some(_)) => Self::NotReached,
            (Some(e), Some(t)) if e <= t => Self::Met { margin_ms: t - e },
            (Some(e), Some(t)) => Self::Missed { over_ms: e - t },
        }
    }

    /// `Some(true)` when met, `Some(false)` when missed or not reached,
    /// `None` when there is no target.
    #[must_use]
    pub const fn met(self) -> Option<bool> {
        match self {
            Self::Met { .. } => Some(true),
            Self::Missed { .. } | Self::NotReached => Some(false),
            Self::NoTarget => None,
        }
    }
}

/// One event of the log, with what later corrections did to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventEntry {
    pub seq: u64,
    pub drill_ms: u64,
    pub wall: Option<String>,
    pub event: Event,
    /// The seq of the correction that superseded this entry, if any (the
    /// last one, when it was corrected more than once).
    pub corrected_by: Option<u64>,
    /// Whether that correction withdrew the entry.
    pub withdrawn: bool,
}

impl Review {
    /// The review of `session`, which was replayed from `events`.
    ///
    /// `source` names the session for people (its file name). The events
    /// must be the ones the session was built from, in order; an event the
    /// session does not know (a seq beyond its log) is still listed but
    /// changes no figure, since every figure comes from the session's state.
    #[must_use]
    pub fn build(session: &Session, events: &[Recorded<'_>], source: &str) -> Self {
        let script = session.script();
        let summary = session.summary();
        let record = session.record();
        let spans = spans::Spans::from_events(session, events);
        let classes = classes::review(session, &summary, &spans, events);
        let stairwells = stairwells::review(session, &summary, &classes, &spans, events);
        let problems = problems::review(session, events);
        let problem_counts = ProblemCounts::of(&problems, session);
        let timeline = timeline::build(session, &classes, &spans, &problems);
        let evacuation_ms = record.evacuation_time_ms;
        let started_seq = events
            .iter()
            .find(|r| matches!(r.event, Event::Started { .. }))
            .map(|r| r.seq);
        let wall_of = |seq: Option<u64>| {
            seq.and_then(|s| events.iter().find(|r| r.seq == s))
                .and_then(|r| r.wall.map(str::to_owned))
        };
        let ended_seq = events
            .iter()
            .rev()
            .find(|r| matches!(r.event, Event::Ended { .. }))
            .map(|r| r.seq);
        let timing = Timing {
            evacuation_ms,
            accounting_ms: record.accounting_time_ms,
            target_ms: record.target_ms,
            target: TargetOutcome::of(evacuation_ms, record.target_ms),
            last_planned_release_ms: classes.iter().map(|c| c.summary.planned_ms).max(),
            max_gate_delay_ms: classes
                .iter()
                .filter_map(|c| c.delay.map(|d| d.gates_ms))
                .max()
                .unwrap_or(0),
            ended_ms: session.ending().map(|e| e.at.ms()),
        };
        Self {
            source: source.to_owned(),
            from_journal: false,
            drill_name: script.drill.name.clone(),
            building: script.building.name.clone(),
            scenario: script.drill.scenario,
            started_wall: wall_of(started_seq),
            ended_wall: wall_of(ended_seq),
            phase: summary.phase,
            record,
            timing,
            stairwells,
            classes,
            problem_counts,
            problems,
            timeline,
            events: entries(events),
            crash_gaps: summary.crash_gaps,
        }
    }

    /// Problems that count: logged and not withdrawn.
    pub fn counted_problems(&self) -> impl Iterator<Item = &ProblemReview> {
        self.problems.iter().filter(|p| !p.withdrawn)
    }

    /// The class review of `id`.
    #[must_use]
    pub fn class(&self, id: &crate::script::ClassId) -> Option<&ClassReview> {
        self.classes.iter().find(|c| &c.summary.id == id)
    }
}

/// The log with every entry marked by the corrections that superseded it.
fn entries(events: &[Recorded<'_>]) -> Vec<EventEntry> {
    let mut out: Vec<EventEntry> = events
        .iter()
        .map(|r| EventEntry {
            seq: r.seq,
            drill_ms: r.at.ms(),
            wall: r.wall.map(str::to_owned),
            event: r.event.clone(),
            corrected_by: None,
            withdrawn: false,
        })
        .collect();
    for r in events {
        if let Event::Corrected { seq, amendment, .. } = r.event
            && let Some(target) = out.iter_mut().find(|e| e.seq == *seq)
        {
            target.corrected_by = Some(r.seq);
            target.withdrawn = matches!(amendment, crate::session::Amendment::Withdraw);
        }
    }
    out
}

/// `m:ss` of a number of milliseconds, as tables and charts show it.
#[must_use]
pub fn mmss(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// `m:ss` of an optional time, `—` when absent.
#[must_use]
pub fn mmss_or_dash(ms: Option<u64>) -> String {
    ms.map_or_else(|| "—".to_owned(), mmss)
}

/// A signed duration as `+m:ss` / `-m:ss`.
#[must_use]
pub fn signed_mmss(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "+" };
    format!("{sign}{}", mmss(ms.unsigned_abs()))
}

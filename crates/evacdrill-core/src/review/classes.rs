//! Per class: the plan against the release, where the delay went, the
//! release-to-out time and the headcount against the expected number.

use serde::Serialize;

use crate::session::{Amendment, ClassSummary, Event, Session, Summary};

use super::Recorded;
use super::spans::{HoldReason, Spans};
use super::stairwells::HeldBy;

/// One class in the review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassReview {
    /// What the session's summary says (planned and actual release, gate
    /// waits, out, counted, the headcount in force after corrections).
    #[serde(flatten)]
    pub summary: ClassSummary,
    /// The class's name in the script.
    pub name: String,
    pub grade: u8,
    pub floor: i32,
    /// From its release to its last person out.
    pub release_to_out_ms: Option<u64>,
    /// Release against plan; absent while the class was not released.
    pub delay: Option<Delay>,
    pub headcount: HeadcountCheck,
    /// Whether the headcount in force replaced the one first taken.
    pub headcount_corrected: bool,
}

/// How late a release was, split into the gates' time and the rest.
///
/// `total_ms = gates_ms + rest_ms`. The gates' time is how long, between
/// the planned time and the release, at least one gate of the stairwell was
/// closed (overlapping gates count once); `by_gate` splits it by gate, and
/// those figures may overlap, so they can add up to more. The rest is the
/// clock's tick, a release by hand, or a `gate = "clear"` stairwell taking
/// one due class at a time. A release by hand before its planned time has a
/// negative total and no gates' time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Delay {
    pub total_ms: i64,
    pub gates_ms: u64,
    pub rest_ms: i64,
    pub by_gate: HeldBy,
}

/// The headcount against the expected number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "check", rename_all = "snake_case")]
pub enum HeadcountCheck {
    /// Everyone expected is present.
    Complete,
    /// Fewer present than expected.
    Short { by: u32 },
    /// More present than expected (a miscount, or a visitor).
    Over { by: u32 },
    /// No headcount in force.
    NotCounted,
}

pub(super) fn review(
    session: &Session,
    summary: &Summary,
    spans: &Spans,
    events: &[Recorded<'_>],
) -> Vec<ClassReview> {
    let script = session.script();
    let corrected: Vec<bool> = session
        .classes()
        .iter()
        .map(|c| {
            c.headcount
                .as_ref()
                .is_some_and(|(seq, _)| corrected_headcount(events, *seq))
        })
        .collect();
    summary
        .classes
        .iter()
        .zip(corrected)
        .map(|(c, headcount_corrected)| {
            let class = script.class(&c.id);
            ClassReview {
                name: class.map_or_else(|| c.id.0.clone(), |k| k.name.clone()),
                grade: class.map_or(0, |k| k.grade),
                floor: class.map_or(0, |k| k.floor),
                release_to_out_ms: c
                    .released_ms
                    .zip(c.out_ms)
                    .map(|(r, o)| o.saturating_sub(r)),
                delay: c.released_ms.map(|released| delay(c, released, spans)),
                headcount: match c.present {
                    None => HeadcountCheck::NotCounted,
                    Some(p) if p == c.expected => HeadcountCheck::Complete,
                    Some(p) if p < c.expected => HeadcountCheck::Short { by: c.expected - p },
                    Some(p) => HeadcountCheck::Over { by: p - c.expected },
                },
                headcount_corrected,
                summary: c.clone(),
            }
        })
        .collect()
}

/// Whether a correction replaced the headcount recorded at `seq` (the
/// session keeps the original's seq beside the corrected numbers).
fn corrected_headcount(events: &[Recorded<'_>], seq: u64) -> bool {
    events.iter().any(|r| {
        matches!(r.event, Event::Corrected { seq: target, amendment: Amendment::Headcount(_), .. } if *target == seq)
    })
}

fn delay(c: &ClassSummary, released: u64, spans: &Spans) -> Delay {
    let planned = c.planned_ms;
    let total_ms = signed(released) - signed(planned);
    if released <= planned {
        return Delay {
            total_ms,
            gates_ms: 0,
            rest_ms: total_ms,
            by_gate: HeldBy::default(),
        };
    }
    let gates_ms = spans
        .gates_closed_ms(&c.stairwell, planned, released)
        .min(released - planned);
    let held = |reason| {
        spans
            .of(&c.stairwell)
            .filter(|h| h.reason == reason)
            .map(|h| h.overlap_ms(planned, released))
            .sum::<u64>()
    };
    // The session measured the waits when it released; the hold gate's
    // time is split between the coordinator and congestion by which of
    // them held the stairwell when.
    let coordinator = held(HoldReason::Coordinator).min(c.waits.hold_ms);
    Delay {
        total_ms,
        gates_ms,
        rest_ms: total_ms - signed(gates_ms),
        by_gate: HeldBy {
            marshal_absent_ms: c.waits.marshal_ms,
            coordinator_ms: coordinator,
            congestion_ms: c.waits.hold_ms - coordinator,
            clear_ms: c.waits.clear_ms,
        },
    }
}

/// Milliseconds as a signed number (drill times are far below `i64::MAX`).
fn signed(ms: u64) -> i64 {
    i64::try_from(ms).unwrap_or(i64::MAX)
}

//! Per stairwell: the marshal at post, the first and last release, the
//! clearance, and how long and why the stairwell was held.

use serde::Serialize;

use crate::script::{Gate, StairwellId};
use crate::session::{Event, Place, Session, StairwellSummary, Summary};

use super::Recorded;
use super::classes::ClassReview;
use super::spans::{HoldReason, HoldSpan, Spans};

/// One stairwell in the review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StairwellReview {
    /// What the session's summary says (releases, clearance, time held and
    /// without a marshal after the signal).
    #[serde(flatten)]
    pub summary: StairwellSummary,
    pub name: String,
    /// The marshal: the name given at post, else the script's.
    pub marshal: Option<String>,
    pub gate: Gate,
    pub at_post: MarshalPost,
    /// How many times the marshal left the post.
    pub left_post: usize,
    pub last_release_ms: Option<u64>,
    /// People in the classes released into it (their script headcounts).
    pub people: u32,
    /// Every time it was held, with the reason.
    pub holds: Vec<HoldSpan>,
    /// How long it was held, by reason. Marshal absent, coordinator and
    /// congestion: how long that gate was shut after the signal. Clear: how
    /// long its releases waited for the previous group to pass.
    pub held_for: HeldBy,
    /// How long its releases were delayed by each gate, summed over them
    /// (the figures may overlap; see [`Delay`](super::Delay)).
    pub release_delays: HeldBy,
    /// The longest gates' time of any one release into it.
    pub max_gate_delay_ms: u64,
    /// Problems placed at it or at one of its classes, not withdrawn.
    pub problems: usize,
}

/// Milliseconds by the reason a release could not go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct HeldBy {
    pub marshal_absent_ms: u64,
    pub coordinator_ms: u64,
    pub congestion_ms: u64,
    pub clear_ms: u64,
}

impl HeldBy {
    /// The sum of the figures (an upper bound of the time: they may overlap).
    #[must_use]
    pub const fn sum_ms(&self) -> u64 {
        self.marshal_absent_ms + self.coordinator_ms + self.congestion_ms + self.clear_ms
    }

    fn add(&mut self, other: &Self) {
        self.marshal_absent_ms += other.marshal_absent_ms;
        self.coordinator_ms += other.coordinator_ms;
        self.congestion_ms += other.congestion_ms;
        self.clear_ms += other.clear_ms;
    }
}

/// When the marshal took post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "at_post", rename_all = "snake_case")]
pub enum MarshalPost {
    /// Before the signal, as it should be.
    BeforeSignal,
    /// After the signal, at this drill time.
    Arrived { ms: u64 },
    /// Never at post; the drill started without one, with a reason.
    Waived,
    /// Never at post (the drill did not start).
    Never,
}

pub(super) fn review(
    session: &Session,
    summary: &Summary,
    classes: &[ClassReview],
    spans: &Spans,
    events: &[Recorded<'_>],
) -> Vec<StairwellReview> {
    let script = session.script();
    summary
        .stairwells
        .iter()
        .map(|s| {
            let def = script.stairwell(&s.id);
            let mine: Vec<&ClassReview> = classes
                .iter()
                .filter(|c| c.summary.stairwell == s.id && c.summary.released_ms.is_some())
                .collect();
            let (at_post, named, left_post) = post(session, &s.id, events);
            let holds: Vec<HoldSpan> = spans.of(&s.id).cloned().collect();
            let held = |reason| {
                holds
                    .iter()
                    .filter(|h| h.reason == reason)
                    .map(HoldSpan::duration_ms)
                    .sum()
            };
            let mut release_delays = HeldBy::default();
            for c in &mine {
                if let Some(d) = &c.delay {
                    release_delays.add(&d.by_gate);
                }
            }
            StairwellReview {
                name: def.map_or_else(|| s.id.0.clone(), |d| d.name.clone()),
                marshal: named.or_else(|| def.and_then(|d| d.marshal.clone())),
                gate: def.map_or(Gate::Time, |d| d.gate),
                at_post,
                left_post,
                last_release_ms: mine.iter().filter_map(|c| c.summary.released_ms).max(),
                people: mine
                    .iter()
                    .filter_map(|c| script.class(&c.summary.id))
                    .map(|c| c.headcount)
                    .sum(),
                held_for: HeldBy {
                    marshal_absent_ms: s.marshal_absent_ms,
                    coordinator_ms: held(HoldReason::Coordinator),
                    congestion_ms: held(HoldReason::Congestion),
                    clear_ms: release_delays.clear_ms,
                },
                release_delays,
                max_gate_delay_ms: mine
                    .iter()
                    .filter_map(|c| c.delay.map(|d| d.gates_ms))
                    .max()
                    .unwrap_or(0),
                problems: problems_at(session, &s.id),
                holds,
                summary: s.clone(),
            }
        })
        .collect()
}

/// When the marshal of `id` took post, the name given, and how often the
/// marshal left.
fn post(
    session: &Session,
    id: &StairwellId,
    events: &[Recorded<'_>],
) -> (MarshalPost, Option<String>, usize) {
    let mut started = false;
    let mut at_post = None;
    let mut name = None;
    let mut left = 0;
    for r in events {
        match r.event {
            Event::Started { .. } => started = true,
            Event::MarshalAtPost { stairwell, name: n } if stairwell == id => {
                if at_post.is_none() {
                    at_post = Some(if started {
                        MarshalPost::Arrived { ms: r.at.ms() }
                    } else {
                        MarshalPost::BeforeSignal
                    });
                }
                if n.is_some() {
                    name.clone_from(n);
                }
            }
            Event::MarshalLeftPost { stairwell } if stairwell == id => left += 1,
            _ => {}
        }
    }
    let waived = session.start().is_some_and(|s| s.unmanned.contains(id));
    let at_post = at_post.unwrap_or(if waived {
        MarshalPost::Waived
    } else {
        MarshalPost::Never
    });
    (at_post, name, left)
}

/// Problems (not withdrawn) placed at stairwell `id` or at a class that
/// went down it.
fn problems_at(session: &Session, id: &StairwellId) -> usize {
    session
        .problems()
        .iter()
        .filter(|p| !p.withdrawn)
        .filter(|p| match &p.report.place {
            Place::Stairwell(s) => s == id,
            Place::Class(c) => session.class(c).is_some_and(|c| &c.stairwell == id),
            Place::Floor(_) | Place::Unspecified => false,
        })
        .count()
}

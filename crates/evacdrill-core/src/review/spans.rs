//! The times a stairwell's releases could not go, with the reason: held by
//! the coordinator, held for congestion, no marshal at post, blocked.
//!
//! The session keeps when each gate was closed (`StairwellStatus::closures`)
//! but folds a coordinator's hold and a congestion hold into one gate; the
//! reason is only in the event that closed it. The hold rule here is the
//! session's own (`evolve.rs`): a hold starts only on a stairwell that is not
//! already held, and any resume ends it.

use serde::Serialize;

use crate::script::StairwellId;
use crate::session::{DrillTime, Event, GateKind, Session};

use super::Recorded;

/// Why a stairwell's releases could not go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldReason {
    /// The coordinator held it.
    Coordinator,
    /// A marshal reported congestion.
    Congestion,
    /// Its marshal was not at post.
    MarshalAbsent,
    /// It was reported blocked; nothing went down it afterwards.
    Blocked,
}

/// One stretch of time a stairwell was held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HoldSpan {
    pub stairwell: StairwellId,
    pub reason: HoldReason,
    pub from_ms: u64,
    /// The end; for a hold still in force when the record stops, the last
    /// event's time, and `open` is set.
    pub to_ms: u64,
    pub open: bool,
}

impl HoldSpan {
    /// Milliseconds of this span inside `[from, to]`.
    #[must_use]
    pub fn overlap_ms(&self, from: u64, to: u64) -> u64 {
        self.to_ms.min(to).saturating_sub(self.from_ms.max(from))
    }

    #[must_use]
    pub fn duration_ms(&self) -> u64 {
        self.to_ms.saturating_sub(self.from_ms)
    }
}

/// Every hold span of a session, and the closed intervals of every gate.
#[derive(Debug, Clone, Default)]
pub(super) struct Spans {
    pub holds: Vec<HoldSpan>,
    /// Per stairwell (script order), every interval any gate was closed.
    pub closed: Vec<(StairwellId, Vec<(u64, u64)>)>,
}

impl Spans {
    pub fn from_events(session: &Session, events: &[Recorded<'_>]) -> Self {
        let end = session.last_time();
        let mut holds = Vec::new();
        let mut open: Vec<(StairwellId, HoldReason, DrillTime)> = Vec::new();
        let start = |open: &mut Vec<_>, id: &StairwellId, reason, at| {
            if !open.iter().any(|(s, _, _)| s == id) {
                open.push((id.clone(), reason, at));
            }
        };
        for r in events {
            match r.event {
                Event::Held { stairwells } => {
                    for id in stairwells {
                        start(&mut open, id, HoldReason::Coordinator, r.at);
                    }
                }
                Event::CongestionReported { stairwell, .. } => {
                    start(&mut open, stairwell, HoldReason::Congestion, r.at);
                }
                Event::Resumed { stairwells } => {
                    for id in stairwells {
                        if let Some(i) = open.iter().position(|(s, _, _)| s == id) {
                            let (stairwell, reason, from) = open.remove(i);
                            holds.push(HoldSpan {
                                stairwell,
                                reason,
                                from_ms: from.ms(),
                                to_ms: r.at.ms(),
                                open: false,
                            });
                        }
                    }
                }
                Event::StairwellBlocked { stairwell, .. } => holds.push(HoldSpan {
                    stairwell: stairwell.clone(),
                    reason: HoldReason::Blocked,
                    from_ms: r.at.ms(),
                    to_ms: end.ms(),
                    open: true,
                }),
                _ => {}
            }
        }
        holds.extend(open.into_iter().map(|(stairwell, reason, from)| HoldSpan {
            stairwell,
            reason,
            from_ms: from.ms(),
            to_ms: end.ms(),
            open: true,
        }));
        let mut closed = Vec::new();
        for s in session.stairwells() {
            for c in s.closures.iter().filter(|c| c.gate == GateKind::Marshal) {
                holds.push(HoldSpan {
                    stairwell: s.id.clone(),
                    reason: HoldReason::MarshalAbsent,
                    from_ms: c.from.ms(),
                    to_ms: c.to.unwrap_or(end).ms(),
                    open: c.to.is_none(),
                });
            }
            let intervals = s
                .closures
                .iter()
                .map(|c| (c.from.ms(), c.to.unwrap_or(end).ms()))
                .collect();
            closed.push((s.id.clone(), intervals));
        }
        holds.sort_by(|a, b| {
            (a.from_ms, &a.stairwell, a.to_ms).cmp(&(b.from_ms, &b.stairwell, b.to_ms))
        });
        Self { holds, closed }
    }

    /// The hold spans of one stairwell.
    pub fn of<'a>(&'a self, id: &'a StairwellId) -> impl Iterator<Item = &'a HoldSpan> + 'a {
        self.holds.iter().filter(move |h| &h.stairwell == id)
    }

    /// Milliseconds within `[from, to]` during which at least one gate of
    /// `id` was closed (the union, so overlapping gates count once).
    pub fn gates_closed_ms(&self, id: &StairwellId, from: u64, to: u64) -> u64 {
        let Some((_, intervals)) = self.closed.iter().find(|(s, _)| s == id) else {
            return 0;
        };
        union_ms(intervals.iter().copied(), from, to)
    }
}

/// The length of the union of `intervals`, clipped to `[from, to]`.
pub(super) fn union_ms(intervals: impl Iterator<Item = (u64, u64)>, from: u64, to: u64) -> u64 {
    let mut clipped: Vec<(u64, u64)> = intervals
        .map(|(a, b)| (a.max(from), b.min(to)))
        .filter(|(a, b)| a < b)
        .collect();
    clipped.sort_unstable();
    let mut total = 0;
    let mut current: Option<(u64, u64)> = None;
    for (a, b) in clipped {
        current = match current {
            Some((ca, cb)) if a <= cb => Some((ca, cb.max(b))),
            Some((ca, cb)) => {
                total += cb - ca;
                Some((a, b))
            }
            None => Some((a, b)),
        };
    }
    total + current.map_or(0, |(a, b)| b - a)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::union_ms;

    #[rstest]
    #[case::none(&[], 0, 100, 0)]
    #[case::one(&[(10, 20)], 0, 100, 10)]
    #[case::overlapping(&[(10, 30), (20, 40)], 0, 100, 30)]
    #[case::nested(&[(10, 50), (20, 30)], 0, 100, 40)]
    #[case::apart(&[(10, 20), (30, 40)], 0, 100, 20)]
    #[case::clipped(&[(0, 50)], 20, 30, 10)]
    #[case::outside(&[(0, 10)], 20, 30, 0)]
    fn union_of_intervals(
        #[case] intervals: &[(u64, u64)],
        #[case] from: u64,
        #[case] to: u64,
        #[case] expected: u64,
    ) {
        assert_eq!(union_ms(intervals.iter().copied(), from, to), expected);
    }
}

//! The state of a drill, as the events have built it.
//!
//! Every set of states is an enum. How a class moves:
//!
//! ```text
//! Waiting --release--> Released --"class passed"--> Passed
//!    Released / Passed --"stairwell clear" / headcount--> Out
//!    Out --headcount--> Accounted
//! ```
//!
//! A class has **passed** when the marshal of its stairwell reports that its
//! last person has stepped onto the stair at the class's own floor, past the
//! marshal's post at the stair head (docs/flow-model.md, *The release rule*).
//! That opens a `gate = "clear"` stairwell for the next group; it does not
//! take the class out of the building: its people are still on the stairs.
//!
//! A class is **out** when the marshal reports its whole stairwell clear
//! (the stair is empty after its last class), or, failing that, when its
//! headcount arrives from the assembly point (a class that is counted there
//! has certainly left; its out time is then the headcount's time, an upper
//! bound, and `OutBy::Headcount` says so). The evacuation time comes from
//! these, never from a stair-head report.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::script::{ClassId, Gate, StairwellId};

use super::event::GateWaits;
use super::input::{Headcount, ProblemReport, StartRecord};
use crate::time::DrillTime;

/// The phase of a drill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Before the signal: the checklist, marshals taking their posts.
    Briefing,
    /// From the signal until every class is out.
    Running,
    /// Every class is out; headcounts and "clear" reports still come in.
    Accounting,
    /// Over: nothing more is recorded.
    Ended,
}

impl Phase {
    const fn bit(self) -> u8 {
        match self {
            Self::Briefing => 1,
            Self::Running => 2,
            Self::Accounting => 4,
            Self::Ended => 8,
        }
    }
}

/// A set of phases, for saying when an input is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseSet(u8);

impl PhaseSet {
    /// The set of `phases`.
    #[must_use]
    pub const fn of(phases: &[Phase]) -> Self {
        let mut bits = 0;
        let mut i = 0;
        while i < phases.len() {
            bits |= phases[i].bit();
            i += 1;
        }
        Self(bits)
    }

    /// Whether `phase` is in the set.
    #[must_use]
    pub const fn contains(self, phase: Phase) -> bool {
        self.0 & phase.bit() != 0
    }
}

impl std::fmt::Display for PhaseSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = [
            Phase::Briefing,
            Phase::Running,
            Phase::Accounting,
            Phase::Ended,
        ]
        .into_iter()
        .filter(|p| self.contains(*p))
        .map(|p| format!("{p:?}"))
        .collect();
        f.write_str(&names.join(", "))
    }
}

/// How a class was found to be out (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutBy {
    /// Older session files only, from before the release rule: the
    /// marshal's "class passed" used to count as out. Nothing records it
    /// now ("passed" is the stair head, not the exit), but a summary that
    /// says so still reads.
    Passed,
    /// Its stairwell's marshal reported the stairwell clear.
    StairwellClear,
    /// Only its headcount says so; the out time is an upper bound.
    Headcount,
}

/// Where a class is in the drill (see the module documentation).
///
/// `passed` in the later states is when the marshal reported the class
/// passed, if they did before it was out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassState {
    Waiting,
    Released {
        at: DrillTime,
    },
    /// Its last person is on the stair at its floor: on the stairs, not out.
    Passed {
        released: DrillTime,
        at: DrillTime,
    },
    Out {
        released: DrillTime,
        passed: Option<DrillTime>,
        out: DrillTime,
        by: OutBy,
    },
    Accounted {
        released: DrillTime,
        passed: Option<DrillTime>,
        out: DrillTime,
        by: OutBy,
        counted: DrillTime,
    },
}

impl ClassState {
    /// Whether the class has left the building.
    #[must_use]
    pub const fn is_out(&self) -> bool {
        matches!(self, Self::Out { .. } | Self::Accounted { .. })
    }

    /// Whether the class is on its way out: released and not yet out
    /// (in its corridor, or on the stairs after it passed).
    #[must_use]
    pub const fn is_on_its_way(&self) -> bool {
        matches!(self, Self::Released { .. } | Self::Passed { .. })
    }

    /// When the class was released, once it was.
    #[must_use]
    pub const fn released(&self) -> Option<DrillTime> {
        match *self {
            Self::Waiting => None,
            Self::Released { at } => Some(at),
            Self::Passed { released, .. }
            | Self::Out { released, .. }
            | Self::Accounted { released, .. } => Some(released),
        }
    }

    /// When the class stopped holding its stairwell's gate: its last person
    /// passed the stair head (reported "passed"), or, unreported, when it
    /// was found out. `None` while it is waiting or still in its corridor.
    #[must_use]
    pub fn passed(&self) -> Option<DrillTime> {
        match *self {
            Self::Waiting | Self::Released { .. } => None,
            Self::Passed { at, .. } => Some(at),
            Self::Out { passed, out, .. } | Self::Accounted { passed, out, .. } => {
                Some(passed.unwrap_or(out))
            }
        }
    }
}

/// One class during the drill.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassStatus {
    pub id: ClassId,
    /// The stairwell it goes down: the planned one until released, then the
    /// one it was released into.
    pub stairwell: StairwellId,
    pub state: ClassState,
    /// The release, when it happened: planned time, by hand, gate waits.
    pub release: Option<ReleaseRecord>,
    /// The headcount in force (after corrections), and its entry's seq.
    pub headcount: Option<(u64, Headcount)>,
    /// The seq of the "class passed" entry in force, if any (a correction
    /// can withdraw it).
    pub(crate) passed_seq: Option<u64>,
}

/// How a release went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReleaseRecord {
    pub planned: DrillTime,
    pub manual: bool,
    pub waits: GateWaits,
}

/// The marshal of a stairwell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarshalState {
    /// Not (yet) at post: releases into the stairwell wait.
    Absent,
    AtPost,
    /// Nobody at post, and the coordinator started anyway with a reason:
    /// releases do not wait for a marshal.
    Waived,
}

/// Why a stairwell is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldReason {
    Coordinator,
    Congestion,
}

/// A gate that can keep a release waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateKind {
    Marshal,
    Hold,
    Clear,
}

/// A time a gate was closed; `to` is `None` while it still is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closure {
    pub gate: GateKind,
    pub from: DrillTime,
    pub to: Option<DrillTime>,
}

/// One stairwell during the drill.
#[derive(Debug, Clone, PartialEq)]
pub struct StairwellStatus {
    pub id: StairwellId,
    pub gate: Gate,
    pub marshal: MarshalState,
    pub hold: Option<(DrillTime, HoldReason)>,
    pub blocked: bool,
    /// When the marshal last reported it clear, if nothing was released since.
    pub cleared: Option<DrillTime>,
    /// Whether anything was ever released into it.
    pub used: bool,
    /// Every time a gate was closed after the signal, for the gate waits.
    pub closures: Vec<Closure>,
}

impl StairwellStatus {
    /// Whether the gate of `kind` is closed now.
    #[must_use]
    pub fn is_closed(&self, kind: GateKind) -> bool {
        // Only the latest closure of a gate can still be open.
        self.closures
            .iter()
            .rev()
            .find(|c| c.gate == kind)
            .is_some_and(|c| c.to.is_none())
    }

    /// Milliseconds the gate of `kind` was closed between `from` and `to`.
    #[must_use]
    pub fn closed_ms(&self, kind: GateKind, from: DrillTime, to: DrillTime) -> u64 {
        self.closures
            .iter()
            .filter(|c| c.gate == kind)
            .map(|c| {
                let start = c.from.max(from);
                let end = c.to.unwrap_or(to).min(to);
                end.since(start)
            })
            .sum()
    }

    pub(crate) fn close(&mut self, kind: GateKind, at: DrillTime) {
        if !self.is_closed(kind) {
            self.closures.push(Closure {
                gate: kind,
                from: at,
                to: None,
            });
        }
    }

    pub(crate) fn open(&mut self, kind: GateKind, at: DrillTime) {
        if let Some(c) = self
            .closures
            .iter_mut()
            .rev()
            .find(|c| c.gate == kind)
            .filter(|c| c.to.is_none())
        {
            c.to = Some(at);
        }
    }
}

/// The answer to one checklist item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChecklistState {
    Unchecked,
    Confirmed,
    Failed { note: String },
}

/// What the start recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct StartInfo {
    pub at: DrillTime,
    pub seq: u64,
    pub record: StartRecord,
    pub unmanned: Vec<StairwellId>,
    pub override_reason: Option<String>,
}

/// A logged problem (or a congestion or blocked report), after corrections.
#[derive(Debug, Clone, PartialEq)]
pub struct ProblemEntry {
    pub seq: u64,
    pub at: DrillTime,
    pub report: ProblemReport,
    pub withdrawn: bool,
}

/// How the drill ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ending {
    pub at: DrillTime,
    pub complete: bool,
    pub reason: Option<String>,
}

/// What an entry of the log is, as far as corrections care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Logged {
    Other,
    Started,
    Problem(usize),
    Headcount(usize),
    ClassPassed(usize),
}

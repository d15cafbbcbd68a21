//! What happened: the events of a session, the one record everything else is
//! a view of.
//!
//! These types are a file-format contract (the journal and the session file,
//! docs/session-format.md): each event is a JSON object tagged by `"type"`,
//! and field names do not change within a schema version. An event carries no
//! time of its own; the journal record beside it holds the drill time and the
//! wall-clock time.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::script::{ClassId, StairwellId};

use super::input::{Amendment, Headcount, ProblemReport, StartRecord};
use super::schedule::Schedule;

/// One thing that happened in a drill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// A checklist item (0-based, in script order) was confirmed.
    ChecklistConfirmed {
        item: usize,
    },
    /// A checklist item failed; the note says why.
    ChecklistFailed {
        item: usize,
        note: String,
    },
    MarshalAtPost {
        stairwell: StairwellId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    MarshalLeftPost {
        stairwell: StairwellId,
    },
    /// The signal: drill time zero.
    Started {
        record: StartRecord,
        /// Stairwells whose marshal was not at post at the start.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unmanned: Vec<StairwellId>,
        /// Why the drill started with `unmanned` stairwells.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        override_reason: Option<String>,
    },
    /// A class was told to go.
    ClassReleased {
        class: ClassId,
        stairwell: StairwellId,
        /// The planned release, milliseconds after the signal.
        planned_ms: u64,
        /// Released by the coordinator's hand, not by the clock.
        manual: bool,
        /// How long each gate held this release after its planned time.
        waits: GateWaits,
    },
    /// Releases into these stairwells hold (the coordinator asked).
    Held {
        stairwells: Vec<StairwellId>,
    },
    /// Releases into these stairwells go on.
    Resumed {
        stairwells: Vec<StairwellId>,
    },
    /// The class's last person has stepped onto the stair at its floor, past
    /// the marshal's post: a `gate = "clear"` stairwell's next group may go
    /// once every class before has passed. The class is not out yet (in
    /// journals from before the release rule this meant out; it is read as
    /// passed).
    ClassPassed {
        class: ClassId,
    },
    /// Nobody is left in the stairwell; `classes_out` are the classes this
    /// made out (released into it and not yet out, passed or not).
    StairwellCleared {
        stairwell: StairwellId,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        classes_out: Vec<ClassId>,
    },
    /// Congestion: releases into the stairwell hold until resumed.
    CongestionReported {
        stairwell: StairwellId,
        note: String,
    },
    /// The stairwell cannot be used; `schedule` is the whole schedule from now on.
    StairwellBlocked {
        stairwell: StairwellId,
        note: String,
        schedule: Schedule,
    },
    ProblemLogged(ProblemReport),
    /// A class's headcount; `expected` is always filled in.
    HeadcountTaken(Headcount),
    /// Every class is out: the evacuation time is this event's drill time.
    AllOut,
    /// The drill ended: complete, or early with a reason.
    Ended {
        complete: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The entry with sequence number `seq` is superseded.
    Corrected {
        seq: u64,
        reason: String,
        amendment: Amendment,
    },
    /// The program came back after a crash; `gap_ms` of wall time passed
    /// since the last recorded event and is added to the drill clock.
    ResumedAfterCrash {
        gap_ms: u64,
    },
}

/// How long each gate kept a release waiting after its planned time, in
/// milliseconds.
///
/// Each figure is the time that gate was closed between the planned time and
/// the release; gates can be closed at once, so the figures may overlap and
/// their sum can exceed the whole delay. What no gate explains is the
/// clock's own granularity (a tick) or a release by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct GateWaits {
    /// The marshal was not at post.
    pub marshal_ms: u64,
    /// The stairwell was held (by the coordinator, or for congestion).
    pub hold_ms: u64,
    /// A `gate = "clear"` stairwell waited for the previous group to pass.
    pub clear_ms: u64,
}

impl GateWaits {
    /// Whether no gate held the release at all.
    #[must_use]
    pub const fn is_zero(&self) -> bool {
        self.marshal_ms == 0 && self.hold_ms == 0 && self.clear_ms == 0
    }
}

//! What can happen to a drill: the inputs the coordinator, the marshals, the
//! assembly officers and the clock give the session.
//!
//! Inputs are requests: the session may refuse one (a typed
//! [`SessionError`](super::SessionError)) and then nothing changes. What it
//! accepts becomes [`Event`](super::Event)s. Inputs are serde types so that the
//! phone server can receive them as JSON.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::script::{ClassId, StairwellId};

/// One thing that happened, or that someone asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Input {
    /// Briefing: a checklist item (0-based, in script order) is fine.
    ConfirmChecklist { item: usize },
    /// Briefing: a checklist item is not fine; the note says why.
    FailChecklist { item: usize, note: String },
    /// A marshal reports being at the post of a stairwell.
    MarshalAtPost {
        stairwell: StairwellId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// A marshal has left the post (releases into the stairwell wait).
    MarshalLeftPost { stairwell: StairwellId },
    /// The signal: the drill clock starts. Starting with a stairwell whose
    /// marshal is not at post needs `override_reason`.
    Start {
        record: StartRecord,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        override_reason: Option<String>,
    },
    /// The clock: releases that are due and whose gates are open happen now.
    Tick,
    /// The coordinator releases a class now, whatever the plan and the gates say.
    Release { class: ClassId },
    /// Hold releases into one stairwell or into all.
    Hold { scope: Scope },
    /// Resume releases into one stairwell or into all.
    Resume { scope: Scope },
    /// A marshal: the last person of this class has stepped onto the stair
    /// at its floor, past the marshal's post (the class is not out yet).
    ClassPassed { class: ClassId },
    /// A marshal: nobody is left in this stairwell.
    StairwellClear { stairwell: StairwellId },
    /// A marshal: congestion; releases into the stairwell hold until resumed.
    Congestion {
        stairwell: StairwellId,
        note: String,
    },
    /// The stairwell cannot be used; classes not yet released are re-planned.
    Blocked {
        stairwell: StairwellId,
        note: String,
    },
    /// A problem seen, with its place.
    Problem(ProblemReport),
    /// A class's headcount at the assembly point.
    Headcount(Headcount),
    /// The drill is over: every class out and counted, every stairwell clear.
    End,
    /// The drill is stopped before it is complete.
    EndEarly { reason: String },
    /// A mistaken entry is corrected; the original stays in the record.
    Correct {
        seq: u64,
        reason: String,
        amendment: Amendment,
    },
    /// The program is running again after a crash; `gap_ms` is the wall time
    /// that passed since the last recorded event.
    ResumeAfterCrash { gap_ms: u64 },
}

/// Which stairwells a hold or resume is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    All,
    Stairwell(StairwellId),
}

/// The kind of session, as fire codes ask a drill log to state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// An announced or unannounced practice.
    Drill,
    /// A real emergency, recorded with the same tool.
    Real,
    /// A test of the equipment or of this program.
    Test,
    /// A rehearsal driven by the simulator (training, demos).
    Rehearsal,
}

/// What the drill log records about the start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StartRecord {
    pub kind: SessionKind,
    /// How the alarm was given (bell, public address, whistle...).
    pub alarm: String,
    /// Who conducts the drill.
    pub conducted_by: String,
    #[serde(default)]
    pub staff_on_duty: Vec<String>,
    #[serde(default)]
    pub weather: String,
    /// Conditions simulated (a blocked stair, smoke in a corridor...).
    #[serde(default)]
    pub conditions_simulated: String,
}

/// The kinds of problem a drill log sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemCategory {
    Congestion,
    FallOrInjury,
    BlockedExit,
    Lighting,
    LateClass,
    Equipment,
    Other,
}

/// Where a problem was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Stairwell(StairwellId),
    /// A floor, in the building's own numbering.
    Floor(i32),
    Class(ClassId),
    /// Nowhere in particular (the whole building, the assembly point).
    Unspecified,
}

/// A problem as logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ProblemReport {
    pub category: ProblemCategory,
    pub place: Place,
    pub text: String,
}

/// A number of people, some of them named.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct People {
    pub count: u32,
    /// Names, when known; never more than `count`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
}

/// A class's headcount at the assembly point (应到 / 实到).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Headcount {
    pub class: ClassId,
    /// Expected today; absent means the script's headcount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<u32>,
    pub present: u32,
    #[serde(default)]
    pub missing: People,
    /// Injured people, present or not.
    #[serde(default)]
    pub injured: People,
}

/// What a correction does to the entry it supersedes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
///
/// Tagged by `"action"`, not `"kind"`: the start record has a `kind` field
/// of its own, and an internal tag must not collide with the content's fields.
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Amendment {
    /// The entry should not have been made (a problem, a headcount, a "class
    /// passed" given for the wrong class).
    Withdraw,
    /// The headcount's numbers were wrong. The class must be the same.
    Headcount(Headcount),
    /// The problem's category, place or text was wrong.
    Problem(ProblemReport),
    /// The start record (kind, alarm, weather...) was wrong.
    StartRecord(StartRecord),
}

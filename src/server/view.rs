//! What the phones see: a snapshot of the session, made after every change.
//!
//! A pure function of the session and the drill time, so that the dashboard
//! and the phones can never disagree about the state: both are views of the
//! same `Session`. The snapshot carries planned times, not countdowns; the
//! page counts down from `now_ms` plus the time since it received the
//! snapshot, so one snapshot per change is enough (no snapshot per second).

use std::sync::OnceLock;

use evacdrill_core::script::Gate;
use evacdrill_core::session::{ClassState, DrillTime, HoldReason, MarshalState, Phase, Session};
use evacdrill_core::units::PersonsPerSecond;
use serde::Serialize;

/// The whole drill as a phone sees it.
#[derive(Debug, Default, Serialize)]
pub struct Snapshot {
    pub drill: String,
    pub assembly_point: Option<String>,
    /// `None` before the first snapshot of a session (the server's start).
    pub phase: Option<Phase>,
    /// Drill time when the snapshot was made, milliseconds since the signal.
    pub now_ms: u64,
    /// The seq of the last event: phones show it to say how fresh they are.
    pub last_seq: u64,
    pub stairwells: Vec<StairwellView>,
    /// Every class, in script order.
    pub classes: Vec<ClassView>,
    /// The JSON of this snapshot, made once however many phones listen.
    #[serde(skip)]
    json: OnceLock<String>,
}

/// One stairwell post.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StairwellView {
    pub id: String,
    pub name: String,
    pub marshal_name: Option<String>,
    pub gate: Gate,
    pub marshal: MarshalView,
    pub hold: Option<HoldView>,
    pub blocked: bool,
    /// The marshal reported it clear, and nothing was released since.
    pub clear: bool,
    /// Classes still to be released into it, in planned order.
    pub next: Vec<ReleaseView>,
    /// Classes released into it that its marshal has not yet reported
    /// passed, in release order: the choices for "class passed", and what
    /// a `gate = "clear"` stairwell's next group waits for.
    pub on_stairs: Vec<String>,
    /// Classes reported passed (their last pupil on the stair at their
    /// floor) and not yet out, in release order.
    pub passed: Vec<String>,
    /// Classes out through it.
    pub out: Vec<String>,
}

/// The marshal of a stairwell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarshalView {
    Absent,
    AtPost,
    Waived,
}

/// Why a stairwell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldView {
    Coordinator,
    Congestion,
}

/// A release still to come.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReleaseView {
    pub class: String,
    pub planned_ms: u64,
    pub pace_pps: Option<f64>,
}

/// One class, for the marshals and the assembly point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassView {
    pub id: String,
    pub name: String,
    pub grade: u8,
    pub floor: i32,
    pub teacher: Option<String>,
    /// The stairwell it goes (or went) down.
    pub stairwell: String,
    /// The script's headcount: expected at the assembly point.
    pub expected: u32,
    pub state: ClassStateView,
    pub released_ms: Option<u64>,
    pub headcount: Option<HeadcountView>,
}

/// Where a class is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassStateView {
    Waiting,
    Released,
    /// Its last pupil is on the stair at its floor; not out yet.
    Passed,
    Out,
    Accounted,
}

/// A headcount in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadcountView {
    pub expected: u32,
    pub present: u32,
    pub missing: u32,
    pub injured: u32,
}

impl Snapshot {
    /// This snapshot as JSON, serialised on first use and kept.
    pub fn json(&self) -> &str {
        self.json.get_or_init(|| {
            // A tree of strings and numbers cannot fail to serialise.
            serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned())
        })
    }

    /// The class with this id.
    #[must_use]
    pub fn class(&self, id: &str) -> Option<&ClassView> {
        self.classes.iter().find(|c| c.id == id)
    }
}

/// The classes of `stairwell` that `released` picks (with their release),
/// in release order.
fn in_release_order(
    session: &Session,
    stairwell: &evacdrill_core::script::StairwellId,
    released: impl Fn(&ClassState) -> Option<DrillTime>,
) -> Vec<String> {
    let mut picked: Vec<(DrillTime, String)> = session
        .classes()
        .iter()
        .filter(|c| &c.stairwell == stairwell)
        .filter_map(|c| released(&c.state).map(|at| (at, c.id.0.clone())))
        .collect();
    picked.sort();
    picked.into_iter().map(|(_, id)| id).collect()
}

/// The snapshot of `session` at drill time `now`.
#[must_use]
pub fn snapshot(session: &Session, now: DrillTime) -> Snapshot {
    let script = session.script();
    let schedule = session.schedule();
    let classes: Vec<ClassView> = session
        .classes()
        .iter()
        .filter_map(|c| {
            let def = script.class(&c.id)?;
            let state = match &c.state {
                ClassState::Waiting => ClassStateView::Waiting,
                ClassState::Released { .. } => ClassStateView::Released,
                ClassState::Passed { .. } => ClassStateView::Passed,
                ClassState::Out { .. } => ClassStateView::Out,
                ClassState::Accounted { .. } => ClassStateView::Accounted,
            };
            let released_ms = c.state.released().map(DrillTime::ms);
            Some(ClassView {
                id: c.id.0.clone(),
                name: def.name.clone(),
                grade: def.grade,
                floor: def.floor,
                teacher: def.teacher.clone(),
                stairwell: c.stairwell.0.clone(),
                expected: def.headcount,
                state,
                released_ms,
                headcount: c.headcount.as_ref().map(|(_, h)| HeadcountView {
                    expected: h.expected.unwrap_or(def.headcount),
                    present: h.present,
                    missing: h.missing.count,
                    injured: h.injured.count,
                }),
            })
        })
        .collect();
    let stairwells = session
        .stairwells()
        .iter()
        .filter_map(|s| {
            let def = script.stairwell(&s.id)?;
            let mut next: Vec<ReleaseView> = session
                .classes()
                .iter()
                .filter(|c| c.state == ClassState::Waiting && c.stairwell == s.id)
                .filter_map(|c| schedule.release(&c.id))
                .map(|r| ReleaseView {
                    class: r.class.0.clone(),
                    planned_ms: r.at.ms(),
                    pace_pps: r.pace.map(PersonsPerSecond::get),
                })
                .collect();
            next.sort_by_key(|r| r.planned_ms);
            let on_stairs = in_release_order(session, &s.id, |state| match state {
                ClassState::Released { at } => Some(*at),
                _ => None,
            });
            let passed = in_release_order(session, &s.id, |state| match state {
                ClassState::Passed { released, .. } => Some(*released),
                _ => None,
            });
            let out = session
                .classes()
                .iter()
                .filter(|c| c.stairwell == s.id && c.state.is_out())
                .map(|c| c.id.0.clone())
                .collect();
            Some(StairwellView {
                id: s.id.0.clone(),
                name: def.name.clone(),
                marshal_name: def.marshal.clone(),
                gate: s.gate,
                marshal: match s.marshal {
                    MarshalState::Absent => MarshalView::Absent,
                    MarshalState::AtPost => MarshalView::AtPost,
                    MarshalState::Waived => MarshalView::Waived,
                },
                hold: s.hold.map(|(_, reason)| match reason {
                    HoldReason::Coordinator => HoldView::Coordinator,
                    HoldReason::Congestion => HoldView::Congestion,
                }),
                blocked: s.blocked,
                clear: s.cleared.is_some(),
                next,
                on_stairs,
                passed,
                out,
            })
        })
        .collect();
    Snapshot {
        drill: script.drill.name.clone(),
        assembly_point: script.drill.assembly_point.clone(),
        phase: Some(session.phase()),
        now_ms: now.max(session.last_time()).ms(),
        last_seq: session.next_seq() - 1,
        stairwells,
        classes,
        json: OnceLock::new(),
    }
}

#[cfg(test)]
mod tests {
    use evacdrill_core::script::{StairwellId, check_str};
    use evacdrill_core::session::{DrillTime, Input, Phase, Session, SessionKind, StartRecord};

    use super::{ClassStateView, HoldView, MarshalView, snapshot};
    use crate::store::resume::all_at_signal;

    const SCRIPT: &str = r#"
schema = 1
[drill]
name = "Snapshot drill"
assembly_point = "Field"
[building]
name = "B"
exit_floor = 1
storey_height_m = 3.6
[[stairwell]]
id = "A"
name = "East"
width_m = 1.5
exit_width_m = 1.8
exit_walk_m = 10
marshal = "Wang"
[[class]]
id = "1-1"
name = "One"
grade = 1
floor = 2
headcount = 30
stairwell = "A"
corridor_m = 5
[[class]]
id = "1-2"
name = "Two"
grade = 1
floor = 2
headcount = 32
stairwell = "A"
corridor_m = 5
"#;

    fn session() -> Session {
        let script = check_str(SCRIPT).script.expect("the test script checks");
        let mut schedule = all_at_signal(&script);
        schedule.releases[1].at = DrillTime(60_000);
        Session::new(script, schedule).expect("schedule fits")
    }

    fn start() -> Input {
        Input::Start {
            record: StartRecord {
                kind: SessionKind::Test,
                alarm: "bell".into(),
                conducted_by: "test".into(),
                staff_on_duty: vec![],
                weather: String::new(),
                conditions_simulated: String::new(),
            },
            override_reason: None,
        }
    }

    #[test]
    fn follows_the_session_through_a_drill() {
        let mut s = session();
        let snap = snapshot(&s, DrillTime::ZERO);
        assert_eq!(snap.phase, Some(Phase::Briefing));
        let a = &snap.stairwells[0];
        assert_eq!(a.marshal, MarshalView::Absent);
        assert_eq!(
            a.next.iter().map(|r| r.class.as_str()).collect::<Vec<_>>(),
            ["1-1", "1-2"]
        );
        assert_eq!(a.next[1].planned_ms, 60_000);

        s.apply(
            Input::MarshalAtPost {
                stairwell: StairwellId("A".into()),
                name: None,
            },
            DrillTime::ZERO,
        )
        .unwrap();
        s.apply(start(), DrillTime::ZERO).unwrap();
        s.apply(Input::Tick, DrillTime(100)).unwrap();
        s.apply(
            Input::Congestion {
                stairwell: StairwellId("A".into()),
                note: "landing".into(),
            },
            DrillTime(200),
        )
        .unwrap();
        let snap = snapshot(&s, DrillTime(5_000));
        let a = &snap.stairwells[0];
        assert_eq!(snap.phase, Some(Phase::Running));
        assert_eq!(snap.now_ms, 5_000);
        assert_eq!(a.marshal, MarshalView::AtPost);
        assert_eq!(a.hold, Some(HoldView::Congestion));
        assert_eq!(a.on_stairs, ["1-1"]);
        assert_eq!(a.next.len(), 1);
        assert_eq!(snap.class("1-1").unwrap().state, ClassStateView::Released);
        assert_eq!(snap.class("1-1").unwrap().released_ms, Some(100));
        assert!(snap.json().contains("\"congestion\""));
    }
}

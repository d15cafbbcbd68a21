//! A small drill for the session's tests: two stairwells (A by time, B by
//! "clear"), four classes, two checklist items.

use crate::script::{ClassId, Script, StairwellId, check_str};

use super::Session;
use super::input::{Headcount, Input, People, SessionKind, StartRecord};
use super::schedule::Schedule;
use crate::release::Release;
use crate::time::DrillTime;

pub const SCRIPT: &str = include_str!("../../../../tests/fixtures/two-stairs.toml");

pub fn script() -> Script {
    let checked = check_str(SCRIPT);
    checked
        .script
        .unwrap_or_else(|| panic!("fixture script is invalid: {:?}", checked.diagnostics))
}

pub fn cid(s: &str) -> ClassId {
    ClassId(s.to_owned())
}

pub fn sid(s: &str) -> StairwellId {
    StairwellId(s.to_owned())
}

pub const fn t(ms: u64) -> DrillTime {
    DrillTime(ms)
}

/// c1 on A at 0 s, c2 on A at 10 s, c3 on B at 0 s, c4 on B at 5 s.
pub fn schedule() -> Schedule {
    let r = |class: &str, stairwell: &str, at_ms| Release {
        class: cid(class),
        stairwell: sid(stairwell),
        at: DrillTime(at_ms),
        pace: None,
    };
    Schedule {
        releases: vec![
            r("c1", "A", 0),
            r("c2", "A", 10_000),
            r("c3", "B", 0),
            r("c4", "B", 5_000),
        ],
    }
}

pub fn record() -> StartRecord {
    StartRecord {
        kind: SessionKind::Drill,
        alarm: "bell".to_owned(),
        conducted_by: "Principal Chen".to_owned(),
        staff_on_duty: vec!["Wang".to_owned(), "Li".to_owned()],
        weather: "sunny".to_owned(),
        conditions_simulated: "fire on floor 3".to_owned(),
    }
}

pub fn start() -> Input {
    Input::Start {
        record: record(),
        override_reason: None,
    }
}

pub fn headcount(class: &str, present: u32) -> Input {
    Input::Headcount(Headcount {
        class: cid(class),
        expected: None,
        present,
        missing: People::default(),
        injured: People::default(),
    })
}

/// Applies inputs that must all be accepted.
pub fn drive(session: &mut Session, steps: &[(u64, Input)]) {
    for (ms, input) in steps {
        if let Err(e) = session.apply(input.clone(), t(*ms)) {
            panic!("{input:?} at {ms} ms was refused: {e}");
        }
    }
}

pub fn briefing() -> Session {
    match Session::new(script(), schedule()) {
        Ok(s) => s,
        Err(e) => panic!("fixture schedule is invalid: {e}"),
    }
}

/// Marshals at post, the signal given at 0, nothing released yet.
pub fn running() -> Session {
    let mut s = briefing();
    drive(
        &mut s,
        &[
            (
                0,
                Input::MarshalAtPost {
                    stairwell: sid("A"),
                    name: None,
                },
            ),
            (
                0,
                Input::MarshalAtPost {
                    stairwell: sid("B"),
                    name: None,
                },
            ),
            (0, start()),
        ],
    );
    s
}

/// Running, with c1 and c3 released at 0.
pub fn released() -> Session {
    let mut s = running();
    drive(&mut s, &[(0, Input::Tick)]);
    s
}

/// Every class reported passed (its last pupil on the stairs), none out
/// yet: the drill is still running.
pub fn all_passed() -> Session {
    let mut s = released();
    drive(
        &mut s,
        &[
            (1_000, Input::ClassPassed { class: cid("c3") }),
            (5_000, Input::Tick),
            (6_000, Input::ClassPassed { class: cid("c1") }),
            (7_000, Input::ClassPassed { class: cid("c4") }),
            (10_000, Input::Tick),
            (20_000, Input::ClassPassed { class: cid("c2") }),
        ],
    );
    s
}

/// Every class out (A reported clear at 21 s, B at 22 s), nobody counted.
pub fn accounting() -> Session {
    let mut s = all_passed();
    drive(
        &mut s,
        &[
            (
                21_000,
                Input::StairwellClear {
                    stairwell: sid("A"),
                },
            ),
            (
                22_000,
                Input::StairwellClear {
                    stairwell: sid("B"),
                },
            ),
        ],
    );
    s
}

pub fn ended() -> Session {
    let mut s = running();
    drive(
        &mut s,
        &[(
            1_000,
            Input::EndEarly {
                reason: "rain".to_owned(),
            },
        )],
    );
    s
}

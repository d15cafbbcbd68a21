//! The live side of the release rule (docs/flow-model.md, *The release
//! rule*): "passed" is the stair head, not the exit; a clear gate waits for
//! every class of the group before; classes are out by "stairwell clear" or
//! by headcount; journals from before the rule still replay.

use super::fixture::{all_passed, cid, drive, headcount, record, released, sid, t};
use super::tests::kinds;
use super::*;

/// The fixture with c3 and c4 released together on B at 0 s (one group)
/// and c2 moved to B at 10 s (the next group), marshals at post, started.
fn group_then_one() -> Session {
    let mut schedule = super::fixture::schedule();
    for r in &mut schedule.releases {
        match r.class.0.as_str() {
            "c4" => r.at = DrillTime::ZERO,
            "c2" => r.stairwell = sid("B"),
            _ => {}
        }
    }
    let mut s = Session::new(super::fixture::script(), schedule).unwrap();
    for st in ["A", "B"] {
        let at_post = Input::MarshalAtPost {
            stairwell: sid(st),
            name: None,
        };
        drive(&mut s, &[(0, at_post)]);
    }
    let start = Input::Start {
        record: record(),
        override_reason: None,
    };
    drive(&mut s, &[(0, start)]);
    s
}

fn released_classes(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::ClassReleased { class, .. } => Some(class.0.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn gate_waits_for_every_class_of_a_group() {
    let mut s = group_then_one();
    let events = s.apply(Input::Tick, t(0)).unwrap_or_default();
    assert_eq!(released_classes(&events), ["c1", "c3", "c4"]);
    // One of the group has passed: the next group (c2, due at 10 s) waits.
    drive(&mut s, &[(4_000, Input::ClassPassed { class: cid("c3") })]);
    assert!(s.apply(Input::Tick, t(12_000)).is_ok_and(|e| e.is_empty()));
    // The whole group has passed: c2 goes, and the wait is the clear gate's.
    drive(&mut s, &[(15_000, Input::ClassPassed { class: cid("c4") })]);
    let events = s.apply(Input::Tick, t(15_000)).unwrap_or_default();
    assert_eq!(released_classes(&events), ["c2"]);
    let Some(Event::ClassReleased { waits, .. }) = events.first() else {
        panic!("{events:?}");
    };
    assert_eq!(waits.clear_ms, 5_000);
}

#[test]
fn passed_does_not_end_the_evacuation() {
    let s = all_passed();
    assert_eq!(s.phase(), Phase::Running);
    assert_eq!(s.all_out(), None);
    assert!(s.classes().iter().all(|c| !c.state.is_out()));
    assert!(
        s.classes()
            .iter()
            .all(|c| matches!(c.state, ClassState::Passed { .. }))
    );
    assert_eq!(s.record().evacuation_time_ms, None);
    // The stairs are not clear: the drill cannot end complete.
    assert!(matches!(
        s.clone().apply(Input::End, t(21_000)),
        Err(SessionError::NotComplete { .. })
    ));
}

#[test]
fn stairwell_clear_after_passed_makes_classes_out() {
    let mut s = all_passed();
    let clear = |id: &str| Input::StairwellClear { stairwell: sid(id) };
    let events = s.apply(clear("A"), t(21_000)).unwrap_or_default();
    assert_eq!(
        events,
        [Event::StairwellCleared {
            stairwell: sid("A"),
            classes_out: vec![cid("c1"), cid("c2")],
        }]
    );
    assert_eq!(
        s.class(&cid("c2")).map(|c| c.state.clone()),
        Some(ClassState::Out {
            released: t(10_000),
            passed: Some(t(20_000)),
            out: t(21_000),
            by: OutBy::StairwellClear,
        })
    );
    let events = s.apply(clear("B"), t(22_000)).unwrap_or_default();
    assert_eq!(kinds(&events), ["stairwell_cleared", "all_out"]);
    assert_eq!(s.record().evacuation_time_ms, Some(22_000));
}

#[test]
fn a_headcount_after_passed_makes_the_class_out() {
    let mut s = released();
    drive(
        &mut s,
        &[
            (1_000, Input::ClassPassed { class: cid("c1") }),
            (9_000, headcount("c1", 30)),
        ],
    );
    assert_eq!(
        s.class(&cid("c1")).map(|c| c.state.clone()),
        Some(ClassState::Accounted {
            released: t(0),
            passed: Some(t(1_000)),
            out: t(9_000),
            by: OutBy::Headcount,
            counted: t(9_000),
        })
    );
}

/// What the session wrote before the release rule, when "class passed"
/// meant out: an `all_out` right after the last "passed", then stairwells
/// cleared with no classes left to take out.
#[test]
fn a_journal_from_before_the_rule_replays_and_passed_now_means_passed() {
    let released = |class: &str, stairwell: &str, planned_ms| Event::ClassReleased {
        class: cid(class),
        stairwell: sid(stairwell),
        planned_ms,
        manual: false,
        waits: GateWaits::default(),
    };
    let passed = |class: &str| Event::ClassPassed { class: cid(class) };
    let cleared = |stairwell: &str| Event::StairwellCleared {
        stairwell: sid(stairwell),
        classes_out: Vec::new(),
    };
    let count = |class: &str, present| {
        Event::HeadcountTaken(Headcount {
            class: cid(class),
            expected: Some(present),
            present,
            missing: People::default(),
            injured: People::default(),
        })
    };
    let events = [
        (
            0,
            Event::MarshalAtPost {
                stairwell: sid("A"),
                name: None,
            },
        ),
        (
            0,
            Event::MarshalAtPost {
                stairwell: sid("B"),
                name: None,
            },
        ),
        (
            0,
            Event::Started {
                record: record(),
                unmanned: Vec::new(),
                override_reason: None,
            },
        ),
        (0, released("c1", "A", 0)),
        (0, released("c3", "B", 0)),
        (1_000, passed("c3")),
        (5_000, released("c4", "B", 5_000)),
        (6_000, passed("c1")),
        (7_000, passed("c4")),
        (10_000, released("c2", "A", 10_000)),
        (20_000, passed("c2")),
        (20_000, Event::AllOut),
        (21_000, cleared("A")),
        (22_000, cleared("B")),
        (23_000, count("c1", 30)),
        (24_000, count("c2", 32)),
        (25_000, count("c3", 34)),
        (26_000, count("c4", 36)),
        (
            27_000,
            Event::Ended {
                complete: true,
                reason: None,
            },
        ),
    ];
    let s = Session::replay(
        super::fixture::script(),
        super::fixture::schedule(),
        events.iter().map(|(ms, e)| (t(*ms), e)),
    )
    .unwrap_or_else(|e| panic!("an older journal must replay: {e}"));
    // The evacuation time it recorded stands; the classes were taken out by
    // their stairwells' "clear", and they had passed before.
    assert_eq!(s.record().evacuation_time_ms, Some(20_000));
    let sum = s.summary();
    let c2 = &sum.classes[1];
    assert_eq!((c2.passed_ms, c2.out_ms), (Some(20_000), Some(21_000)));
    assert_eq!(c2.out_by, Some(OutBy::StairwellClear));
    assert_eq!(s.phase(), Phase::Ended);
}

//! Whole scenarios: the gates and their waits, congestion, a blocked
//! stairwell, an override, a complete drill and its record, corrections.

use super::fixture::{
    accounting, all_passed, briefing, cid, drive, headcount, record, released, sid, t,
};
use super::tests::{kinds, problem};
use super::*;

#[test]
fn the_clock_cannot_go_back() {
    let mut s = released();
    drive(&mut s, &[(5_000, problem(Place::Unspecified))]);
    let before = s.clone();
    assert!(matches!(
        s.apply(Input::Tick, t(4_999)),
        Err(SessionError::TimeWentBack { .. })
    ));
    assert_eq!(s, before);
}

fn release_of(events: &[Event], class: &str) -> Option<(u64, bool, GateWaits)> {
    events.iter().find_map(|e| match e {
        Event::ClassReleased {
            class: c,
            planned_ms,
            manual,
            waits,
            ..
        } if c.0 == class => Some((*planned_ms, *manual, *waits)),
        _ => None,
    })
}

#[test]
fn a_clear_gate_waits_for_the_previous_class_and_records_the_wait() {
    let mut s = released();
    // c4 is due at 5 s on B, but c3 (released at 0) has not passed yet.
    assert!(s.apply(Input::Tick, t(5_000)).is_ok_and(|e| e.is_empty()));
    drive(&mut s, &[(8_000, Input::ClassPassed { class: cid("c3") })]);
    let events = s.apply(Input::Tick, t(8_000)).unwrap_or_default();
    let (planned, manual, waits) = release_of(&events, "c4").unwrap_or_default();
    assert_eq!((planned, manual), (5_000, false));
    assert_eq!(
        waits,
        GateWaits {
            marshal_ms: 0,
            hold_ms: 0,
            clear_ms: 3_000
        }
    );
}

#[test]
fn a_clear_gate_releases_a_planned_group_together_and_waits_for_all_of_it() {
    // The planner may release several classes into a clear-gate stairwell
    // at the same moment: a group. Here c3 and c4 both go at 0 on B.
    let mut schedule = super::fixture::schedule();
    for r in &mut schedule.releases {
        if r.class == cid("c4") {
            r.at = DrillTime::ZERO;
        }
    }
    let mut s = Session::new(super::fixture::script(), schedule).unwrap();
    for st in ["A", "B"] {
        drive(
            &mut s,
            &[(
                0,
                Input::MarshalAtPost {
                    stairwell: sid(st),
                    name: None,
                },
            )],
        );
    }
    drive(
        &mut s,
        &[(
            0,
            Input::Start {
                record: record(),
                override_reason: None,
            },
        )],
    );
    let events = s.apply(Input::Tick, t(0)).unwrap_or_default();
    assert!(
        release_of(&events, "c3").is_some() && release_of(&events, "c4").is_some(),
        "{events:?}"
    );
    // The gate stays closed until both have passed.
    drive(&mut s, &[(4_000, Input::ClassPassed { class: cid("c3") })]);
    assert!(
        s.stairwell(&sid("B"))
            .is_some_and(|b| b.is_closed(GateKind::Clear))
    );
    drive(&mut s, &[(6_000, Input::ClassPassed { class: cid("c4") })]);
    assert!(
        s.stairwell(&sid("B"))
            .is_some_and(|b| !b.is_closed(GateKind::Clear))
    );
}

#[test]
fn an_absent_marshal_and_a_hold_each_record_their_share() {
    let mut s = released();
    drive(
        &mut s,
        &[
            (
                8_000,
                Input::MarshalLeftPost {
                    stairwell: sid("A"),
                },
            ),
            (9_000, Input::Hold { scope: Scope::All }),
            (
                11_000,
                Input::MarshalAtPost {
                    stairwell: sid("A"),
                    name: None,
                },
            ),
            (10_000 + 3_000, Input::Tick),
        ],
    );
    assert!(
        s.class(&cid("c2"))
            .is_some_and(|c| c.state == ClassState::Waiting)
    );
    drive(
        &mut s,
        &[(
            14_000,
            Input::Resume {
                scope: Scope::Stairwell(sid("A")),
            },
        )],
    );
    let events = s.apply(Input::Tick, t(14_500)).unwrap_or_default();
    let (_, _, waits) = release_of(&events, "c2").unwrap_or_default();
    // Planned at 10 s: marshal away 10–11 s, held 10–14 s.
    assert_eq!(waits.marshal_ms, 1_000);
    assert_eq!(waits.hold_ms, 4_000);
    assert_eq!(waits.clear_ms, 0);
    // B stays held: hold-all then resume-one lets A alone go on.
    assert!(s.stairwell(&sid("B")).is_some_and(|b| b.hold.is_some()));
}

#[test]
fn congestion_holds_the_stairwell_until_resumed() {
    let mut s = released();
    drive(
        &mut s,
        &[(
            2_000,
            Input::Congestion {
                stairwell: sid("A"),
                note: "landing full".into(),
            },
        )],
    );
    assert!(s.apply(Input::Tick, t(12_000)).is_ok_and(|e| e.is_empty()));
    drive(&mut s, &[(15_000, Input::Resume { scope: Scope::All })]);
    let events = s.apply(Input::Tick, t(15_000)).unwrap_or_default();
    assert_eq!(release_of(&events, "c2").map(|r| r.2.hold_ms), Some(5_000));
    assert_eq!(s.problems().len(), 1);
    assert_eq!(s.problems()[0].report.category, ProblemCategory::Congestion);
}

#[test]
fn a_blocked_stairwell_moves_unreleased_classes_to_their_alternate() {
    let mut s = released();
    let events = s
        .apply_with(
            Input::Blocked {
                stairwell: sid("A"),
                note: "smoke on landing 2".into(),
            },
            t(3_000),
            &AlternateReplanner,
        )
        .unwrap_or_default();
    assert_eq!(kinds(&events), ["stairwell_blocked"]);
    // c1 already went down A; c2 (not yet released) now uses B.
    assert_eq!(
        s.class(&cid("c1")).map(|c| c.stairwell.clone()),
        Some(sid("A"))
    );
    assert_eq!(
        s.class(&cid("c2")).map(|c| c.stairwell.clone()),
        Some(sid("B"))
    );
    assert!(matches!(
        s.apply_with(
            Input::Blocked {
                stairwell: sid("A"),
                note: String::new()
            },
            t(3_000),
            &AlternateReplanner
        ),
        Err(SessionError::StairwellBlocked(_))
    ));
    // Blocking B as well leaves c4 with no open alternate: refused, nothing changes.
    let before = s.clone();
    assert!(matches!(
        s.apply_with(
            Input::Blocked {
                stairwell: sid("B"),
                note: String::new()
            },
            t(3_000),
            &AlternateReplanner
        ),
        Err(SessionError::Replan(_))
    ));
    assert_eq!(s, before);
}

#[test]
fn starting_unmanned_with_an_override_waives_the_marshal_gate() {
    let mut s = briefing();
    drive(
        &mut s,
        &[
            (
                0,
                Input::MarshalAtPost {
                    stairwell: sid("B"),
                    name: None,
                },
            ),
            (
                0,
                Input::Start {
                    record: record(),
                    override_reason: Some("Wang is on the way".into()),
                },
            ),
        ],
    );
    assert_eq!(
        s.start().map(|st| st.unmanned.clone()),
        Some(vec![sid("A")])
    );
    let events = s.apply(Input::Tick, t(100)).unwrap_or_default();
    assert!(release_of(&events, "c1").is_some());
}

#[test]
fn the_drill_runs_to_a_complete_end_with_its_record() {
    let mut s = accounting();
    assert_eq!(s.phase(), Phase::Accounting);
    // Out when the last stairwell was reported clear, not when the last
    // class passed the stair head (20 s).
    assert_eq!(s.all_out(), Some(t(22_000)));
    drive(
        &mut s,
        &[
            (23_000, headcount("c1", 30)),
            (24_000, headcount("c2", 32)),
            (25_000, headcount("c3", 33)),
            (26_000, headcount("c4", 36)),
            (27_000, Input::End),
        ],
    );
    let r = s.record();
    assert_eq!(r.evacuation_time_ms, Some(22_000));
    assert_eq!(r.accounting_time_ms, Some(26_000));
    assert_eq!(r.people_evacuated, 131);
    assert_eq!(r.people_expected, 132);
    assert_eq!(r.complete, Some(true));
    assert_eq!(r.target_ms, Some(120_000));
    let sum = s.summary();
    assert_eq!(sum.phase, Phase::Ended);
    let c4 = &sum.classes[3];
    assert_eq!((c4.planned_ms, c4.released_ms), (5_000, Some(5_000)));
    assert_eq!(c4.waits.clear_ms, 0);
    assert_eq!((c4.passed_ms, c4.out_ms), (Some(7_000), Some(22_000)));
    assert_eq!(c4.out_by, Some(OutBy::StairwellClear));
}

#[test]
fn corrections_supersede_without_deleting() {
    let mut s = released();
    drive(
        &mut s,
        &[
            (1_000, headcount("c1", 3)),
            (2_000, problem(Place::Floor(2))),
        ],
    );
    let headcount_seq = s.next_seq() - 2;
    let problem_seq = s.next_seq() - 1;
    drive(
        &mut s,
        &[
            (
                3_000,
                Input::Correct {
                    seq: headcount_seq,
                    reason: "typed 3 for 30".into(),
                    amendment: Amendment::Headcount(Headcount {
                        class: cid("c1"),
                        expected: None,
                        present: 30,
                        missing: People::default(),
                        injured: People::default(),
                    }),
                },
            ),
            (
                4_000,
                Input::Correct {
                    seq: problem_seq,
                    reason: "wrong building".into(),
                    amendment: Amendment::Withdraw,
                },
            ),
        ],
    );
    assert_eq!(
        s.class(&cid("c1"))
            .and_then(|c| c.headcount.as_ref())
            .map(|(_, h)| (h.present, h.expected)),
        Some((30, Some(30)))
    );
    assert!(s.problems()[0].withdrawn);
    assert!(s.record().problems_found.is_empty());
    // The withdrawn problem cannot be withdrawn again.
    assert!(matches!(
        s.apply(
            Input::Correct {
                seq: problem_seq,
                reason: "x".into(),
                amendment: Amendment::Withdraw
            },
            t(5_000)
        ),
        Err(SessionError::AlreadyWithdrawn(_))
    ));
    // A headcount replaced with another class's is refused.
    assert!(matches!(
        s.apply(
            Input::Correct {
                seq: headcount_seq,
                reason: "x".into(),
                amendment: Amendment::Headcount(Headcount {
                    class: cid("c2"),
                    expected: None,
                    present: 1,
                    missing: People::default(),
                    injured: People::default()
                })
            },
            t(5_000)
        ),
        Err(SessionError::NotCorrectable { .. })
    ));
}

#[test]
fn withdrawing_the_last_headcount_puts_the_drill_back_to_running_and_the_class_on_the_stairs() {
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
            (22_000, headcount("c3", 34)),
        ],
    );
    let events = s.apply(headcount("c4", 36), t(23_000)).unwrap_or_default();
    assert_eq!(kinds(&events), ["headcount_taken", "all_out"]);
    let counted_c4 = s.next_seq() - 2;
    drive(
        &mut s,
        &[(
            24_000,
            Input::Correct {
                seq: counted_c4,
                reason: "that was c3's list".into(),
                amendment: Amendment::Withdraw,
            },
        )],
    );
    assert_eq!(s.phase(), Phase::Running);
    assert_eq!(s.all_out(), None);
    // It had passed: it is back on the stairs, not in its corridor.
    assert_eq!(
        s.class(&cid("c4")).map(|c| c.state.clone()),
        Some(ClassState::Passed {
            released: t(5_000),
            at: t(7_000)
        })
    );
    let events = s
        .apply(
            Input::StairwellClear {
                stairwell: sid("B"),
            },
            t(30_000),
        )
        .unwrap_or_default();
    assert_eq!(kinds(&events), ["stairwell_cleared", "all_out"]);
    assert_eq!(s.all_out(), Some(t(30_000)));
}

#[test]
fn withdrawing_a_passed_closes_the_clear_gate_again() {
    let mut s = released();
    drive(&mut s, &[(1_000, Input::ClassPassed { class: cid("c3") })]);
    let passed_c3 = s.next_seq() - 1;
    drive(
        &mut s,
        &[(
            2_000,
            Input::Correct {
                seq: passed_c3,
                reason: "it was c1".into(),
                amendment: Amendment::Withdraw,
            },
        )],
    );
    assert!(
        s.stairwell(&sid("B"))
            .is_some_and(|b| b.is_closed(GateKind::Clear))
    );
    assert!(s.apply(Input::Tick, t(5_000)).is_ok_and(|e| e.is_empty()));
    drive(&mut s, &[(6_000, Input::ClassPassed { class: cid("c3") })]);
    let events = s.apply(Input::Tick, t(6_000)).unwrap_or_default();
    assert!(release_of(&events, "c4").is_some(), "{events:?}");
}

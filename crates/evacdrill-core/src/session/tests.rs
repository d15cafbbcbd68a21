//! Each input in each phase, accepted and refused; the gates' waits; the
//! corrections; the event format.

use rstest::rstest;

use super::fixture::{
    accounting, all_passed, briefing, cid, ended, headcount, record, released, running, schedule,
    script, sid, start, t,
};
use super::*;

/// What a case expects: the event types produced, or the error variant.
#[derive(Debug)]
enum Expect {
    Events(&'static [&'static str]),
    Refused(&'static str),
}
use Expect::{Events, Refused};

pub(super) fn kinds(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            serde_json::to_value(e).map_or_else(
                |err| format!("unserialisable: {err}"),
                |v| v["type"].as_str().unwrap_or("untagged").to_owned(),
            )
        })
        .collect()
}

fn variant(e: &SessionError) -> String {
    let debug = format!("{e:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_owned()
}

pub(super) fn problem(place: Place) -> Input {
    Input::Problem(ProblemReport {
        category: ProblemCategory::Lighting,
        place,
        text: "light out on landing".to_owned(),
    })
}

fn names(count: u32, names: &[&str]) -> People {
    People {
        count,
        names: names.iter().map(|n| (*n).to_owned()).collect(),
    }
}

fn early(reason: &str) -> Input {
    Input::EndEarly {
        reason: reason.to_owned(),
    }
}

#[rstest]
// Briefing.
#[case::confirm(briefing(), Input::ConfirmChecklist { item: 0 }, Events(&["checklist_confirmed"]))]
#[case::confirm_unknown(briefing(), Input::ConfirmChecklist { item: 2 }, Refused("UnknownChecklistItem"))]
#[case::fail_item(briefing(), Input::FailChecklist { item: 1, note: "door B2 locked".into() }, Events(&["checklist_failed"]))]
#[case::fail_without_note(briefing(), Input::FailChecklist { item: 1, note: " ".into() }, Refused("Empty"))]
#[case::at_post(briefing(), Input::MarshalAtPost { stairwell: sid("A"), name: Some("Wang".into()) }, Events(&["marshal_at_post"]))]
#[case::at_post_unknown(briefing(), Input::MarshalAtPost { stairwell: sid("Z"), name: None }, Refused("UnknownStairwell"))]
#[case::left_not_there(briefing(), Input::MarshalLeftPost { stairwell: sid("A") }, Refused("NotAtPost"))]
#[case::start_unmanned(briefing(), start(), Refused("Unmanned"))]
#[case::start_override(briefing(), Input::Start { record: record(), override_reason: Some("marshals on their way".into()) }, Events(&["started"]))]
#[case::start_no_conductor(briefing(), Input::Start { record: StartRecord { conducted_by: String::new(), ..record() }, override_reason: Some("x".into()) }, Refused("Empty"))]
#[case::tick_briefing(briefing(), Input::Tick, Events(&[]))]
#[case::release_briefing(briefing(), Input::Release { class: cid("c1") }, Refused("WrongPhase"))]
#[case::hold_briefing(briefing(), Input::Hold { scope: Scope::All }, Refused("WrongPhase"))]
#[case::passed_briefing(briefing(), Input::ClassPassed { class: cid("c1") }, Refused("WrongPhase"))]
#[case::clear_briefing(briefing(), Input::StairwellClear { stairwell: sid("A") }, Refused("WrongPhase"))]
#[case::headcount_briefing(briefing(), headcount("c1", 30), Refused("WrongPhase"))]
#[case::problem_briefing(briefing(), problem(Place::Floor(3)), Events(&["problem_logged"]))]
#[case::problem_unknown_place(
    briefing(),
    problem(Place::Stairwell(sid("Z"))),
    Refused("UnknownStairwell")
)]
#[case::end_briefing(briefing(), Input::End, Refused("WrongPhase"))]
#[case::end_early_briefing(briefing(), early("rain"), Events(&["ended"]))]
#[case::end_early_no_reason(briefing(), early(""), Refused("Empty"))]
#[case::crash_briefing(briefing(), Input::ResumeAfterCrash { gap_ms: 4_000 }, Events(&["resumed_after_crash"]))]
#[case::correct_nothing(briefing(), Input::Correct { seq: 1, reason: "typo".into(), amendment: Amendment::Withdraw }, Refused("UnknownSeq"))]
// Running, nothing released.
#[case::tick_releases_due(running(), Input::Tick, Events(&["class_released", "class_released"]))]
#[case::release_early(running(), Input::Release { class: cid("c2") }, Events(&["class_released"]))]
#[case::release_unknown(running(), Input::Release { class: cid("c9") }, Refused("UnknownClass"))]
#[case::hold_all(running(), Input::Hold { scope: Scope::All }, Events(&["held"]))]
#[case::hold_one(running(), Input::Hold { scope: Scope::Stairwell(sid("A")) }, Events(&["held"]))]
#[case::resume_not_held(running(), Input::Resume { scope: Scope::Stairwell(sid("A")) }, Refused("NotHeld"))]
#[case::resume_none_held(running(), Input::Resume { scope: Scope::All }, Refused("NoneHeld"))]
#[case::passed_not_released(running(), Input::ClassPassed { class: cid("c1") }, Refused("NotReleased"))]
#[case::clear_before_release(running(), Input::StairwellClear { stairwell: sid("A") }, Refused("NothingReleased"))]
#[case::congestion(running(), Input::Congestion { stairwell: sid("A"), note: "landing 2 full".into() }, Events(&["congestion_reported"]))]
#[case::blocked_without_planner(running(), Input::Blocked { stairwell: sid("A"), note: "smoke".into() }, Refused("Replan"))]
#[case::headcount_not_released(running(), headcount("c1", 30), Refused("NotReleased"))]
#[case::end_incomplete(running(), Input::End, Refused("NotComplete"))]
#[case::start_twice(running(), start(), Refused("WrongPhase"))]
#[case::checklist_running(running(), Input::ConfirmChecklist { item: 0 }, Refused("WrongPhase"))]
#[case::left_post(running(), Input::MarshalLeftPost { stairwell: sid("B") }, Events(&["marshal_left_post"]))]
#[case::already_at_post(running(), Input::MarshalAtPost { stairwell: sid("B"), name: None }, Refused("AlreadyAtPost"))]
#[case::problem_running(running(), problem(Place::Class(cid("c2"))), Events(&["problem_logged"]))]
#[case::problem_unknown_class(running(), problem(Place::Class(cid("c9"))), Refused("UnknownClass"))]
#[case::end_early_running(running(), early("fire alarm fault"), Events(&["ended"]))]
#[case::correct_start(running(), Input::Correct { seq: 3, reason: "wrong alarm".into(), amendment: Amendment::StartRecord(StartRecord { alarm: "PA".into(), ..record() }) }, Events(&["corrected"]))]
#[case::withdraw_start(running(), Input::Correct { seq: 3, reason: "no".into(), amendment: Amendment::Withdraw }, Refused("NotCorrectable"))]
#[case::correct_without_reason(running(), Input::Correct { seq: 3, reason: String::new(), amendment: Amendment::Withdraw }, Refused("Empty"))]
// Running, c1 and c3 released.
#[case::release_twice(released(), Input::Release { class: cid("c1") }, Refused("AlreadyReleased"))]
#[case::passed(released(), Input::ClassPassed { class: cid("c1") }, Events(&["class_passed"]))]
#[case::clear(released(), Input::StairwellClear { stairwell: sid("A") }, Events(&["stairwell_cleared"]))]
#[case::headcount(released(), headcount("c1", 30), Events(&["headcount_taken"]))]
#[case::headcount_unknown(released(), headcount("c9", 30), Refused("UnknownClass"))]
#[case::headcount_huge(released(), Input::Headcount(Headcount { class: cid("c1"), expected: None, present: u32::MAX, missing: People::default(), injured: People::default() }), Refused("CountTooLarge"))]
#[case::headcount_huge_missing(released(), Input::Headcount(Headcount { class: cid("c1"), expected: None, present: 29, missing: People { count: 201, names: vec![] }, injured: People::default() }), Refused("CountTooLarge"))]
#[case::headcount_names(released(), Input::Headcount(Headcount { class: cid("c1"), expected: None, present: 29, missing: names(1, &["Li Lei", "Han Meimei"]), injured: People::default() }), Refused("MoreNamesThanCount"))]
#[case::passed_waiting(released(), Input::ClassPassed { class: cid("c2") }, Refused("NotReleased"))]
#[case::tick_clear_gate_shut(released(), Input::Tick, Events(&[]))]
#[case::correct_release(released(), Input::Correct { seq: 4, reason: "x".into(), amendment: Amendment::Withdraw }, Refused("NotCorrectable"))]
// Running, every class passed: on the stairs, none out.
#[case::passed_twice(all_passed(), Input::ClassPassed { class: cid("c1") }, Refused("AlreadyPassed"))]
#[case::tick_all_passed(all_passed(), Input::Tick, Events(&[]))]
#[case::clear_after_passed(all_passed(), Input::StairwellClear { stairwell: sid("A") }, Events(&["stairwell_cleared"]))]
#[case::headcount_after_passed(all_passed(), headcount("c4", 36), Events(&["headcount_taken"]))]
#[case::end_all_passed(all_passed(), Input::End, Refused("NotComplete"))]
// Accounting: every class out.
#[case::passed_again(accounting(), Input::ClassPassed { class: cid("c1") }, Refused("AlreadyOut"))]
#[case::headcount_accounting(accounting(), headcount("c2", 31), Events(&["headcount_taken"]))]
#[case::release_accounting(accounting(), Input::Release { class: cid("c1") }, Refused("WrongPhase"))]
#[case::hold_accounting(accounting(), Input::Hold { scope: Scope::All }, Refused("WrongPhase"))]
#[case::congestion_accounting(accounting(), Input::Congestion { stairwell: sid("A"), note: String::new() }, Refused("WrongPhase"))]
#[case::clear_again(accounting(), Input::StairwellClear { stairwell: sid("B") }, Refused("AlreadyClear"))]
#[case::end_uncounted(accounting(), Input::End, Refused("NotComplete"))]
#[case::left_post_accounting(accounting(), Input::MarshalLeftPost { stairwell: sid("A") }, Events(&["marshal_left_post"]))]
// Ended.
#[case::tick_after_end(ended(), Input::Tick, Refused("Ended"))]
#[case::problem_after_end(ended(), problem(Place::Unspecified), Refused("Ended"))]
#[case::end_after_end(ended(), early("again"), Refused("Ended"))]
#[case::correct_after_end(ended(), Input::Correct { seq: 3, reason: "x".into(), amendment: Amendment::Withdraw }, Refused("Ended"))]
#[case::crash_after_end(ended(), Input::ResumeAfterCrash { gap_ms: 1 }, Refused("Ended"))]
fn each_input_in_each_phase(
    #[case] mut session: Session,
    #[case] input: Input,
    #[case] expect: Expect,
) {
    let before = session.clone();
    let now = session.last_time();
    match (session.apply(input, now), expect) {
        (Ok(events), Events(want)) => {
            assert_eq!(kinds(&events), want.to_vec());
            assert_eq!(session.next_seq(), before.next_seq() + events.len() as u64);
        }
        (Err(e), Refused(want)) => {
            assert_eq!(variant(&e), want, "{e}");
            for lang in [crate::i18n::Lang::En, crate::i18n::Lang::ZhCn] {
                assert!(!e.message().text(lang).is_empty());
            }
            assert_eq!(session, before, "a refused input changed the state");
        }
        (got, want) => panic!("expected {want:?}, got {got:?}"),
    }
}

#[test]
fn replaying_the_events_rebuilds_the_state() {
    let mut s = briefing();
    let mut log: Vec<(DrillTime, Event)> = Vec::new();
    let steps = [
        (0, Input::ConfirmChecklist { item: 0 }),
        (
            0,
            Input::MarshalAtPost {
                stairwell: sid("A"),
                name: None,
            },
        ),
        (
            0,
            Input::Start {
                record: record(),
                override_reason: Some("B late".into()),
            },
        ),
        (0, Input::Tick),
        (
            2_000,
            Input::Congestion {
                stairwell: sid("B"),
                note: "slow".into(),
            },
        ),
        (4_000, Input::ClassPassed { class: cid("c1") }),
        (6_000, Input::Resume { scope: Scope::All }),
        (6_000, Input::Tick),
        (11_000, Input::Tick),
        (12_000, Input::ResumeAfterCrash { gap_ms: 3_000 }),
        (15_000, headcount("c3", 34)),
    ];
    for (ms, input) in steps {
        let events = s.apply(input, t(ms)).unwrap_or_default();
        log.extend(events.into_iter().map(|e| (t(ms), e)));
    }
    let replayed = Session::replay(script(), schedule(), log.iter().map(|(at, e)| (*at, e)));
    assert_eq!(replayed.as_ref().ok(), Some(&s));
    assert_eq!(s.gaps(), &[(t(12_000), 3_000)]);
}

#[test]
fn replay_refuses_events_that_do_not_fit() {
    let bogus = Event::ClassPassed { class: cid("c1") };
    let err = Session::replay(script(), schedule(), [(t(0), &bogus)]);
    assert!(matches!(err, Err(ReplayError::Event { seq: 1, .. })));
    let unknown = Event::MarshalAtPost {
        stairwell: sid("Q"),
        name: None,
    };
    assert!(Session::replay(script(), schedule(), [(t(0), &unknown)]).is_err());
}

#[test]
fn a_schedule_must_release_every_class_once() {
    let mut missing = schedule();
    missing.releases.pop();
    assert_eq!(
        Session::new(script(), missing).err(),
        Some(ScheduleError::Missing(cid("c4")))
    );
    let mut twice = schedule();
    twice.releases.push(twice.releases[0].clone());
    assert_eq!(
        Session::new(script(), twice).err(),
        Some(ScheduleError::Duplicate(cid("c1")))
    );
}

#[test]
fn events_have_a_stable_json_shape() {
    let events = [
        Event::ClassReleased {
            class: cid("3-2"),
            stairwell: sid("A"),
            planned_ms: 40_000,
            manual: false,
            waits: GateWaits {
                marshal_ms: 0,
                hold_ms: 1_500,
                clear_ms: 0,
            },
        },
        Event::Started {
            record: record(),
            unmanned: vec![],
            override_reason: None,
        },
        Event::ProblemLogged(ProblemReport {
            category: ProblemCategory::FallOrInjury,
            place: Place::Stairwell(sid("A")),
            text: "a child tripped on landing 2".into(),
        }),
        Event::HeadcountTaken(Headcount {
            class: cid("3-2"),
            expected: Some(45),
            present: 44,
            missing: names(1, &["Li Lei"]),
            injured: People::default(),
        }),
        Event::Corrected {
            seq: 7,
            reason: "typo".into(),
            amendment: Amendment::Withdraw,
        },
        Event::Corrected {
            seq: 3,
            reason: "the alarm was the PA".into(),
            amendment: Amendment::StartRecord(record()),
        },
        Event::AllOut,
        Event::ResumedAfterCrash { gap_ms: 12_000 },
    ];
    let lines: Vec<String> = events
        .iter()
        .map(|e| serde_json::to_string(e).unwrap_or_default())
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
    for (line, event) in lines.iter().zip(&events) {
        assert_eq!(
            serde_json::from_str::<Event>(line).ok().as_ref(),
            Some(event)
        );
    }
}

#[test]
fn refusals_read_in_both_languages() {
    let e = SessionError::Unmanned(vec![sid("A"), sid("C")]);
    assert!(e.message().text(crate::i18n::Lang::En).contains("A, C"));
    assert!(
        e.message()
            .text(crate::i18n::Lang::ZhCn)
            .contains("楼梯 A, C")
    );
    let e = SessionError::WrongPhase {
        input: "release",
        phase: Phase::Briefing,
        allowed: PhaseSet::of(&[Phase::Running]),
    };
    assert_eq!(
        e.message().text(crate::i18n::Lang::ZhCn),
        "演练处于演练前准备阶段，现在不能这样操作"
    );
}

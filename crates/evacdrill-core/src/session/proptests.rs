//! The session's property: any sequence of inputs is applied or refused,
//! never panics, a refusal changes nothing, and replaying the events produced
//! rebuilds an equal state.

use proptest::prelude::*;

use super::fixture::{briefing, cid, record, schedule, script, sid, t};
use super::*;

fn class() -> impl Strategy<Value = ClassId> {
    prop::sample::select(vec!["c1", "c2", "c3", "c4", "zz"]).prop_map(cid)
}

fn stairwell() -> impl Strategy<Value = StairwellId> {
    prop::sample::select(vec!["A", "B", "Q"]).prop_map(sid)
}

fn people() -> impl Strategy<Value = People> {
    (0u32..3, prop::collection::vec("[a-z]{1,4}", 0..3))
        .prop_map(|(count, names)| People { count, names })
}

fn headcount() -> impl Strategy<Value = Headcount> {
    (
        class(),
        prop::option::of(0u32..40),
        0u32..40,
        people(),
        people(),
    )
        .prop_map(|(class, expected, present, missing, injured)| Headcount {
            class,
            expected,
            present,
            missing,
            injured,
        })
}

fn report() -> impl Strategy<Value = ProblemReport> {
    let place = prop_oneof![
        stairwell().prop_map(Place::Stairwell),
        (-1i32..5).prop_map(Place::Floor),
        class().prop_map(Place::Class),
        Just(Place::Unspecified),
    ];
    let category = prop::sample::select(vec![
        ProblemCategory::Congestion,
        ProblemCategory::FallOrInjury,
        ProblemCategory::BlockedExit,
        ProblemCategory::Lighting,
        ProblemCategory::LateClass,
        ProblemCategory::Equipment,
        ProblemCategory::Other,
    ]);
    (category, place, "[a-z ]{0,6}").prop_map(|(category, place, text)| ProblemReport {
        category,
        place,
        text,
    })
}

fn scope() -> impl Strategy<Value = Scope> {
    prop_oneof![Just(Scope::All), stairwell().prop_map(Scope::Stairwell)]
}

fn text() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", " ", "why"]).prop_map(str::to_owned)
}

fn amendment() -> impl Strategy<Value = Amendment> {
    prop_oneof![
        Just(Amendment::Withdraw),
        headcount().prop_map(Amendment::Headcount),
        report().prop_map(Amendment::Problem),
        Just(Amendment::StartRecord(record())),
    ]
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        1 => (0usize..3).prop_map(|item| Input::ConfirmChecklist { item }),
        1 => ((0usize..3), text()).prop_map(|(item, note)| Input::FailChecklist { item, note }),
        4 => stairwell().prop_map(|stairwell| Input::MarshalAtPost { stairwell, name: None }),
        1 => stairwell().prop_map(|stairwell| Input::MarshalLeftPost { stairwell }),
        4 => prop::option::of(text()).prop_map(|override_reason| Input::Start {
            record: record(),
            override_reason
        }),
        12 => Just(Input::Tick),
        3 => class().prop_map(|class| Input::Release { class }),
        1 => scope().prop_map(|scope| Input::Hold { scope }),
        1 => scope().prop_map(|scope| Input::Resume { scope }),
        8 => class().prop_map(|class| Input::ClassPassed { class }),
        2 => stairwell().prop_map(|stairwell| Input::StairwellClear { stairwell }),
        1 => (stairwell(), text()).prop_map(|(stairwell, note)| Input::Congestion { stairwell, note }),
        1 => (stairwell(), text()).prop_map(|(stairwell, note)| Input::Blocked { stairwell, note }),
        1 => report().prop_map(Input::Problem),
        3 => headcount().prop_map(Input::Headcount),
        1 => Just(Input::End),
        1 => text().prop_map(|reason| Input::EndEarly { reason }),
        1 => (0u64..30, text(), amendment()).prop_map(|(seq, reason, amendment)| Input::Correct {
            seq,
            reason,
            amendment
        }),
        1 => (0u64..10_000).prop_map(|gap_ms| Input::ResumeAfterCrash { gap_ms }),
    ]
}

/// A step: how far the clock moves (it may try to go back), the input, and
/// whether the session has a re-planner.
fn steps() -> impl Strategy<Value = Vec<(i64, Input, bool)>> {
    prop::collection::vec((-500i64..4_000, input(), any::<bool>()), 0..120)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_inputs_apply_or_refuse_and_replay_rebuilds_the_state(steps in steps()) {
        let mut session = briefing();
        let mut now: i64 = 0;
        let mut log: Vec<(DrillTime, Event)> = Vec::new();
        for (dt, input, with_planner) in steps {
            now = (now + dt).max(0);
            let at = t(now as u64);
            let before = session.clone();
            let result = if with_planner {
                session.apply_with(input, at, &AlternateReplanner)
            } else {
                session.apply(input, at)
            };
            match result {
                Ok(events) => {
                    prop_assert_eq!(session.next_seq(), before.next_seq() + events.len() as u64);
                    log.extend(events.into_iter().map(|e| (at, e)));
                }
                Err(SessionError::Internal(detail)) => {
                    prop_assert!(false, "internal inconsistency: {}", detail);
                }
                Err(_) => prop_assert_eq!(&session, &before),
            }
        }
        // Through JSON, as the journal stores them.
        let stored: Vec<(DrillTime, Event)> = log
            .iter()
            .map(|(at, e)| {
                let text = serde_json::to_string(e).unwrap_or_default();
                (*at, serde_json::from_str(&text).unwrap_or(Event::AllOut))
            })
            .collect();
        prop_assert_eq!(&stored, &log);
        let replayed = Session::replay(script(), schedule(), stored.iter().map(|(at, e)| (*at, e)));
        prop_assert_eq!(replayed.as_ref().ok(), Some(&session));
    }
}

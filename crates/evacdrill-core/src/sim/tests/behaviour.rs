//! The engine's rules, facts and hooks.

use super::super::*;
use super::{Room, Stair, b1, building};
use crate::units::{PersonsPerSecond, Seconds};

fn facts_to_end(engine: &mut Engine) -> Vec<Fact> {
    let facts = engine.advance_to(Seconds(7200.0));
    assert!(engine.is_finished());
    facts
}

fn released_at(facts: &[Fact], class: &str) -> f64 {
    facts
        .iter()
        .find_map(|f| match f {
            Fact::ClassReleased { class: c, at } if c.0 == class => Some(at.0),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{class} never released"))
}

fn out_at(facts: &[Fact], class: &str) -> f64 {
    facts
        .iter()
        .find_map(|f| match f {
            Fact::ClassOut { class: c, at } if c.0 == class => Some(at.0),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{class} never out"))
}

#[test]
fn every_class_produces_its_facts_in_order() {
    let script = b1();
    let schedule = all_at_once(&script, &[]).unwrap();
    let mut engine = Engine::new(&script, &schedule, &Variation::NONE, 0).unwrap();
    let facts = facts_to_end(&mut engine);
    assert!(facts.windows(2).all(|w| w[0].at().0 <= w[1].at().0));
    for class in &script.classes {
        let id = class.id.0.as_str();
        let landings: Vec<(i32, f64)> = facts
            .iter()
            .filter_map(|f| match f {
                Fact::ClassPassedLanding {
                    class: c,
                    floor,
                    at,
                } if c == &class.id => Some((*floor, at.0)),
                _ => None,
            })
            .collect();
        let floors: Vec<i32> = landings.iter().map(|l| l.0).collect();
        let expected: Vec<i32> = (1..=class.floor).rev().collect();
        assert_eq!(floors, expected, "{id}");
        assert!(released_at(&facts, id) < landings[0].1);
        assert!(landings.last().unwrap().1 < out_at(&facts, id));
    }
    let empty: Vec<&Fact> = facts
        .iter()
        .filter(|f| matches!(f, Fact::StairwellEmpty { .. }))
        .collect();
    assert_eq!(empty.len(), 2);
    let outcome = engine.outcome();
    assert_eq!(outcome.stairwells[0].clear, Some(empty[0].at()));
}

#[test]
fn sequential_by_grade_waits_for_the_grade_before() {
    let script = b1();
    let schedule = sequential_by_grade(&script, &[]).unwrap();
    let mut engine = Engine::new(&script, &schedule, &Variation::NONE, 0).unwrap();
    let facts = facts_to_end(&mut engine);
    for class in &script.classes {
        let released = released_at(&facts, &class.id.0);
        for before in script.classes.iter().filter(|c| c.grade + 1 == class.grade) {
            assert!(released >= out_at(&facts, &before.id.0) - 1e-9);
        }
        if class.grade == 1 {
            assert!(released.abs() < 1e-9);
        }
    }
}

#[test]
fn one_stream_per_stairwell_never_merges_two_classes() {
    let script = b1();
    let schedule = one_at_a_time(&script, crate::script::Policy::Auto, &[]).unwrap();
    let outcome = simulate(&script, &schedule, &Variation::NONE, 0, Record::Series).unwrap();
    // Floor-ascending: released in floor order within each stairwell.
    for s in ["A", "B"] {
        let mut mine: Vec<&ClassOutcome> = outcome
            .classes
            .iter()
            .filter(|c| c.stairwell.0 == s)
            .collect();
        mine.sort_by(|a, b| a.released.0.total_cmp(&b.released.0));
        let floors: Vec<i32> = mine
            .iter()
            .map(|c| script.class(&c.class).unwrap().floor)
            .collect();
        assert!(floors.windows(2).all(|w| w[0] <= w[1]), "{s}: {floors:?}");
    }
    assert!(outcome.over_max.is_none());
}

#[test]
fn a_clear_gate_waits_for_the_marshal() {
    let mut stair = Stair::new("A", 1.5);
    stair.gate = "clear";
    let rooms = [
        Room::new("3-1", 3, 3, 30, "A"),
        Room::new("2-1", 2, 2, 30, "A"),
    ];
    let script = building(&[stair], &rooms);
    let mut schedule = Schedule::planned(all_at_once(&script, &[]).unwrap().releases);
    // A group of its own, planned a second after the first.
    schedule.releases[1].at = crate::time::DrillTime(1_000);
    let mut engine = Engine::new(&script, &schedule, &Variation::NONE, 0).unwrap();
    let facts = facts_to_end(&mut engine);
    // The baseline itself is not gated: both go at the signal.
    let ungated = all_at_once(&script, &[]).unwrap();
    let mut free = Engine::new(&script, &ungated, &Variation::NONE, 0).unwrap();
    assert!(released_at(&facts_to_end(&mut free), "2-1").abs() < 1e-9);
    let passed = facts
        .iter()
        .find_map(|f| match f {
            Fact::ClassPassedLanding {
                class,
                floor: 3,
                at,
            } if class.0 == "3-1" => Some(at.0),
            _ => None,
        })
        .unwrap();
    let delay = script.drill.confirm_delay.0;
    let second = released_at(&facts, "2-1");
    assert!(
        (second - (passed + delay)).abs() <= engine.step_s() + 1e-9,
        "released {second}, passed {passed} + {delay}"
    );
}

#[test]
fn a_hold_keeps_classes_in_and_resume_lets_them_go() {
    let script = b1();
    let schedule = all_at_once(&script, &[]).unwrap();
    let mut engine = Engine::new(&script, &schedule, &Variation::NONE, 0).unwrap();
    let a = StairwellId("A".into());
    engine.hold(&a).unwrap();
    let facts = engine.advance_to(Seconds(60.0));
    let in_a = |c: &ClassId| script.class(c).unwrap().stairwell == a;
    assert!(facts.iter().all(|f| match f {
        Fact::ClassReleased { class, .. } => !in_a(class),
        _ => true,
    }));
    assert!(
        engine.stair_densities()[0].1.0 < 1e-12,
        "nobody on A's stairs"
    );
    engine.resume(&a).unwrap();
    let facts = engine.advance_to(Seconds(61.0));
    let released: Vec<f64> = facts
        .iter()
        .filter_map(|f| match f {
            Fact::ClassReleased { class, at } if in_a(class) => Some(at.0),
            _ => None,
        })
        .collect();
    assert_eq!(released.len(), 6);
    assert!(released.iter().all(|&t| (60.0..61.0).contains(&t)));
    assert!(engine.hold(&StairwellId("Z".into())).is_err());
}

#[test]
fn a_hold_stops_released_people_at_the_stair_head() {
    let script = building(&[Stair::new("A", 1.5)], &[Room::new("2-1", 2, 2, 30, "A")]);
    let schedule = all_at_once(&script, &[]).unwrap();
    let mut engine = Engine::new(&script, &schedule, &Variation::NONE, 0).unwrap();
    let _ = engine.advance_to(Seconds(2.0));
    engine.hold(&StairwellId("A".into())).unwrap();
    let _ = engine.advance_to(Seconds(120.0));
    let census = engine.census();
    assert!(census.out < 1e-9, "nobody reached the exit: {census:?}");
    assert!(
        census.moving > 0.5,
        "people wait in the corridor: {census:?}"
    );
    engine.resume(&StairwellId("A".into())).unwrap();
    let _ = engine.advance_to(Seconds(600.0));
    assert!(engine.is_finished());
}

#[test]
fn release_now_overrides_the_rule() {
    let script = b1();
    let schedule = sequential_by_grade(&script, &[]).unwrap();
    let mut engine = Engine::new(&script, &schedule, &Variation::NONE, 0).unwrap();
    let _ = engine.advance_to(Seconds(10.0));
    let top = ClassId("4A2".into());
    assert_eq!(engine.release_now(&top), Ok(true));
    assert_eq!(engine.release_now(&top), Ok(false));
    let states = engine.class_states();
    let state = states.iter().find(|(c, _)| c == &top).unwrap().1;
    assert_eq!(state, ClassState::Released { at: Seconds(10.0) });
    assert!(engine.release_now(&ClassId("nope".into())).is_err());
}

#[test]
fn advance_to_stops_at_step_boundaries_and_never_goes_back() {
    let script = b1();
    let schedule = all_at_once(&script, &[]).unwrap();
    let mut engine = Engine::new(&script, &schedule, &Variation::NONE, 0).unwrap();
    let _ = engine.advance_to(Seconds(10.1));
    assert!(engine.now().0 <= 10.1 && engine.now().0 > 10.1 - engine.step_s());
    let before = engine.now();
    assert!(engine.advance_to(Seconds(5.0)).is_empty());
    assert_eq!(engine.now(), before);
}

#[test]
fn blocked_stairwells_move_classes_to_their_alternates() {
    let script = b1();
    let schedule = all_at_once(&script, &[StairwellId("A".into())]).unwrap();
    assert!(schedule.releases.iter().all(|r| r.stairwell.0 == "B"));
    let outcome = simulate(&script, &schedule, &Variation::NONE, 0, Record::Summary).unwrap();
    assert_eq!(outcome.stairwells[0].clear, None);
    assert_eq!(outcome.stairwells[1].people, 420);

    let lonely = building(
        &[Stair::new("A", 1.5), Stair::new("B", 1.5)],
        &[Room::new("2-1", 2, 2, 30, "A")],
    );
    assert_eq!(
        all_at_once(&lonely, &[StairwellId("A".into())]),
        Err(SimError::NoAlternate {
            class: ClassId("2-1".into()),
            stairwell: StairwellId("A".into()),
        })
    );
    let both = [StairwellId("A".into()), StairwellId("B".into())];
    assert!(matches!(
        all_at_once(&script, &both),
        Err(SimError::AlternateBlocked { .. })
    ));
}

#[test]
fn releases_that_do_not_fit_the_script_are_errors() {
    let script = b1();
    let good = all_at_once(&script, &[]).unwrap();
    let run = |s: &Schedule| simulate(&script, s, &Variation::NONE, 0, Record::Summary).err();

    let mut twice = good.clone();
    twice.releases.push(twice.releases[0].clone());
    assert!(matches!(run(&twice), Some(SimError::ReleasedTwice(_))));

    let mut missing = good.clone();
    missing.releases.pop();
    assert!(matches!(run(&missing), Some(SimError::NeverReleased(_))));

    let mut unknown = good.clone();
    unknown.releases[0].class = ClassId("9Z9".into());
    assert!(matches!(run(&unknown), Some(SimError::UnknownClass(_))));

    let mut stair = good.clone();
    stair.releases[0].stairwell = StairwellId("Q".into());
    assert!(matches!(run(&stair), Some(SimError::UnknownStairwell(_))));

    let mut pace = good;
    pace.releases[0].pace = Some(PersonsPerSecond(0.0));
    assert!(matches!(run(&pace), Some(SimError::BadPace { .. })));
}

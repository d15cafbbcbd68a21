//! Advice is offered only when it makes the plan end sooner.

use super::super::*;
use crate::script::check_str;

/// Two equal stairwells, one carrying four classes and the other one: a
/// class moved from A to B shortens the drill.
const LOPSIDED: &str = r#"
schema = 1

[drill]
name = "lopsided"

[building]
name = "block"
exit_floor = 1

[[stairwell]]
id = "A"
width_m = 1.5

[[stairwell]]
id = "B"
width_m = 1.5

[[class]]
id = "2-1"
name = "2-1"
grade = 2
floor = 2
headcount = 40
stairwell = "A"
alternate = "B"
corridor_m = 8

[[class]]
id = "2-2"
name = "2-2"
grade = 2
floor = 2
headcount = 40
stairwell = "A"
alternate = "B"
corridor_m = 16

[[class]]
id = "3-1"
name = "3-1"
grade = 3
floor = 3
headcount = 40
stairwell = "A"
alternate = "B"
corridor_m = 8

[[class]]
id = "3-2"
name = "3-2"
grade = 3
floor = 3
headcount = 40
stairwell = "A"
alternate = "B"
corridor_m = 16

[[class]]
id = "2-3"
name = "2-3"
grade = 2
floor = 2
headcount = 40
stairwell = "B"
alternate = "A"
corridor_m = 8
"#;

fn script(text: &str) -> Script {
    check_str(text).script.expect("the drill checks")
}

#[test]
fn a_move_that_shortens_the_drill_is_offered_with_its_new_end() {
    let p = plan(&script(LOPSIDED), &PlanOptions::default()).expect("plans");
    let advice = p
        .critical
        .as_ref()
        .and_then(|c| c.advice.as_ref())
        .expect("moving a class off the busy stairwell helps");
    assert!(advice.predicted_end_s < p.predicted_end_s - SOONER);
    assert!((advice.sooner_s - (p.predicted_end_s - advice.predicted_end_s)).abs() < 0.11);
    assert!(
        advice
            .moves
            .iter()
            .all(|m| m.from.0 == "A" && m.to.0 == "B")
    );
}

#[test]
fn the_demo_is_never_advised_a_move_that_ends_later() {
    // Moving 1-4 to C lowers the bound by 26 s but ends the re-made plan
    // 39 s later than the plan; that is no advice.
    let demo = script(include_str!("../../../../../drills/demo.toml"));
    let p = plan(&demo, &PlanOptions::default()).expect("the demo plans");
    if let Some(a) = p.critical.as_ref().and_then(|c| c.advice.as_ref()) {
        assert!(
            a.predicted_end_s < p.predicted_end_s - SOONER,
            "advice ends at {} s, the plan at {} s",
            a.predicted_end_s,
            p.predicted_end_s
        );
    }
}

#[test]
fn every_advice_on_the_shipped_drills_ends_sooner_than_its_plan() {
    for text in [
        include_str!("../../../../../drills/b1.toml"),
        include_str!("../../../../../drills/b2.toml"),
        include_str!("../../../../../drills/secondary-school.toml"),
    ] {
        let s = script(text);
        let p = plan(&s, &PlanOptions::default()).expect("plans");
        if let Some(a) = p.critical.as_ref().and_then(|c| c.advice.as_ref()) {
            assert!(
                a.predicted_end_s < p.predicted_end_s - SOONER,
                "{}",
                s.drill.name
            );
            assert!(a.sooner_s > SOONER);
        }
    }
}

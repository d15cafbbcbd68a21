//! The nodes of a stairwell (docs/flow-model.md, *Nodes of a stairwell*):
//! the foot and the exit door are different places, the door merges the
//! exit floor's stream with the stair's, a clear gate waits for a whole
//! release group, and a turning landing passes less than a straight flight.

use super::super::physics;
use super::super::*;
use super::{Room, Stair, building};
use crate::time::DrillTime;
use crate::units::{PersonsPerSecond, Seconds};

fn facts_to_end(engine: &mut Engine) -> Vec<Fact> {
    let facts = engine.advance_to(Seconds(7200.0));
    assert!(engine.is_finished());
    facts
}

fn fact_at(facts: &[Fact], pick: impl Fn(&Fact) -> bool) -> f64 {
    facts
        .iter()
        .find(|f| pick(f))
        .map(|f| f.at().0)
        .expect("the fact happened")
}

fn passed(facts: &[Fact], class: &str, floor: i32) -> f64 {
    fact_at(
        facts,
        |f| matches!(f, Fact::ClassPassedLanding { class: c, floor: g, .. } if c.0 == class && *g == floor),
    )
}

fn released(facts: &[Fact], class: &str) -> f64 {
    fact_at(
        facts,
        |f| matches!(f, Fact::ClassReleased { class: c, .. } if c.0 == class),
    )
}

fn out(facts: &[Fact], class: &str) -> f64 {
    fact_at(
        facts,
        |f| matches!(f, Fact::ClassOut { class: c, .. } if c.0 == class),
    )
}

/// Six classes of 35 on floors 2 to 4 into one 1.5 m stair, all at the
/// signal, and `ground` on the exit floor beside it.
fn busy_stair(exit_width: f64, ground: Room) -> Script {
    let mut stair = Stair::new("A", 1.5);
    stair.exit_width = exit_width;
    let mut rooms: Vec<Room> = (2..=4)
        .flat_map(|floor| [1, 2].map(|k| Room::new(&format!("{floor}-{k}"), 3, floor, 35, "A")))
        .collect();
    rooms.push(ground);
    building(&[stair], &rooms)
}

#[test]
fn a_ground_floor_class_beside_a_busy_stair_is_out_as_soon_as_the_door_allows() {
    let script = busy_stair(1.8, Room::new("1-1", 1, 1, 35, "A"));
    let schedule = all_at_once(&script, &[]).unwrap();
    let mut engine = Engine::new(&script, &schedule, &Variation::NONE, 0).unwrap();
    let facts = facts_to_end(&mut engine);
    // Its corridor (8 m) and the exit walk (10 m) at 1 m/s, filing out at
    // its door's 0.78 p/s: the stair's stream (at most 1.32 p/s down the
    // turning landings) and the class (0.78) stay within the merge share of
    // a 1.8 m door (0.75 × 2.82 p/s), so it never waits.
    let free = 35.0 / 0.78 + 8.0 + 10.0;
    let ground = out(&facts, "1-1");
    assert!(
        (ground - free).abs() <= engine.step_s() + 1e-6,
        "out at {ground:.2} s, free {free:.2} s"
    );
    // The stair was busy all the while: its first people reached the door
    // before the class was out, and its last long after.
    let stair_out = ["2-1", "2-2", "3-1", "3-2", "4-1", "4-2"].map(|c| out(&facts, c));
    assert!(stair_out.iter().all(|&t| t > ground));
    let first_at_door = 8.0 + 10.6 / 0.6 + 10.0;
    assert!(first_at_door < ground - 10.0);
    // Its "passed" is its entry into the exit door: its last person out.
    assert!((passed(&facts, "1-1", 1) - ground).abs() < 1e-9);
}

#[test]
fn the_exit_door_merges_the_floor_and_stair_streams() {
    // A 1.2 m door (0.9 m effective): 0.94 × 1.40 × 0.9 / 0.7 = 1.69 p/s.
    // While both streams wait at it, it passes merge_factor of that,
    // about half each.
    let script = busy_stair(1.2, Room::new("1-1", 1, 1, 35, "A"));
    let door = physics::max_flow(physics::K_LEVEL, 0.9, 0.7);
    let merged = script.safety.merge_factor * door;
    let schedule = all_at_once(&script, &[]).unwrap();
    let outcome = simulate(&script, &schedule, &Variation::NONE, 0, Record::Series).unwrap();
    let series = outcome.series.as_ref().unwrap();
    let last_of = |pick: &dyn Fn(&Location) -> bool| {
        series.cells.iter().rfind(|c| pick(&c.location)).unwrap()
    };
    let floor =
        last_of(&|l| matches!(&l.kind, LocationKind::Corridor { class } if class.0 == "1-1"));
    let stair = last_of(&|l| matches!(l.kind, LocationKind::ExitWalk { .. }));
    let mean = |v: &[f32], from: usize, to: usize| {
        v[from..to].iter().map(|&x| f64::from(x)).sum::<f64>() / (to - from) as f64
    };
    // Both streams are held at the door from about 40 s until the class is out.
    let ground = outcome.classes.iter().find(|c| c.class.0 == "1-1").unwrap();
    let to = ground.out.0 as usize - 3;
    let (f, s) = (mean(&floor.flow, 45, to), mean(&stair.flow, 45, to));
    assert!(to > 55, "the class is out at {}", ground.out.0);
    assert!(
        ((f + s) - merged).abs() / merged < 0.03,
        "door passes {:.3} p/s, merge limit {merged:.3}",
        f + s
    );
    assert!((f - s).abs() / (f + s) < 0.1, "floor {f:.3}, stair {s:.3}");
    // Once the class is out, the stair stream has the whole door, up to
    // what the turning landings let down (1.32 p/s < 1.69).
    let after = mean(
        &stair.flow,
        ground.out.0 as usize + 5,
        ground.out.0 as usize + 25,
    );
    assert!(after > merged / 2.0 + 0.3, "{after:.3} p/s after the merge");
}

#[test]
fn a_clear_gate_with_a_group_of_two_classes_waits_for_both() {
    let mut stair = Stair::new("A", 1.5);
    stair.gate = "clear";
    let mut near = Room::new("3-1", 3, 3, 30, "A");
    near.corridor = 8.0;
    let mut far = Room::new("3-2", 3, 3, 30, "A");
    far.corridor = 30.0;
    let next = Room::new("2-1", 2, 2, 30, "A");
    let script = building(&[stair], &[near, far, next]);
    let mut schedule = Schedule::planned(all_at_once(&script, &[]).unwrap().releases);
    // 3-1 and 3-2 are one group at the signal; 2-1 a group of its own at 5 s.
    schedule.releases[2].at = DrillTime(5_000);
    let mut engine = Engine::new(&script, &schedule, &Variation::NONE, 0).unwrap();
    let facts = facts_to_end(&mut engine);
    let (p1, p2) = (passed(&facts, "3-1", 3), passed(&facts, "3-2", 3));
    assert!(p2 > p1 + 10.0, "the far class passes last: {p1} {p2}");
    // Passed: its last person stepped onto the landing of its own floor,
    // 30 m of corridor and 30 people at 0.78 p/s after the signal.
    assert!((p2 - (30.0 + 30.0 / 0.78)).abs() <= engine.step_s() + 1e-6);
    let delay = script.drill.confirm_delay.0;
    let second = released(&facts, "2-1");
    assert!(
        (second - (p2 + delay)).abs() <= engine.step_s() + 1e-9,
        "released {second}, passed {p1} and {p2}, + {delay}"
    );
    // Both classes of the first group went at the signal, gate or not.
    assert!(released(&facts, "3-1").abs() < 1e-9 && released(&facts, "3-2").abs() < 1e-9);
}

#[test]
fn a_turning_landing_passes_less_than_a_straight_flight() {
    // The constant, pinned: 1.1 p/(s·m) × 1.2 m = 1.32 p/s on a 1.5 m
    // stair, within the independent 2-D run's 1.28–1.40 p/s, below the
    // straight flight's 0.94 k We / φ = 1.87 and above the safe 1.2.
    let turn = physics::turn_max_flow(1.2, 0.7);
    assert!((turn - 1.32).abs() < 1e-9, "{turn}");
    assert!((1.28..=1.40).contains(&turn));
    let flight = physics::max_flow(physics::stair_k(0.15, 0.28), 1.2, 0.7);
    assert!((flight - 1.87).abs() < 0.02, "{flight}");

    // One large class pushed at 3 p/s into the top landing: the landing
    // lets 1.32 p/s down, not the flight's 1.87.
    let mut big = Room::new("3-1", 6, 3, 150, "A");
    big.door_rate = Some(3.0);
    let script = building(&[Stair::new("A", 1.5)], &[big]);
    let schedule = all_at_once(&script, &[]).unwrap();
    let outcome = simulate(&script, &schedule, &Variation::NONE, 0, Record::Series).unwrap();
    let series = outcome.series.as_ref().unwrap();
    let landing = series
        .cells
        .iter()
        .find(|c| c.location.kind == LocationKind::Landing { floor: 3 })
        .unwrap();
    let busy: Vec<f64> = landing.flow[20..100]
        .iter()
        .map(|&x| f64::from(x))
        .collect();
    let mean = busy.iter().sum::<f64>() / busy.len() as f64;
    assert!((mean - 1.32).abs() < 0.02, "{mean:.3} p/s");

    // A plan held at the safe 1.0 p/(s·m) × 1.2 m = 1.2 p/s goes down at
    // its free time: the turn does not slow it.
    let mut schedule = all_at_once(&script, &[]).unwrap();
    schedule.releases[0].pace = Some(PersonsPerSecond(1.2));
    let out = simulate(&script, &schedule, &Variation::NONE, 0, Record::Summary)
        .unwrap()
        .end
        .0;
    let free = 150.0 / 1.2 + 8.0 + 2.0 * 10.6 / 0.75 + 10.0;
    assert!(
        (out - free).abs() / free < 0.01,
        "out {out:.1}, free {free:.1}"
    );
}

//! The verification cases: reference values, one class alone, and checks in
//! the spirit of the `RiMEA` test cases adapted to a flow model.

use super::super::*;
use super::{Room, Stair, b1, b2, building};
use crate::script::Policy;
use crate::time::DrillTime;
use crate::units::{PersonsPerSecond, Seconds};

fn deterministic(script: &Script, schedule: &Schedule) -> Outcome {
    match simulate(script, schedule, &Variation::NONE, 0, Record::Series) {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    }
}

/// Free travel time of the flow model: corridor at corridor speed, 10.6 m per
/// storey at stair speed, the exit walk at corridor speed.
fn free_travel(corridor: f64, storeys: f64, stair_speed: f64, exit_walk: f64) -> f64 {
    corridor / 1.0 + storeys * 10.6 / stair_speed + exit_walk / 1.0
}

#[test]
fn one_class_alone_takes_n_over_its_rate_plus_its_travel_time() {
    let script = building(&[Stair::new("A", 1.5)], &[Room::new("4-1", 1, 4, 35, "A")]);
    let schedule = all_at_once(&script, &[]).unwrap();
    let out = deterministic(&script, &schedule).classes[0].out.0;
    // q = 0.78 p/s (door), c = 1.0 × 1.2 = 1.2 p/s; three storeys at 0.5 m/s.
    let expected = 35.0 / f64::min(0.78, 1.2) + free_travel(8.0, 3.0, 0.5, 10.0);
    assert!(
        (out - expected).abs() / expected < 0.01,
        "out {out:.2} s, expected {expected:.2} s"
    );
}

#[test]
fn a_pace_below_the_door_rate_sets_the_time() {
    let script = building(&[Stair::new("A", 1.5)], &[Room::new("3-1", 3, 3, 40, "A")]);
    let mut schedule = all_at_once(&script, &[]).unwrap();
    schedule.releases[0].pace = Some(PersonsPerSecond(0.5));
    schedule.releases[0].at = DrillTime(30_000);
    let out = deterministic(&script, &schedule).classes[0].out.0;
    let expected = 30.0 + 40.0 / 0.5 + free_travel(8.0, 2.0, 0.6, 10.0);
    assert!(
        (out - expected).abs() / expected < 0.01,
        "{out} vs {expected}"
    );
}

#[test]
fn one_person_on_a_stair_walks_at_the_set_speed() {
    for grade in [1_u8, 4, 6] {
        let script = building(
            &[Stair::new("A", 1.5)],
            &[Room::new("solo", grade, 5, 1, "A")],
        );
        let schedule = all_at_once(&script, &[]).unwrap();
        let mut engine = Engine::new(&script, &schedule, &Variation::NONE, 0).unwrap();
        let facts = engine.advance_to(crate::units::Seconds(600.0));
        let passed = |floor: i32| {
            facts
                .iter()
                .find_map(|f| match f {
                    Fact::ClassPassedLanding { floor: g, at, .. } if *g == floor => Some(at.0),
                    _ => None,
                })
                .unwrap()
        };
        // From leaving the landing of floor 5 to leaving that of floor 2:
        // three storeys of stair.
        let speed = 3.0 * 10.6 / (passed(2) - passed(5));
        let set = script.speeds.stair_speed(grade).0;
        assert!(
            (speed - set).abs() / set < 0.05,
            "grade {grade}: {speed:.3} m/s against {set} m/s"
        );
    }
}

/// The out time of `class` when each class goes at the given release time and
/// pace (`None`: its door's rate).
fn out_with_releases(script: &Script, releases: &[(&str, f64, Option<f64>)], class: &str) -> f64 {
    let mut schedule = all_at_once(script, &[]).unwrap();
    for &(id, at, pace) in releases {
        let entry = schedule
            .releases
            .iter_mut()
            .find(|r| r.class.0 == id)
            .unwrap();
        entry.at = DrillTime::from_seconds(Seconds(at));
        entry.pace = pace.map(PersonsPerSecond);
    }
    let outcome = deterministic(script, &schedule);
    outcome
        .classes
        .iter()
        .find(|c| c.class.0 == class)
        .unwrap()
        .out
        .0
}

#[test]
fn a_faster_class_sharing_a_stair_head_with_a_slower_one_ends_at_its_own_speed() {
    // B1's top floor: grade 5 (0.70 m/s) near and grade 6 (0.75 m/s) far,
    // both at 0.6 p/s into one stair (1.2 p/s together, below its maximum
    // flow). They go down interleaved, the faster held to the slower's pace;
    // but the far class's tail reaches the stair 6 s after the near class's
    // and walks alone, so it is out at its own free time. (Before the fix, the
    // head's delay was kept as a headway all the way to the tail: 3.4 s late.)
    let mut near = Room::new("4-1", 5, 4, 35, "A");
    near.corridor = 8.0;
    let mut far = Room::new("4-2", 6, 4, 35, "A");
    far.corridor = 20.0;
    let script = building(&[Stair::new("A", 1.5)], &[near, far]);
    let out = out_with_releases(
        &script,
        &[("4-1", 6.0, Some(0.6)), ("4-2", 0.0, Some(0.6))],
        "4-2",
    );
    let expected = 35.0 / 0.6 + free_travel(20.0, 3.0, 0.75, 10.0);
    assert!(
        (out - expected).abs() < 0.5,
        "out {out:.2} s, expected {expected:.2} s"
    );
}

#[test]
fn a_fast_class_held_up_by_a_slow_ones_tail_makes_up_the_delay_below_capacity() {
    // A grade 6 class (0.75 m/s) on floor 4 whose head catches up with the
    // tail of a grade 1 class (0.50 m/s) from floor 3 and walks behind it: its
    // people close up on the delayed head (the stream is far below the
    // stair's maximum flow), so its tail, which never meets the slow class,
    // is out at its own free time.
    let slow = Room::new("3-1", 1, 3, 35, "A");
    let fast = Room::new("4-1", 6, 4, 35, "A");
    let script = building(&[Stair::new("A", 1.5)], &[slow, fast]);
    let out = out_with_releases(&script, &[("3-1", 0.0, None), ("4-1", 31.0, None)], "4-1");
    let expected = 31.0 + 35.0 / 0.78 + free_travel(8.0, 3.0, 0.75, 10.0);
    assert!(
        (out - expected).abs() < 0.5,
        "out {out:.2} s, expected {expected:.2} s"
    );
}

#[test]
fn inflow_above_capacity_queues_at_the_stair_head_and_the_stair_carries_less() {
    // Four classes at a fast door rate pour into a narrow stair on one floor.
    let mut rooms: Vec<Room> = (0..4)
        .map(|i| {
            let mut r = Room::new(&format!("2-{i}"), 3, 2, 60, "A");
            r.door_rate = Some(1.5);
            r
        })
        .collect();
    rooms[0].corridor = 5.0;
    let script = building(&[Stair::new("A", 1.2)], &rooms);
    let outcome = deterministic(&script, &all_at_once(&script, &[]).unwrap());
    let series = outcome.series.unwrap();
    let is = |k: &LocationKind| series.cells.iter().position(|c| &c.location.kind == k);
    let landing = is(&LocationKind::Landing { floor: 2 }).unwrap();
    let flight = is(&LocationKind::Flight {
        storey: 2,
        lower: false,
    })
    .unwrap();
    let corridors: Vec<&CellSeries> = series
        .cells
        .iter()
        .filter(|c| matches!(c.location.kind, LocationKind::Corridor { .. }))
        .collect();
    // The queue stands at the head of the stair: the landing, where the
    // stair turns, lets down no more than its capacity (it takes in no more
    // either), and the corridors behind it hold the rest.
    let turn = physics::turn_max_flow(0.9, 0.7) as f32;
    let head_flow = series.cells[landing]
        .flow
        .iter()
        .copied()
        .fold(0.0_f32, f32::max);
    assert!(head_flow <= turn * 1.01, "stair head {head_flow} > {turn}");
    let corridor_queue: f32 = corridors
        .iter()
        .map(|c| c.queue.iter().copied().fold(0.0, f32::max))
        .sum();
    assert!(corridor_queue > 10.0, "queue in corridors {corridor_queue}");
    // The stair carries no more than its maximum flow (its turning
    // landings' here), far less than the four doors send (4 × 1.5 p/s).
    let stair_flow = series.cells[flight]
        .flow
        .iter()
        .copied()
        .fold(0.0_f32, f32::max);
    let first_corridor_cells = 4.0 * 1.5;
    let capacity = physics::max_flow(1.16, 0.9, 0.7).min(physics::turn_max_flow(0.9, 0.7)) as f32;
    assert!(stair_flow <= capacity * 1.01, "{stair_flow} > {capacity}");
    assert!(
        stair_flow < 0.5 * first_corridor_cells,
        "stair {stair_flow} p/s, corridors {first_corridor_cells} p/s"
    );
}

#[test]
fn closing_two_of_four_equal_exits_about_doubles_the_flow_bound_time() {
    // Ground-floor classes and narrow exit doors: the doors bound the time.
    let ids = ["A", "B", "C", "D"];
    let stairs: Vec<Stair> = ids
        .iter()
        .map(|id| {
            let mut s = Stair::new(id, 1.5);
            s.exit_width = 0.9;
            s
        })
        .collect();
    let alternate = |s: &str| match s {
        "C" => Some("A"),
        "D" => Some("B"),
        "A" => Some("C"),
        _ => Some("D"),
    };
    let rooms: Vec<Room> = ids
        .iter()
        .flat_map(|s| {
            (0..2).map(move |i| {
                let mut r = Room::new(&format!("{s}{i}"), 5, 1, 100, s);
                r.door_rate = Some(3.0);
                r.alternate = alternate(s);
                r
            })
        })
        .collect();
    let script = building(&stairs, &rooms);
    let open = deterministic(&script, &all_at_once(&script, &[]).unwrap())
        .end
        .0;
    let blocked = [StairwellId("C".into()), StairwellId("D".into())];
    let closed = deterministic(&script, &all_at_once(&script, &blocked).unwrap())
        .end
        .0;
    let ratio = closed / open;
    assert!(
        (1.8..=2.1).contains(&ratio),
        "{open:.1} s → {closed:.1} s ({ratio:.2}×)"
    );
}

#[test]
fn the_all_at_once_baseline_stands_queues_on_landings_and_the_stagger_does_not() {
    let script = b1();
    let queue_on_stairs = |outcome: &Outcome| {
        let series = outcome.series.as_ref().unwrap();
        series
            .cells
            .iter()
            .filter(|c| c.location.kind.is_stair_or_landing())
            .map(|c| {
                // The longest stretch of seconds with five or more people held up.
                let (mut run, mut best) = (0, 0);
                for &q in &c.queue {
                    run = if q >= 5.0 { run + 1 } else { 0 };
                    best = best.max(run);
                }
                (c.queue.iter().copied().fold(0.0_f32, f32::max), best)
            })
            .fold((0.0_f32, 0), |a, b| (a.0.max(b.0), a.1.max(b.1)))
    };
    let all = deterministic(&script, &all_at_once(&script, &[]).unwrap());
    let (peak, standing) = queue_on_stairs(&all);
    assert!(peak >= 10.0, "all at once: peak queue {peak}");
    assert!(standing >= 30, "all at once: queue stood {standing} s");
    // Standing crowds near the red flag (3.47 p/m² against 3.5; the
    // independent two-dimensional run of B1 found 3.7).
    let densest = all
        .stairwells
        .iter()
        .map(|s| s.peak_density.0)
        .fold(0.0, f64::max);
    assert!(
        all.over_max.is_some() && densest >= 3.0,
        "all at once should crowd the stairs: peak {densest:.2} p/m²"
    );

    let staggered = deterministic(&script, &one_at_a_time(&script, Policy::Auto, &[]).unwrap());
    // At most a person or two held up where a faster class catches up with
    // the tail of a slower one; never a standing queue.
    let (peak, standing) = queue_on_stairs(&staggered);
    assert!(peak < 2.0, "one at a time: peak queue {peak}");
    assert_eq!(standing, 0);
    assert!(staggered.over_max.is_none());
}

#[test]
fn on_b2_the_narrow_stair_is_the_first_to_pass_the_limit_all_at_once() {
    let script = b2();
    let all = deterministic(&script, &all_at_once(&script, &[]).unwrap());
    let first = all.over_max.as_ref().unwrap();
    // Stairwell D is 1.2 m wide, 0.9 m effective, for as many classes as A and B.
    assert_eq!(first.location.stairwell.0, "D");
    let clear = |id: &str| {
        all.stairwells
            .iter()
            .find(|s| s.stairwell.0 == id)
            .and_then(|s| s.clear)
            .unwrap()
            .0
    };
    assert!(clear("D") > clear("A") && clear("A") > clear("C"));
    let staggered = deterministic(&script, &one_at_a_time(&script, Policy::Auto, &[]).unwrap());
    assert!(staggered.over_max.is_none());
    assert!(
        staggered.end.0 > all.end.0,
        "the stagger trades time for safety"
    );
}

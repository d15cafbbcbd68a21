//! The simulator, written independently of the planner's arithmetic, plays
//! the planner's plan and must agree with its predicted end: the check that
//! catches the planner's mistakes (and the simulator's).
//!
//! Issue 6: with variation switched off, the simulator agrees with the
//! planner's predicted end within 5 % on B1 and B2.

use evacdrill_core::plan::{ClassPlan, Plan, PlanOptions, plan};
use evacdrill_core::script::check_str;
use evacdrill_core::sim::{Outcome, Record, Schedule, Variation, simulate};

/// The plan for `file` and the simulator's run of it without variation.
fn plan_and_play(file: &str) -> (Plan, Outcome) {
    let text = std::fs::read_to_string(file).unwrap();
    let script = check_str(&text).script.unwrap();
    let planned = plan(&script, &PlanOptions::default()).unwrap();
    let schedule = Schedule::planned(planned.classes.iter().map(ClassPlan::release).collect());
    let outcome = simulate(&script, &schedule, &Variation::NONE, 0, Record::Summary).unwrap();
    (planned, outcome)
}

#[test]
fn the_simulator_agrees_with_the_plan_on_b1_and_b2() {
    for file in ["drills/b1.toml", "drills/b2.toml"] {
        let (planned, outcome) = plan_and_play(file);
        let predicted = planned.predicted_end_s;
        let simulated = outcome.end.0;
        let gap = (simulated - predicted).abs() / predicted;
        println!(
            "{file}: planned {predicted:.1} s, simulated {simulated:.1} s, gap {:.1} %",
            gap * 100.0
        );
        assert!(
            gap <= 0.05,
            "{file}: planned {predicted:.1} s, simulated {simulated:.1} s, gap {:.1} %",
            gap * 100.0
        );
    }
}

/// Class by class on B1, tighter than the end: the end could agree while the
/// classes do not (one class early making up for another late). B1's plan
/// holds no queue, so each class's out time is free-flow arithmetic that the
/// simulator must reproduce up to its time step; 2 % leaves room for that and
/// still catches the 4–5 % a class lost when the simulator carried a delay
/// at the head of a stream to its tail.
#[test]
fn every_class_of_b1_is_out_when_the_plan_says() {
    let (planned, outcome) = plan_and_play("drills/b1.toml");
    for c in &planned.classes {
        let simulated = outcome
            .classes
            .iter()
            .find(|o| o.class == c.id)
            .unwrap()
            .out
            .0;
        let gap = (simulated - c.predicted_out_s).abs() / c.predicted_out_s;
        assert!(
            gap <= 0.02,
            "{}: planned out {:.1} s, simulated {simulated:.1} s",
            c.id,
            c.predicted_out_s
        );
    }
}

/// The figures for every shipped drill, printed (`--nocapture`): the plan's
/// end, the simulator's without variation, and the unmanaged alarm's. Only
/// B1 and B2 are held to agreement above; the drills with exit-floor classes
/// and gates wait for the planner's door and foot nodes.
#[test]
fn the_simulator_agrees_with_the_plan_within_two_percent_on_every_shipped_drill() {
    use evacdrill_core::sim::all_at_once;
    for file in [
        "drills/b1.toml",
        "drills/b2.toml",
        "drills/demo.toml",
        "drills/secondary-school.toml",
    ] {
        let (planned, outcome) = plan_and_play(file);
        let text = std::fs::read_to_string(file).unwrap();
        let script = check_str(&text).script.unwrap();
        let alarm = simulate(
            &script,
            &all_at_once(&script, &[]).unwrap(),
            &Variation::NONE,
            0,
            Record::Summary,
        )
        .unwrap();
        let peak = |o: &Outcome| {
            o.stairwells
                .iter()
                .map(|s| s.peak_density.0)
                .fold(0.0, f64::max)
        };
        let queue = |o: &Outcome| o.stairwells.iter().map(|s| s.peak_queue).sum::<f64>();
        println!(
            "{file}: plan {:.1} s, simulated {:.1} s ({:+.1} %), peak {:.2} p/m², queue {:.0}; \
             all at once {:.1} s, peak {:.2} p/m², queue {:.0}",
            planned.predicted_end_s,
            outcome.end.0,
            (outcome.end.0 / planned.predicted_end_s - 1.0) * 100.0,
            peak(&outcome),
            queue(&outcome),
            alarm.end.0,
            peak(&alarm),
            queue(&alarm),
        );
        // Issue 12: plan = simulation with variation off, within 2 % of the
        // end, on every shipped drill (the demo with its clear gate and
        // exit-floor classes, the secondary school with waves).
        let gap = (outcome.end.0 - planned.predicted_end_s).abs() / planned.predicted_end_s;
        assert!(
            gap <= 0.02,
            "{file}: planned {:.1} s, simulated {:.1} s",
            planned.predicted_end_s,
            outcome.end.0
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

    /// Issue 12: plan = simulation within 2 % on generated buildings with
    /// mixed gates and classes on the exit floor (which reach the exit
    /// door without touching the stair).
    #[test]
    fn the_simulator_agrees_with_the_plan_on_generated_buildings(
        seed in proptest::prelude::any::<u64>(),
        ground in proptest::prelude::any::<u64>(),
        gates in proptest::prelude::any::<u8>(),
    ) {
        let mut script = evacdrill_testkit::random_building(seed);
        let exit_floor = script.building.exit_floor;
        let n = script.classes.len();
        for (i, class) in script.classes.iter_mut().enumerate() {
            if (ground >> (i % 64)) & 1 == 1 && i + 1 < n {
                class.floor = exit_floor;
            }
        }
        for (i, s) in script.stairwells.iter_mut().enumerate() {
            if (gates >> (i % 8)) & 1 == 1 {
                s.gate = evacdrill_core::script::Gate::Clear;
            }
        }
        let Ok(planned) = plan(&script, &PlanOptions::default()) else {
            return Ok(());
        };
        let schedule = Schedule::planned(planned.classes.iter().map(ClassPlan::release).collect());
        let outcome = simulate(&script, &schedule, &Variation::NONE, 0, Record::Summary).unwrap();
        let gap = (outcome.end.0 - planned.predicted_end_s).abs() / planned.predicted_end_s;
        proptest::prop_assert!(
            gap <= 0.02,
            "planned {:.1} s, simulated {:.1} s ({:.1} %)",
            planned.predicted_end_s,
            outcome.end.0,
            gap * 100.0
        );
    }
}

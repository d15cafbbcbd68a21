//! Conservation: nobody appears or disappears, in any building, under any
//! schedule, however the engine is advanced, held or hurried.

use proptest::prelude::*;

use super::super::*;
use super::{Room, Stair, building};
use crate::script::Policy;
use crate::time::DrillTime;
use crate::units::{PersonsPerSecond, Seconds};

/// Stairwells as (width, exit width); classes as (grade, floor, head count,
/// stairwell, corridor, door rate).
type Scenario = (Vec<(f64, f64)>, Vec<(u8, i32, u32, usize, f64, f64)>);

fn scenario() -> impl Strategy<Value = Scenario> {
    let stairs = prop::collection::vec((1.0..2.4_f64, 0.8..2.4_f64), 1..4);
    let rooms = prop::collection::vec(
        (
            1_u8..=8,
            1_i32..=6,
            1_u32..=80,
            0_usize..3,
            0.0..40.0_f64,
            0.2..3.0_f64,
        ),
        1..10,
    );
    (stairs, rooms)
}

const IDS: [&str; 3] = ["A", "B", "C"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn nobody_appears_or_disappears(
        (stairs, rooms) in scenario(),
        rule in 0_u8..4,
        steps in prop::collection::vec((0.1..40.0_f64, 0_u8..6, 0_usize..10), 1..30),
        seed in any::<u64>(),
    ) {
        let stairs: Vec<Stair> = stairs
            .iter()
            .enumerate()
            .map(|(i, &(w, e))| {
                let mut s = Stair::new(IDS[i], (w * 10.0).round() / 10.0);
                s.exit_width = (e * 10.0).round() / 10.0;
                s.gate = if i == 1 { "clear" } else { "time" };
                s
            })
            .collect();
        let rooms: Vec<Room> = rooms
            .iter()
            .enumerate()
            .map(|(i, &(g, f, n, s, corridor, rate))| {
                let mut r = Room::new(&format!("c{i}"), g, f, n, IDS[s % stairs.len()]);
                r.corridor = (corridor * 2.0).round() / 2.0;
                r.door_rate = Some((rate * 100.0).round() / 100.0);
                r
            })
            .collect();
        let script = building(&stairs, &rooms);
        let total = f64::from(script.people());
        let schedule = match rule {
            0 => all_at_once(&script, &[]).unwrap(),
            1 => sequential_by_grade(&script, &[]).unwrap(),
            2 => one_at_a_time(&script, Policy::GradeDescending, &[]).unwrap(),
            _ => {
                let mut s = all_at_once(&script, &[]).unwrap();
                for (k, r) in s.releases.iter_mut().enumerate() {
                    r.at = DrillTime(7_000 * k as u64);
                    r.pace = Some(PersonsPerSecond(0.3 + 0.1 * k as f64));
                }
                s
            }
        };
        let mut engine = Engine::new(&script, &schedule, &Variation::realistic(), seed).unwrap();
        let mut t = 0.0;
        let mut outs = 0;
        let a = StairwellId("A".into());
        for (dt, action, k) in steps {
            // The dashboard's hooks, at random moments.
            match action {
                0 => engine.hold(&a).unwrap(),
                1 => engine.resume(&a).unwrap(),
                2 => {
                    let class = &script.classes[k % script.classes.len()].id;
                    engine.release_now(class).unwrap();
                }
                _ => {}
            }
            t += dt;
            outs += engine
                .advance_to(Seconds(t))
                .iter()
                .filter(|f| matches!(f, Fact::ClassOut { .. }))
                .count();
            let c = engine.census();
            prop_assert!((c.inside_rooms + c.moving + c.out - total).abs() < 1e-6, "{c:?} vs {total}");
            prop_assert!(c.inside_rooms >= -1e-9 && c.moving >= -1e-9 && c.out >= -1e-9);
        }
        engine.resume(&a).unwrap();
        outs += engine
            .advance_to(Seconds(20_000.0))
            .iter()
            .filter(|f| matches!(f, Fact::ClassOut { .. }))
            .count();
        prop_assert!(engine.is_finished());
        prop_assert_eq!(outs, script.classes.len());
        let c = engine.census();
        prop_assert!((c.out - total).abs() < 1e-6);
        prop_assert!(c.moving.abs() < 1e-6 && c.inside_rooms.abs() < 1e-9);
    }
}

//! The baselines are the simulator's, at physical capacities: everyone at
//! the alarm is sooner than the plan and stands queues on the stairs.
//!
//! Relations only (sooner, later, above zero): the nodes of the planner
//! and the simulator are being changed, and the seconds with them.

use super::super::*;
use crate::script::check_str;

fn drill(text: &str) -> Script {
    check_str(text).script.expect("a shipped drill checks")
}

fn shipped() -> [Script; 4] {
    [
        drill(include_str!("../../../../../drills/b1.toml")),
        drill(include_str!("../../../../../drills/b2.toml")),
        drill(include_str!("../../../../../drills/demo.toml")),
        drill(include_str!("../../../../../drills/secondary-school.toml")),
    ]
}

#[test]
fn on_b1_everyone_at_the_alarm_is_sooner_than_the_plan_and_denser_with_a_queue() {
    let p = plan(&shipped()[0].clone(), &PlanOptions::default()).expect("b1 plans");
    let all = &p.baselines.all_at_once;
    let ours = &p.staggering.plan;
    assert!(all.predicted_end_s < p.predicted_end_s);
    assert!(all.peak_density_ppm2 > ours.peak_density_ppm2);
    assert!(all.peak_queue > 0);
    assert!(all.peak_queue > ours.peak_queue);
    // And so the stagger costs time and keeps people off the stairs.
    let s = &p.staggering.all_at_once;
    assert!(s.cost_s > 0.0);
    assert!(s.kept_off > 0);
    assert!(s.peak_density_before_ppm2 > s.peak_density_after_ppm2);
}

#[test]
fn grade_by_grade_is_slower_than_the_plan_on_every_shipped_drill() {
    for script in shipped() {
        let p = plan(&script, &PlanOptions::default()).expect("plans");
        let by_grade = &p.baselines.sequential_by_grade;
        assert!(
            by_grade.predicted_end_s > p.predicted_end_s,
            "{}",
            script.drill.name
        );
        assert!(p.staggering.sequential_by_grade.cost_s < 0.0);
    }
}

#[test]
fn no_baseline_shows_an_empty_stair_where_people_walk() {
    for script in shipped() {
        let p = plan(&script, &PlanOptions::default()).expect("plans");
        let name = &script.drill.name;
        let b = &p.baselines;
        for (what, d) in [
            ("all at once", b.all_at_once.peak_density_ppm2),
            ("grade by grade", b.sequential_by_grade.peak_density_ppm2),
            ("the plan", p.staggering.plan.peak_density_ppm2),
        ] {
            assert!(d > 0.0, "{name}: {what} shows a density of {d}");
        }
    }
}

#[test]
fn the_staggering_figures_are_the_differences_of_the_rows() {
    for script in shipped() {
        let p = plan(&script, &PlanOptions::default()).expect("plans");
        let s = &p.staggering;
        for (c, b) in [
            (&s.all_at_once, &p.baselines.all_at_once),
            (&s.sequential_by_grade, &p.baselines.sequential_by_grade),
        ] {
            assert!((c.cost_s - (p.predicted_end_s - b.predicted_end_s)).abs() < 0.11);
            assert_eq!(
                c.kept_off,
                i64::from(b.peak_queue) - i64::from(s.plan.peak_queue)
            );
            // Copied, not computed: the very same numbers.
            assert_eq!(
                c.peak_density_before_ppm2.to_bits(),
                b.peak_density_ppm2.to_bits()
            );
            assert_eq!(
                c.peak_density_after_ppm2.to_bits(),
                s.plan.peak_density_ppm2.to_bits()
            );
        }
    }
}

#[test]
fn the_unmanaged_crowd_flag_names_the_densest_place_of_all_at_once() {
    let p = plan(&shipped()[0].clone(), &PlanOptions::default()).expect("b1 plans");
    let flag = p.red_flags.iter().find_map(|f| match f {
        RedFlag::UnmanagedCrowding { density_ppm2, .. } => Some(*density_ppm2),
        _ => None,
    });
    let all = p.baselines.all_at_once.peak_density_ppm2;
    if all >= 3.5 {
        assert_eq!(flag, Some(all));
    } else {
        assert_eq!(flag, None);
    }
}

//! Monte Carlo: reproducible, independent of how runs are shared out, and
//! equal to the deterministic run without variation.

use super::super::*;
use super::b1;
use crate::script::Policy;

fn options(runs: u32, seed: u64, variation: Variation) -> MonteCarloOptions {
    MonteCarloOptions {
        runs,
        seed,
        variation,
    }
}

#[test]
fn a_seed_gives_the_same_report() {
    let script = b1();
    let schedule = one_at_a_time(&script, Policy::Auto, &[]).unwrap();
    let a = monte_carlo(&script, &schedule, options(12, 7, Variation::realistic())).unwrap();
    let b = monte_carlo(&script, &schedule, options(12, 7, Variation::realistic())).unwrap();
    assert_eq!(a, b);
    let c = monte_carlo(&script, &schedule, options(12, 8, Variation::realistic())).unwrap();
    assert_ne!(a.end, c.end);
}

#[test]
fn the_report_does_not_depend_on_the_order_runs_come_back_in() {
    let script = b1();
    let schedule = all_at_once(&script, &[]).unwrap();
    let mc = MonteCarlo::new(&script, &schedule, options(10, 3, Variation::realistic())).unwrap();
    let mut runs: Vec<RunSummary> = (0..10).map(|i| mc.run(i).unwrap()).collect();
    let forward = mc.summarize(&runs);
    // As two threads would hand them back: odd indices first, reversed.
    runs.sort_by_key(|r| (r.index % 2 == 0, std::cmp::Reverse(r.index)));
    assert_eq!(mc.summarize(&runs), forward);
    assert_eq!(
        forward,
        monte_carlo(&script, &schedule, options(10, 3, Variation::realistic())).unwrap()
    );
}

#[test]
fn without_variation_every_run_is_the_deterministic_one() {
    let script = b1();
    let schedule = all_at_once(&script, &[]).unwrap();
    let report = monte_carlo(&script, &schedule, options(5, 1, Variation::NONE)).unwrap();
    let once = simulate(&script, &schedule, &Variation::NONE, 0, Record::Summary).unwrap();
    assert!((report.end.p50 - once.end.0).abs() < 1e-9);
    assert!((report.end.p99 - report.end.min).abs() < 1e-9);
    assert!((report.over_max.probability - 1.0).abs() < 1e-12);
    assert!(!report.over_max.places.is_empty());
}

#[test]
fn variation_makes_runs_later_and_spread() {
    let script = b1();
    let schedule = one_at_a_time(&script, Policy::Auto, &[]).unwrap();
    let once = simulate(&script, &schedule, &Variation::NONE, 0, Record::Summary).unwrap();
    let report = monte_carlo(&script, &schedule, options(40, 11, Variation::realistic())).unwrap();
    assert!(report.end.p90 > report.end.p50);
    assert!(report.end.p99 >= report.end.p90);
    // Readiness only ever adds time, and it dominates the speed spread.
    assert!(
        report.end.p50 > once.end.0,
        "{} vs {}",
        report.end.p50,
        once.end.0
    );
    assert_eq!(report.stairwells.len(), 2);
    assert!(report.stairwells.iter().all(|s| s.clear.is_some()));
}

#[test]
fn percentiles_use_the_nearest_rank() {
    let v: Vec<f64> = (1..=100).map(f64::from).collect();
    let p = Percentiles::of(&v).unwrap();
    assert_eq!(
        (p.p50, p.p90, p.p99, p.min, p.max),
        (50.0, 90.0, 99.0, 1.0, 100.0)
    );
    assert!((p.mean - 50.5).abs() < 1e-12);
    assert_eq!(Percentiles::of(&[]), None);
    assert!((Percentiles::of(&[3.0]).unwrap().p99 - 3.0).abs() < f64::EPSILON);
}

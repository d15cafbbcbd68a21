//! Unit tests of the planner on the benchmark layouts and small cases.

use super::*;
use crate::script::{Span, Wave, check_str};
use crate::time::DrillTime;
use crate::units::PersonsPerSecond;

fn b1() -> Script {
    check_str(include_str!("../../../../drills/b1.toml"))
        .script
        .expect("b1 checks")
}

fn b2() -> Script {
    check_str(include_str!("../../../../drills/b2.toml"))
        .script
        .expect("b2 checks")
}

/// `script` with its classes in `waves` explicit waves, in script order,
/// none pinned (a private copy of the testkit's: a dev-dependency on it
/// would see another build of this crate's types).
fn with_waves(mut script: Script, waves: usize) -> Script {
    let n = waves.clamp(1, script.classes.len().max(1));
    let per = script.classes.len().div_ceil(n);
    script.waves = script
        .classes
        .chunks(per.max(1))
        .map(|chunk| Wave {
            name: None,
            classes: chunk.iter().map(|c| c.id.clone()).collect(),
            at: None,
            span: Span::default(),
        })
        .collect();
    script
}

#[test]
fn b1_lower_bound_is_exit_saturation_from_the_first_arrival() {
    // Floor-2 near class (grade 1, 8 m of corridor) reaches the exit after
    // 8 + 10.62 / 0.5 s; 210 people at 1.2 p/s; 10 m of exit walk.
    let p = plan(&b1(), &PlanOptions::default()).expect("b1 plans");
    let first = 8.0 + 10.62 / 0.5;
    assert!((p.lower_bound_s - (first + 210.0 / 1.2 + 10.0)).abs() < 0.1);
    assert!(p.physical_lower_bound_s < p.lower_bound_s);
}

#[test]
fn b1_and_b2_meet_the_targets_of_the_issue() {
    for (name, script) in [("b1", b1()), ("b2", b2())] {
        let p = plan(&script, &PlanOptions::default()).expect("plans");
        let simple = simple::predicted_end(&script, &PlanOptions::default())
            .expect("simple plans")
            .0;
        assert!(p.violations.is_empty(), "{name}");
        assert!(p.ratio <= 1.05, "{name}: {} × the bound", p.ratio);
        assert!(p.predicted_end_s <= simple + 1e-9, "{name}");
        // Without the plan, people stand in queues on the stairs.
        assert!(p.staggering.all_at_once.kept_off > 0, "{name}");
        // Simulated at physical capacities, grade by grade is still
        // well behind the plan (b1 2.8 ×, b2 1.3 × its end).
        assert!(
            p.baselines.sequential_by_grade.predicted_end_s / p.predicted_end_s > 1.2,
            "{name}"
        );
    }
    // On b2 the merge rule leaves room: the plan beats the simple planner by 5 %.
    let p = plan(&b2(), &PlanOptions::default()).expect("b2 plans");
    let simple = simple::predicted_end(&b2(), &PlanOptions::default())
        .expect("simple")
        .0;
    assert!(
        p.predicted_end_s <= 0.95 * simple,
        "{} vs {simple}",
        p.predicted_end_s
    );
}

#[test]
fn b2_critical_stairwell_is_the_narrow_one_and_moving_classes_helps() {
    let p = plan(&b2(), &PlanOptions::default()).expect("b2 plans");
    let c = p.critical.expect("a critical stairwell");
    assert_eq!(c.stairwell.0, "D");
    assert_eq!(c.people, 600);
    let a = c.advice.expect("moving classes off D lowers the bound");
    assert!(a.saves_s > 50.0);
    assert!(a.moves.iter().all(|m| m.from.0 == "D"));
    assert!(a.predicted_end_s < p.predicted_end_s);
}

#[test]
fn a_replan_keeps_fixed_classes_and_releases_nobody_before_now() {
    let script = b1();
    let first = plan(&script, &PlanOptions::default()).expect("b1 plans");
    let now = 30.0;
    let fixed: Vec<Release> = first
        .classes
        .iter()
        .filter(|c| c.release_s <= now)
        .map(ClassPlan::release)
        .collect();
    assert!(!fixed.is_empty());
    let opts = PlanOptions {
        blocked: vec![StairwellId("B".into())],
        not_before: Seconds(now),
        fixed: fixed.clone(),
        ..PlanOptions::default()
    };
    let again = plan(&script, &opts).expect("re-plan");
    assert!(again.violations.is_empty());
    for c in &again.classes {
        if let Some(f) = fixed.iter().find(|f| f.class == c.id) {
            assert!(c.fixed);
            assert_eq!(c.stairwell, f.stairwell);
            assert!((c.release_s - f.seconds().0).abs() < 1e-9);
        } else {
            assert!(c.release_s >= now - 1e-9, "{} at {}", c.id, c.release_s);
            assert_eq!(c.stairwell.0, "A", "{} must avoid the blocked B", c.id);
        }
    }
}

#[test]
fn fixed_classes_that_clash_are_reported_not_hidden() {
    let script = b1();
    let fixed = script
        .classes
        .iter()
        .filter(|c| c.stairwell.0 == "A")
        .map(|c| Release {
            class: c.id.clone(),
            stairwell: c.stairwell.clone(),
            at: DrillTime::ZERO,
            pace: None,
        })
        .collect();
    let opts = PlanOptions {
        fixed,
        ..PlanOptions::default()
    };
    let p = plan(&script, &opts).expect("a re-plan around fixed classes");
    assert!(!p.violations.is_empty());
    assert!(p.violations.iter().all(|v| v.stairwell.0 == "A"));
}

#[test]
fn a_pinned_wave_that_fits_goes_at_its_time() {
    let mut script = b1();
    script = with_waves(script, 3);
    script.waves[0].at = Some(Seconds(0.0));
    script.waves[1].at = Some(Seconds(400.0));
    let p = plan(&script, &PlanOptions::default()).expect("plans");
    let second = &script.waves[1].classes;
    assert!(
        p.classes
            .iter()
            .filter(|c| second.contains(&c.id))
            .all(|c| (c.release_s - 400.0).abs() < 1e-9)
    );
    assert_eq!(p.ordering, Ordering::Waves);
}

#[test]
fn a_pinned_wave_too_early_is_refused_with_a_safe_time() {
    let mut script = with_waves(b1(), 3);
    script.waves[0].at = Some(Seconds(0.0));
    script.waves[1].at = Some(Seconds(1.0));
    match plan(&script, &PlanOptions::default()) {
        Err(PlanError::WaveUnsafe {
            wave,
            at,
            earliest,
            gap,
            ..
        }) => {
            assert_eq!(wave, 2);
            assert!((at - 1.0).abs() < 1e-9);
            assert!(earliest > 1.0);
            assert!((gap - earliest).abs() < 1e-9);
            // The suggested time really is safe.
            script.waves[1].at = Some(Seconds(earliest));
            assert!(plan(&script, &PlanOptions::default()).is_ok());
        }
        other => panic!("expected an unsafe wave, got {other:?}"),
    }
}

#[test]
fn unknown_names_in_options_are_errors() {
    let opts = PlanOptions {
        blocked: vec![StairwellId("Z".into())],
        ..PlanOptions::default()
    };
    assert!(matches!(
        plan(&b1(), &opts),
        Err(PlanError::UnknownStairwell { .. })
    ));
    let opts = PlanOptions {
        fixed: vec![Release {
            class: ClassId("nobody".into()),
            stairwell: StairwellId("A".into()),
            at: DrillTime::ZERO,
            pace: None,
        }],
        ..PlanOptions::default()
    };
    assert!(matches!(
        plan(&b1(), &opts),
        Err(PlanError::UnknownClass { .. })
    ));
}

#[test]
fn a_stair_without_width_cannot_be_planned() {
    let mut script = b1();
    script.stairwells[0].width = crate::units::Metres(0.2);
    assert!(matches!(
        plan(&script, &PlanOptions::default()),
        Err(PlanError::ZeroCapacity { .. })
    ));
}

#[test]
fn every_error_has_words_in_both_languages() {
    use crate::i18n::Lang;
    let e = PlanError::NoStairwell {
        class: ClassId("3-2".into()),
        stairwell: StairwellId("A".into()),
        alternate: None,
    };
    for lang in [Lang::En, Lang::ZhCn] {
        assert!(e.message().text(lang).contains("3-2"));
        assert!(e.hint().is_some_and(|h| h.text(lang).contains("3-2")));
    }
}

#[test]
fn baselines_are_ordered_as_the_flow_model_says() {
    let p = plan(&b2(), &PlanOptions::default()).expect("b2 plans");
    let b = &p.baselines;
    // At physical capacities everyone at once is sooner than the safe
    // bound but stands queues; grade by grade is slower than the bound.
    assert!(b.all_at_once.ratio < 1.0);
    assert!(b.all_at_once.peak_queue > 10);
    assert_eq!(b.all_at_once_merge, b.all_at_once);
    assert!(b.sequential_by_grade.ratio > 1.2);
}

#[test]
fn the_schedule_keeps_every_planned_time_and_pace_exactly() {
    for text in [
        include_str!("../../../../drills/b1.toml"),
        include_str!("../../../../drills/b2.toml"),
        include_str!("../../../../drills/demo.toml"),
        include_str!("../../../../drills/secondary-school.toml"),
    ] {
        let script = check_str(text).script.expect("a shipped drill checks");
        let p = plan(&script, &PlanOptions::default()).expect("a shipped drill plans");
        let schedule = p.schedule();
        assert_eq!(schedule.releases.len(), p.classes.len());
        for (c, r) in p.classes.iter().zip(&schedule.releases) {
            assert_eq!((&r.class, &r.stairwell), (&c.id, &c.stairwell));
            assert_eq!(r.seconds().0.to_bits(), c.release_s.to_bits(), "{}", c.id);
            assert_eq!(r.pace, Some(PersonsPerSecond(c.pace_pps)));
        }
    }
}

mod advice;
mod baselines;

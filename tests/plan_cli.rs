//! `evacdrill plan` driven as a user drives it.

use std::process::{Command, Output};

fn evacdrill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evacdrill"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("plan --format json prints JSON")
}

#[test]
fn text_in_english() {
    let o = evacdrill(&["plan", "tests/data/plan-small.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("plan_small_en", stdout(&o));
}

#[test]
fn text_in_chinese() {
    let o = evacdrill(&["plan", "tests/data/plan-small.toml", "--lang", "zh-CN"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("plan_small_zh", stdout(&o));
}

#[test]
fn json_of_b1() {
    let o = evacdrill(&["plan", "drills/b1.toml", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("plan_b1_json", stdout(&o));
}

#[test]
fn json_keeps_the_contract_of_design_md() {
    let v = json(&evacdrill(&["plan", "drills/b2.toml", "--format", "json"]));
    for key in [
        "schema",
        "policy",
        "lower_bound_s",
        "predicted_end_s",
        "violations",
        "stairwells",
        "classes",
        "baselines",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["schema"], 1);
    assert_eq!(v["violations"].as_array().map(Vec::len), Some(0));
    let s = &v["stairwells"][0];
    for key in [
        "id",
        "capacity_pps",
        "people",
        "predicted_clear_s",
        "peak_density_ppm2",
        "peak_queue",
    ] {
        assert!(s.get(key).is_some(), "stairwell misses {key}");
    }
    let c = &v["classes"][0];
    for key in [
        "id",
        "stairwell",
        "release_s",
        "pace_pps",
        "predicted_out_s",
    ] {
        assert!(c.get(key).is_some(), "class misses {key}");
    }
    for b in ["all_at_once", "sequential_by_grade"] {
        for key in ["predicted_end_s", "peak_queue", "peak_density_ppm2"] {
            assert!(
                v["baselines"][b][key].is_number(),
                "baselines.{b} misses {key}"
            );
        }
        for key in [
            "cost_s",
            "kept_off",
            "peak_density_before_ppm2",
            "peak_density_after_ppm2",
        ] {
            assert!(
                v["staggering"][b][key].is_number(),
                "staggering.{b} misses {key}"
            );
        }
    }
    for key in ["predicted_end_s", "peak_queue", "peak_density_ppm2"] {
        assert!(
            v["staggering"]["plan"][key].is_number(),
            "staggering.plan misses {key}"
        );
    }
    assert_eq!(v["classes"].as_array().map(Vec::len), Some(60));
}

#[test]
fn on_b1_everyone_at_the_alarm_is_sooner_than_the_plan_but_packs_the_stairs() {
    let v = json(&evacdrill(&["plan", "drills/b1.toml", "--format", "json"]));
    let all = &v["baselines"]["all_at_once"];
    let ours = &v["staggering"]["plan"];
    let f = |x: &serde_json::Value| x.as_f64().expect("a number");
    assert!(f(&all["predicted_end_s"]) < f(&v["predicted_end_s"]));
    assert!(f(&all["peak_density_ppm2"]) > f(&ours["peak_density_ppm2"]));
    assert!(f(&all["peak_queue"]) > 0.0);
    assert!(f(&v["staggering"]["all_at_once"]["cost_s"]) > 0.0);
    assert!(f(&v["staggering"]["all_at_once"]["kept_off"]) > 0.0);
    assert!(f(&v["staggering"]["sequential_by_grade"]["cost_s"]) < 0.0);
}

#[test]
fn the_staggering_sentence_is_said_in_both_languages() {
    let en = stdout(&evacdrill(&["plan", "drills/b1.toml"]));
    assert!(
        en.contains("Staggering costs +") && en.contains("against everyone at the alarm and keeps"),
        "{en}"
    );
    assert!(
        en.contains("people off the stairs and landings (peak density"),
        "{en}"
    );
    assert!(
        en.contains("Staggering saves") && en.contains("against grade by grade"),
        "{en}"
    );
    let zh = stdout(&evacdrill(&["plan", "drills/b1.toml", "--lang", "zh-CN"]));
    assert!(zh.contains("与全体同时撤离相比，错峰放行多用"), "{zh}");
    assert!(
        zh.contains("使楼梯和平台上少滞留") && zh.contains("最高密度"),
        "{zh}"
    );
    assert!(zh.contains("与按年级依次撤离相比，错峰放行节省"), "{zh}");
}

#[test]
fn no_baseline_row_shows_an_empty_stair() {
    for drill in [
        "drills/b1.toml",
        "drills/demo.toml",
        "tests/data/plan-small.toml",
    ] {
        let text = stdout(&evacdrill(&["plan", drill]));
        let table: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("Without a plan"))
            .skip(3)
            .take(3)
            .collect();
        assert_eq!(table.len(), 3, "{text}");
        for row in table {
            assert!(!row.trim_end().ends_with(" 0.00"), "{drill}: {row}");
        }
    }
}

#[test]
fn the_demo_is_not_advised_a_move_that_ends_later() {
    let v = json(&evacdrill(&[
        "plan",
        "drills/demo.toml",
        "--format",
        "json",
    ]));
    let advice = &v["critical"]["advice"];
    if !advice.is_null() {
        assert!(advice["predicted_end_s"].as_f64() < v["predicted_end_s"].as_f64());
    }
    let text = stdout(&evacdrill(&["plan", "drills/demo.toml"]));
    assert!(!text.contains("would then end at 389"), "{text}");
}

#[test]
fn json_is_the_same_every_time() {
    let a = evacdrill(&["plan", "drills/b2.toml", "--format", "json"]);
    let b = evacdrill(&["plan", "drills/b2.toml", "--format", "json"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn blocked_stairwell_sends_its_classes_to_their_alternates() {
    let v = json(&evacdrill(&[
        "plan",
        "drills/b1.toml",
        "--format",
        "json",
        "--blocked",
        "A",
    ]));
    let classes = v["classes"].as_array().expect("classes");
    assert_eq!(classes.len(), 12);
    assert!(classes.iter().all(|c| c["stairwell"] == "B"));
    assert_eq!(classes.iter().filter(|c| c["alternate"] == true).count(), 6);
    assert_eq!(v["blocked"][0], "A");
    let open = evacdrill(&["plan", "drills/b1.toml", "--format", "json"]);
    assert!(v["predicted_end_s"].as_f64() > json(&open)["predicted_end_s"].as_f64());
}

#[test]
fn a_class_without_alternate_is_named() {
    let o = evacdrill(&["plan", "tests/data/plan-small.toml", "--blocked", "西"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("4-1") && e.contains("西"), "{e}");
    assert!(o.stdout.is_empty());
}

#[test]
fn both_stairwells_blocked_is_an_error() {
    let o = evacdrill(&["plan", "drills/b1.toml", "--blocked", "A", "--blocked", "B"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("both blocked"), "{}", stderr(&o));
}

#[test]
fn unknown_blocked_stairwell_is_a_usage_error() {
    let o = evacdrill(&["plan", "drills/b1.toml", "--blocked", "Z"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`Z`"), "{}", stderr(&o));
    assert!(stderr(&o).contains("A, B"), "{}", stderr(&o));
}

#[test]
fn policy_override_orders_releases() {
    let v = json(&evacdrill(&[
        "plan",
        "drills/b2.toml",
        "--format",
        "json",
        "--policy",
        "grade-descending",
    ]));
    assert_eq!(v["policy"], "grade-descending");
    let classes = v["classes"].as_array().expect("classes");
    for a in classes {
        for b in classes {
            if a["grade"].as_u64() > b["grade"].as_u64() {
                assert!(a["release_s"].as_f64() <= b["release_s"].as_f64());
            }
        }
    }
}

#[test]
fn unknown_policy_is_a_usage_error() {
    let o = evacdrill(&["plan", "drills/b1.toml", "--policy", "fastest"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("floor-ascending"), "{}", stderr(&o));
}

#[test]
fn a_pinned_wave_that_breaks_a_limit_says_where_when_and_what_gap_fixes_it() {
    let o = evacdrill(&["plan", "tests/data/plan-waves.toml"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("wave 2 (\"Floor 3 and 4\")"), "{e}");
    assert!(
        e.contains("stairwell 东") && e.contains("floor-2 landing"),
        "{e}"
    );
    assert!(e.contains("or later") && e.contains("gap of"), "{e}");
}

#[test]
fn a_script_with_errors_is_reported_like_check_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "schema = 1\n[drill]\nname = 3\n").expect("write");
    let o = evacdrill(&["plan", path.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad.toml"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let o = evacdrill(&["plan", "no/such/file.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!stderr(&o).contains("panicked"));
}

/// Issue 12: the risk `plan` reports is what `simulate` finds for that plan
/// with the same seed and number of runs (the plan's control included).
#[test]
fn the_reported_risk_is_reproduced_by_simulate_with_the_same_seed() {
    for file in ["drills/demo.toml", "drills/secondary-school.toml"] {
        let plan = evacdrill(&["plan", file, "--format", "json", "--lang", "en"]);
        assert!(plan.status.success(), "{file}");
        let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
        let risk = &plan["risk"];
        let (seed, runs) = (risk["seed"].to_string(), risk["runs"].to_string());
        let sim = evacdrill(&[
            "simulate", file, "--format", "json", "--lang", "en", "--seed", &seed, "--runs", &runs,
        ]);
        assert!(sim.status.success(), "{file}");
        let sim: serde_json::Value = serde_json::from_slice(&sim.stdout).unwrap();
        assert_eq!(
            sim["monte_carlo"]["over_max"]["probability"], risk["share_over_limit"],
            "{file}"
        );
    }
}

//! `evacdrill simulate`, driven as a user would drive it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn drill(name: &str) -> PathBuf {
    root().join("drills").join(name)
}

fn evacdrill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evacdrill"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn the_text_report_of_b1() {
    let b1 = drill("b1.toml");
    let out = evacdrill(&["simulate", path(&b1), "--runs", "40", "--seed", "7"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().all(|l| unicode_width(l) <= 80), "{text}");
    insta::assert_snapshot!("b1_text", text);
    // Not a terminal: plain progress lines, the last one complete.
    assert!(stderr(&out).contains("simulating: 40/40 runs"));
}

fn unicode_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[test]
fn the_all_at_once_baseline_of_b1_raises_the_red_flag() {
    let b1 = drill("b1.toml");
    let out = evacdrill(&[
        "simulate",
        path(&b1),
        "--runs",
        "20",
        "--plan",
        "all-at-once",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Plan: all at once (baseline)"), "{text}");
    assert!(
        text.contains("Density above 3.5 p/m² (adult-equiv.): "),
        "{text}"
    );
    assert!(
        !text.contains("3.5 p/m² (adult-equivalent): in none"),
        "{text}"
    );
    assert!(text.contains('█'), "the chart shows the red band: {text}");
}

#[test]
fn json_is_complete_and_does_not_depend_on_the_number_of_threads() {
    let b2 = drill("b2.toml");
    let run = |threads: &str| {
        let out = evacdrill(&[
            "simulate",
            path(&b2),
            "--runs",
            "24",
            "--seed",
            "5",
            "--format",
            "json",
            "--threads",
            threads,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let one = run("1");
    assert_eq!(one, run("3"));
    let doc: serde_json::Value = serde_json::from_str(&one).expect("valid JSON");
    assert_eq!(doc["schema"], 1);
    assert_eq!(doc["plan"], "auto");
    assert_eq!(doc["monte_carlo"]["runs"], 24);
    assert_eq!(doc["monte_carlo"]["seed"], 5);
    let end = doc["deterministic"]["end"].as_f64().expect("end");
    let p50 = doc["monte_carlo"]["end"]["p50"].as_f64().expect("p50");
    let p99 = doc["monte_carlo"]["end"]["p99"].as_f64().expect("p99");
    assert!(end > 0.0 && p50 <= p99);
    assert_eq!(
        doc["deterministic"]["classes"].as_array().map(Vec::len),
        Some(60)
    );
    assert_eq!(
        doc["monte_carlo"]["stairwells"].as_array().map(Vec::len),
        Some(4)
    );
    for key in ["over_max", "over_red"] {
        let p = doc["monte_carlo"][key]["probability"]
            .as_f64()
            .expect("probability");
        assert!((0.0..=1.0).contains(&p));
    }
    assert!(doc["critical_stairwell"].is_string());
}

#[test]
fn a_different_seed_gives_a_different_spread() {
    let b1 = drill("b1.toml");
    let p90 = |seed: &str| {
        let out = evacdrill(&[
            "simulate",
            path(&b1),
            "--runs",
            "20",
            "--seed",
            seed,
            "--format",
            "json",
        ]);
        let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
        doc["monte_carlo"]["end"]["p90"].as_f64().expect("p90")
    };
    assert!((p90("1") - p90("2")).abs() > 1e-9);
}

#[test]
fn blocked_stairwells_use_alternates_or_name_the_class_without_one() {
    let b1 = drill("b1.toml");
    let out = evacdrill(&[
        "simulate",
        path(&b1),
        "--runs",
        "5",
        "--blocked",
        "A",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(doc["blocked"][0], "A");
    assert_eq!(doc["deterministic"]["stairwells"][1]["people"], 420);

    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("one.toml");
    std::fs::write(
        &script,
        "schema = 1\n[drill]\nname = \"t\"\n[building]\nname = \"b\"\n\
         [[stairwell]]\nid = \"A\"\nwidth_m = 1.5\nmarshal = \"m\"\n\
         [[stairwell]]\nid = \"B\"\nwidth_m = 1.5\nmarshal = \"m\"\n\
         [[class]]\nid = \"3-2\"\ngrade = 3\nfloor = 2\nheadcount = 30\nstairwell = \"A\"\nteacher = \"t\"\n",
    )
    .expect("write");
    let out = evacdrill(&["simulate", path(&script), "--runs", "5", "--blocked", "A"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("class 3-2 has no way out"),
        "{}",
        stderr(&out)
    );

    let out = evacdrill(&["simulate", path(&script), "--runs", "5", "--blocked", "Q"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("there is no stairwell `Q`"));
}

#[test]
fn an_invalid_script_is_reported_with_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("bad.toml");
    std::fs::write(&script, "schema = 1\n[drill]\nname = 3\n").expect("write");
    let out = evacdrill(&["simulate", path(&script)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.toml"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn svg_charts_every_stairwell_and_chinese_reads_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg = dir.path().join("b2.svg");
    let b2 = drill("b2.toml");
    let out = evacdrill(&[
        "--lang",
        "zh-CN",
        "simulate",
        path(&b2),
        "--runs",
        "8",
        "--plan",
        "sequential-by-grade",
        "--svg",
        path(&svg),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("按年级依次放行"), "{text}");
    assert!(text.contains("关键楼梯"), "{text}");
    let chart = std::fs::read_to_string(&svg).expect("svg written");
    assert!(chart.starts_with("<svg"));
    assert!(chart.trim_end().ends_with("</svg>"));
    for id in ["A", "B", "C", "D"] {
        assert!(chart.contains(&format!("楼梯 {id} — ")), "{id}");
    }
    // Written through a temporary file that is gone afterwards.
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(left.len(), 1);
    assert!(stderr(&out).contains("图表已写入"));
}

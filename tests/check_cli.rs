//! `evacdrill check` driven as a user drives it: exit codes, what reaches
//! stdout and stderr, in both languages.

use std::process::{Command, Output};

fn evacdrill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evacdrill"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

#[test]
fn every_shipped_drill_is_valid_and_summarised() {
    for file in [
        "drills/demo.toml",
        "drills/b1.toml",
        "drills/b2.toml",
        "drills/secondary-school.toml",
    ] {
        let out = evacdrill(&["check", file]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(stdout.contains("valid"), "{stdout}");
        assert!(stdout.contains("Total:"), "{stdout}");
    }
}

#[test]
fn the_demo_summary_in_chinese_is_aligned() {
    let out = evacdrill(&["--lang", "zh-CN", "check", "drills/demo.toml"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("demo_summary_zh", text(&out.stdout));
}

#[test]
fn a_broken_script_fails_with_every_problem_located_en() {
    let out = evacdrill(&["check", "tests/fixtures/broken.toml"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("broken_en", text(&out.stderr));
}

#[test]
fn a_broken_script_fails_with_every_problem_located_zh() {
    let out = Command::new(env!("CARGO_BIN_EXE_evacdrill"))
        .args(["check", "tests/fixtures/broken.toml"])
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("broken_zh", text(&out.stderr));
}

#[test]
fn json_diagnostics_carry_file_line_column_severity_code_message_hint() {
    let out = evacdrill(&["check", "--format", "json", "tests/fixtures/broken.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let diags = v.as_array().expect("an array");
    let unknown = diags
        .iter()
        .find(|d| d["code"] == "unknown-key")
        .expect("the typo is reported");
    assert_eq!(unknown["file"], "tests/fixtures/broken.toml");
    assert_eq!(unknown["line"], 21);
    assert_eq!(unknown["column"], 1);
    assert_eq!(unknown["severity"], "error");
    assert!(unknown["message"].as_str().unwrap().contains("headcout"));
    assert!(unknown["hint"].as_str().unwrap().contains("headcount"));
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"stair-too-wide"), "{codes:?}");
    assert!(codes.contains(&"missing-key"), "{codes:?}");
}

#[test]
fn json_of_a_valid_script_is_an_empty_list() {
    let out = evacdrill(&["check", "--format", "json", "drills/b1.toml"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).trim(), "[]");
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let out = evacdrill(&["check", "drills/no-such-drill.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("drills/no-such-drill.toml"), "{err}");
    assert!(err.contains("cannot read the file"), "{err}");
}

#[test]
fn a_folder_is_not_a_script() {
    let out = evacdrill(&["check", "drills"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("folder"));
}

#[test]
fn one_bad_script_among_good_ones_fails_the_run_but_all_are_checked() {
    let out = evacdrill(&[
        "check",
        "drills/b1.toml",
        "tests/fixtures/broken.toml",
        "drills/demo.toml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("b1.toml") && stdout.contains("demo.toml"),
        "{stdout}"
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check"][..],
        &["check", "--format", "xml", "x.toml"],
        &["frobnicate"],
        &["--lang", "fr", "check", "x"],
    ] {
        let out = evacdrill(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn schema_script_is_a_json_schema() {
    let out = evacdrill(&["schema", "script"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "evacdrill drill script");
    assert!(v["properties"]["class"]["items"]["properties"]["headcount"].is_object());
}

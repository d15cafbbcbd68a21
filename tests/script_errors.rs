//! Every error and warning `check` knows, each asserting its code, line and
//! column against a small script built from a valid base.

use evacdrill_core::script::{Checked, LineIndex, Severity, check, check_str};
use rstest::rstest;

/// A small valid script; each case edits one line of it.
const BASE: &str = r#"schema = 1

[drill]
name = "Test drill"
target_s = 600

[building]
name = "Main building"
exit_floor = 1

[[stairwell]]
id = "A"
width_m = 1.5
marshal = "Wang Li"
floors = [2, 3]

[[stairwell]]
id = "B"
width_m = 1.8
marshal = "Li Na"

[[class]]
id = "3-2"
name = "三年级2班"
grade = 3
floor = 2
headcount = 45
stairwell = "A"
alternate = "B"
teacher = "Zhang Min"

[[class]]
id = "4-1"
grade = 4
floor = 3
headcount = 40
stairwell = "B"
teacher = "Chen Jie"
"#;

fn positions(c: &Checked) -> Vec<(&'static str, Severity, usize, usize)> {
    let idx = LineIndex::new(&c.source);
    c.diagnostics
        .iter()
        .map(|d| {
            let (l, col) = d.span.map_or((0, 0), |s| idx.locate(&c.source, s.start));
            (d.code, d.severity, l, col)
        })
        .collect()
}

fn replace(from: &str, to: &str) -> String {
    assert!(
        BASE.contains(from),
        "case edits a line the base lacks: {from}"
    );
    BASE.replacen(from, to, 1)
}

#[test]
fn the_base_script_is_valid_and_silent() {
    let c = check_str(BASE);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let s = c.script.expect("valid");
    assert_eq!(s.people(), 85);
    assert_eq!(s.classes[0].name, "三年级2班");
    assert_eq!(s.classes[1].name, "4-1");
}

#[rstest]
#[case::syntax("name = \"Test drill\"", "name = \"Test drill", "syntax", 4, 19)]
#[case::unknown_key("target_s = 600", "target_s = 600\ncolour = 1", "unknown-key", 6, 1)]
#[case::unknown_table("[building]", "[buildings]\nx = 1\n[building]", "unknown-key", 7, 2)]
#[case::missing_key("grade = 4\n", "", "missing-key", 32, 1)]
#[case::missing_table(
    "[building]\nname = \"Main building\"\nexit_floor = 1\n",
    "",
    "missing-table",
    1,
    1
)]
#[case::wrong_type("headcount = 40", "headcount = \"forty\"", "wrong-type", 36, 13)]
#[case::duplicate_stairwell("id = \"B\"", "id = \"A\"", "duplicate-id", 18, 6)]
#[case::duplicate_class("id = \"4-1\"", "id = \"3-2\"", "duplicate-id", 33, 6)]
#[case::unknown_stairwell(
    "stairwell = \"B\"\nteacher = \"Chen",
    "stairwell = \"C\"\nteacher = \"Chen",
    "unknown-stairwell",
    37,
    13
)]
#[case::unknown_alternate("alternate = \"B\"", "alternate = \"Z\"", "unknown-alternate", 29, 13)]
#[case::alternate_is_own("alternate = \"B\"", "alternate = \"A\"", "alternate-is-own", 29, 13)]
#[case::below_exit("floor = 3", "floor = 0", "floor-below-exit", 35, 9)]
#[case::not_served(
    "stairwell = \"A\"\nalternate",
    "stairwell = \"A\"\nalternate",
    "none",
    0,
    0
)]
#[case::floor_not_served(
    "floor = 3\nheadcount = 40\nstairwell = \"B\"",
    "floor = 4\nheadcount = 40\nstairwell = \"A\"",
    "floor-not-served",
    37,
    13
)]
#[case::headcount_zero("headcount = 45", "headcount = 0", "headcount", 27, 13)]
#[case::headcount_big("headcount = 45", "headcount = 201", "headcount", 27, 13)]
#[case::too_narrow("width_m = 1.5", "width_m = 0.3", "stair-too-narrow", 13, 11)]
#[case::too_wide("width_m = 1.5", "width_m = 15", "stair-too-wide", 13, 11)]
#[case::width_nan("width_m = 1.5", "width_m = nan", "out-of-range", 13, 11)]
#[case::width_infinite("width_m = 1.5", "width_m = inf", "out-of-range", 13, 11)]
#[case::distance_nan(
    "width_m = 1.8",
    "width_m = 1.8\nexit_walk_m = -nan",
    "out-of-range",
    20,
    15
)]
#[case::negative_distance(
    "teacher = \"Zhang Min\"",
    "teacher = \"Zhang Min\"\ncorridor_m = -4",
    "out-of-range",
    31,
    14
)]
#[case::absurd_distance(
    "width_m = 1.8",
    "width_m = 1.8\nexit_walk_m = 5000",
    "out-of-range",
    20,
    15
)]
#[case::bad_enum(
    "target_s = 600",
    "target_s = 600\nscenario = \"flood\"",
    "not-one-of",
    6,
    12
)]
#[case::unknown_schema("schema = 1", "schema = 2", "unknown-schema", 1, 10)]
fn each_error_names_its_line_and_column(
    #[case] from: &str,
    #[case] to: &str,
    #[case] code: &str,
    #[case] line: usize,
    #[case] column: usize,
) {
    let c = check_str(&replace(from, to));
    let found = positions(&c);
    if code == "none" {
        assert!(found.is_empty(), "{found:?}");
        return;
    }
    assert!(c.script.is_none(), "an error must withhold the script");
    assert!(
        found.contains(&(code_static(code), Severity::Error, line, column)),
        "expected {code} at {line}:{column}, found {found:?}"
    );
}

fn code_static(code: &str) -> &'static str {
    // Diagnostics carry `&'static str` codes; compare by value.
    Box::leak(code.to_owned().into_boxed_str())
}

#[rstest]
#[case::no_marshal("marshal = \"Li Na\"\n", "", "no-marshal", 17, 1)]
#[case::no_teacher("teacher = \"Chen Jie\"\n", "", "no-teacher", 32, 1)]
#[case::over_target("target_s = 600", "target_s = 30", "stairwell-over-target", 11, 1)]
fn each_warning_names_its_line_and_keeps_the_script(
    #[case] from: &str,
    #[case] to: &str,
    #[case] code: &str,
    #[case] line: usize,
    #[case] column: usize,
) {
    let c = check_str(&replace(from, to));
    assert!(
        c.script.is_some(),
        "warnings keep the script: {:?}",
        c.diagnostics
    );
    assert!(
        positions(&c).contains(&(code_static(code), Severity::Warning, line, column)),
        "{:?}",
        positions(&c)
    );
}

const WAVES: &str = r#"
[[wave]]
name = "first"
classes = ["3-2", "3-2"]
at_s = 30

[[wave]]
classes = ["5-1"]
at_s = 10
"#;

#[test]
fn waves_report_unknown_duplicate_missing_and_backwards() {
    let c = check_str(&format!("{BASE}{WAVES}"));
    let found = positions(&c);
    let codes: Vec<_> = found.iter().map(|f| f.0).collect();
    assert!(
        found.contains(&("wave-duplicate-class", Severity::Error, 42, 19)),
        "{found:?}"
    );
    assert!(
        found.contains(&("wave-unknown-class", Severity::Error, 46, 12)),
        "{found:?}"
    );
    assert!(
        found.contains(&("wave-time-backwards", Severity::Error, 47, 8)),
        "{found:?}"
    );
    assert!(codes.contains(&"waves-incomplete"), "{found:?}");
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let broken = BASE
        .replacen("target_s = 600", "target_s = 600\ncolour = 1", 1)
        .replacen("width_m = 1.5", "width_m = 0.2", 1)
        .replacen("headcount = 40", "headcount = 0", 1)
        .replacen(
            "stairwell = \"B\"\nteacher",
            "stairwell = \"Q\"\nteacher",
            1,
        );
    let c = check_str(&broken);
    let codes: Vec<_> = c.diagnostics.iter().map(|d| d.code).collect();
    for code in [
        "unknown-key",
        "stair-too-narrow",
        "headcount",
        "unknown-stairwell",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn empty_file_and_blank_file_are_errors() {
    for text in ["", "  \n\n# only a comment\n"] {
        let c = check_str(text);
        let found = positions(&c);
        if text.is_empty() {
            assert_eq!(found, vec![("empty-file", Severity::Error, 1, 1)]);
        } else {
            // A comment-only file parses, but lacks everything required.
            assert!(c.script.is_none());
        }
    }
}

#[test]
fn missing_schema_is_an_error() {
    let c = check_str(&BASE.replacen("schema = 1\n", "", 1));
    assert!(c.diagnostics.iter().any(|d| d.code == "missing-key"));
    assert!(c.script.is_none());
}

#[test]
fn non_utf8_bytes_are_located() {
    let mut bytes = BASE.as_bytes().to_vec();
    let at = BASE.find("Main building").unwrap();
    bytes[at] = 0xff;
    let c = check(&bytes);
    let found = positions(&c);
    assert_eq!(found, vec![("not-utf8", Severity::Error, 8, 9)]);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let c = check(format!("\u{feff}{BASE}").as_bytes());
    assert!(c.script.is_some(), "{:?}", c.diagnostics);
}

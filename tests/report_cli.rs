//! `evacdrill report` and `evacdrill review` driven as a user drives them:
//! the committed schema-1 fixture opens, damaged files are named, the
//! journal stands in for a lost session file, the CSV parses back, user
//! text is escaped in HTML, files are written atomically.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_evacdrill");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sessions")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap_or_else(|e| panic!("cannot run evacdrill: {e}"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str()
        .unwrap_or_else(|| panic!("non-UTF-8 path {}", p.display()))
}

/// A sample drill (`evacdrill sample`: the real engine and store) of the demo
/// school, its session file and journal renamed `NAME.session.json` and
/// `NAME.journal.jsonl` in `dir`.
fn sample(dir: &Path, name: &str, variant: u64, start: &str) -> PathBuf {
    let scratch = dir.join(format!("{name}.sample"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("drills/demo.toml");
    let o = run(&[
        "sample",
        path_str(&script),
        "--out",
        path_str(&scratch),
        "--variant",
        &variant.to_string(),
        "--start",
        start,
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let written: Vec<PathBuf> = std::fs::read_dir(&scratch)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert_eq!(
        written.len(),
        2,
        "a journal and a session file: {written:?}"
    );
    for from in written {
        let suffix = if from.to_string_lossy().ends_with(".session.json") {
            "session.json"
        } else {
            "journal.jsonl"
        };
        std::fs::rename(&from, dir.join(format!("{name}.{suffix}")))
            .unwrap_or_else(|e| panic!("rename {}: {e}", from.display()));
    }
    dir.join(format!("{name}.session.json"))
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

#[test]
fn the_committed_schema_1_fixture_opens() {
    let o = run(&[
        "report",
        path_str(&fixture("demo.session.json")),
        "--format",
        "md",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let md = text(&o.stdout);
    assert!(md.contains("# Drill report — 教学楼每月疏散演练"), "{md}");
    assert!(
        md.contains("| **Evacuation time (signal to last class out)** | 5:42 |"),
        "{md}"
    );
    assert!(
        md.contains("| **Number evacuated** | 1027 of 1028 |"),
        "{md}"
    );
    assert!(md.contains("withdrawn"), "{md}");
}

#[test]
fn the_journal_alone_gives_the_same_report() {
    let from_file = run(&[
        "report",
        path_str(&fixture("demo.session.json")),
        "--format",
        "csv",
    ]);
    let from_journal = run(&[
        "report",
        path_str(&fixture("demo.journal.jsonl")),
        "--format",
        "csv",
    ]);
    assert!(
        from_journal.status.success(),
        "{}",
        text(&from_journal.stderr)
    );
    // The same rows but for the session column (the file's name).
    let strip = |o: &Output| {
        text(&o.stdout)
            .lines()
            .map(|l| {
                l.replacen("demo.session.json", "X", 1)
                    .replacen("demo.journal.jsonl", "X", 1)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&from_file), strip(&from_journal));
}

#[test]
fn a_newer_schema_is_a_clear_error_before_anything_else() {
    let dir = tempdir();
    let body = std::fs::read_to_string(fixture("demo.session.json")).unwrap_or_default();
    let newer = dir.path().join("newer.session.json");
    std::fs::write(&newer, body.replacen("\"schema\": 1", "\"schema\": 2", 1)).unwrap_or_default();
    for cmd in ["report", "review"] {
        let mut args = vec![cmd, path_str(&newer)];
        if cmd == "report" {
            args.extend(["--format", "html"]);
        }
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        let err = text(&o.stderr);
        assert!(err.contains("newer.session.json"), "{err}");
        assert!(err.contains("session format 2 is newer"), "{err}");
        assert!(
            o.stdout.is_empty(),
            "nothing on stdout, no terminal mode: {:?}",
            text(&o.stdout)
        );
    }
}

#[test]
fn a_truncated_or_corrupt_file_is_named_and_the_journal_beside_it_is_used() {
    let dir = tempdir();
    let file = sample(dir.path(), "drill", 3, "2026-03-02T10:00:00+08:00");
    let whole = std::fs::read(&file).unwrap_or_default();
    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap_or_default();
    let o = run(&["report", path_str(&file), "--format", "md"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("cut short"), "{err}");
    assert!(err.contains("reviewing the journal"), "{err}");
    assert!(text(&o.stdout).contains("rebuilt from the journal"));

    std::fs::remove_file(dir.path().join("drill.journal.jsonl")).unwrap_or_default();
    let o = run(&[
        "report",
        path_str(&file),
        "--format",
        "md",
        "--lang",
        "zh-CN",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("已被截断"), "{}", text(&o.stderr));

    std::fs::write(&file, b"{\"schema\": 1, \"events\": [1, 2,, 3]}").unwrap_or_default();
    let o = run(&["report", path_str(&file), "--format", "md"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("drill.session.json: damaged at line 1"),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let o = run(&["review", "/nonexistent/x.session.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("/nonexistent/x.session.json: no such file"));
}

/// A tiny RFC 4180 reader: quoted fields, doubled quotes, CRLF rows.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (_, c) => field.push(c),
        }
    }
    assert!(!quoted, "an unterminated quoted field");
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[test]
fn the_csv_parses_back_with_a_row_per_class_and_per_event() {
    let o = run(&[
        "report",
        path_str(&fixture("demo.session.json")),
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    let csv = text(&o.stdout);
    assert!(csv.ends_with("\r\n"));
    let rows = parse_csv(&csv);
    let header = &rows[0];
    assert_eq!(header[0], "record_type");
    assert!(
        rows.iter().all(|r| r.len() == header.len()),
        "every row has every column"
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let classes: Vec<_> = rows.iter().filter(|r| r[0] == "class").collect();
    let events: Vec<_> = rows.iter().filter(|r| r[0] == "event").collect();
    assert_eq!(classes.len(), 24);
    let journal = std::fs::read_to_string(fixture("demo.journal.jsonl")).unwrap_or_default();
    assert_eq!(
        events.len(),
        journal.lines().count() - 1,
        "every event (the journal's header aside)"
    );
    // Text with a comma and quotes survives the round trip.
    let start = events
        .iter()
        .find(|r| r[col("event_type")] == "started")
        .unwrap_or_else(|| panic!("no started row"));
    assert_eq!(start[col("drill_s")], "0.0");
    let short = classes
        .iter()
        .find(|r| r[col("missing")] == "1")
        .unwrap_or_else(|| panic!("no class with a missing pupil"));
    assert_eq!(short[col("text")], "Li Ming");
    let quoted = events
        .iter()
        .find(|r| r[col("text")].contains(','))
        .unwrap_or_else(|| panic!("an event text with a comma"));
    assert!(csv.contains(&format!("\"{}\"", quoted[col("text")].replace('"', "\"\""))));
}

#[test]
fn user_text_is_escaped_in_html_and_nothing_comes_from_elsewhere() {
    let dir = tempdir();
    let script =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("drills/demo.toml"))
            .unwrap_or_default()
            .replacen(
                "name = \"教学楼每月疏散演练\"",
                "name = \"<script>alert('x')</script> & \\\"drill\\\"\"",
                1,
            );
    let script_path = dir.path().join("evil.toml");
    std::fs::write(&script_path, script).unwrap_or_default();
    let out = dir.path().join("evil-sample-20260302-1000.session.json");
    let o = run(&[
        "sample",
        path_str(&script_path),
        "--out",
        path_str(dir.path()),
        "--start",
        "2026-03-02T10:00:00+08:00",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let html_path = dir.path().join("report.html");
    let o = run(&[
        "report",
        path_str(&out),
        "--format",
        "html",
        "-o",
        path_str(&html_path),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let html = std::fs::read_to_string(&html_path).unwrap_or_default();
    assert!(!html.contains("<script"), "no script at all");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;drill&quot;")
    );
    let outside: Vec<&str> = html
        .match_indices("http")
        .map(|(i, _)| &html[i..(i + 40).min(html.len())])
        .filter(|s| !s.starts_with("http://www.w3.org/2000/svg"))
        .collect();
    assert!(outside.is_empty(), "references elsewhere: {outside:?}");
    assert!(!html.contains("@import") && !html.contains("url("));
    assert!(html.contains("@page { size: A4"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        leftovers
            .iter()
            .all(|n: &std::ffi::OsString| !n.to_string_lossy().contains(".tmp-")),
        "{leftovers:?}"
    );
}

#[test]
fn several_sessions_make_a_trend_in_chinese() {
    let dir = tempdir();
    let a = sample(dir.path(), "jan", 1, "2026-01-05T10:00:00+08:00");
    let b = sample(dir.path(), "feb", 6, "2026-02-02T10:00:00+08:00");
    let c = sample(dir.path(), "mar", 11, "2026-03-02T10:00:00+08:00");
    let o = run(&[
        "--lang",
        "zh-CN",
        "report",
        path_str(&c),
        path_str(&a),
        path_str(&b),
        "--format",
        "md",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let md = text(&o.stdout);
    assert!(md.contains("# 历次演练趋势"), "{md}");
    assert!(md.contains("教学楼：共 3 次演练"), "{md}");
    let trend = &md[md.find("# 历次演练趋势").unwrap_or(0)..];
    let jan = trend.find("| jan.session.json").unwrap_or(usize::MAX);
    let mar = trend.find("| mar.session.json").unwrap_or(0);
    assert!(jan < mar, "drills in the order they were held");
    assert!(md.contains("## 问题与整改措施"));
    assert!(!md.contains("Drill record"), "no English labels");
}

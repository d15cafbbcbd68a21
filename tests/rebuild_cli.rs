//! `evacdrill rebuild JOURNAL` driven as a coordinator drives it after the
//! laptop died: an ended drill's journal gives back the session file the
//! drill wrote; an unfinished, damaged or foreign journal, or a session file
//! already there, is refused with what to do, and nothing is written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use evacdrill_testkit::headless::{Headless, Options, start_command};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_evacdrill");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
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

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

/// The names in `dir`.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// An ended drill of the demo school (`evacdrill sample`) in `dir`: its
/// journal and session file.
fn ended_drill(dir: &Path) -> (PathBuf, PathBuf) {
    let o = run(&[
        "sample",
        path_str(&root().join("drills/demo.toml")),
        "--out",
        path_str(dir),
        "--start",
        "2026-03-02T10:00:00+08:00",
        "--variant",
        "4",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    (
        dir.join("demo-sample-20260302-1000.journal.jsonl"),
        dir.join("demo-sample-20260302-1000.session.json"),
    )
}

#[test]
fn an_ended_drills_journal_gives_back_its_session_file_byte_for_byte() {
    let dir = tempdir();
    let (journal, session) = ended_drill(dir.path());
    let written = read(&session);
    std::fs::remove_file(&session).unwrap_or_else(|e| panic!("{e}"));

    let o = run(&["rebuild", path_str(&journal)]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("Session file written"), "{err}");
    assert!(
        err.contains("demo-sample-20260302-1000.session.json"),
        "{err}"
    );
    assert_eq!(read(&session), written, "the same file the drill wrote");
    assert!(
        names(dir.path()).iter().all(|n| !n.contains(".tmp-")),
        "no temporary file is left: {:?}",
        names(dir.path())
    );

    // It opens in the review's loader and in the report.
    let o = run(&["report", path_str(&session), "--format", "md"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let md = text(&o.stdout);
    assert!(md.contains("# Drill report — 教学楼每月疏散演练"), "{md}");
    assert!(
        !md.contains("rebuilt from the journal"),
        "read as a session file"
    );
    let mut loader = evacdrill::store::review_source::Loader::default();
    let opened = loader
        .load(&session)
        .unwrap_or_else(|e| panic!("{}", e.text(evacdrill_core::i18n::Lang::En)));
    assert!(!opened.from_journal);
}

#[test]
fn a_live_drill_rebuilds_to_the_session_file_the_drill_wrote() {
    let dir = tempdir();
    let mut h = Headless::start(
        &root().join("drills/demo.toml"),
        dir.path(),
        Options::default(),
    );
    let answer = h.command(&start_command());
    assert!(answer["applied"].is_u64(), "{answer}");
    let problem = json!({"input": {"type": "problem",
        "category": "lighting", "place": {"floor": 3}, "text": "dark landing"}});
    let answer = h.command(&problem);
    assert!(answer["applied"].is_u64(), "{answer}");
    let answer = h.command(&json!({"input": {"type": "end_early", "reason": "test over"}}));
    assert!(answer["applied"].is_u64(), "{answer}");
    let journal = h.journal.clone();
    let last = h.stop();
    let session = PathBuf::from(last["session"].as_str().unwrap_or_default());
    let as_written: Value = serde_json::from_slice(&read(&session)).unwrap_or_default();
    assert_eq!(
        as_written["events"]
            .as_array()
            .and_then(|e| e.last())
            .map(|r| r["event"]["type"].clone()),
        Some(json!("ended")),
        "{as_written}"
    );
    let out = dir.path().join("rebuilt.session.json");
    let o = run(&["rebuild", path_str(&journal), "-o", path_str(&out)]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let rebuilt: Value = serde_json::from_slice(&read(&out)).unwrap_or_default();
    assert_eq!(rebuilt, as_written);
}

#[test]
fn an_unfinished_drill_is_resumed_not_rebuilt_and_nothing_is_written() {
    let dir = tempdir();
    let journal = dir.path().join("torn-last.journal.jsonl");
    std::fs::copy(
        root().join("tests/fixtures/journal/torn-last.journal.jsonl"),
        &journal,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let before = read(&journal);
    let o = run(&["rebuild", path_str(&journal)]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("has not ended"), "{err}");
    assert!(
        err.contains(&format!(
            "evacdrill run tests/fixtures/two-stairs.toml --resume {}",
            journal.display()
        )),
        "{err}"
    );
    assert!(err.contains("evacdrill review"), "{err}");
    assert_eq!(names(dir.path()), ["torn-last.journal.jsonl"]);
    assert_eq!(read(&journal), before, "the journal is not changed");

    let o = run(&["--lang", "zh-CN", "rebuild", path_str(&journal)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("尚未结束"), "{}", text(&o.stderr));
}

#[test]
fn a_session_file_already_there_is_replaced_only_with_force() {
    let dir = tempdir();
    let (journal, session) = ended_drill(dir.path());
    let written = read(&session);
    std::fs::write(&session, b"{\"schema\": 1, \"half\"").unwrap_or_else(|e| panic!("{e}"));

    let o = run(&["rebuild", path_str(&journal)]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("already there"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(read(&session), b"{\"schema\": 1, \"half\"", "left alone");

    let o = run(&["rebuild", path_str(&journal), "--force"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(read(&session), written);
}

#[test]
fn a_torn_last_line_after_the_end_is_left_out_and_recorded() {
    let dir = tempdir();
    let (journal, session) = ended_drill(dir.path());
    let written: Value = serde_json::from_slice(&read(&session)).unwrap_or_default();
    std::fs::remove_file(&session).unwrap_or_else(|e| panic!("{e}"));
    let mut bytes = read(&journal);
    let whole = bytes.len();
    bytes.extend_from_slice(b"{\"seq\":999,\"drill_ms\":1,\"wa");
    std::fs::write(&journal, &bytes).unwrap_or_else(|e| panic!("{e}"));

    let o = run(&["rebuild", path_str(&journal)]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("damaged last line"),
        "{}",
        text(&o.stderr)
    );
    let rebuilt: Value = serde_json::from_slice(&read(&session)).unwrap_or_default();
    assert_eq!(rebuilt["events"], written["events"]);
    assert_eq!(rebuilt["journal"]["cuts"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        read(&journal).len(),
        whole + 27,
        "the journal is not changed"
    );
}

#[test]
fn a_damaged_foreign_or_missing_journal_is_a_clear_error() {
    let dir = tempdir();
    let corrupt = dir.path().join("corrupt.journal.jsonl");
    std::fs::copy(
        root().join("tests/fixtures/journal/corrupt-middle.journal.jsonl"),
        &corrupt,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["rebuild", path_str(&corrupt)]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("corrupt.journal.jsonl: line 3 is damaged"),
        "{err}"
    );
    assert!(err.contains("checksum"), "{err}");

    let session = root().join("tests/fixtures/sessions/demo.session.json");
    let o = run(&[
        "rebuild",
        path_str(&session),
        "-o",
        path_str(&dir.path().join("x.json")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("not an evacdrill journal"),
        "{}",
        text(&o.stderr)
    );

    let o = run(&["rebuild", "/nonexistent/d.journal.jsonl"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("/nonexistent/d.journal.jsonl: no such file"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        names(dir.path()),
        ["corrupt.journal.jsonl"],
        "nothing written"
    );
}

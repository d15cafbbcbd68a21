//! `evacdrill sample SCRIPT` driven as someone trying evacdrill cold: the
//! samples open in the review's loader and the report at once, are marked
//! as rehearsals, are reproducible with `--start`, and are never written
//! over a file already there; a bad script is named at its line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

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

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

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

fn demo() -> PathBuf {
    root().join("drills/demo.toml")
}

/// `evacdrill sample drills/demo.toml --out DIR --drills N --start 2026-01-05T10:00:00+08:00`.
fn sample(dir: &Path, drills: u32, extra: &[&str]) -> Output {
    let drills = drills.to_string();
    let script = demo();
    let mut args = vec![
        "sample",
        path_str(&script),
        "--out",
        path_str(dir),
        "--drills",
        &drills,
        "--start",
        "2026-01-05T10:00:00+08:00",
    ];
    args.extend(extra);
    run(&args)
}

const DAYS: [&str; 3] = ["20260105", "20260112", "20260119"];

#[test]
fn three_samples_open_in_review_and_report_at_once_marked_as_rehearsals() {
    let dir = tempdir();
    let out = dir.path().join("samples");
    let o = sample(&out, 3, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let expected: Vec<String> = DAYS
        .iter()
        .flat_map(|d| {
            [
                format!("demo-sample-{d}-1000.journal.jsonl"),
                format!("demo-sample-{d}-1000.session.json"),
            ]
        })
        .collect();
    assert_eq!(names(&out), expected, "a week apart, the folder created");
    let err = text(&o.stderr);
    assert!(
        err.contains("not records of drills that took place"),
        "{err}"
    );
    assert!(err.contains("evacdrill review"), "{err}");

    let sessions: Vec<PathBuf> = DAYS
        .iter()
        .map(|d| out.join(format!("demo-sample-{d}-1000.session.json")))
        .collect();
    let mut loader = evacdrill::store::review_source::Loader::default();
    for path in &sessions {
        let opened = loader
            .load(path)
            .unwrap_or_else(|e| panic!("{}", e.text(evacdrill_core::i18n::Lang::En)));
        assert!(opened.session.ending().is_some(), "every sample ended");
        let file: Value =
            serde_json::from_slice(&std::fs::read(path).unwrap_or_default()).unwrap_or_default();
        assert_eq!(file["record"]["kind"], "rehearsal", "{}", path.display());
    }

    let mut args = vec!["report"];
    args.extend(sessions.iter().map(|p| path_str(p)));
    args.extend(["--format", "md"]);
    let o = run(&args);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let md = text(&o.stdout);
    assert!(md.contains("rehearsal (simulated)"), "{md}");
    assert!(md.contains("教学楼: 3 drill(s)"), "{md}");
}

#[test]
fn a_fixed_start_makes_the_files_reproducible() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        let o = sample(out, 2, &["--variant", "7"]);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    assert_eq!(names(&a), names(&b));
    for name in names(&a) {
        assert_eq!(
            std::fs::read(a.join(&name)).unwrap_or_default(),
            std::fs::read(b.join(&name)).unwrap_or_default(),
            "{name}"
        );
    }
}

#[test]
fn nothing_is_written_over_a_file_already_there_without_force() {
    let dir = tempdir();
    let o = sample(dir.path(), 2, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let second = dir.path().join("demo-sample-20260112-1000.session.json");
    std::fs::write(&second, b"mine").unwrap_or_else(|e| panic!("{e}"));
    let first_journal = dir.path().join("demo-sample-20260105-1000.journal.jsonl");
    std::fs::remove_file(&first_journal).unwrap_or_else(|e| panic!("{e}"));

    let o = sample(dir.path(), 2, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("already there"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert!(
        !first_journal.exists(),
        "checked before the first file is written"
    );
    assert_eq!(std::fs::read(&second).unwrap_or_default(), b"mine");

    let script = demo();
    let o = run(&[
        "--lang",
        "zh-CN",
        "sample",
        path_str(&script),
        "--out",
        path_str(dir.path()),
        "--drills",
        "2",
        "--start",
        "2026-01-05T10:00:00+08:00",
        "--force",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("已写入"), "{}", text(&o.stderr));
    assert!(first_journal.exists());
    let file: Value =
        serde_json::from_slice(&std::fs::read(&second).unwrap_or_default()).unwrap_or_default();
    assert_eq!(file["schema"], 1);
}

#[test]
fn a_bad_script_is_named_at_its_line_and_nothing_is_written() {
    let dir = tempdir();
    let out = dir.path().join("samples");
    let o = run(&[
        "sample",
        path_str(&root().join("tests/fixtures/broken.toml")),
        "--out",
        path_str(&out),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("broken.toml:13:"), "file:line:column: {err}");
    assert!(err.contains("no sample was written"), "{err}");
    assert!(!out.exists());

    let o = run(&[
        "sample",
        path_str(&demo()),
        "--out",
        path_str(&out),
        "--start",
        "10am",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--start `10am`"),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists());
}

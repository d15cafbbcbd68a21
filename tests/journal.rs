//! The journal as a user's disk sees it: killed mid-write, torn, corrupt,
//! full. Drives the real binary through its hidden `debug` commands.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_evacdrill");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn evacdrill(args: &[&str]) -> Output {
    match Command::new(BIN).args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("cannot run {BIN}: {e}"),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn acks(stdout: &str) -> Vec<u64> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("ack "))
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// `journal-check`: reopens the journal (cutting a damaged last line) and
/// replays it; returns its JSON report.
fn check(journal: &Path) -> serde_json::Value {
    let out = evacdrill(&["debug", "journal-check", &journal.to_string_lossy()]);
    assert!(
        out.status.success(),
        "journal does not reopen: {}",
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_default()
}

/// A small deterministic generator (64-bit LCG, Knuth's constants), so that
/// a failing run can be repeated exactly.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn killed_at_random_moments_no_acknowledged_event_is_lost() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let journal = dir.path().join("drill.journal.jsonl");
    let journal_arg = journal.to_string_lossy().into_owned();
    let script = fixture("two-stairs.toml");
    let script_arg = script.to_string_lossy().into_owned();
    let mut rng = Lcg(0x5eed_2026);
    let mut acknowledged = 0u64;
    let mut kills = 0;
    for round in 0..200 {
        let child = Command::new(BIN)
            .args(["debug", "journal-append", "--journal", &journal_arg])
            .args(["--script", &script_arg, "--count", "100000"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        let mut child = child.unwrap_or_else(|e| panic!("spawn: {e}"));
        std::thread::sleep(Duration::from_millis(rng.below(25)));
        // SIGKILL: no destructor, no flush, no chance to finish the line.
        let _ = child.kill();
        let _ = child.wait();
        kills += 1;
        let mut stdout = String::new();
        if let Some(mut pipe) = child.stdout.take() {
            let _ = pipe.read_to_string(&mut stdout);
        }
        let acks = acks(&stdout);
        assert!(
            acks.windows(2).all(|w| w[1] == w[0] + 1),
            "round {round}: acks out of order: {acks:?}"
        );
        acknowledged = acknowledged.max(acks.last().copied().unwrap_or(0));
        if !journal.exists() {
            assert_eq!(acknowledged, 0, "round {round}: the journal vanished");
            continue;
        }
        let report = check(&journal);
        let last = report["last_seq"].as_u64().unwrap_or(0);
        assert!(
            last >= acknowledged,
            "round {round}: seq {acknowledged} was acknowledged, the journal ends at {last}"
        );
    }
    assert_eq!(kills, 200);
    assert!(acknowledged > 0, "no event was ever acknowledged");
}

fn copy_fixture(name: &str, dir: &Path) -> PathBuf {
    let to = dir.join(name);
    if let Err(e) = std::fs::copy(fixture(&format!("journal/{name}")), &to) {
        panic!("copy {name}: {e}");
    }
    to
}

#[test]
fn a_torn_last_line_is_reported_and_cut_off_and_the_rest_kept() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let journal = copy_fixture("torn-last.journal.jsonl", dir.path());
    let report = check(&journal);
    assert_eq!(report["records"], 4);
    assert_eq!(report["last_seq"], 4);
    assert_eq!(report["cut"]["line"], 6);
    assert_eq!(report["unfinished"], true);
    assert!(
        report["cut"]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("torn")),
        "{report}"
    );
    let bytes = std::fs::read(&journal).unwrap_or_default();
    assert_eq!(bytes.last(), Some(&b'\n'));
    // Cut once: the second opening finds nothing to cut.
    assert!(check(&journal)["cut"].is_null());
    // And the drill goes on from seq 5.
    let out = evacdrill(&[
        "debug",
        "journal-append",
        "--journal",
        &journal.to_string_lossy(),
        "--count",
        "2",
    ]);
    assert_eq!(acks(&text(&out.stdout)), [6, 7], "{}", text(&out.stderr));
}

#[test]
fn a_corrupt_middle_line_is_an_error_naming_the_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let journal = copy_fixture("corrupt-middle.journal.jsonl", dir.path());
    let before = std::fs::read(&journal).unwrap_or_default();
    let out = evacdrill(&["debug", "journal-check", &journal.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("checksum"), "{err}");
    assert_eq!(std::fs::read(&journal).unwrap_or_default(), before);
}

#[test]
fn a_full_disk_is_reported_at_once_and_the_events_are_kept() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let journal = dir.path().join("full.journal.jsonl");
    // A file-size limit of 4 KiB: writes past it fail with EFBIG, as on a
    // full disk. SIGXFSZ is ignored so that the write returns the error.
    let cmd = format!(
        "trap '' XFSZ; ulimit -f 4; exec '{BIN}' debug journal-append --journal '{}' --script '{}' --count 60",
        journal.display(),
        fixture("two-stairs.toml").display()
    );
    let out = Command::new("bash")
        .args(["-c", &cmd])
        .output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stdout}\n{stderr}");
    assert!(stderr.contains("journal write failed"), "{stderr}");
    assert!(stderr.contains("kept in memory"), "{stderr}");
    let acked = acks(&stdout);
    let last_acked = acked.last().copied().unwrap_or(0);
    assert!(last_acked > 0 && last_acked < 60, "{stdout}");
    let pending: u64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("pending "))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    // Every event not on disk is still held, none dropped.
    assert_eq!(last_acked + pending, 60, "{stdout}");
    // What reached the disk is whole: no torn line left by the failed writes.
    let report = check(&journal);
    assert_eq!(report["last_seq"].as_u64(), Some(last_acked));
    assert!(report["cut"].is_null(), "{report}");
}

#[test]
fn a_journal_becomes_a_session_file_that_reads_back() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let journal = dir.path().join("d.journal.jsonl");
    let out_file = dir.path().join("d.session.json");
    let out = evacdrill(&[
        "debug",
        "journal-append",
        "--journal",
        &journal.to_string_lossy(),
        "--script",
        &fixture("two-stairs.toml").to_string_lossy(),
        "--count",
        "3",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = evacdrill(&[
        "debug",
        "journal-to-session",
        &journal.to_string_lossy(),
        "--out",
        &out_file.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_file).unwrap_or_default()).unwrap_or_default();
    assert_eq!(file["schema"], 1);
    assert_eq!(file["events"].as_array().map(Vec::len), Some(3));
    assert_eq!(file["events"][0]["event"]["type"], "problem_logged");
    assert_eq!(file["record"]["people_expected"], 132);
    assert_eq!(
        file["record"]["problems_found"].as_array().map(Vec::len),
        Some(3)
    );
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
}

#[test]
fn schema_session_describes_the_session_file() {
    let out = evacdrill(&["schema", "session"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(schema["title"], "evacdrill session file");
    for key in [
        "schema", "script", "schedule", "events", "record", "summary", "journal",
    ] {
        assert!(schema["properties"][key].is_object(), "{key}");
    }
    let text = text(&out.stdout);
    for tag in [
        "class_released",
        "headcount_taken",
        "resumed_after_crash",
        "stairwell_blocked",
    ] {
        assert!(text.contains(tag), "{tag}");
    }
}

#[test]
fn debug_commands_are_hidden_from_help() {
    let out = evacdrill(&["--help"]);
    assert!(!text(&out.stdout).contains("debug"));
}

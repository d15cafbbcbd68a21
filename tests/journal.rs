//! The journal as a user's disk sees it: killed mid-write, torn, corrupt,
//! full. The writer is a real process that can be killed (`SIGKILL`) or hit
//! a file-size limit: this test binary itself, re-run with
//! [`APPEND_JOURNAL`] set so that [`journal_append_child`] appends to a
//! journal through the shell's public API and prints `ack SEQ` once each
//! event is synced.

use evacdrill_testkit::journal_check;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use std::time::Instant;

use evacdrill::drill::{Drill, NewDrill, SystemWall};
use evacdrill::store::{resume, script_file};
use evacdrill_core::session::{
    DrillTime, Input, NoReplanner, Place, ProblemCategory, ProblemReport,
};

const BIN: &str = env!("CARGO_BIN_EXE_evacdrill");

/// Set in the child's environment: the journal to append to.
const APPEND_JOURNAL: &str = "EVACDRILL_TEST_APPEND_JOURNAL";
/// The script, needed when the child creates the journal.
const APPEND_SCRIPT: &str = "EVACDRILL_TEST_APPEND_SCRIPT";
/// How many events the child appends.
const APPEND_COUNT: &str = "EVACDRILL_TEST_APPEND_COUNT";
/// The child's exit status when events are still waiting in memory.
const EXIT_PENDING: i32 = 3;

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

/// Reopens the journal (cutting a damaged last line) and replays it;
/// returns its JSON report.
fn check(journal: &Path) -> serde_json::Value {
    journal_check::check(journal).unwrap_or_else(|e| panic!("journal does not reopen: {e}"))
}

/// This test binary, re-run as the appending child (see [`journal_append_child`]).
fn appender(journal: &Path, script: Option<&Path>, count: u64) -> Command {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("current_exe: {e}"));
    let mut cmd = Command::new(exe);
    cmd.args([
        "--exact",
        "journal_append_child",
        "--nocapture",
        "--test-threads=1",
        "--quiet",
    ])
    .env(APPEND_JOURNAL, journal)
    .env(APPEND_COUNT, count.to_string());
    match script {
        Some(s) => cmd.env(APPEND_SCRIPT, s),
        None => cmd.env_remove(APPEND_SCRIPT),
    };
    cmd
}

/// The child: with [`APPEND_JOURNAL`] set, appends [`APPEND_COUNT`] problem
/// events to that journal (resuming it if it exists, else creating it for
/// [`APPEND_SCRIPT`] with every class at the signal), printing `ack SEQ` as
/// each is synced, then `pending N` and `failures N`; exits 0, or
/// [`EXIT_PENDING`] when events could not be written. Without it, does
/// nothing: it is an ordinary, passing test.
#[test]
fn journal_append_child() {
    let Some(journal) = std::env::var_os(APPEND_JOURNAL) else {
        return;
    };
    let script = std::env::var_os(APPEND_SCRIPT).map(PathBuf::from);
    let count = std::env::var(APPEND_COUNT)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let code = match append(Path::new(&journal), script.as_deref(), count) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    };
    std::process::exit(code);
}

type Failed = Box<dyn std::error::Error>;

/// A new drill of the script at `script`, with every class at the signal,
/// journaled at `journal`.
fn create(journal: &Path, script: &Path) -> Result<Drill, Failed> {
    let checked = script_file::load(script);
    let parsed = checked
        .script
        .ok_or_else(|| format!("{}: the script does not check", script.display()))?;
    let schedule = resume::all_at_signal(&parsed);
    Ok(Drill::create(
        NewDrill {
            journal,
            script_name: &script.display().to_string(),
            script_toml: &checked.source,
            script: parsed,
            schedule,
        },
        Box::new(NoReplanner),
        Box::new(SystemWall),
    )?)
}

fn problem(i: u64) -> Input {
    Input::Problem(ProblemReport {
        category: ProblemCategory::Other,
        place: Place::Unspecified,
        text: format!("test event {i}"),
    })
}

/// Appends `count` problems through the live-drill driver, printing
/// `ack SEQ` for each event once it is on disk.
fn append(path: &Path, script: Option<&Path>, count: u64) -> Result<i32, Failed> {
    let mut drill = if path.exists() {
        let r = Drill::resume(path, Box::new(NoReplanner), Box::new(SystemWall))?;
        eprintln!(
            "resumed {} after {} event(s)",
            r.drill.script_name(),
            r.drill.records().len() - 1
        );
        if let Some(cut) = &r.cut {
            eprintln!("cut damaged line {}: {}", cut.line, cut.reason);
        }
        if let Some(e) = r.drill.trouble() {
            eprintln!("journal write failed: {e}");
        }
        r.drill
    } else {
        let script = script.ok_or("a script is needed to create a journal")?;
        create(path, script)?
    };
    let started = Instant::now();
    let base = drill.session().last_time().ms();
    let clock = || DrillTime(base + u64::try_from(started.elapsed().as_millis()).unwrap_or(0));
    let mut out = std::io::stdout().lock();
    // The test harness may have left its own words on the current line.
    writeln!(out)?;
    for i in 0..count {
        let applied = drill.apply(problem(i), clock())?;
        match drill.trouble() {
            None => {
                for seq in applied.first_seq..applied.first_seq + applied.events.len() as u64 {
                    writeln!(out, "ack {seq}")?;
                }
                out.flush()?;
            }
            Some(e) => eprintln!(
                "journal write failed: {e} ({} events kept in memory)",
                drill.pending()
            ),
        }
    }
    if drill.pending() > 0 {
        drill.retry(clock());
        if let Some(e) = drill.trouble() {
            eprintln!("retry failed: {e}");
        }
    }
    writeln!(out, "pending {}", drill.pending())?;
    writeln!(out, "failures {}", drill.write_failures().len())?;
    out.flush()?;
    Ok(if drill.pending() == 0 {
        0
    } else {
        EXIT_PENDING
    })
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
    let script = fixture("two-stairs.toml");
    let mut rng = Lcg(0x5eed_2026);
    let mut acknowledged = 0u64;
    let mut kills = 0;
    for round in 0..200 {
        let child = appender(&journal, Some(&script), 100_000)
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
    let out = appender(&journal, None, 2)
        .output()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    assert_eq!(acks(&text(&out.stdout)), [6, 7], "{}", text(&out.stderr));
}

#[test]
fn a_corrupt_middle_line_is_an_error_naming_the_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let journal = copy_fixture("corrupt-middle.journal.jsonl", dir.path());
    let before = std::fs::read(&journal).unwrap_or_default();
    let err = journal_check::check(&journal)
        .err()
        .unwrap_or_else(|| panic!("a corrupt middle line reopens"));
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
    let child = appender(&journal, Some(&fixture("two-stairs.toml")), 60);
    let out = Command::new("bash")
        .args(["-c", "trap '' XFSZ; ulimit -f 4; exec \"$@\"", "bash"])
        .arg(child.get_program())
        .args(child.get_args())
        .envs(
            child
                .get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(EXIT_PENDING), "{stdout}\n{stderr}");
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
    let help = text(&out.stdout);
    assert!(!help.contains("debug"), "{help}");
    for command in ["rebuild", "sample"] {
        assert!(help.contains(command), "{command} is documented: {help}");
    }
}

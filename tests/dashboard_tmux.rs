//! The real binary in a real terminal: tmux runs `evacdrill run`, the test
//! types as a coordinator would and reads the screen, then checks the saved
//! session file event by event.

use evacdrill_testkit::journal_check;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    name: String,
}

impl Tmux {
    fn start(cmd: &str, w: u16, h: u16) -> Self {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("evacdrill-test-{}-{n}", std::process::id());
        let status = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &name,
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                cmd,
            ])
            .status()
            .expect("tmux runs");
        assert!(status.success());
        Self { name }
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            let status = Command::new("tmux")
                .args(["send-keys", "-t", &self.name, k])
                .status()
                .unwrap();
            assert!(status.success());
            std::thread::sleep(Duration::from_millis(120));
        }
    }

    fn text(&self, text: &str) {
        let status = Command::new("tmux")
            .args(["send-keys", "-t", &self.name, "-l", text])
            .status()
            .unwrap();
        assert!(status.success());
        std::thread::sleep(Duration::from_millis(150));
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `what`, failing with the screen if not.
    fn wait_for(&self, what: &str) -> String {
        let t0 = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(what) {
                return s;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "never saw {what:?}; the screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .status();
    }
}

fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required on CI (.ci/run installs it)"
        );
        eprintln!("SKIPPED: tmux is not installed");
    }
    found
}

fn save_artifact(name: &str, screen: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(name), screen);
}

fn session_file(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(".session.json"))
}

#[test]
fn a_coordinator_runs_a_whole_drill_in_a_terminal() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_evacdrill");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small-drill.toml");
    let cmd = format!(
        "env LANG=C.UTF-8 {bin} run {} --out {} ; sleep 30",
        script.display(),
        dir.path().display()
    );
    let t = Tmux::start(&cmd, 120, 40);
    t.wait_for("BRIEFING");
    save_artifact("dashboard-briefing.txt", &t.screen());

    // Both marshals report at post (by radio, entered by the coordinator).
    t.keys(&["m", "j", "m"]);
    t.wait_for("marshal Chen Gang at post");
    // The signal.
    t.keys(&["S", "Tab"]);
    t.text("electric bell");
    t.keys(&["Tab"]);
    t.text("Principal Wu");
    t.keys(&["Enter"]);
    let s = t.wait_for("RUNNING");
    save_artifact("dashboard-running.txt", &s);

    // Release every waiting class by hand from the class table.
    t.keys(&["Tab", "k", "k", "k", "r", "j", "r", "j", "r"]);
    t.wait_for("released by hand");
    // Hold stairwell A, then resume it.
    t.keys(&["Tab", "Tab", "k", "h"]);
    t.wait_for("HOLD: A");
    t.keys(&["u"]);
    // A problem, with its category changed and Chinese text.
    t.keys(&["e", "Right", "Tab", "Right", "Tab"]);
    t.text("二楼平台有学生摔倒");
    t.keys(&["Enter"]);
    let s = t.wait_for("PROBLEM (fall or injury)");
    save_artifact("dashboard-problem.txt", &s);

    // Marshals: every class passed (its last pupil on the stairs: the
    // drill still runs), then both stairwells clear (every class out).
    t.keys(&["Tab", "k", "k", "k", "p", "j", "p", "j", "p"]);
    t.wait_for("class passed: 三年级1班");
    assert!(t.screen().contains("RUNNING"), "passed is not out");
    t.keys(&["Tab", "Tab", "k", "c", "j", "c"]);
    t.wait_for("stairwell clear: B");
    t.wait_for("ACCOUNTING");
    // Headcounts at the assembly point: one class is a pupil short.
    t.keys(&[
        "Tab", "k", "k", "k", "n", "Enter", "j", "n", "Enter", "j", "n", "BSpace", "BSpace",
    ]);
    t.text("43");
    t.keys(&["Tab", "BSpace"]);
    t.text("1");
    t.keys(&["Tab"]);
    t.text("李明");
    t.keys(&["Enter"]);
    let s = t.wait_for("43/44");
    save_artifact("dashboard-accounting.txt", &s);

    // End the drill.
    t.keys(&["E"]);
    t.wait_for("y yes · n no");
    t.keys(&["y"]);
    let s = t.wait_for("Session saved");
    save_artifact("dashboard-ended.txt", &s);
    assert!(s.contains("Evacuation time"), "{s}");
    t.keys(&["q"]);

    let path = session_file(dir.path()).expect("the session file was written");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let events: Vec<&serde_json::Value> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["event"])
        .collect();
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    let count = |k: &str| kinds.iter().filter(|x| **x == k).count();
    assert_eq!(count("marshal_at_post"), 2, "{kinds:?}");
    assert_eq!(count("started"), 1);
    assert_eq!(count("class_released"), 3);
    assert!(
        events
            .iter()
            .any(|e| e["type"] == "class_released" && e["manual"] == true)
    );
    assert_eq!(count("held"), 1);
    assert_eq!(count("resumed"), 1);
    let problem = events
        .iter()
        .find(|e| e["type"] == "problem_logged")
        .expect("a problem");
    assert_eq!(problem["category"], "fall-or-injury");
    assert_eq!(problem["text"], "二楼平台有学生摔倒");
    assert_eq!(count("class_passed"), 3);
    assert_eq!(count("stairwell_cleared"), 2);
    assert_eq!(count("headcount_taken"), 3);
    let short = events
        .iter()
        .find(|e| e["type"] == "headcount_taken" && e["present"] == 43)
        .expect("the short class");
    assert_eq!(short["missing"]["count"], 1);
    assert_eq!(short["missing"]["names"][0], "李明");
    assert_eq!(kinds.last(), Some(&"ended"));
    let start = events.iter().find(|e| e["type"] == "started").unwrap();
    assert_eq!(start["record"]["alarm"], "electric bell");
    assert_eq!(start["record"]["conducted_by"], "Principal Wu");
}

#[test]
fn sigterm_leaves_the_journal_whole_and_the_drill_resumes() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_evacdrill");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small-drill.toml");
    let cmd = format!(
        "env LANG=C.UTF-8 {bin} run {} --out {}; echo \"exit=$?\"; sleep 30",
        script.display(),
        dir.path().display(),
    );
    let t = Tmux::start(&cmd, 120, 40);
    t.wait_for("BRIEFING");
    t.keys(&["m", "j", "m", "S", "Tab"]);
    t.text("bell");
    t.keys(&["Tab"]);
    t.text("Wu");
    t.keys(&["Enter"]);
    t.wait_for("RUNNING");
    let pid = Command::new("tmux")
        .args(["display", "-p", "-t", &t.name, "#{pane_pid}"])
        .output()
        .unwrap();
    let shell = String::from_utf8_lossy(&pid.stdout).trim().to_owned();
    let status = Command::new("pkill")
        .args(["-TERM", "-P", &shell, "-x", "evacdrill"])
        .status()
        .unwrap();
    assert!(
        status.success(),
        "the dashboard was running under the pane's shell"
    );
    let text = t.wait_for("exit=");
    assert!(text.contains("exit=130"), "{text}");
    assert!(text.contains("To resume it: evacdrill run"), "{text}");
    let alt = Command::new("tmux")
        .args(["display", "-p", "-t", &t.name, "#{alternate_on}"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&alt.stdout).trim(),
        "0",
        "the terminal was not given back"
    );
    drop(t);

    let journal = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".journal.jsonl"))
        .unwrap();
    let report = journal_check::check(&journal).expect("the journal reopens");
    assert_eq!(report["phase"], "running");
    assert_eq!(report["unfinished"], true);
    assert!(report["cut"].is_null(), "a clean stop leaves no torn line");

    // Resume it and end it early: the session file holds the gap.
    let cmd = format!(
        "env LANG=C.UTF-8 {bin} run {} --resume {} --out {}; sleep 30",
        script.display(),
        journal.display(),
        dir.path().display()
    );
    let t = Tmux::start(&cmd, 120, 40);
    t.wait_for("resumed after a crash");
    t.keys(&["E"]);
    t.text("fire alarm fault");
    t.keys(&["Enter"]);
    t.wait_for("Session saved");
    t.keys(&["q"]);
    let path = session_file(dir.path()).expect("the session file was written");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let kinds: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["event"]["type"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"resumed_after_crash"), "{kinds:?}");
    assert_eq!(kinds.last(), Some(&"ended"));
}

#[test]
fn a_marshal_reports_from_a_phone_to_the_dashboard() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_evacdrill");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small-drill.toml");
    let cmd = format!(
        "env LANG=C.UTF-8 {bin} run {} --serve 127.0.0.1:0 --out {}; sleep 30",
        script.display(),
        dir.path().display()
    );
    let t = Tmux::start(&cmd, 120, 40);
    t.wait_for("Phones");
    let info = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".serve.json"))
        .expect("the links are written for the cards");
    let info: serde_json::Value = serde_json::from_slice(&std::fs::read(info).unwrap()).unwrap();
    let url = info["posts"][0]["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");

    let client = reqwest::blocking::Client::new();
    // A wrong token is refused and counted on the dashboard.
    let base = url.rsplit_once("/p/").unwrap().0.to_owned();
    let refused = client
        .get(format!("{base}/p/00000000000000000000000000000000"))
        .send()
        .unwrap();
    assert_eq!(refused.status().as_u16(), 401);
    t.wait_for("refused phone requests: 1");
    // The marshal of stairwell A taps "at post".
    let reply: serde_json::Value = client
        .post(format!("{url}/report"))
        .json(&serde_json::json!({ "id": "phone-1-1", "action": { "type": "at_post" } }))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(reply["ok"], true, "{reply}");
    let s = t.wait_for("marshal Wang Li at post");
    save_artifact("dashboard-phones.txt", &s);
    // The same report again (a retry) is not applied twice.
    let again: serde_json::Value = client
        .post(format!("{url}/report"))
        .json(&serde_json::json!({ "id": "phone-1-1", "action": { "type": "at_post" } }))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(again["seq"], reply["seq"]);
    // The QR codes: P shows the first post's, black on white in the terminal.
    t.keys(&["P"]);
    let s = t.wait_for("Phone link:");
    assert!(s.contains(&url), "{s}");
    t.keys(&["Escape", "q"]);
}

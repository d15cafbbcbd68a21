//! The phone server driven as phones drive it: the dashboard's driver and
//! server without a screen (`evacdrill_testkit::headless`), a real HTTP
//! client, and a real browser (headless Chromium) tapping the page.

use std::path::{Path, PathBuf};
use std::process::Command;

use evacdrill_testkit::headless::{Headless, Options, start_command};
use serde_json::{Value, json};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("drills/demo.toml")
}

fn post(url: &str, body: &Value) -> (u16, Value) {
    let r = reqwest::blocking::Client::new()
        .post(format!("{url}/report"))
        .json(body)
        .send()
        .expect("the server answers");
    let status = r.status().as_u16();
    (status, r.json().unwrap_or(Value::Null))
}

fn session_event_types(path: &Path) -> Vec<(String, Value)> {
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the session file exists"))
            .expect("the session file is JSON");
    file["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|r| {
            (
                r["event"]["type"].as_str().unwrap_or_default().to_owned(),
                r["event"].clone(),
            )
        })
        .collect()
}

#[test]
fn the_headless_server_records_phone_reports_and_writes_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Headless::start(&demo(), dir.path(), Options::default());
    assert!(h.base.starts_with("http://127.0.0.1:"), "{}", h.base);
    assert_eq!(h.urls.len(), 4, "three stairwells and the assembly point");
    let a = h.url("stairwell:A").to_owned();
    let (s, v) = post(&a, &json!({"id": "p1", "action": {"type": "at_post"}}));
    assert_eq!((s, v["seq"].as_u64()), (200, Some(1)), "{v}");
    let (s, v) = post(&a, &json!({"id": "p1", "action": {"type": "at_post"}}));
    assert_eq!((s, v["duplicate"].as_bool()), (200, Some(true)), "{v}");

    // A lost phone: the coordinator revokes the post; the old link stops.
    let answer = h.command(&json!({"revoke": "stairwell:A"}));
    let new = answer["url"].as_str().expect("the new link").to_owned();
    assert_ne!(new, a);
    let (s, _) = post(&a, &json!({"id": "p2", "action": {"type": "left_post"}}));
    assert_eq!(s, 401);

    assert_eq!(h.command(&start_command())["applied"], 2);
    let (s, v) = post(
        &new,
        &json!({"id": "p3", "action": {"type": "problem", "category": "lighting", "text": "dark landing"}}),
    );
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        h.command(&json!({"input": {"type": "end_early", "reason": "test over"}}))["applied"]
            .as_u64()
            .map(|_| ()),
        Some(())
    );
    let (s, v) = post(&new, &json!({"id": "p4", "action": {"type": "left_post"}}));
    assert_eq!(s, 410);
    assert!(v["error"].as_str().unwrap().contains("ended"), "{v}");

    let last = h.stop();
    assert_eq!(last["unauthorized"], 1);
    let session = PathBuf::from(last["session"].as_str().unwrap());
    let types: Vec<String> = session_event_types(&session)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(types.first().map(String::as_str), Some("marshal_at_post"));
    assert_eq!(types.iter().filter(|t| *t == "marshal_at_post").count(), 1);
    assert!(types.contains(&"problem_logged".to_owned()));
    assert_eq!(types.last().map(String::as_str), Some("ended"));
    assert!(!types.contains(&"marshal_left_post".to_owned()));
}

/// The browser to drive: Debian's `chromium`, or another Chromium by name.
fn chromium() -> Option<PathBuf> {
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .into_iter()
    .find_map(|name| {
        let out = Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
    })
}

/// Runs the browser headless on `url` with `args`, in its own profile.
fn browse(browser: &Path, profile: &Path, args: &[&str], url: &str) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-extensions",
            "--virtual-time-budget=8000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("the browser runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of the page's `<pre id="autotest">` after its steps ran.
fn autotest_log(dom: &str) -> &str {
    let start = dom
        .find("<pre id=\"autotest\">")
        .unwrap_or_else(|| panic!("the page finished its steps; DOM:\n{dom}"));
    let rest = &dom[start + "<pre id=\"autotest\">".len()..];
    &rest[..rest.find("</pre>").unwrap_or(rest.len())]
}

#[test]
fn a_real_browser_taps_at_post_and_stairwell_clear() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set and no chromium is installed (.ci/run installs it)"
        );
        eprintln!("skipped: no chromium on this machine (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    let mut h = Headless::start(&demo(), dir.path(), Options::default());
    let a = h.url("stairwell:A").to_owned();

    let dom = browse(
        &browser,
        &profile,
        &["--dump-dom"],
        &format!("{a}?autotest=at_post"),
    );
    let log = autotest_log(&dom);
    assert!(log.starts_with("at_post: ok"), "{log}");

    assert_eq!(h.command(&start_command())["applied"], 2);
    let dom = browse(
        &browser,
        &profile,
        &["--dump-dom"],
        &format!("{a}?autotest=clear&lang=zh-CN"),
    );
    let log = autotest_log(&dom);
    assert!(
        log.starts_with("clear: ok") && log.contains("已记录"),
        "{log}"
    );

    // Screenshots at phone size, both languages, for people to look at.
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let c = h.url("stairwell:C").to_owned();
    let assembly = h.url("assembly").to_owned();
    let (s, _) = post(
        &assembly,
        &json!({"id": "hc1", "action": {"type": "headcount", "class": "1-1", "present": 39, "missing": 1}}),
    );
    assert_eq!(s, 200);
    for lang in ["en", "zh-CN"] {
        for (name, url) in [("marshal", &c), ("assembly", &assembly)] {
            let png = artifacts.join(format!("phone-{name}-{lang}.png"));
            let _ = std::fs::remove_file(&png);
            browse(
                &browser,
                &profile,
                &[
                    "--window-size=390,844",
                    &format!("--screenshot={}", png.display()),
                ],
                &format!("{url}?live=0&lang={lang}"),
            );
            let size = std::fs::metadata(&png).map_or(0, |m| m.len());
            assert!(size > 10_000, "{} was written", png.display());
        }
    }

    let last = h.stop();
    let session = PathBuf::from(last["session"].as_str().unwrap());
    let events = session_event_types(&session);
    let at_post = events
        .iter()
        .position(|(t, e)| t == "marshal_at_post" && e["stairwell"] == "A")
        .expect("the browser's \"at post\" is in the session");
    let clear = events
        .iter()
        .position(|(t, e)| t == "stairwell_cleared" && e["stairwell"] == "A")
        .expect("the browser's \"stairwell clear\" is in the session");
    assert!(at_post < clear);
    let started = events.iter().position(|(t, _)| t == "started").unwrap();
    assert!(at_post < started && started < clear);
}

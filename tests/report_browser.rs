//! The HTML report opened in headless Chromium (Debian's `chromium`): it
//! renders without console errors, its DOM holds the charts, and a
//! screenshot is written to tests/artifacts/report.png for a person to look at.
//!
//! Without `chromium` the test says so and skips, unless `CI` is set: then
//! a missing browser fails it (.ci/run installs one).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_evacdrill");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn path_str(p: &Path) -> &str {
    p.to_str()
        .unwrap_or_else(|| panic!("non-UTF-8 path {}", p.display()))
}

fn chromium_installed() -> bool {
    Command::new("chromium")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs chromium headless with `extra` arguments on `url`, killed after
/// two minutes if it hangs.
fn chromium(extra: &[String], url: &str) -> Output {
    let profile = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    // Into files rather than pipes: chromium logs a lot, and a full pipe
    // nobody reads would stop it.
    let logs = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let (out_path, err_path) = (logs.path().join("stdout"), logs.path().join("stderr"));
    let file =
        |p: &Path| std::fs::File::create(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdout(file(&out_path))
        .stderr(file(&err_path))
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start chromium: {e}"));
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap_or_else(|e| panic!("chromium: {e}")) {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Output {
        status,
        stdout: std::fs::read(&out_path).unwrap_or_default(),
        stderr: std::fs::read(&err_path).unwrap_or_default(),
    }
}

/// The report of the committed fixture and two more drills (so that the
/// trend chart is drawn too), in `lang`.
fn report(dir: &Path, lang: &str) -> PathBuf {
    // Each language its own folder: `sample` never writes over a file.
    let dir = &dir.join(lang);
    let mut sessions = vec![root().join("tests/fixtures/sessions/demo.session.json")];
    for (i, start) in ["2026-01-05T10:00:00+08:00", "2026-02-02T10:00:00+08:00"]
        .iter()
        .enumerate()
    {
        let o = Command::new(BIN)
            .arg("sample")
            .arg(root().join("drills/demo.toml"))
            .arg("--out")
            .arg(dir)
            .args(["--variant", &(i * 5 + 1).to_string(), "--start", start])
            .output()
            .unwrap_or_else(|e| panic!("evacdrill: {e}"));
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let day = start[..10].replace('-', "");
        sessions.push(dir.join(format!("demo-sample-{day}-1000.session.json")));
    }
    let html = dir.join(format!("report-{lang}.html"));
    let o = Command::new(BIN)
        .args(["--lang", lang, "report"])
        .args(&sessions)
        .args(["--format", "html", "-o"])
        .arg(&html)
        .output()
        .unwrap_or_else(|e| panic!("evacdrill: {e}"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    html
}

/// Console output and load failures chromium logs for a page.
fn page_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            l.contains("Uncaught")
                || l.contains(":CONSOLE")
                || l.contains("Failed to load resource")
                || l.contains("net::ERR_")
        })
        .collect()
}

#[test]
fn the_html_report_renders_in_chromium_without_errors() {
    if !chromium_installed() {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is not installed, and CI is set: the browser test must run (apt-get install chromium)"
        );
        println!(
            "SKIPPED: chromium is not installed; install it (apt-get install chromium) to run this test"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let artifacts = root().join("tests/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap_or_else(|e| panic!("artifacts: {e}"));
    for lang in ["en", "zh-CN"] {
        let html = report(dir.path(), lang);
        let url = format!("file://{}", path_str(&html));
        let shot = artifacts.join(if lang == "en" {
            "report.png".to_owned()
        } else {
            format!("report-{lang}.png")
        });
        let _ = std::fs::remove_file(&shot);
        let o = chromium(
            &[
                format!("--screenshot={}", path_str(&shot)),
                "--window-size=1240,1754".to_owned(),
            ],
            &url,
        );
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "chromium failed: {stderr}");
        let errors = page_errors(&stderr);
        assert!(errors.is_empty(), "the page logged errors: {errors:#?}");
        let png = std::fs::read(&shot).unwrap_or_default();
        assert!(
            png.starts_with(b"\x89PNG"),
            "no screenshot at {}",
            shot.display()
        );
        assert!(
            png.len() > 20_000,
            "the screenshot looks empty ({} bytes)",
            png.len()
        );

        let o = chromium(&["--dump-dom".to_owned()], &url);
        let dom = String::from_utf8_lossy(&o.stdout);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(page_errors(&stderr).is_empty(), "{stderr}");
        assert_eq!(
            dom.matches("<svg").count(),
            4,
            "three timelines and a trend"
        );
        assert!(dom.contains("<polyline"), "the trend has its lines");
        let heading = if lang == "en" {
            "Problems and actions"
        } else {
            "问题与整改措施"
        };
        assert!(dom.contains(heading), "{lang}: no problems section");
    }
}

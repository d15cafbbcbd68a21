//! `evacdrill cards` driven as a coordinator drives it.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_evacdrill");

#[test]
fn cards_are_written_for_every_marshal_and_class_with_links_when_served() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo.cards.html");
    let info = dir.path().join("serve.json");
    std::fs::write(
        &info,
        r#"{"posts":[{"post":"stairwell:B","name":"B","url":"http://192.168.8.20:8686/p/00112233445566778899AABBCCDDEEFF"}]}"#,
    )
    .unwrap();
    let run = Command::new(BIN)
        .args(["--lang", "zh-CN", "cards", "drills/demo.toml", "-o"])
        .arg(&out)
        .arg("--serve-info")
        .arg(&info)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("已写入"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert_eq!(html.matches("card marshal").count(), 3);
    assert_eq!(html.matches("card roster").count(), 24);
    assert!(html.contains("清点表") && html.contains("Roster"));
    assert!(html.contains("00112233445566778899AABBCCDDEEFF") && html.contains("<svg"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn a_broken_script_or_serve_info_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "schema = 1\n[drill]\n").unwrap();
    let run = Command::new(BIN)
        .args(["--lang", "en", "cards"])
        .arg(&bad)
        .arg("-o")
        .arg(dir.path().join("x.html"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("evacdrill check"), "{err}");

    let info = dir.path().join("info.json");
    std::fs::write(&info, "not json").unwrap();
    let run = Command::new(BIN)
        .args(["--lang", "en", "cards", "drills/demo.toml", "--serve-info"])
        .arg(&info)
        .arg("-o")
        .arg(dir.path().join("y.html"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("not a serve-info file"));
}

//! The core stays pure: no terminal, socket, file or clock can be reached
//! from `evacdrill-core`, by its dependencies or by its own source.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Crates that bring a runtime, a terminal, a socket or a progress bar.
const FORBIDDEN_CRATES: &[&str] = &[
    "tokio",
    "ratatui",
    "crossterm",
    "axum",
    "hyper",
    "indicatif",
    "reqwest",
    "mio",
    "tracing-subscriber",
];

/// Source text that reads a clock, the environment, a file or a socket, or
/// writes to the terminal.
const FORBIDDEN_SOURCE: &[&str] = &[
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "std::thread",
    "Instant::now",
    "SystemTime",
    "Zoned::now",
    "Timestamp::now",
    "stdin()",
    "stdout()",
    "stderr()",
    "println!",
    "eprintln!",
    "print!(",
    "eprint!(",
];

fn core_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/evacdrill-core")
}

#[test]
fn the_core_depends_on_nothing_that_reaches_a_terminal_socket_or_clock() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "-p",
            "evacdrill-core",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(
        tree.lines().any(|l| l.starts_with("evacdrill-core ")),
        "cargo tree did not list the core:\n{tree}"
    );
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for bad in FORBIDDEN_CRATES {
        assert!(
            !names.contains(bad),
            "evacdrill-core depends on `{bad}`:\n{tree}"
        );
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the core's source is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_source_reads_no_clock_file_socket_or_environment() {
    let mut files = Vec::new();
    rust_files(&core_dir().join("src"), &mut files);
    assert!(files.len() > 20, "found only {} files", files.len());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a source file is readable");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for bad in FORBIDDEN_SOURCE {
                if code.contains(bad) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core is not pure:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_core_manifest_names_no_shell_crate() {
    let manifest = std::fs::read_to_string(core_dir().join("Cargo.toml")).expect("manifest");
    let deps: Vec<&str> = manifest
        .lines()
        .skip_while(|l| !l.starts_with("[dependencies]"))
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split('=').next())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    for bad in FORBIDDEN_CRATES {
        assert!(!deps.contains(bad), "Cargo.toml of the core names `{bad}`");
    }
}

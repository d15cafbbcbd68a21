//! `evacdrill debug serve-headless` as a child process: its JSON lines, its
//! stdin, its posts. Shared by tests/server.rs and benches/server.rs.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// A running headless server.
pub struct Headless {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: mpsc::Receiver<Value>,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// Post key (`stairwell:A`, `assembly`) → URL.
    pub urls: BTreeMap<String, String>,
    pub journal: PathBuf,
    pub session: PathBuf,
}

impl Headless {
    /// Starts the server for `script` with its journal in `dir`.
    pub fn start(bin: &str, script: &Path, dir: &Path, extra: &[&str]) -> Self {
        let journal = dir.join("drill.journal.jsonl");
        let session = dir.join("drill.session.json");
        let mut child = Command::new(bin)
            .args(["--lang", "en", "debug", "serve-headless"])
            .arg(script)
            .args(["--addr", "127.0.0.1:0", "--print-tokens", "--journal"])
            .arg(&journal)
            .arg("--log")
            .arg(dir.join("server.log"))
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let value = serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("stdout line {line:?} is not JSON: {e}"));
                if tx.send(value).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut me = Self {
            child,
            stdin,
            lines,
            base: String::new(),
            urls: BTreeMap::new(),
            journal,
            session,
        };
        let first = me.line();
        first["base"]
            .as_str()
            .expect("the first line names the base URL")
            .clone_into(&mut me.base);
        while !me.urls.contains_key("assembly") {
            let post = me.line();
            me.urls.insert(
                post["post"].as_str().expect("a post line").to_owned(),
                post["url"]
                    .as_str()
                    .expect("--print-tokens prints URLs")
                    .to_owned(),
            );
        }
        me
    }

    /// The next line on stdout.
    pub fn line(&mut self) -> Value {
        self.lines
            .recv_timeout(Duration::from_secs(30))
            .expect("the server says something")
    }

    /// Sends a coordinator command on stdin and returns the answer line.
    pub fn command(&mut self, command: &Value) -> Value {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        writeln!(stdin, "{command}").expect("stdin takes the command");
        stdin.flush().expect("stdin flushes");
        self.line()
    }

    /// The post's URL.
    pub fn url(&self, post: &str) -> &str {
        &self.urls[post]
    }

    /// Closes stdin, waits for the exit, and returns the last line (the session file).
    pub fn stop(mut self) -> Value {
        drop(self.stdin.take());
        let status = self.child.wait().expect("the server exits");
        assert!(status.success(), "the server exited with {status}");
        let mut last = Value::Null;
        while let Ok(v) = self.lines.recv_timeout(Duration::from_secs(5)) {
            last = v;
        }
        last
    }

    /// The journal's event lines (the header excluded).
    pub fn journal_events(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.journal)
            .expect("the journal exists")
            .lines()
            .skip(1)
            .map(|l| serde_json::from_str::<Value>(l).expect("a journal line is JSON"))
            .collect()
    }
}

impl Drop for Headless {
    fn drop(&mut self) {
        if self.stdin.is_some() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The coordinator's start, with an override for unmanned posts.
pub fn start_command() -> Value {
    serde_json::json!({"input": {"type": "start", "record": {
        "kind": "test", "alarm": "bell", "conducted_by": "test"},
        "override_reason": "test: posts unmanned"}})
}

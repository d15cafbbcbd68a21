//! The phone server without a dashboard: for tests, the browser test and the
//! load benchmark (`evacdrill debug serve-headless`).
//!
//! It runs the same path as `evacdrill run --serve`, with the same planner: reports become inputs,
//! are applied to the session, appended to the journal and synced, and only
//! then answered; a snapshot is published after every change. Instead of a
//! keyboard, the coordinator's inputs come as JSON lines on stdin:
//!
//! ```text
//! {"input": {"type": "start", "record": {...}}}    an input, as the dashboard gives it
//! {"revoke": "stairwell:A"}                         a new token for a post
//! ```
//!
//! and everything it has to say goes to stdout as JSON lines: the address
//! (`{"listening": ...}`), each post (`{"post", "name", "url"}`, the URL only
//! with `--print-tokens`), each stdin line's answer, and at the end the
//! session file written (`{"session": PATH}`). It stops on SIGTERM or when
//! stdin closes.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use evacdrill_core::i18n::Lang;
use evacdrill_core::session::{DrillTime, Input, Phase, Session};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::mpsc;

use super::tokens::PostId;
use super::{ServerConfig, Serving};
use crate::store::journal::Journal;
use crate::store::record::{Header, JOURNAL_MAGIC, JOURNAL_SCHEMA};
use crate::store::session_file::{self, JournalReport, SessionFile};
use crate::store::{script_file, wall};
use evacdrill_core::plan::replan::PlanReplanner;

/// What `debug serve-headless` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    pub script: PathBuf,
    pub addr: SocketAddr,
    pub journal: PathBuf,
    /// Where the session file goes (default: beside the journal).
    pub session: Option<PathBuf>,
    pub print_tokens: bool,
    /// Write every post's link here for `evacdrill cards --serve-info`.
    pub serve_info: Option<PathBuf>,
    pub lang: Lang,
    /// Requests per second per address; 0 turns the limit off.
    pub rate: f64,
}

type Error = Box<dyn std::error::Error + Send + Sync>;

/// A line on stdin.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Command {
    #[serde(default)]
    input: Option<Input>,
    #[serde(default)]
    revoke: Option<String>,
}

/// The clock: drill time zero until the signal, then milliseconds since it.
struct Clock(Option<Instant>);

impl Clock {
    fn now(&self) -> DrillTime {
        DrillTime(self.0.map_or(0, |t| {
            u64::try_from(t.elapsed().as_millis()).unwrap_or(u64::MAX)
        }))
    }
}

/// The session and its journal: what the dashboard's loop does with a report.
pub struct Drill {
    pub session: Session,
    journal: Journal,
    clock: Clock,
    lang: Lang,
}

impl Drill {
    /// A new drill of the script at `script`, planned, journaled to
    /// `journal` (which must not exist).
    pub fn create(script: &Path, journal: &Path, lang: Lang) -> Result<Self, Error> {
        let checked = script_file::load(script);
        let parsed = checked
            .script
            .ok_or_else(|| format!("{}: the script does not check", script.display()))?;
        let schedule = evacdrill_core::plan::replan::initial(&parsed, None, lang)?;
        let header = Header {
            journal: JOURNAL_MAGIC.to_owned(),
            schema: JOURNAL_SCHEMA,
            created: wall::now(),
            script_name: script.display().to_string(),
            script_toml: checked.source,
            schedule: schedule.clone(),
        };
        let session = Session::new(parsed, schedule)?;
        let journal = Journal::create(journal, &header)?;
        Ok(Self {
            session,
            journal,
            clock: Clock(None),
            lang,
        })
    }

    /// The drill time now.
    #[must_use]
    pub fn now(&self) -> DrillTime {
        self.clock.now().max(self.session.last_time())
    }

    /// Applies `input`, journals and syncs its events; returns the seq of
    /// the first event or the refusal in words.
    pub fn apply(&mut self, input: Input) -> Result<u64, String> {
        let now = self.now();
        let planner = PlanReplanner {
            lang: self.lang,
            policy: None,
        };
        let events = self
            .session
            .apply_with(input, now, &planner)
            .map_err(|e| evacdrill_core::i18n::session::error(&e, self.lang))?;
        if self.clock.0.is_none() && self.session.phase() != Phase::Briefing {
            self.clock.0 = Some(Instant::now());
        }
        let first = self.journal.next_seq();
        if !events.is_empty() {
            self.journal
                .append(now.ms(), &wall::now(), &events)
                .map_err(|e| e.to_string())?;
        }
        Ok(first)
    }

    /// The clock moved on: releases that are due happen.
    pub fn tick(&mut self) {
        if matches!(self.session.phase(), Phase::Running | Phase::Accounting) {
            let _ = self.apply(Input::Tick);
        }
    }
}

/// Runs the headless server until SIGTERM or the end of stdin.
pub async fn run(opts: Options) -> Result<(), Error> {
    let mut drill = Drill::create(&opts.script, &opts.journal, opts.lang)?;
    let mut cfg = ServerConfig::new(drill.session.script(), opts.lang)?;
    cfg.limits.rate_per_s = opts.rate;
    let (mut serving, mut reports) =
        Serving::start_with(opts.addr, &drill.session, DrillTime::ZERO, cfg).await?;
    let base = serving.base.clone();
    print_line(&json!({ "listening": serving.bound.to_string(), "base": base }));
    print_posts(&serving, opts.print_tokens, None);
    if let Some(path) = &opts.serve_info {
        super::write_serve_info(path, &serving.links())?;
    }

    let mut stdin = stdin_lines();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tokio::select! {
            Some(report) = reports.recv() => {
                let answer = drill.apply(report.input);
                let _ = report.reply.send(answer);
            }
            line = stdin.recv() => match line {
                Some(line) => command(&mut drill, &serving, opts.print_tokens, &line),
                None => break,
            },
            _ = tick.tick() => drill.tick(),
            _ = term.recv() => break,
        }
        serving.publish(&drill.session, drill.now());
    }
    let unauthorized = serving.unauthorized();
    serving.stop().await?;
    if drill.journal.pending() > 0 {
        let now = drill.now();
        drill.journal.retry(now.ms(), &wall::now())?;
    }
    let out = opts
        .session
        .clone()
        .unwrap_or_else(|| session_path(&opts.journal));
    write_session(&drill, &opts.journal, &out)?;
    print_line(&json!({
        "session": out.display().to_string(),
        "unauthorized": unauthorized,
    }));
    Ok(())
}

/// One stdin line: an input or a revocation; the answer goes to stdout.
fn command(drill: &mut Drill, serving: &Serving, print: bool, line: &str) {
    if line.trim().is_empty() {
        return;
    }
    let cmd: Command = match serde_json::from_str(line) {
        Ok(c) => c,
        Err(e) => return print_line(&json!({ "error": e.to_string() })),
    };
    if let Some(input) = cmd.input {
        match drill.apply(input) {
            Ok(seq) => print_line(&json!({ "applied": seq })),
            Err(e) => print_line(&json!({ "refused": e })),
        }
    }
    if let Some(key) = cmd.revoke {
        let post = PostId::parse(&key, drill.session.script());
        let done = post
            .as_ref()
            .map(|p| serving.revoke(p).map_err(|e| e.to_string()));
        match done {
            Some(Ok(true)) => print_posts(serving, print, post.as_ref()),
            Some(Ok(false)) | None => print_line(&json!({ "error": format!("no post `{key}`") })),
            Some(Err(e)) => print_line(&json!({ "error": e })),
        }
    }
}

fn print_posts(serving: &Serving, with_url: bool, only: Option<&PostId>) {
    for link in serving.links() {
        if only.is_some_and(|p| p.key() != link.post) {
            continue;
        }
        if with_url {
            // The QR code as the dashboard draws it (black on white).
            let qr = super::qr_lines(&link.url).unwrap_or_default();
            print_line(&json!({ "post": link.post, "name": link.name, "url": link.url, "qr": qr }));
        } else {
            print_line(&json!({ "post": link.post, "name": link.name }));
        }
    }
}

fn print_line(value: &serde_json::Value) {
    crate::cli::print(&format!("{value}\n"));
}

/// Lines of stdin, read on a thread of their own; the channel closes at EOF.
fn stdin_lines() -> mpsc::UnboundedReceiver<String> {
    let (tx, rx) = mpsc::unbounded_channel();
    std::thread::spawn(move || {
        for line in std::io::stdin().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// `NAME.session.json` beside `NAME.journal.jsonl`.
fn session_path(journal: &Path) -> PathBuf {
    let name = journal
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let stem = name
        .strip_suffix(".journal.jsonl")
        .or_else(|| name.strip_suffix(".jsonl"))
        .unwrap_or(&name);
    journal.with_file_name(format!("{stem}.session.json"))
}

fn write_session(drill: &Drill, journal: &Path, out: &Path) -> Result<(), Error> {
    let scan = Journal::read(journal)?;
    let file = SessionFile::build(
        &drill.session,
        &scan.header.script_name,
        &scan.header.script_toml,
        scan.records,
        JournalReport {
            write_failures: drill.journal.failures().to_vec(),
            cuts: scan.cut.into_iter().collect(),
        },
    );
    session_file::write(out, &file)?;
    Ok(())
}

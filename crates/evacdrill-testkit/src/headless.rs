//! The phone server without a dashboard, in this process: the same live-drill
//! driver ([`evacdrill::drill::Drill`]) and the same server
//! ([`evacdrill::server::Serving`]) as `evacdrill run --serve`, with the
//! coordinator's keys replaced by JSON commands and the screen by JSON lines.
//!
//! ```text
//! {"input": {"type": "start", "record": {...}}}    an input, as the dashboard gives it
//! {"revoke": "stairwell:A"}                         a new token for a post
//! ```
//!
//! Everything it says comes back as JSON lines: the address
//! (`{"listening", "base"}`), each post (`{"post", "name", "url", "qr"}`),
//! each command's answer (`{"applied": SEQ}`, `{"refused": WHY}`,
//! `{"error": WHY}`), and at the end the session file written
//! (`{"session": PATH, "unauthorized": N}`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc as std_mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use evacdrill::drill::{Drill, NewDrill, SystemWall, refusal};
use evacdrill::server::{PostId, ServerConfig, Serving, qr_lines};
use evacdrill::store::script_file;
use evacdrill::store::session_file;
use evacdrill_core::i18n::Lang;
use evacdrill_core::plan::replan::{self, PlanReplanner};
use evacdrill_core::session::{DrillTime, Input, Phase};
use serde_json::{Value, json};
use tokio::sync::mpsc;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// How the server is run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Requests per second per client address; 0 turns the limit off.
    pub rate: f64,
    pub lang: Lang,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            rate: 10.0,
            lang: Lang::En,
        }
    }
}

/// A running headless server.
pub struct Headless {
    commands: Option<mpsc::UnboundedSender<Value>>,
    lines: std_mpsc::Receiver<Value>,
    thread: Option<JoinHandle<()>>,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// Post key (`stairwell:A`, `assembly`) → URL, token included.
    pub urls: BTreeMap<String, String>,
    pub journal: PathBuf,
    pub session: PathBuf,
}

impl Headless {
    /// Starts the server for `script` on 127.0.0.1 (a free port), with its
    /// journal in `dir`.
    ///
    /// # Panics
    /// When the server does not start: a fixture that cannot be set up.
    #[must_use]
    pub fn start(script: &Path, dir: &Path, opts: Options) -> Self {
        let journal = dir.join("drill.journal.jsonl");
        let session = session_file::beside(&journal);
        let (commands, rx) = mpsc::unbounded_channel();
        let (tx, lines) = std_mpsc::channel();
        let thread = {
            let (script, journal) = (script.to_owned(), journal.clone());
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("a runtime");
                if let Err(e) = rt.block_on(serve(&script, &journal, &opts, rx, &tx)) {
                    let _ = tx.send(json!({ "failed": e.to_string() }));
                }
            })
        };
        let mut me = Self {
            commands: Some(commands),
            lines,
            thread: Some(thread),
            base: String::new(),
            urls: BTreeMap::new(),
            journal,
            session,
        };
        let first = me.line();
        let base = first["base"].as_str();
        assert!(base.is_some(), "the server did not start: {first}");
        base.unwrap_or_default().clone_into(&mut me.base);
        while !me.urls.contains_key("assembly") {
            let post = me.line();
            me.urls.insert(
                post["post"].as_str().unwrap_or_default().to_owned(),
                post["url"].as_str().unwrap_or_default().to_owned(),
            );
        }
        me
    }

    /// The next line the server says.
    ///
    /// # Panics
    /// When it says nothing for 30 s.
    pub fn line(&mut self) -> Value {
        self.lines
            .recv_timeout(Duration::from_secs(30))
            .expect("the server says something")
    }

    /// Sends a coordinator command and returns the answer line.
    ///
    /// # Panics
    /// When the server has stopped.
    pub fn command(&mut self, command: &Value) -> Value {
        self.commands
            .as_ref()
            .expect("the server runs")
            .send(command.clone())
            .expect("the server takes the command");
        self.line()
    }

    /// The post's URL.
    #[must_use]
    pub fn url(&self, post: &str) -> &str {
        &self.urls[post]
    }

    /// Stops the server, waits for it, and returns its last line (the
    /// session file written).
    ///
    /// # Panics
    /// When the server's thread panicked.
    #[must_use]
    pub fn stop(mut self) -> Value {
        drop(self.commands.take());
        if let Some(t) = self.thread.take() {
            t.join().expect("the server's thread ends cleanly");
        }
        let mut last = Value::Null;
        while let Ok(v) = self.lines.try_recv() {
            last = v;
        }
        last
    }

    /// The journal's event lines (the header excluded).
    ///
    /// # Panics
    /// When the journal is missing or a line is not JSON.
    #[must_use]
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
        drop(self.commands.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The coordinator's start, with an override for unmanned posts.
#[must_use]
pub fn start_command() -> Value {
    json!({"input": {"type": "start", "record": {
        "kind": "test", "alarm": "bell", "conducted_by": "test"},
        "override_reason": "test: posts unmanned"}})
}

/// The drill clock: zero until the signal, then milliseconds since it.
struct Clock(Option<Instant>);

impl Clock {
    fn now(&self) -> DrillTime {
        DrillTime(self.0.map_or(0, |t| {
            u64::try_from(t.elapsed().as_millis()).unwrap_or(u64::MAX)
        }))
    }

    fn follow(&mut self, drill: &Drill) {
        if self.0.is_none() && drill.session().phase() != Phase::Briefing {
            self.0 = Some(Instant::now());
        }
    }
}

fn new_drill(script: &Path, journal: &Path, lang: Lang) -> Result<Drill, Error> {
    let checked = script_file::load(script);
    let parsed = checked
        .script
        .ok_or_else(|| format!("{}: the script does not check", script.display()))?;
    let schedule = replan::initial(&parsed, None, lang)?;
    Ok(Drill::create(
        NewDrill {
            journal,
            script_name: &script.display().to_string(),
            script_toml: &checked.source,
            script: parsed,
            schedule,
        },
        Box::new(PlanReplanner {
            lang,
            policy: None,
            control: evacdrill_core::plan::robust::Control::None,
        }),
        Box::new(SystemWall),
    )?)
}

async fn serve(
    script: &Path,
    journal: &Path,
    opts: &Options,
    mut commands: mpsc::UnboundedReceiver<Value>,
    out: &std_mpsc::Sender<Value>,
) -> Result<(), Error> {
    let say = |v: Value| {
        let _ = out.send(v);
    };
    let mut drill = new_drill(script, journal, opts.lang)?;
    let mut cfg = ServerConfig::new(drill.session().script(), opts.lang)?;
    cfg.limits.rate_per_s = opts.rate;
    let addr = "127.0.0.1:0".parse()?;
    let (serving, mut reports) =
        Serving::start_with(addr, drill.session(), DrillTime::ZERO, cfg).await?;
    drill.attach(Box::new(serving.view()));
    say(json!({ "listening": serving.bound.to_string(), "base": serving.base }));
    for line in post_lines(&serving, None) {
        say(line);
    }
    let mut clock = Clock(None);
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tokio::select! {
            Some(report) = reports.recv() => {
                drill.report(report, clock.now(), opts.lang);
            }
            command = commands.recv() => match command {
                Some(c) => say(run_command(&mut drill, &serving, clock.now(), opts.lang, &c)),
                None => break,
            },
            _ = tick.tick() => {
                drill.tick(clock.now());
            }
        }
        clock.follow(&drill);
    }
    let unauthorized = serving.unauthorized();
    serving.stop().await?;
    let path = session_file::beside(journal);
    drill.write_session(&path)?;
    say(json!({ "session": path.display().to_string(), "unauthorized": unauthorized }));
    Ok(())
}

/// One command: an input or a revocation; returns the answer line (for a
/// revocation, the post's new line).
fn run_command(
    drill: &mut Drill,
    serving: &Serving,
    now: DrillTime,
    lang: Lang,
    command: &Value,
) -> Value {
    if let Some(input) = command.get("input") {
        return match serde_json::from_value::<Input>(input.clone()) {
            Ok(input) => match drill.apply(input, now) {
                Ok(applied) => json!({ "applied": applied.first_seq }),
                Err(e) => json!({ "refused": refusal(&e, lang) }),
            },
            Err(e) => json!({ "error": e.to_string() }),
        };
    }
    if let Some(key) = command.get("revoke").and_then(Value::as_str) {
        let post = PostId::parse(key, drill.session().script());
        return match post.as_ref().map(|p| serving.revoke(p)) {
            Some(Ok(true)) => post_lines(serving, post.as_ref())
                .pop()
                .unwrap_or(Value::Null),
            Some(Ok(false)) | None => json!({ "error": format!("no post `{key}`") }),
            Some(Err(e)) => json!({ "error": e.to_string() }),
        };
    }
    json!({ "error": format!("not a command: {command}") })
}

/// Each post's line (only `only`'s, if given): its key, name, link and QR
/// code as the dashboard draws it.
fn post_lines(serving: &Serving, only: Option<&PostId>) -> Vec<Value> {
    serving
        .links()
        .into_iter()
        .filter(|link| only.is_none_or(|p| p.key() == link.post))
        .map(|link| {
            let qr = qr_lines(&link.url).unwrap_or_default();
            json!({ "post": link.post, "name": link.name, "url": link.url, "qr": qr })
        })
        .collect()
}

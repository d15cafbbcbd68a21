//! `evacdrill run SCRIPT`: the live drill dashboard.
//!
//! Loads and plans the script (or resumes a journal), opens the journal,
//! runs the dashboard's event loop, and writes the session file when the
//! drill ends. `--rehearse` lets the simulator play the marshals and the
//! assembly point.

mod recorder;
mod rehearse;

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::dashboard::RunText;
use evacdrill_core::script::{Policy, Script};
use evacdrill_core::session::{DrillTime, Session};

use crate::store::journal::Journal;
use crate::store::record::{Header, JOURNAL_MAGIC, JOURNAL_SCHEMA, Record};
use crate::store::session_file::{self, JournalReport, SessionFile};
use crate::store::{resume, script_file, wall};
use crate::tui::App;
use crate::tui::clock::Clock;
use crate::tui::keymap::Keymap;
use crate::tui::runtime::{self, Exit};

use recorder::JournalRecorder;

/// What `run` was asked to do.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The drill script (TOML).
    pub script: PathBuf,
    /// Let the simulator play the marshals and the assembly point (training, demos).
    #[arg(long)]
    pub rehearse: bool,
    /// With --rehearse: how many times faster than real time the drill runs.
    #[arg(long, default_value_t = 1.0, value_parser = parse_speed)]
    pub speed: f64,
    /// Go on with the drill recorded in this journal (after a crash).
    #[arg(long, value_name = "JOURNAL")]
    pub resume: Option<PathBuf>,
    /// Folder for the journal and the session file.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// A keys file overriding the default keys (see docs/dashboard.md).
    #[arg(long, value_name = "FILE")]
    pub keys: Option<PathBuf>,
    /// Overrides the script's release policy.
    #[arg(long, value_parser = crate::cli::plan::parse_policy)]
    pub policy: Option<Policy>,
    /// Let marshals and the assembly point report from their phones, served on
    /// ADDR (default 0.0.0.0:8686; a port alone, or an IP alone, also works).
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = "0.0.0.0:8686", value_parser = crate::server::parse_addr)]
    pub serve: Option<std::net::SocketAddr>,
}

/// The phone server as the dashboard's loop sees it.
struct PhoneServer {
    serving: crate::server::Serving,
}

impl PhoneServer {
    fn posts(&self) -> Vec<crate::tui::app::PostView> {
        self.serving
            .links()
            .into_iter()
            .map(|l| crate::tui::app::PostView {
                qr: crate::server::qr_lines(&l.url).unwrap_or_default(),
                key: l.post,
                name: l.name,
                url: l.url,
            })
            .collect()
    }
}

impl runtime::Phones for PhoneServer {
    fn publish(&mut self, session: &Session, now: DrillTime) {
        self.serving.publish(session, now);
    }

    fn unauthorized(&self) -> u64 {
        self.serving.unauthorized()
    }

    fn revoke(&mut self, key: &str) -> Result<Vec<crate::tui::app::PostView>, String> {
        let post = self
            .serving
            .posts()
            .into_iter()
            .find(|p| p.key() == key)
            .ok_or_else(|| format!("no post `{key}`"))?;
        self.serving.revoke(&post).map_err(|e| e.to_string())?;
        Ok(self.posts())
    }
}

fn parse_speed(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.1..=100.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "`{s}` is not a speed; use a number from 0.1 to 100"
        )),
    }
}

/// Everything needed to run one drill.
struct Prepared {
    session: Session,
    recorder: JournalRecorder,
    journal_path: PathBuf,
    script_name: String,
    script_toml: String,
    clock: Clock,
    cuts: Vec<crate::store::journal::Cut>,
}

/// Runs the dashboard.
#[must_use]
#[allow(clippy::too_many_lines)] // split in the dashboard/driver rework
pub fn run(args: &RunArgs, lang: Lang) -> ExitCode {
    let t = |m: RunText| m.text(lang);
    if !std::io::stdout().is_terminal() {
        eprintln!("{}", t(RunText::NotATerminal));
        return ExitCode::from(2);
    }
    let keymap = match load_keys(args.keys.as_deref()) {
        Ok(k) => k,
        Err(detail) => {
            eprintln!("{detail}");
            return ExitCode::from(1);
        }
    };
    init_log(&args.out);
    let speed = if args.rehearse { args.speed } else { 1.0 };
    let prepared = match &args.resume {
        Some(journal) => resume_journal(journal, lang, speed),
        None => start_new(args, lang, speed),
    };
    let Ok(prepared) = prepared else {
        return ExitCode::from(1);
    };
    let Prepared {
        session,
        recorder,
        journal_path,
        script_name,
        script_toml,
        mut clock,
        cuts,
    } = prepared;
    let replanner = evacdrill_core::plan::replan::PlanReplanner {
        lang,
        policy: args.policy,
    };
    let records = recorder.lock().records.clone();
    let mut app = App::new(
        session,
        lang,
        keymap,
        Box::new(recorder.clone()),
        Box::new(replanner),
    );
    app.log = records
        .iter()
        .map(|r| crate::tui::app::LogLine {
            seq: r.seq,
            at: DrillTime(r.drill_ms),
            event: r.event.clone(),
            delay_s: None,
        })
        .collect();
    app.now = clock.now();
    if args.rehearse {
        app.rehearsal = Some(speed);
    }
    let driver: Option<Box<dyn runtime::Driver>> = if args.rehearse {
        match rehearse::Rehearsal::new(&app, seed()) {
            Ok(r) => Some(Box::new(r)),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
        }
    } else {
        None
    };
    install_panic_message(&journal_path, lang);
    let session_path = session_path_for(&journal_path);
    let on_end = |app: &mut App| {
        let w = recorder.lock();
        let report = JournalReport {
            write_failures: w.journal.failures().to_vec(),
            cuts: cuts.clone(),
        };
        let file = SessionFile::build(
            &app.session,
            &script_name,
            &script_toml,
            w.records.clone(),
            report,
        );
        drop(w);
        match session_file::write(&session_path, &file) {
            Ok(()) => app.saved_to = Some(session_path.display().to_string()),
            Err(e) => {
                app.notice = Some(crate::tui::app::Notice::Error(t(RunText::SaveFailed {
                    detail: e.to_string(),
                })));
            }
        }
    };
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let serve_info = journal_path.with_file_name(format!(
        "{}.serve.json",
        journal_path
            .file_name()
            .map(|n| n
                .to_string_lossy()
                .trim_end_matches(".journal.jsonl")
                .to_owned())
            .unwrap_or_default()
    ));
    let result = rt.block_on(async {
        // Without --serve nothing listens; the channel just stays empty.
        let (_no_phones, mut reports) = tokio::sync::mpsc::channel(1);
        let mut server = None;
        if let Some(addr) = args.serve {
            match crate::server::Serving::start(addr, &app.session, clock.now(), lang).await {
                Ok((serving, rx)) => {
                    reports = rx;
                    let s = PhoneServer { serving };
                    app.posts = s.posts();
                    if let Err(e) = crate::server::write_serve_info(&serve_info, &s.serving.links()) {
                        tracing::warn!(error = %e, "the serve-info file for the cards could not be written");
                    }
                    server = Some(s);
                }
                Err(e) => return Err(std::io::Error::other(t(RunText::ServeFailed { addr: addr.to_string(), detail: e.to_string() }))),
            }
        }
        let phones = server.as_mut().map(|s| s as &mut dyn runtime::Phones);
        let exit = runtime::run(&mut app, &mut clock, reports, driver, phones, on_end).await;
        if let Some(s) = server {
            let _ = s.serving.stop().await;
        }
        exit
    });
    // Whatever happened, the journal is flushed one last time.
    let _ = recorder.lock().journal.retry(app.now.ms(), &wall::now());
    match result {
        Ok(exit) => {
            if let Some(path) = &app.saved_to {
                println!("{}", t(RunText::Saved { path: path.clone() }));
            } else if app.session.ending().is_none() && app.session.next_seq() > 1 {
                println!(
                    "{}",
                    t(RunText::Stopped {
                        journal: journal_path.display().to_string()
                    })
                );
                println!(
                    "{}",
                    t(RunText::ResumeHow {
                        script: args.script.display().to_string(),
                        journal: journal_path.display().to_string()
                    })
                );
            }
            if exit == Exit::Signal {
                ExitCode::from(130)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

/// Logs go to `evacdrill.log` in the output folder: the screen belongs to
/// the dashboard. A log that cannot be opened is not a reason to stop a drill.
fn init_log(dir: &Path) {
    let _ = std::fs::create_dir_all(dir);
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("evacdrill.log"))
    else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("EVACDRILL_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
}

fn seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs())
}

fn load_keys(path: Option<&Path>) -> Result<Keymap, String> {
    let default_path =
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config/evacdrill/keys.toml"));
    let (path, explicit) = match path {
        Some(p) => (p.to_owned(), true),
        None => match default_path {
            Some(p) if p.exists() => (p, false),
            _ => return Ok(Keymap::default()),
        },
    };
    let _ = explicit;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Keymap::with_overrides(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn session_path_for(journal: &Path) -> PathBuf {
    let name = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".journal.jsonl").unwrap_or(&name);
    journal.with_file_name(format!("{stem}.session.json"))
}

fn start_new(args: &RunArgs, lang: Lang, speed: f64) -> Result<Prepared, ()> {
    let t = |m: RunText| m.text(lang);
    let checked = script_file::load(&args.script);
    let file = args.script.display().to_string();
    let color = super::stderr_color();
    for d in &checked.diagnostics {
        if d.is_error() {
            eprintln!(
                "{}",
                super::diagnostics::render(&file, &checked.source, d, lang, color)
            );
        }
    }
    let script: Script = checked.script.ok_or(())?;
    let stem = args
        .script
        .file_stem()
        .map_or_else(|| "drill".into(), |s| s.to_string_lossy().into_owned());
    if let Some(unfinished) = find_unfinished(&args.out, &stem) {
        let last = unfinished.1;
        println!(
            "{}",
            t(RunText::Unfinished {
                path: unfinished.0.display().to_string(),
                last: crate::tui::widgets::mmss(last)
            })
        );
        if std::io::stdin().is_terminal() {
            print!("{}", t(RunText::ResumeQuestion));
            let _ = std::io::stdout().flush();
            let mut answer = String::new();
            let _ = std::io::stdin().lock().read_line(&mut answer);
            if matches!(answer.trim(), "y" | "Y" | "yes" | "是") {
                return resume_journal(&unfinished.0, lang, speed);
            }
        }
    }
    let schedule =
        evacdrill_core::plan::replan::initial(&script, args.policy, lang).map_err(|e| {
            eprintln!("{}", t(RunText::PlanFailed { detail: e }));
        })?;
    let session = Session::new(script, schedule.clone()).map_err(|e| eprintln!("{e}"))?;
    let script_toml = checked.source.clone();
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!(
            "{}",
            t(RunText::JournalFailed {
                detail: format!("{}: {e}", args.out.display())
            })
        );
        return Err(());
    }
    let journal_path = args.out.join(format!("{stem}-{stamp}.journal.jsonl"));
    let header = Header {
        journal: JOURNAL_MAGIC.to_owned(),
        schema: JOURNAL_SCHEMA,
        created: wall::now(),
        script_name: file.clone(),
        script_toml: script_toml.clone(),
        schedule,
    };
    let journal = Journal::create(&journal_path, &header).map_err(|e| {
        eprintln!(
            "{}",
            t(RunText::JournalFailed {
                detail: e.to_string()
            })
        );
    })?;
    Ok(Prepared {
        session,
        recorder: JournalRecorder::new(journal, Vec::new()),
        journal_path,
        script_name: file,
        script_toml,
        clock: Clock::new(DrillTime::ZERO, speed),
        cuts: Vec::new(),
    })
}

fn resume_journal(path: &Path, lang: Lang, speed: f64) -> Result<Prepared, ()> {
    let t = |m: RunText| m.text(lang);
    let resumed = resume::resume(path).map_err(|e| {
        eprintln!(
            "{}",
            t(RunText::ResumeFailed {
                detail: e.to_string()
            })
        );
    })?;
    if let Some(cut) = &resumed.cut {
        eprintln!(
            "{}",
            t(RunText::CutLine {
                line: cut.line,
                bytes: cut.bytes
            })
        );
    }
    let now = resumed.clock.now();
    let mut clock = Clock::new(now, speed);
    if resumed.session.phase() != evacdrill_core::session::Phase::Briefing {
        clock.start();
    }
    let records: Vec<Record> = resumed.records;
    Ok(Prepared {
        session: resumed.session,
        recorder: JournalRecorder::new(resumed.journal, records),
        journal_path: path.to_owned(),
        script_name: resumed.header.script_name.clone(),
        script_toml: resumed.header.script_toml.clone(),
        clock,
        cuts: resumed.cut.into_iter().collect(),
    })
}

/// The newest journal of this script in `dir` whose drill did not end, with
/// the drill time of its last entry.
fn find_unfinished(dir: &Path, stem: &str) -> Option<(PathBuf, DrillTime)> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&format!("{stem}-")) && n.ends_with(".journal.jsonl")
            })
        })
        .filter(|p| !session_path_for(p).exists())
        .collect();
    found.sort();
    let path = found.pop()?;
    let scan = Journal::read(&path).ok()?;
    let ended = scan
        .records
        .iter()
        .any(|r| matches!(r.event, evacdrill_core::session::Event::Ended { .. }));
    let started = !scan.records.is_empty();
    (!ended && started).then(|| {
        (
            path,
            DrillTime(scan.records.last().map_or(0, |r| r.drill_ms)),
        )
    })
}

/// After a panic (once ratatui's hook has given the terminal back), says
/// where the journal is and how to go on.
fn install_panic_message(journal: &Path, lang: Lang) {
    let message = RunText::Crashed {
        journal: journal.display().to_string(),
    }
    .text(lang);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        eprintln!("\n{message}");
    }));
}

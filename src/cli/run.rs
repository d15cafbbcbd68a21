//! `evacdrill run SCRIPT`: the live drill dashboard.
//!
//! Loads and plans the script (or resumes a journal), opens the journal,
//! runs the dashboard's event loop, and writes the session file when the
//! drill ends. `--rehearse` lets the simulator play the marshals and the
//! assembly point.

mod prepare;
pub mod rehearse;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::dashboard::RunText;
use evacdrill_core::plan::replan::PlanReplanner;
use evacdrill_core::script::Policy;

use super::exit;
use crate::drill::Drill;
use crate::server::Serving;
use crate::tui::App;
use crate::tui::app::PostView;
use crate::tui::clock::Clock;
use crate::tui::keymap::Keymap;
use crate::tui::runtime::{self, Exit, Rehearse, Sources};

use prepare::Prepared;

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
    serving: Serving,
}

impl PhoneServer {
    fn posts(&self) -> Vec<PostView> {
        self.serving
            .links()
            .into_iter()
            .map(|l| PostView {
                qr: crate::server::qr_lines(&l.url).unwrap_or_default(),
                key: l.post,
                name: l.name,
                url: l.url,
            })
            .collect()
    }
}

impl runtime::Phones for PhoneServer {
    fn unauthorized(&self) -> u64 {
        self.serving.unauthorized()
    }

    fn revoke(&mut self, key: &str) -> Result<Vec<PostView>, String> {
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

/// Runs the dashboard.
#[must_use]
pub fn run(args: &RunArgs, lang: Lang) -> ExitCode {
    if !std::io::stdout().is_terminal() {
        eprintln!("{}", RunText::NotATerminal.text(lang));
        return exit::Status::Usage.into();
    }
    let keymap = match load_keys(args.keys.as_deref()) {
        Ok(k) => k,
        Err(detail) => {
            eprintln!("{detail}");
            return exit::Status::Failure.into();
        }
    };
    init_log(&args.out);
    let speed = if args.rehearse { args.speed } else { 1.0 };
    let prepared = match &args.resume {
        Some(journal) => prepare::resume(journal, args.policy, lang, speed),
        None => prepare::start_new(args, lang, speed),
    };
    let Ok(Prepared {
        mut drill,
        mut clock,
        control,
    }) = prepared
    else {
        return exit::Status::Failure.into();
    };
    let planner = Box::new(PlanReplanner {
        lang,
        policy: args.policy,
        control: control.clone(),
    });
    let mut app = App::new(&drill, lang, keymap, planner);
    if args.rehearse {
        app = app.rehearsing(speed);
    }
    let rehearsal: Option<Box<dyn Rehearse>> = if args.rehearse {
        match rehearse::Rehearsal::new(drill.session(), seed(), control.metered()) {
            Ok(r) => Some(Box::new(r)),
            Err(e) => {
                eprintln!("{e}");
                return exit::Status::Failure.into();
            }
        }
    } else {
        None
    };
    install_panic_message(drill.path(), lang);
    let result = live(args, lang, &mut app, &mut drill, &mut clock, rehearsal);
    // Whatever happened, the journal is flushed one last time.
    drill.retry(clock.now());
    report_exit(args, lang, &app, &drill, result)
}

/// The dashboard's loop on a runtime of its own, with the phone server
/// when `--serve` asks for it.
fn live(
    args: &RunArgs,
    lang: Lang,
    app: &mut App,
    drill: &mut Drill,
    clock: &mut Clock,
    rehearsal: Option<Box<dyn Rehearse>>,
) -> std::io::Result<Exit> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let session_path = crate::store::session_file::beside(drill.path());
    let on_end = |app: &mut App, drill: &mut Drill| match drill.write_session(&session_path) {
        Ok(()) => app.saved(session_path.display().to_string()),
        Err(e) => app.failed(
            RunText::SaveFailed {
                detail: e.to_string(),
            }
            .text(lang),
        ),
    };
    rt.block_on(async {
        // Without --serve nothing listens; the channel just stays empty.
        let (_no_phones, mut reports) = tokio::sync::mpsc::channel(1);
        let mut server = None;
        if let Some(addr) = args.serve {
            let (serving, rx) = Serving::start(addr, drill.session(), clock.now(), lang)
                .await
                .map_err(|e| {
                    std::io::Error::other(
                        RunText::ServeFailed {
                            addr: addr.to_string(),
                            detail: e.to_string(),
                        }
                        .text(lang),
                    )
                })?;
            reports = rx;
            drill.attach(Box::new(serving.view()));
            let s = PhoneServer { serving };
            app.set_posts(s.posts(), None);
            let info = serve_info_path(drill.path());
            if let Err(e) = crate::server::write_serve_info(&info, &s.serving.links()) {
                tracing::warn!(error = %e, "the serve-info file for the cards could not be written");
            }
            server = Some(s);
        }
        let sources = Sources {
            reports,
            rehearsal,
            phones: server.as_mut().map(|s| s as &mut dyn runtime::Phones),
        };
        let exit = runtime::run(app, drill, clock, sources, on_end).await;
        if let Some(s) = server {
            let _ = s.serving.stop().await;
        }
        exit
    })
}

/// `NAME.serve.json` beside `NAME.journal.jsonl`: the posts' links, for
/// `evacdrill cards --serve-info`.
fn serve_info_path(journal: &Path) -> PathBuf {
    let name = journal
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .trim_end_matches(".journal.jsonl")
                .to_owned()
        })
        .unwrap_or_default();
    journal.with_file_name(format!("{name}.serve.json"))
}

/// Says where the record is and how to go on; the exit status.
fn report_exit(
    args: &RunArgs,
    lang: Lang,
    app: &App,
    drill: &Drill,
    result: std::io::Result<Exit>,
) -> ExitCode {
    let t = |m: RunText| m.text(lang);
    match result {
        Ok(exit) => {
            if let Some(path) = app.saved_to() {
                println!(
                    "{}",
                    t(RunText::Saved {
                        path: path.to_owned()
                    })
                );
            } else if drill.session().ending().is_none() && drill.next_seq() > 1 {
                let journal = drill.path().display().to_string();
                println!(
                    "{}",
                    t(RunText::Stopped {
                        journal: journal.clone()
                    })
                );
                println!(
                    "{}",
                    t(RunText::ResumeHow {
                        script: args.script.display().to_string(),
                        journal
                    })
                );
            }
            if exit == Exit::Signal {
                exit::Status::Interrupted.into()
            } else {
                exit::Status::Success.into()
            }
        }
        Err(e) => {
            eprintln!("{e}");
            exit::Status::Failure.into()
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
    crate::store::keys_file::load(path, Keymap::with_overrides)
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

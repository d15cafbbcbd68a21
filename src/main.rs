//! The `evacdrill` command: parse the command line, dispatch, exit.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use evacdrill::{STARTED, cli, report, tui};
use evacdrill_core::i18n::Lang;

/// Plan, run, record and review school evacuation drills.
#[derive(Debug, Parser)]
#[command(name = "evacdrill", version, about, long_about = None)]
struct Args {
    /// Language of all output: en or zh-CN (default: from `LC_ALL` / `LANG`, else en).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate drill scripts and summarise them.
    Check {
        /// Drill scripts (TOML).
        #[arg(required = true)]
        scripts: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: cli::check::Format,
    },
    /// Predict a drill: play the plan through the crowd-flow model, many
    /// times with random variation, and report times, densities and risks.
    Simulate(cli::simulate::Args),
    /// Compute the staggered release plan: times, stairwells and paces.
    Plan {
        /// Drill script (TOML).
        script: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: cli::plan::Format,
        /// Plan with this stairwell unavailable (repeatable): the "blocked route" drill.
        #[arg(long = "blocked", value_name = "ID")]
        blocked: Vec<String>,
        /// Override the script's release policy: auto, floor-ascending, grade-ascending, grade-descending.
        #[arg(long, value_parser = cli::plan::parse_policy)]
        policy: Option<evacdrill_core::script::Policy>,
    },
    /// Print the JSON Schema of a file format, for editors.
    Schema {
        /// Which format.
        #[arg(value_enum)]
        format: cli::schema::Format,
    },
    /// Run a drill live on the dashboard (or rehearse it with the simulator).
    Run(cli::run::RunArgs),
    /// Browse recorded sessions: timing, stairwells, classes, problems, trend.
    Review {
        /// Session files (`.session.json`) or journals (`.journal.jsonl`).
        #[arg(required = true)]
        sessions: Vec<PathBuf>,
        /// A keys file whose `[review]` table overrides the browser's keys
        /// (see docs/review.md); by default `~/.config/evacdrill/keys.toml`
        /// when it exists.
        #[arg(long, value_name = "FILE")]
        keys: Option<PathBuf>,
    },
    /// Write the safety committee's report of recorded sessions.
    Report {
        /// Session files (`.session.json`) or journals (`.journal.jsonl`).
        #[arg(required = true)]
        sessions: Vec<PathBuf>,
        /// Report format.
        #[arg(long, value_enum)]
        format: report::Format,
        /// Write to this file (atomically) instead of stdout.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Write the paper fallback: a card per stairwell marshal, a roster per class.
    Cards(cli::cards::CardsArgs),
    /// Write the session file of an ended drill from its journal (the laptop died
    /// after the end, or the file was lost).
    Rebuild(cli::rebuild::Args),
    /// Write example recorded drills of a script (rehearsals, never real drills), to
    /// try `review` and `report` before any drill has been held.
    Sample(cli::sample::Args),
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s)
        .ok_or_else(|| format!("`{s}` is not a language evacdrill speaks; use en or zh-CN"))
}

fn main() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    let args = Args::parse();
    let lc_all = std::env::var("LC_ALL").ok();
    let lang_env = std::env::var("LANG").ok();
    let lang = Lang::choose(args.lang, lc_all.as_deref(), lang_env.as_deref());
    let no_color = std::env::var_os("NO_COLOR");
    tui::theme::init(tui::theme::Theme::for_no_color(no_color.as_deref()));
    match args.command {
        Command::Check { scripts, format } => cli::check::run(&scripts, format, lang),
        Command::Plan {
            script,
            format,
            blocked,
            policy,
        } => cli::plan::run(&script, format, blocked, policy, lang),
        Command::Schema { format } => cli::schema::run(format),
        Command::Run(args) => cli::run::run(&args, lang),
        Command::Cards(args) => cli::cards::run(&args, lang),
        Command::Review { sessions, keys } => cli::review::run(&sessions, keys.as_deref(), lang),
        Command::Report {
            sessions,
            format,
            output,
        } => cli::report::run(&sessions, format, output.as_deref(), lang),
        Command::Simulate(args) => cli::simulate::run(&args, lang),
        Command::Rebuild(args) => cli::rebuild::run(&args, lang),
        Command::Sample(args) => cli::sample::run(&args, lang),
    }
}

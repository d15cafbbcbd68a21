//! The `evacdrill` command: parse the command line, dispatch, exit.

mod cli;
mod server;
mod store;
mod tui;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use evacdrill::i18n::Lang;

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
    /// Print the JSON Schema of a file format, for editors.
    Schema {
        /// Which format.
        #[arg(value_enum)]
        format: cli::schema::Format,
    },
    /// Run a drill live on the dashboard (or rehearse it with the simulator).
    Run(cli::run::RunArgs),
    /// Write the paper fallback: a card per stairwell marshal, a roster per class.
    Cards(cli::cards::CardsArgs),
    /// Commands for tests and measurements.
    #[command(hide = true)]
    Debug {
        #[command(subcommand)]
        command: cli::debug::DebugCommand,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s)
        .ok_or_else(|| format!("`{s}` is not a language evacdrill speaks; use en or zh-CN"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let lc_all = std::env::var("LC_ALL").ok();
    let lang_env = std::env::var("LANG").ok();
    let lang = Lang::choose(args.lang, lc_all.as_deref(), lang_env.as_deref());
    match args.command {
        Command::Check { scripts, format } => cli::check::run(&scripts, format, lang),
        Command::Schema { format } => cli::schema::run(format),
        Command::Run(args) => cli::run::run(&args, lang),
        Command::Cards(args) => cli::cards::run(&args, lang),
        Command::Debug { command } => cli::debug::run(command, lang),
    }
}

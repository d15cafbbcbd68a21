//! `evacdrill debug serve-headless`: the phone server without a dashboard,
//! for the server's tests and benchmarks. Hidden from `--help`; the journal's
//! test helpers live in the tests, and what a user needs of the rest is a
//! documented command (`rebuild`, `sample`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The hidden debug commands.
#[derive(Debug, clap::Subcommand)]
pub enum DebugCommand {
    /// Serve phones without a dashboard: coordinator inputs as JSON lines
    /// on stdin, everything said as JSON lines on stdout (see
    /// `src/server/headless.rs`).
    #[command(name = "serve-headless")]
    ServeHeadless {
        script: PathBuf,
        #[arg(long, default_value = "127.0.0.1:0", value_parser = crate::server::parse_addr)]
        addr: std::net::SocketAddr,
        #[arg(long)]
        journal: PathBuf,
        /// Where the session file goes (default: beside the journal).
        #[arg(long)]
        session: Option<PathBuf>,
        /// Print each post's URL, token included.
        #[arg(long)]
        print_tokens: bool,
        /// Write every post's link to this file (for `cards --serve-info`).
        #[arg(long)]
        serve_info: Option<PathBuf>,
        /// Requests per second per client address (0: no limit).
        #[arg(long, default_value_t = 10.0)]
        rate: f64,
        /// Write the server's log here.
        #[arg(long)]
        log: Option<PathBuf>,
    },
}

/// Runs a debug command.
#[must_use]
pub fn run(command: DebugCommand, lang: evacdrill_core::i18n::Lang) -> ExitCode {
    let result = match command {
        DebugCommand::ServeHeadless {
            script,
            addr,
            journal,
            session,
            print_tokens,
            serve_info,
            rate,
            log,
        } => serve_headless(
            crate::server::headless::Options {
                script,
                addr,
                journal,
                session,
                print_tokens,
                serve_info,
                lang,
                rate,
            },
            log.as_deref(),
        ),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

type Outcome = Result<ExitCode, Box<dyn std::error::Error>>;

fn serve_headless(opts: crate::server::headless::Options, log: Option<&Path>) -> Outcome {
    if let Some(path) = log {
        let file = std::fs::File::create(path)?;
        tracing_subscriber::fmt()
            .with_writer(std::sync::Mutex::new(file))
            .with_ansi(false)
            .init();
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(crate::server::headless::run(opts))
        .map_err(|e| -> Box<dyn std::error::Error> { e })?;
    Ok(ExitCode::SUCCESS)
}

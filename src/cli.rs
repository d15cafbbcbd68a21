//! The command line: one module per subcommand.

pub mod cards;
pub mod check;
pub mod diagnostics;
pub mod exit;
pub mod parallel;
pub mod plan;
pub mod rebuild;
pub mod report;
pub mod review;
pub mod run;
pub mod sample;
pub mod schema;
pub mod simulate;

use std::io::IsTerminal;

/// Whether to colour output written to stderr.
#[must_use]
pub fn stderr_color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Writes `text` to stdout; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

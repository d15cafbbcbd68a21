//! The evacdrill shell: the effects around the pure core
//! ([`evacdrill_core`]): the command line, files, the dashboard, the phone
//! server and the reports.
//!
//! The `evacdrill` binary is a few lines around [`cli`]; this library exists
//! so that the integration tests and the benchmarks reach the shell through
//! its public API instead of compiling its files a second time.

pub mod cli;
pub mod drill;
pub mod report;
pub mod review_tui;
pub mod server;
pub mod store;
pub mod tui;

/// When the process started, for the first-frame figure in the log (set by
/// the binary's `main`; empty in tests and benchmarks).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

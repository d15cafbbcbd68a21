//! evacdrill: plan, run, record and review school evacuation drills.
//!
//! The library is the pure core: it computes, and never touches a terminal,
//! a socket, a file or a clock. The `evacdrill` binary is the shell of
//! effects around it.

pub mod flow;
pub mod i18n;
pub mod plan;
pub mod review;
pub mod script;
pub mod session;
pub mod sim;
pub mod units;

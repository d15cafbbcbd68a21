//! evacdrill-core: the pure core of evacdrill, which plans, runs, records
//! and reviews school evacuation drills.
//!
//! It computes, and never touches a terminal, a socket, a file or a clock;
//! the `evacdrill` package is the shell of effects around it.

pub mod flow;
pub mod i18n;
pub mod plan;
pub mod release;
pub mod review;
pub mod script;
pub mod session;
pub mod sim;
pub mod time;
pub mod units;

pub use release::Release;
pub use time::DrillTime;

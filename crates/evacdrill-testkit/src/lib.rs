//! Fixtures for evacdrill's integration tests and benchmarks. A dev-only
//! crate: nothing here is in the shipped binary.

pub mod headless;
pub mod journal_check;

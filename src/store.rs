//! Files: loading scripts, the journal and the session file.

pub mod atomic;
pub mod journal;
#[cfg(test)]
mod journal_tests;
pub mod keys_file;
pub mod rebuild;
pub mod record;
pub mod resume;
pub mod review_source;
pub mod script_file;
pub mod session_file;
pub mod wall;

//! Files: loading scripts, the journal and the session file.

pub mod atomic;
pub mod journal;
pub mod record;
pub mod resume;
pub mod script_file;
pub mod session_file;
pub mod wall;

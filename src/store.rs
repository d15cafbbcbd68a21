//! Files: loading scripts, and (later) the journal and the session file.

pub mod script_file;

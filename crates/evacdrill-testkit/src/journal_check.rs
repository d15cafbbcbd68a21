//! What a journal holds, read through the shell's public API: reopened as a
//! resume reopens it (a damaged last line cut off, every earlier line
//! kept), replayed, summarised. Used by `tests/journal.rs` and
//! `tests/dashboard_tmux.rs`.

use std::path::Path;

use evacdrill::store::journal::Journal;
use evacdrill::store::{record, resume};

/// Reopens the journal at `path` and replays it; reports `records`,
/// `last_seq`, `cut` (the damaged last line cut off, or null), `phase` and
/// `unfinished` as JSON. `Err` holds the journal's own error message.
///
/// # Errors
/// The journal's own error, in words.
pub fn check(path: &Path) -> Result<serde_json::Value, String> {
    let (journal, scan) = Journal::open_for_resume(path).map_err(|e| e.to_string())?;
    let unfinished = resume::is_unfinished(path).map_err(|e| e.to_string())?;
    let script = evacdrill_core::script::check_str(&scan.header.script_toml)
        .script
        .ok_or("the journal's script does not check")?;
    let session = record::replay(script, scan.header.schedule.clone(), &scan.records)
        .map_err(|e| e.to_string())?;
    Ok(serde_json::json!({
        "records": scan.records.len(),
        "last_seq": journal.next_seq() - 1,
        "cut": scan.cut,
        "phase": session.phase(),
        "unfinished": unfinished,
    }))
}

//! What a journal holds, read through the shell's public API: reopened as a
//! resume reopens it (a damaged last line cut off, every earlier line
//! kept), replayed, summarised. Shared by `tests/journal.rs` and
//! `tests/dashboard_tmux.rs`.

use std::path::Path;

use evacdrill::store::journal::Journal;
use evacdrill::store::resume;
use evacdrill_core::session::DrillTime;

/// Reopens the journal at `path` and replays it; reports `records`,
/// `last_seq`, `cut` (the damaged last line cut off, or null), `phase` and
/// `unfinished` as JSON. `Err` holds the journal's own error message.
pub fn check(path: &Path) -> Result<serde_json::Value, String> {
    let (journal, scan) = Journal::open_for_resume(path).map_err(|e| e.to_string())?;
    let unfinished = resume::is_unfinished(path).map_err(|e| e.to_string())?;
    let mut session = resume::replay_header(&scan.header).map_err(|e| e.to_string())?;
    session
        .replay_more(
            scan.records
                .iter()
                .map(|r| (DrillTime(r.drill_ms), &r.event)),
        )
        .map_err(|e| e.to_string())?;
    Ok(serde_json::json!({
        "records": scan.records.len(),
        "last_seq": journal.next_seq() - 1,
        "cut": scan.cut,
        "phase": session.phase(),
        "unfinished": unfinished,
    }))
}

//! Going on after a crash: the journal reopened and the session replayed.
//!
//! `evacdrill run SCRIPT --resume JOURNAL` reopens the journal through
//! [`crate::drill::Drill::resume`], which calls [`reopen`]. The clock goes on
//! from the last recorded drill time plus the wall time that passed since
//! that record (the only figure for which nothing but the wall clock knows
//! the answer); the driver records the gap as a `resumed_after_crash` event,
//! so the review sees it.

use std::path::Path;

use evacdrill_core::script::check_str;
use evacdrill_core::session::{ReplayError, Schedule, Session, SessionError};

use super::journal::{Cut, Journal, JournalError};
use super::record::{Header, Record};
use super::wall;

/// A journal reopened to go on with its drill: everything recorded,
/// replayed. The gap is measured, not yet recorded: the live-drill driver
/// records it ([`crate::drill::Drill::resume`]), as it records everything.
#[derive(Debug)]
pub struct Reopened {
    pub journal: Journal,
    pub session: Session,
    pub header: Header,
    /// Every event recorded.
    pub records: Vec<Record>,
    /// A damaged last line that was cut off, if any.
    pub cut: Option<Cut>,
    /// Wall time since the last record: how long the program was not
    /// running.
    pub gap_ms: u64,
}

/// Why a journal cannot be resumed.
#[derive(Debug, thiserror::Error)]
pub enum ResumeError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("the script recorded in the journal does not check")]
    Script,
    #[error("the journal's events do not replay: {0}")]
    Replay(#[from] ReplayError),
    #[error("the drill in this journal has ended; there is nothing to resume")]
    Ended,
    #[error("the session refused to resume: {0}")]
    Session(#[from] SessionError),
}

/// Reopens the journal at `path` (a damaged last line is cut off the file)
/// and replays it; a drill that ended is not reopened.
pub fn reopen(path: &Path) -> Result<Reopened, ResumeError> {
    let (journal, scan) = Journal::open_for_resume(path)?;
    let script = check_str(&scan.header.script_toml)
        .script
        .ok_or(ResumeError::Script)?;
    let session = super::record::replay(script, scan.header.schedule.clone(), &scan.records)?;
    if session.ending().is_some() {
        return Err(ResumeError::Ended);
    }
    let gap_ms = scan
        .records
        .last()
        .map_or(Some(0), |r| wall::elapsed_ms(&r.wall))
        .unwrap_or(0);
    Ok(Reopened {
        journal,
        session,
        header: scan.header,
        records: scan.records,
        cut: scan.cut,
        gap_ms,
    })
}

/// Whether the journal at `path` holds a drill that has not ended, so that
/// `run` can offer to resume it. Reading does not change the file.
pub fn is_unfinished(path: &Path) -> Result<bool, JournalError> {
    let scan = Journal::read(path)?;
    Ok(!scan
        .records
        .iter()
        .any(|r| matches!(r.event, evacdrill_core::session::Event::Ended { .. })))
}

/// The simplest schedule for a script: every class at the signal, into its
/// own stairwell. For tools and tests that need a replayable journal without
/// the planner, never for a drill.
#[must_use]
pub fn all_at_signal(script: &evacdrill_core::script::Script) -> Schedule {
    Schedule {
        releases: script
            .classes
            .iter()
            .map(|c| evacdrill_core::Release {
                class: c.id.clone(),
                stairwell: c.stairwell.clone(),
                at: evacdrill_core::DrillTime::ZERO,
                pace: None,
            })
            .collect(),
    }
}

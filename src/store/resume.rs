//! Going on after a crash: the journal reopened, the session replayed, the
//! drill clock carried on, the gap recorded.
//!
//! `evacdrill run SCRIPT --resume JOURNAL` calls [`resume`]. The clock goes on
//! from the last recorded drill time plus the wall time that passed since
//! that record (the only figure for which nothing but the wall clock knows
//! the answer); the gap is recorded as a `resumed_after_crash` event, so the
//! review sees it.

use std::path::Path;
use std::time::Instant;

use evacdrill_core::script::check_str;
use evacdrill_core::session::{DrillTime, Input, ReplayError, Schedule, Session, SessionError};

use super::journal::{Cut, Journal, JournalError};
use super::record::{Header, Record};
use super::wall;

/// The drill clock: monotonic, in milliseconds since the signal.
#[derive(Debug, Clone, Copy)]
pub struct DrillClock {
    origin: Instant,
    offset_ms: u64,
}

impl DrillClock {
    /// A clock that reads `offset_ms` now and runs on from there.
    #[must_use]
    pub fn starting_at(offset_ms: u64) -> Self {
        Self {
            origin: Instant::now(),
            offset_ms,
        }
    }

    /// The drill time now.
    #[must_use]
    pub fn now(&self) -> DrillTime {
        let elapsed = u64::try_from(self.origin.elapsed().as_millis()).unwrap_or(u64::MAX);
        DrillTime(self.offset_ms.saturating_add(elapsed))
    }
}

/// A drill taken up again.
#[derive(Debug)]
pub struct Resumed {
    pub journal: Journal,
    pub session: Session,
    pub header: Header,
    /// Every event recorded, the `resumed_after_crash` one included.
    pub records: Vec<Record>,
    /// A damaged last line that was cut off, if any.
    pub cut: Option<Cut>,
    /// The drill clock, carrying on.
    pub clock: DrillClock,
    /// The journal could not take the `resumed_after_crash` event: it waits
    /// in the pending queue, and the user must be told.
    pub write_error: Option<JournalError>,
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

/// Reopens the journal at `path` and takes the drill up again.
///
/// A failure to write the `resumed_after_crash` event does not stop the
/// resume: it is in [`Resumed::write_error`] and the event waits in the
/// journal's pending queue.
pub fn resume(path: &Path) -> Result<Resumed, ResumeError> {
    let (mut journal, scan) = Journal::open_for_resume(path)?;
    let script = check_str(&scan.header.script_toml)
        .script
        .ok_or(ResumeError::Script)?;
    let mut session = super::record::replay(script, scan.header.schedule.clone(), &scan.records)?;
    if session.ending().is_some() {
        return Err(ResumeError::Ended);
    }
    let gap_ms = scan
        .records
        .last()
        .map_or(Some(0), |r| wall::elapsed_ms(&r.wall))
        .unwrap_or(0);
    let now = DrillTime(session.last_time().ms().saturating_add(gap_ms));
    let events = session.apply(Input::ResumeAfterCrash { gap_ms }, now)?;
    let when = wall::now();
    let first_seq = journal.next_seq();
    let write_error = journal.append(now.ms(), &when, &events).err();
    let mut records = scan.records;
    records.extend((first_seq..).zip(events).map(|(seq, event)| Record {
        seq,
        drill_ms: now.ms(),
        wall: when.clone(),
        event,
    }));
    Ok(Resumed {
        journal,
        session,
        header: scan.header,
        records,
        cut: scan.cut,
        clock: DrillClock::starting_at(now.ms()),
        write_error,
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

/// A fresh session for the script and schedule a journal's header holds.
pub fn replay_header(header: &Header) -> Result<Session, ResumeError> {
    let script = check_str(&header.script_toml)
        .script
        .ok_or(ResumeError::Script)?;
    Session::new(script, header.schedule.clone()).map_err(|e| ResumeError::Replay(e.into()))
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

//! The session file of an ended drill, rebuilt from its journal alone.
//!
//! For when the laptop died after the end but before the session file was
//! written, or the file was lost: the journal holds every event, so the file
//! it rebuilds is the one the drill would have written (the same
//! [`SessionFile::build`] over the same records). Only what was never on
//! disk is missing: the journal's write failures, which the running program
//! kept in memory. The journal is read, never changed; a damaged last line
//! (a write the power cut interrupted) is left out and listed under the
//! file's `journal.cuts`, as a resume would.

use std::path::Path;

use evacdrill_core::script::check_str;
use evacdrill_core::session::{DrillTime, ReplayError, Session};

use super::journal::{Cut, Journal, JournalError};
use super::record::Header;
use super::session_file::{JournalReport, SessionFile};

/// A session file rebuilt from a journal.
#[derive(Debug)]
pub struct Rebuilt {
    pub file: SessionFile,
    /// The session the events replay to.
    pub session: Session,
    pub header: Header,
    /// A damaged last line left out, if any.
    pub cut: Option<Cut>,
}

/// Why a journal does not give a session file.
#[derive(Debug, thiserror::Error)]
pub enum RebuildError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("the script recorded in the journal does not check")]
    Script,
    #[error("the journal's events do not replay: {0}")]
    Replay(#[from] ReplayError),
    /// The drill has not ended: it is resumed, not rebuilt.
    #[error("the drill in this journal has not ended (last entry at {last})")]
    NotEnded {
        /// The script as `run` was given it, for the resume command.
        script_name: String,
        /// The drill time of the last entry.
        last: DrillTime,
    },
}

/// Reads the journal at `path` and builds the session file of its drill,
/// which must have ended.
pub fn from_journal(path: &Path) -> Result<Rebuilt, RebuildError> {
    let scan = Journal::read(path)?;
    let script = check_str(&scan.header.script_toml)
        .script
        .ok_or(RebuildError::Script)?;
    let session = Session::replay(
        script,
        scan.header.schedule.clone(),
        scan.records
            .iter()
            .map(|r| (DrillTime(r.drill_ms), &r.event)),
    )?;
    if session.ending().is_none() {
        return Err(RebuildError::NotEnded {
            script_name: scan.header.script_name,
            last: session.last_time(),
        });
    }
    let file = SessionFile::build(
        &session,
        &scan.header.script_name,
        &scan.header.script_toml,
        scan.records,
        JournalReport {
            write_failures: Vec::new(),
            cuts: scan.cut.iter().cloned().collect(),
        },
    );
    Ok(Rebuilt {
        file,
        session,
        header: scan.header,
        cut: scan.cut,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_file_goes_beside_the_journal() {
        for (journal, session) in [
            ("d/x.journal.jsonl", "d/x.session.json"),
            ("x.jsonl", "x.session.json"),
            ("d/x", "d/x.session.json"),
        ] {
            assert_eq!(
                crate::store::session_file::beside(Path::new(journal)),
                Path::new(session),
                "{journal}"
            );
        }
    }
}

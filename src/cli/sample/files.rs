//! The sample drill's files, written by the live-drill driver: the sample's
//! inputs given again to a [`Drill`] on a new journal (synced per input, as
//! in a drill), then its session file; wall times from the sample's signal.

use std::path::Path;

use evacdrill_core::script::Script;
use evacdrill_core::session::{DrillTime, Event, NoReplanner, SessionError};

use super::Sample;
use crate::drill::{CreateError, Drill, FixedWall, NewDrill};
use crate::store::journal::sync_dir;
use crate::store::record::Record;
use crate::store::session_file::{JournalReport, SessionFile, SessionFileError};

/// The sample's events as journal records, with wall times from `clock`.
#[must_use]
pub fn records(sample: &Sample, clock: &FixedWall) -> Vec<Record> {
    sample
        .events
        .iter()
        .zip(1..)
        .map(|((at, event), seq)| Record {
            seq,
            drill_ms: at.ms(),
            wall: clock.at(at.ms()),
            event: event.clone(),
        })
        .collect()
}

/// The session file of the sample, built in memory (for the views and the
/// benchmarks, which restamp one sample as many drills); what
/// [`write`] puts on disk is the same file.
#[must_use]
pub fn session_file(
    sample: &Sample,
    script_name: &str,
    script_toml: &str,
    clock: &FixedWall,
) -> SessionFile {
    SessionFile::build(
        &sample.session,
        script_name,
        script_toml,
        records(sample, clock),
        JournalReport::default(),
    )
}

/// Where the sample's files go, and what they are of.
pub struct Target<'a> {
    pub journal: &'a Path,
    pub session: &'a Path,
    pub script: &'a Script,
    /// The script's file name as given on the command line.
    pub script_name: &'a str,
    /// The script's text.
    pub script_toml: &'a str,
}

/// Why a sample's files could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Create(#[from] CreateError),
    #[error("the drill refused the sample's input {input} at {at}: {source}")]
    Refused {
        input: String,
        at: DrillTime,
        source: SessionError,
    },
    #[error(
        "the drill recorded other events than the sample did ({recorded} against {generated}, \
         first difference at event {at}); the sample generator is not deterministic, \
         please report this"
    )]
    Diverged {
        recorded: usize,
        generated: usize,
        at: usize,
    },
    #[error("the journal could not be written: {0}")]
    Journal(String),
    #[error(transparent)]
    Session(#[from] SessionFileError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl WriteError {
    /// Whether it is the session file (rather than the journal) that failed.
    #[must_use]
    pub fn is_session_file(&self) -> bool {
        matches!(self, Self::Session(_))
    }
}

/// Writes the sample's journal and session file through the driver: a
/// [`Drill`] created on a temporary journal beside `target.journal`, every
/// input of the sample applied again at its drill time, the session file
/// written by the drill, and the journal renamed into place.
///
/// The journal appears only when complete, so that a reader never finds
/// half a sample (which would look like a drill that did not end). Whether
/// a file already there may be replaced is the caller's decision.
pub fn write(target: &Target<'_>, sample: &Sample, clock: &FixedWall) -> Result<(), WriteError> {
    let name = target
        .journal
        .file_name()
        .map_or_else(|| "journal".into(), |n| n.to_string_lossy().into_owned());
    let tmp = target
        .journal
        .with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let written = write_through(target, &tmp, sample, clock).and_then(|()| {
        std::fs::rename(&tmp, target.journal)?;
        sync_dir(target.journal)?;
        Ok(())
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The drill on the journal at `tmp`, given the sample's inputs; the
/// session file written once its events are checked against the sample's.
fn write_through(
    target: &Target<'_>,
    tmp: &Path,
    sample: &Sample,
    clock: &FixedWall,
) -> Result<(), WriteError> {
    let mut drill = Drill::create(
        NewDrill {
            journal: tmp,
            script_name: target.script_name,
            script_toml: target.script_toml,
            script: target.script.clone(),
            schedule: sample.schedule.clone(),
        },
        Box::new(NoReplanner),
        Box::new(clock.clone()),
    )?;
    for (at, input) in &sample.inputs {
        drill
            .apply(input.clone(), *at)
            .map_err(|source| WriteError::Refused {
                input: format!("{input:?}"),
                at: *at,
                source,
            })?;
    }
    same_events(drill.records(), &sample.events)?;
    drill.write_session(target.session)?;
    // The driver keeps what the disk refused and goes on (a live drill must);
    // a sample whose journal is not whole on disk is not written at all.
    if let Some(trouble) = drill.trouble() {
        let _ = std::fs::remove_file(target.session);
        return Err(WriteError::Journal(trouble.to_owned()));
    }
    Ok(())
}

/// The drill must have recorded exactly the sample's events: the session
/// is deterministic, so anything else is a bug, and the files would not be
/// the sample that was reviewed.
fn same_events(recorded: &[Record], generated: &[(DrillTime, Event)]) -> Result<(), WriteError> {
    let differ = recorded
        .iter()
        .zip(generated)
        .position(|(r, (at, e))| r.drill_ms != at.ms() || r.event != *e);
    match differ {
        None if recorded.len() == generated.len() => Ok(()),
        _ => Err(WriteError::Diverged {
            recorded: recorded.len(),
            generated: generated.len(),
            at: differ.unwrap_or(recorded.len().min(generated.len())) + 1,
        }),
    }
}

#[cfg(test)]
mod tests {
    use evacdrill_core::script::check_str;

    use super::*;

    const DEMO: &str = include_str!("../../../drills/demo.toml");

    fn demo() -> (Script, Sample, FixedWall) {
        let script = check_str(DEMO).script.expect("demo.toml checks");
        let sample = super::super::rehearsal(&script, 4).expect("the sample drill runs");
        let clock = FixedWall::new("2026-03-02T10:00:00+08:00").expect("a time");
        (script, sample, clock)
    }

    #[test]
    fn the_driver_writes_the_session_file_the_sample_builds_in_memory() {
        let (script, sample, clock) = demo();
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("s.journal.jsonl");
        let session = dir.path().join("s.session.json");
        let target = Target {
            journal: &journal,
            session: &session,
            script: &script,
            script_name: "demo.toml",
            script_toml: DEMO,
        };
        write(&target, &sample, &clock).unwrap();
        let on_disk = std::fs::read_to_string(&session).unwrap();
        let built = session_file(&sample, "demo.toml", DEMO, &clock);
        let text = serde_json::to_string_pretty(&built).unwrap() + "\n";
        assert_eq!(on_disk, text, "byte for byte");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "no temporary journal left: {names:?}");
    }

    #[test]
    fn a_sample_whose_events_the_driver_does_not_make_again_is_not_written() {
        let (script, mut sample, clock) = demo();
        sample.events.pop();
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("s.journal.jsonl");
        let session = dir.path().join("s.session.json");
        let target = Target {
            journal: &journal,
            session: &session,
            script: &script,
            script_name: "demo.toml",
            script_toml: DEMO,
        };
        let e = write(&target, &sample, &clock).unwrap_err();
        assert!(matches!(e, WriteError::Diverged { .. }), "{e}");
        assert!(e.to_string().contains("not deterministic"), "{e}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

//! The one live-drill driver: the only code that applies an input to the
//! session, writes the resulting events to the journal (synced before anyone
//! is told), and publishes the new state to the views.
//!
//! ```text
//! keyboard (tui) --\
//! phones (server) --+--> Drill::apply(input, now) --> session::apply_with --> [Event]
//! rehearsal -------/          |                                             |
//! timer tick -----/           +--> Journal::append + fsync <----------------+
//!                             +--> every View::publish(&session, now) <------+
//! ```
//!
//! The dashboard, the phone server, the rehearsal and the sample generator
//! all hold no session of their own: they hand inputs to a [`Drill`] and read
//! its state back through [`Drill::session`] and [`Drill::records`]. A new
//! drill's journal is made by [`Drill::create`] and nowhere else in the
//! program; a journal is taken up again by [`Drill::resume`] and nowhere
//! else. (The journal's own benchmarks, `benches/session.rs` and
//! `examples/journal_latency.rs`, time `store::journal` directly.)

mod sink;
mod wall_clock;

use std::path::{Path, PathBuf};

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::dashboard::Dash;
use evacdrill_core::script::Script;
use evacdrill_core::session::{
    DrillTime, Event, Input, Phase, Replanner, Schedule, ScheduleError, Session, SessionError,
};

use crate::store::journal::{Cut, Journal, JournalError, WriteFailure};
use crate::store::record::{Header, JOURNAL_MAGIC, JOURNAL_SCHEMA, Record};
use crate::store::resume::{self, ResumeError};
use crate::store::session_file::{self, JournalReport, SessionFile, SessionFileError};

pub use sink::{MemorySink, Sink};
pub use wall_clock::{FixedWall, SystemWall, Wall};

/// Something that shows the drill: told after every change.
pub trait View {
    /// The session changed (or time moved on) at `now`.
    fn publish(&mut self, session: &Session, now: DrillTime);
}

/// A report from a phone: an input, when it was taken (for a report queued
/// while offline), and where to say whether it was recorded — answered with
/// the seq of its first event once that is on disk, or with the reason it
/// is not.
pub struct Report {
    pub input: Input,
    /// Seconds between the phone taking it and its arrival.
    pub delay_s: Option<u64>,
    pub reply: tokio::sync::oneshot::Sender<Result<u64, String>>,
}

/// What a new drill is made of.
pub struct NewDrill<'a> {
    /// Where the journal goes; it must not exist.
    pub journal: &'a Path,
    /// The script's file name as given on the command line.
    pub script_name: &'a str,
    /// The script's text as it is run.
    pub script_toml: &'a str,
    pub script: Script,
    pub schedule: Schedule,
}

/// Why a drill could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("the schedule does not fit the script: {0}")]
    Schedule(#[from] ScheduleError),
    #[error(transparent)]
    Journal(#[from] JournalError),
}

/// The events one input produced, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The seq of the first event (the next seq when there were none).
    pub first_seq: u64,
    /// The drill time they were recorded at.
    pub at: DrillTime,
    pub events: Vec<Event>,
}

/// What a tick did.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticked {
    /// The journal caught up after trouble.
    pub recovered: bool,
    /// Releases that fell due, if any.
    pub applied: Option<Applied>,
}

/// A journal taken up again.
#[derive(Debug)]
pub struct Resumed {
    pub drill: Drill,
    /// A damaged last line that was cut off, if any.
    pub cut: Option<Cut>,
    /// The drill time at which it goes on.
    pub now: DrillTime,
}

/// One drill: its session, its journal and every record written.
pub struct Drill {
    session: Session,
    journal: Box<dyn Sink>,
    path: PathBuf,
    records: Vec<Record>,
    script_name: String,
    script_toml: String,
    cuts: Vec<Cut>,
    replanner: Box<dyn Replanner + Send>,
    wall: Box<dyn Wall + Send>,
    /// Why the journal is behind, while it is.
    trouble: Option<String>,
    views: Vec<Box<dyn View + Send>>,
}

impl std::fmt::Debug for Drill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Drill")
            .field("path", &self.path)
            .field("records", &self.records.len())
            .field("trouble", &self.trouble)
            .finish_non_exhaustive()
    }
}

impl Drill {
    /// Plans nothing and decides nothing: makes the journal for a new drill
    /// of `new.script` with `new.schedule` (its header synced to disk), and
    /// the session in its briefing.
    pub fn create(
        new: NewDrill<'_>,
        replanner: Box<dyn Replanner + Send>,
        wall: Box<dyn Wall + Send>,
    ) -> Result<Self, CreateError> {
        let session = Session::new(new.script, new.schedule.clone())?;
        let header = Header {
            journal: JOURNAL_MAGIC.to_owned(),
            schema: JOURNAL_SCHEMA,
            created: wall.now(DrillTime::ZERO),
            script_name: new.script_name.to_owned(),
            script_toml: new.script_toml.to_owned(),
            schedule: new.schedule,
        };
        let journal = Journal::create(new.journal, &header)?;
        Ok(Self {
            session,
            journal: Box::new(journal),
            path: new.journal.to_owned(),
            records: Vec::new(),
            script_name: new.script_name.to_owned(),
            script_toml: new.script_toml.to_owned(),
            cuts: Vec::new(),
            replanner,
            wall,
            trouble: None,
            views: Vec::new(),
        })
    }

    /// Reopens the journal at `path` (a damaged last line is cut off), replays
    /// it, and records the gap since its last event through [`Drill::apply`]
    /// like any other input; the drill goes on.
    pub fn resume(
        path: &Path,
        replanner: Box<dyn Replanner + Send>,
        wall: Box<dyn Wall + Send>,
    ) -> Result<Resumed, ResumeError> {
        let reopened = resume::reopen(path)?;
        let now = DrillTime(
            reopened
                .session
                .last_time()
                .ms()
                .saturating_add(reopened.gap_ms),
        );
        let mut drill = Self {
            session: reopened.session,
            journal: Box::new(reopened.journal),
            path: path.to_owned(),
            records: reopened.records,
            script_name: reopened.header.script_name,
            script_toml: reopened.header.script_toml,
            cuts: reopened.cut.iter().cloned().collect(),
            replanner,
            wall,
            trouble: None,
            views: Vec::new(),
        };
        // A journal that cannot take this event does not stop the resume:
        // the event waits in memory and the dashboard says so.
        drill.apply(
            Input::ResumeAfterCrash {
                gap_ms: reopened.gap_ms,
            },
            now,
        )?;
        let cut = reopened.cut;
        Ok(Resumed { drill, cut, now })
    }

    /// A drill of `session` recording into `sink` instead of a journal file:
    /// for drills that need no disk — the sample generator's decisions, the
    /// views' tests and benchmarks (with a disk that fails on demand).
    #[must_use]
    pub fn with_sink(
        session: Session,
        sink: Box<dyn Sink>,
        replanner: Box<dyn Replanner + Send>,
        wall: Box<dyn Wall + Send>,
    ) -> Self {
        Self {
            session,
            journal: sink,
            path: PathBuf::new(),
            records: Vec::new(),
            script_name: String::new(),
            script_toml: String::new(),
            cuts: Vec::new(),
            replanner,
            wall,
            trouble: None,
            views: Vec::new(),
        }
    }

    /// Shows the drill on `view` from now on, starting with its state now.
    pub fn attach(&mut self, mut view: Box<dyn View + Send>) {
        view.publish(&self.session, self.session.last_time());
        self.views.push(view);
    }

    /// The session as it stands.
    #[must_use]
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Every event recorded so far (on disk, or waiting to be), in order.
    #[must_use]
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The journal's path.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The script's file name as the drill was started with it.
    #[must_use]
    pub fn script_name(&self) -> &str {
        &self.script_name
    }

    /// Why the journal is behind, while it is.
    #[must_use]
    pub fn trouble(&self) -> Option<&str> {
        self.trouble.as_deref()
    }

    /// Events kept in memory because the journal could not take them.
    #[must_use]
    pub fn pending(&self) -> usize {
        self.journal.pending()
    }

    /// The seq the next event will get.
    #[must_use]
    pub fn next_seq(&self) -> u64 {
        self.session.next_seq()
    }

    /// The earliest drill time an input may be applied at: time never runs
    /// backwards in the record.
    #[must_use]
    pub fn at_least(&self, now: DrillTime) -> DrillTime {
        now.max(self.session.last_time())
    }

    /// Applies `input` at `now`: the session decides, the events go to the
    /// journal and are synced, then every view is told.
    ///
    /// A refusal changes nothing. A journal that cannot take the events does
    /// not undo them: they wait in memory, [`Drill::trouble`] says why, and
    /// [`Drill::retry`] (every tick) writes them once the disk is back.
    pub fn apply(&mut self, input: Input, now: DrillTime) -> Result<Applied, SessionError> {
        let now = self.at_least(now);
        let first_seq = self.session.next_seq();
        let events = self
            .session
            .apply_with(input, now, self.replanner.as_ref())?;
        if !events.is_empty() {
            self.record(now, first_seq, &events);
            self.publish(now);
        }
        Ok(Applied {
            first_seq,
            at: now,
            events,
        })
    }

    /// A phone's report: applied at `now`, and answered only once its events
    /// are on disk — with the seq of the first, or with why not (the
    /// journal's trouble, or the session's refusal in `lang`).
    pub fn report(&mut self, report: Report, now: DrillTime, lang: Lang) -> Option<Applied> {
        let (answer, applied) = match self.apply(report.input, now) {
            Ok(applied) => (
                match &self.trouble {
                    None => Ok(applied.first_seq),
                    Some(trouble) => Err(trouble.clone()),
                },
                Some(applied),
            ),
            Err(e) => (Err(refusal(&e, lang)), None),
        };
        // A phone that gave up waiting is no reason to stop.
        let _ = report.reply.send(answer);
        applied
    }

    /// The clock moved on: the journal retries what it holds, releases that
    /// fall due happen, the views see the new time.
    pub fn tick(&mut self, now: DrillTime) -> Ticked {
        let recovered = self.retry(now);
        let applied = matches!(self.session.phase(), Phase::Running | Phase::Accounting)
            .then(|| self.apply(Input::Tick, now).ok())
            .flatten()
            .filter(|a| !a.events.is_empty());
        self.publish(self.at_least(now));
        Ticked { recovered, applied }
    }

    /// Tries again to write the events kept in memory; returns whether the
    /// journal just caught up after trouble.
    pub fn retry(&mut self, now: DrillTime) -> bool {
        if self.trouble.is_none() && self.journal.pending() == 0 {
            return false;
        }
        let at = self.at_least(now);
        match self.journal.retry(at.ms(), &self.wall.now(at)) {
            Ok(()) => self.trouble.take().is_some(),
            Err(e) => {
                self.trouble = Some(e);
                false
            }
        }
    }

    /// The session file of the drill as it stands, with the journal's
    /// record of failed writes and cut lines.
    #[must_use]
    pub fn session_file(&self) -> SessionFile {
        SessionFile::build(
            &self.session,
            &self.script_name,
            &self.script_toml,
            self.records.clone(),
            JournalReport {
                write_failures: self.journal.failures(),
                cuts: self.cuts.clone(),
            },
        )
    }

    /// Writes the session file at `path` (atomically), after a last try at
    /// the journal.
    pub fn write_session(&mut self, path: &Path) -> Result<(), SessionFileError> {
        self.retry(self.session.last_time());
        session_file::write(path, &self.session_file())
    }

    /// The journal's failed writes so far.
    #[must_use]
    pub fn write_failures(&self) -> Vec<WriteFailure> {
        self.journal.failures()
    }

    fn record(&mut self, at: DrillTime, first: u64, events: &[Event]) {
        let wall = self.wall.now(at);
        // Seqs are the session's, whether or not the write succeeds: the
        // events wait in the journal's queue with them.
        match self.journal.append(at.ms(), &wall, events) {
            Ok(()) => self.trouble = None,
            Err(e) => self.trouble = Some(e),
        }
        self.records
            .extend((first..).zip(events).map(|(seq, event)| Record {
                seq,
                drill_ms: at.ms(),
                wall: wall.clone(),
                event: event.clone(),
            }));
    }

    fn publish(&mut self, now: DrillTime) {
        for view in &mut self.views {
            view.publish(&self.session, now);
        }
    }
}

/// A refusal of the session's, in the words the dashboard and the phones
/// show.
#[must_use]
pub fn refusal(error: &SessionError, lang: Lang) -> String {
    Dash::Refused {
        reason: evacdrill_core::i18n::session::error(error, lang),
    }
    .text(lang)
}

#[cfg(test)]
mod tests;

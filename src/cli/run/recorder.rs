//! The dashboard's [`Recorder`]: the journal, appended and synced per event,
//! and the records kept for the session file at the end.

use std::sync::{Arc, Mutex, MutexGuard};

use evacdrill_core::session::{DrillTime, Event};

use crate::store::journal::{Journal, JournalError};
use crate::store::record::Record;
use crate::store::wall;
use crate::tui::Recorder;

/// The journal and everything written to it, shared between the dashboard
/// and the code that writes the session file at the end.
pub struct Written {
    pub journal: Journal,
    /// Every event with its seq, drill time and wall time.
    pub records: Vec<Record>,
    last_ms: u64,
}

/// Records events into the journal.
#[derive(Clone)]
pub struct JournalRecorder(Arc<Mutex<Written>>);

impl JournalRecorder {
    pub fn new(journal: Journal, records: Vec<Record>) -> Self {
        let last_ms = records.last().map_or(0, |r| r.drill_ms);
        Self(Arc::new(Mutex::new(Written {
            journal,
            records,
            last_ms,
        })))
    }

    /// The journal and its records.
    pub fn lock(&self) -> MutexGuard<'_, Written> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn explain(e: &JournalError) -> String {
    match e {
        JournalError::Write { source, .. } | JournalError::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

impl Recorder for JournalRecorder {
    fn record(&mut self, at: DrillTime, events: &[Event]) -> Result<(), String> {
        let mut w = self.lock();
        let when = wall::now();
        w.last_ms = at.ms();
        // Seqs are assigned whether or not the write succeeds: the events
        // wait in the journal's queue with them.
        let first = w.journal.next_seq();
        let result = w.journal.append(at.ms(), &when, events);
        w.records
            .extend((first..).zip(events).map(|(seq, e)| Record {
                seq,
                drill_ms: at.ms(),
                wall: when.clone(),
                event: e.clone(),
            }));
        result.map(|_| ()).map_err(|e| explain(&e))
    }

    fn retry(&mut self) -> Result<(), String> {
        let mut w = self.lock();
        let last = w.last_ms;
        w.journal.retry(last, &wall::now()).map_err(|e| explain(&e))
    }

    fn pending(&self) -> usize {
        self.lock().journal.pending()
    }
}

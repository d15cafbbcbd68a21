//! Where a drill's events go: the journal on disk, or memory for tests.

use std::sync::{Arc, Mutex};

use evacdrill_core::session::Event;

use crate::store::journal::{Journal, JournalError, WriteFailure};

/// The journal as the drill uses it: append and sync, retry what could not
/// be written, say how much waits.
pub trait Sink: Send {
    /// Appends `events` (all at `drill_ms`, wall time `wall`) and syncs them.
    /// `Err` says why they are not on disk yet; they are kept and retried.
    fn append(&mut self, drill_ms: u64, wall: &str, events: &[Event]) -> Result<(), String>;
    /// Tries again to write what is kept in memory.
    fn retry(&mut self, drill_ms: u64, wall: &str) -> Result<(), String>;
    /// Events kept in memory, not yet on disk.
    fn pending(&self) -> usize;
    /// Every failed write so far, for the session file.
    fn failures(&self) -> Vec<WriteFailure>;
}

/// The journal's error as a coordinator reads it (the path is on screen
/// already; the cause is what matters).
pub(super) fn explain(e: &JournalError) -> String {
    match e {
        JournalError::Write { source, .. } | JournalError::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

impl Sink for Journal {
    fn append(&mut self, drill_ms: u64, wall: &str, events: &[Event]) -> Result<(), String> {
        Journal::append(self, drill_ms, wall, events)
            .map(|_| ())
            .map_err(|e| explain(&e))
    }

    fn retry(&mut self, drill_ms: u64, wall: &str) -> Result<(), String> {
        Journal::retry(self, drill_ms, wall).map_err(|e| explain(&e))
    }

    fn pending(&self) -> usize {
        Journal::pending(self)
    }

    fn failures(&self) -> Vec<WriteFailure> {
        Journal::failures(self).to_vec()
    }
}

/// Events kept in memory; told to fail, it behaves like a full disk.
#[derive(Debug, Clone, Default)]
pub struct MemorySink {
    inner: Arc<Mutex<Memory>>,
}

#[derive(Debug, Default)]
struct Memory {
    written: Vec<Event>,
    pending: Vec<Event>,
    failing: bool,
}

impl MemorySink {
    /// From now on every write fails (`true`) or succeeds (`false`).
    pub fn fail(&self, failing: bool) {
        self.lock().failing = failing;
    }

    /// Every event written so far.
    #[must_use]
    pub fn written(&self) -> Vec<Event> {
        self.lock().written.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Memory> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for MemorySink {
    fn append(&mut self, drill_ms: u64, wall: &str, events: &[Event]) -> Result<(), String> {
        self.lock().pending.extend_from_slice(events);
        self.retry(drill_ms, wall)
    }

    fn retry(&mut self, _drill_ms: u64, _wall: &str) -> Result<(), String> {
        let mut m = self.lock();
        if m.failing {
            return Err("No space left on device".to_owned());
        }
        let mut pending = std::mem::take(&mut m.pending);
        m.written.append(&mut pending);
        Ok(())
    }

    fn pending(&self) -> usize {
        self.lock().pending.len()
    }

    fn failures(&self) -> Vec<WriteFailure> {
        Vec::new()
    }
}

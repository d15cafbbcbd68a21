//! Simulated drills shared between cores for the planner's robustness
//! judgement (`evacdrill_core::plan::robust::Runs`).
//!
//! Runs go in batches of a few per core; after each batch the planner's
//! question ("are there already too many runs over the limit?") is asked of
//! the runs so far, in index order. The answer is the same for any number of
//! cores: a batch only ever adds the next indices.

use std::sync::atomic::{AtomicU32, Ordering};

use evacdrill_core::plan::robust::Runs;
use evacdrill_core::sim::{MonteCarlo, RunSummary, SimError};

/// Runs per core in one batch.
const PER_CORE: u32 = 8;

/// Every core this machine offers.
#[derive(Debug, Clone, Copy)]
pub struct Parallel {
    pub threads: u32,
}

impl Parallel {
    /// One thread per core.
    #[must_use]
    pub fn all_cores() -> Self {
        Self {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get() as u32),
        }
    }
}

impl Runs for Parallel {
    fn runs(
        &self,
        mc: &MonteCarlo,
        n: u32,
        enough: &(dyn Fn(&[RunSummary]) -> bool + Sync),
    ) -> Result<Vec<RunSummary>, SimError> {
        let threads = self.threads.max(1);
        let mut out: Vec<RunSummary> = Vec::with_capacity(n as usize);
        let mut from = 0;
        while from < n {
            let to = (from + threads * PER_CORE).min(n);
            let next = AtomicU32::new(from);
            let work = || -> Result<Vec<RunSummary>, SimError> {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= to {
                        return Ok(mine);
                    }
                    mine.push(mc.run(i)?);
                }
            };
            let batches: Vec<Result<Vec<RunSummary>, SimError>> = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads.min(to - from))
                    .map(|_| scope.spawn(work))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
            let mut batch = Vec::new();
            for b in batches {
                batch.extend(b?);
            }
            batch.sort_by_key(|r| r.index);
            out.extend(batch);
            from = to;
            if enough(&out) {
                break;
            }
        }
        Ok(out)
    }
}

//! Many runs with random variation, and what they say together: percentiles
//! of the times, and how likely a density limit is passed, where and when.
//!
//! Run `i` draws from [`run_seed`]`(seed, i)` alone, so a report depends on the
//! seed and the number of runs, never on how the runs were shared between
//! threads: the binary splits the indices across cores and hands every
//! [`RunSummary`] back to [`MonteCarlo::summarize`].

use std::sync::Arc;

use serde::Serialize;

use super::engine::Engine;
use super::network::{Location, Network};
use super::record::Record;
use super::variation::{Variation, mix};
use super::{Schedule, SimError};
use crate::script::{Script, StairwellId};
use crate::units::Density;

/// How many places a [`Risk`] names, most frequent first.
const PLACES: usize = 5;

/// What to run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonteCarloOptions {
    pub runs: u32,
    pub seed: u64,
    pub variation: Variation,
}

/// The seed of run `index`: a mix of both, so that neighbouring runs and
/// neighbouring seeds draw unrelated numbers.
#[must_use]
pub fn run_seed(seed: u64, index: u32) -> u64 {
    mix(seed ^ mix(u64::from(index).wrapping_add(0x6A09_E667_F3BC_C909)))
}

/// What one run contributes to the report.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    pub index: u32,
    /// Signal to last person out, s.
    pub end: f64,
    /// Per stairwell (script order), when its last class was out.
    pub clear: Vec<Option<f64>>,
    /// Cells (by index) that passed the density limit, with when first.
    pub over_max: Vec<(u32, f64)>,
    /// Cells that passed the red flag, with when first.
    pub over_red: Vec<(u32, f64)>,
    /// Highest adult-equivalent density on any flight or landing.
    pub peak_density: f64,
}

/// P50 / P90 / P99 (nearest rank) with the extremes and the mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Percentiles {
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub min: f64,
    pub max: f64,
    pub mean: f64,
}

impl Percentiles {
    /// All zero: the spread of nothing.
    pub const ZERO: Percentiles = Percentiles {
        p50: 0.0,
        p90: 0.0,
        p99: 0.0,
        min: 0.0,
        max: 0.0,
        mean: 0.0,
    };

    /// Of `values`; `None` when there are none.
    #[must_use]
    pub fn of(values: &[f64]) -> Option<Self> {
        if values.is_empty() {
            return None;
        }
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let rank = |p: f64| {
            let k = ((p / 100.0) * v.len() as f64).ceil() as usize;
            v[k.clamp(1, v.len()) - 1]
        };
        Some(Self {
            p50: rank(50.0),
            p90: rank(90.0),
            p99: rank(99.0),
            min: v[0],
            max: v[v.len() - 1],
            mean: v.iter().sum::<f64>() / v.len() as f64,
        })
    }
}

/// One stairwell's clear time over the runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StairwellSpread {
    pub stairwell: StairwellId,
    /// `None` when no class uses it.
    pub clear: Option<Percentiles>,
}

/// A place where a limit was passed, and how often.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRisk {
    pub location: Location,
    /// Share of runs in which it passed the limit.
    pub probability: f64,
    /// When it first passed it, over those runs.
    pub first_at: Percentiles,
}

/// How likely a density limit is passed on any flight or landing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Risk {
    pub limit: Density,
    /// Share of runs in which some flight or landing passed it.
    pub probability: f64,
    pub runs: u32,
    /// When it was first passed, over those runs.
    pub first_at: Option<Percentiles>,
    /// The places it was passed, most often first (at most five).
    pub places: Vec<PlaceRisk>,
}

/// What many runs say together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonteCarloReport {
    pub runs: u32,
    pub seed: u64,
    pub variation: Variation,
    /// Signal to last person out.
    pub end: Percentiles,
    pub stairwells: Vec<StairwellSpread>,
    pub peak_density: Percentiles,
    /// Share of runs that ended within the script's `target_s`, if it has one.
    pub target_met: Option<f64>,
    pub over_max: Risk,
    pub over_red: Risk,
}

/// A schedule prepared for many runs: the network is built once.
#[derive(Debug, Clone)]
pub struct MonteCarlo {
    script: Script,
    schedule: Schedule,
    net: Arc<Network>,
    options: MonteCarloOptions,
}

impl MonteCarlo {
    pub fn new(
        script: &Script,
        schedule: &Schedule,
        options: MonteCarloOptions,
    ) -> Result<Self, SimError> {
        Ok(Self {
            net: Arc::new(Network::build(script, &schedule.releases)?),
            script: script.clone(),
            schedule: schedule.clone(),
            options,
        })
    }

    /// The options it runs with.
    #[must_use]
    pub fn options(&self) -> &MonteCarloOptions {
        &self.options
    }

    /// Run `index`, from its own seed.
    pub fn run(&self, index: u32) -> Result<RunSummary, SimError> {
        let mut engine = Engine::from_network(
            &self.script,
            Arc::clone(&self.net),
            &self.schedule,
            &self.options.variation,
            run_seed(self.options.seed, index),
            Record::Summary,
        );
        engine.run_to_end()?;
        let outcome = engine.outcome();
        let (max, red) = engine.exceedances();
        let over = |firsts: &[f64]| {
            firsts
                .iter()
                .enumerate()
                .filter(|(_, t)| t.is_finite())
                .map(|(i, &t)| (i as u32, t))
                .collect()
        };
        Ok(RunSummary {
            index,
            end: outcome.end.0,
            clear: outcome
                .stairwells
                .iter()
                .map(|s| s.clear.map(|c| c.0))
                .collect(),
            over_max: over(max),
            over_red: over(red),
            peak_density: outcome
                .stairwells
                .iter()
                .map(|s| s.peak_density.0)
                .fold(0.0, f64::max),
        })
    }

    /// The report of `runs` (in any order; at least one).
    #[must_use]
    pub fn summarize(&self, runs: &[RunSummary]) -> MonteCarloReport {
        // In index order, so that sums do not depend on the order runs came back in.
        let mut sorted: Vec<&RunSummary> = runs.iter().collect();
        sorted.sort_by_key(|r| r.index);
        let runs = sorted;
        let n = runs.len().max(1) as f64;
        let ends: Vec<f64> = runs.iter().map(|r| r.end).collect();
        let peaks: Vec<f64> = runs.iter().map(|r| r.peak_density).collect();
        let zero = Percentiles::ZERO;
        let stairwells = self
            .net
            .stairwells
            .iter()
            .enumerate()
            .map(|(si, s)| {
                let clears: Vec<f64> = runs.iter().filter_map(|r| r.clear[si]).collect();
                StairwellSpread {
                    stairwell: s.id.clone(),
                    clear: Percentiles::of(&clears),
                }
            })
            .collect();
        let risk = |limit: f64, pick: fn(&RunSummary) -> &[(u32, f64)]| {
            let firsts: Vec<f64> = runs
                .iter()
                .filter_map(|r| pick(r).iter().map(|&(_, t)| t).reduce(f64::min))
                .collect();
            let mut by_cell: Vec<(u32, Vec<f64>)> = Vec::new();
            for r in &runs {
                for &(cell, t) in pick(r) {
                    match by_cell.iter_mut().find(|(c, _)| *c == cell) {
                        Some((_, ts)) => ts.push(t),
                        None => by_cell.push((cell, vec![t])),
                    }
                }
            }
            by_cell.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
            Risk {
                limit: Density(limit),
                probability: firsts.len() as f64 / n,
                runs: firsts.len() as u32,
                first_at: Percentiles::of(&firsts),
                places: by_cell
                    .into_iter()
                    .take(PLACES)
                    .map(|(cell, ts)| PlaceRisk {
                        location: self.net.locations[cell as usize].clone(),
                        probability: ts.len() as f64 / n,
                        first_at: Percentiles::of(&ts).unwrap_or(zero),
                    })
                    .collect(),
            }
        };
        MonteCarloReport {
            runs: runs.len() as u32,
            seed: self.options.seed,
            variation: self.options.variation.clone(),
            end: Percentiles::of(&ends).unwrap_or(zero),
            stairwells,
            peak_density: Percentiles::of(&peaks).unwrap_or(zero),
            target_met: self
                .script
                .drill
                .target
                .map(|target| runs.iter().filter(|r| r.end <= target.0).count() as f64 / n),
            over_max: risk(self.net.max_density, |r| &r.over_max),
            over_red: risk(self.net.red_flag_density, |r| &r.over_red),
        }
    }
}

/// Runs `options.runs` runs one after another and reports them. The binary
/// shares the runs between cores through [`MonteCarlo`] instead; both give
/// the same report.
pub fn monte_carlo(
    script: &Script,
    schedule: &Schedule,
    options: MonteCarloOptions,
) -> Result<MonteCarloReport, SimError> {
    let mc = MonteCarlo::new(script, schedule, options)?;
    let runs = (0..mc.options.runs)
        .map(|i| mc.run(i))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(mc.summarize(&runs))
}

//! What a run leaves behind: each class's time out, each stairwell's clear
//! time and peak density, the first moment a density limit was passed, and
//! (on request) density, queue and flow per cell over time.

use serde::Serialize;

use super::network::{Location, Network};
use crate::script::{ClassId, StairwellId};
use crate::units::{Density, Seconds};

/// How much a run records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// Times, peaks and limits passed: what Monte Carlo needs.
    Summary,
    /// Also every cell's density, queue and flow per second, for charts.
    Series,
}

/// Width of a bin of [`Series`], in seconds.
const BIN_S: f64 = 1.0;

/// One class in a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassOutcome {
    pub class: ClassId,
    pub stairwell: StairwellId,
    /// When it was told to go.
    pub released: Seconds,
    /// When its last person went through the exit door.
    pub out: Seconds,
}

/// One stairwell in a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StairwellOutcome {
    pub stairwell: StairwellId,
    pub people: u32,
    /// When its last class was out; `None` when no class used it.
    pub clear: Option<Seconds>,
    /// Highest adult-equivalent density on its flights and landings.
    pub peak_density: Density,
    pub peak_at: Seconds,
    pub peak_location: Option<Location>,
    /// Most people standing (ready to move but held up) on one of its
    /// flights or landings at once.
    pub peak_queue: f64,
}

/// The first moment a density limit was passed on a flight or landing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exceedance {
    pub limit: Density,
    pub at: Seconds,
    pub location: Location,
    /// The highest density that place reached in the run.
    pub peak: Density,
}

/// Per-cell values over time, one value per second (the highest in it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellSeries {
    pub location: Location,
    /// Adult-equivalent density, p/m².
    pub density: Vec<f32>,
    /// People held up in the cell.
    pub queue: Vec<f32>,
    /// People leaving the cell, persons per second (the mean over the bin).
    pub flow: Vec<f32>,
}

/// Every cell over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub bin_s: f64,
    pub cells: Vec<CellSeries>,
}

/// The result of one run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Signal to last person out.
    pub end: Seconds,
    pub classes: Vec<ClassOutcome>,
    pub stairwells: Vec<StairwellOutcome>,
    /// First passing of the script's `max_density` (1.88 by default).
    pub over_max: Option<Exceedance>,
    /// First passing of the script's `red_flag_density` (3.5 by default).
    pub over_red: Option<Exceedance>,
    #[serde(skip)]
    pub series: Option<Series>,
}

/// Running peaks and, in series mode, the bins being filled.
#[derive(Debug, Clone)]
pub(crate) struct Recorder {
    pub mode: Record,
    /// Cells checked against the limits: flights and landings.
    pub watched: Vec<u32>,
    is_watched: Vec<bool>,
    last_bin: usize,
    pub peak: Vec<(f64, f64)>,
    pub first_max: Option<(u32, f64)>,
    pub first_red: Option<(u32, f64)>,
    /// Per cell, when it first passed each limit (infinite: never).
    pub over_max: Vec<f64>,
    pub over_red: Vec<f64>,
    pub peak_queue: Vec<f64>,
    bins: Vec<Bins>,
}

#[derive(Debug, Clone, Default)]
struct Bins {
    density: Vec<f32>,
    queue: Vec<f32>,
    flow: Vec<f32>,
}

impl Recorder {
    pub fn new(net: &Network, mode: Record) -> Self {
        let n = net.cells.len();
        let watched: Vec<u32> = (0..n as u32)
            .filter(|&i| net.locations[i as usize].kind.is_stair_or_landing())
            .collect();
        let mut is_watched = vec![false; n];
        for &i in &watched {
            is_watched[i as usize] = true;
        }
        Self {
            mode,
            watched,
            is_watched,
            last_bin: 0,
            peak: vec![(0.0, 0.0); n],
            first_max: None,
            first_red: None,
            over_max: vec![f64::INFINITY; n],
            over_red: vec![f64::INFINITY; n],
            peak_queue: vec![0.0; n],
            bins: match mode {
                Record::Summary => Vec::new(),
                Record::Series => vec![Bins::default(); n],
            },
        }
    }

    /// Records the state after the step that ended at `t`, from every cell
    /// with people in it as `(cell, people, people held up, people that
    /// left during the step)`; empty cells have nothing to record.
    pub fn step(
        &mut self,
        net: &Network,
        t: f64,
        cells: impl Iterator<Item = (u32, f64, f64, f64)>,
    ) {
        let phi = net.child_factor;
        // A tolerance so that a cell sitting exactly at the limit is not flagged.
        let tol = 1e-9;
        let bin = (((t - 1e-9) / BIN_S).floor().max(0.0)) as usize;
        let share = net.dt / BIN_S;
        for (i, people, queue, moved) in cells {
            let iu = i as usize;
            let d = phi * people / net.cells[iu].area;
            if self.is_watched[iu] {
                if d > self.peak[iu].0 {
                    self.peak[iu] = (d, t);
                }
                if d > net.max_density + tol {
                    self.over_max[iu] = self.over_max[iu].min(t);
                    self.first_max.get_or_insert((i, t));
                }
                if d > net.red_flag_density + tol {
                    self.over_red[iu] = self.over_red[iu].min(t);
                    self.first_red.get_or_insert((i, t));
                }
                self.peak_queue[iu] = self.peak_queue[iu].max(queue);
            }
            if let Some(b) = self.bins.get_mut(iu) {
                if b.density.len() <= bin {
                    b.density.resize(bin + 1, 0.0);
                    b.queue.resize(bin + 1, 0.0);
                    b.flow.resize(bin + 1, 0.0);
                }
                b.density[bin] = b.density[bin].max(d as f32);
                b.queue[bin] = b.queue[bin].max(queue as f32);
                b.flow[bin] += (moved / net.dt * share) as f32;
            }
        }
        self.last_bin = self.last_bin.max(bin);
    }

    pub fn exceedance(
        &self,
        net: &Network,
        first: Option<(u32, f64)>,
        limit: f64,
    ) -> Option<Exceedance> {
        first.map(|(cell, at)| Exceedance {
            limit: Density(limit),
            at: Seconds(at),
            location: net.locations[cell as usize].clone(),
            peak: Density(self.peak[cell as usize].0),
        })
    }

    pub fn series(&self, net: &Network) -> Option<Series> {
        (self.mode == Record::Series).then(|| Series {
            bin_s: BIN_S,
            cells: self
                .bins
                .iter()
                .zip(&net.locations)
                .map(|(b, loc)| {
                    let pad = |v: &Vec<f32>| {
                        let mut v = v.clone();
                        v.resize(self.last_bin + 1, 0.0);
                        v
                    };
                    CellSeries {
                        location: loc.clone(),
                        density: pad(&b.density),
                        queue: pad(&b.queue),
                        flow: pad(&b.flow),
                    }
                })
                .collect(),
        })
    }
}

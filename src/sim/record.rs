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
    /// flights or landings at once; recorded with [`Record::Series`] only.
    pub peak_queue: Option<f64>,
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
        let watched = (0..n as u32)
            .filter(|&i| net.locations[i as usize].kind.is_stair_or_landing())
            .collect();
        Self {
            mode,
            watched,
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

    /// Records the state after the step that ended at `t`.
    ///
    /// `people`, `queue` and `moved` are per cell: people in it, people held
    /// up in it, and people that left it during the step.
    pub fn step(&mut self, net: &Network, t: f64, people: &[f64], queue: &[f64], moved: &[f64]) {
        let phi = net.child_factor;
        // A tolerance so that a cell sitting exactly at the limit is not flagged.
        let tol = 1e-9;
        for &i in &self.watched {
            let iu = i as usize;
            let d = phi * people[iu] / net.cells[iu].area;
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
        }
        if self.mode == Record::Series {
            let bin = (((t - 1e-9) / BIN_S).floor().max(0.0)) as usize;
            let share = net.dt / BIN_S;
            for (iu, b) in self.bins.iter_mut().enumerate() {
                if b.density.len() <= bin {
                    b.density.resize(bin + 1, 0.0);
                    b.queue.resize(bin + 1, 0.0);
                    b.flow.resize(bin + 1, 0.0);
                }
                let d = (phi * people[iu] / net.cells[iu].area) as f32;
                b.density[bin] = b.density[bin].max(d);
                b.queue[bin] = b.queue[bin].max(queue[iu] as f32);
                b.flow[bin] += (moved[iu] / net.dt * share) as f32;
                self.peak_queue[iu] = self.peak_queue[iu].max(queue[iu]);
            }
        }
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
                .map(|(b, loc)| CellSeries {
                    location: loc.clone(),
                    density: b.density.clone(),
                    queue: b.queue.clone(),
                    flow: b.flow.clone(),
                })
                .collect(),
        })
    }
}

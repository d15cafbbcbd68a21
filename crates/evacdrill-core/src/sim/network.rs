//! The building as cells: each class's corridor, each stairwell's landings and
//! flights storey by storey, its exit walk and exit door.
//!
//! A stairwell is one chain from its top floor landing down to its exit door.
//! Per storey it has a floor landing (where that floor's corridors join), an
//! upper flight, a mid landing and a lower flight, so that 3.6 m of storey
//! walks 10.6 m (docs/flow-model.md). The foot of the stairs on the exit floor
//! carries stair users only and is the start of the exit walk; the exit door
//! closes the chain. The door is a node, not a cell (docs/flow-model.md,
//! *Nodes of a stairwell*): the stair stream and the exit floor's corridors
//! meet there, with the door's capacity and the merge rule, and outside is
//! right after it.

mod build;

use serde::Serialize;

use crate::script::{ClassId, StairwellId};

/// Longest corridor or exit-walk cell, in metres: long enough to keep the
/// cell count small, short enough that a density is local (design assumption).
const MAX_SEGMENT_M: f64 = 10.0;

/// Walks shorter than this are not cells of their own; their time is added to
/// the next or previous cell (they hold too few people to matter).
const MIN_SEGMENT_M: f64 = 1.0;

/// Longest time step, in seconds (design assumption; see [`Network::dt`]).
const MAX_DT: f64 = 0.5;

/// Shortest time step, in seconds: a floor on the cost of a run.
const MIN_DT: f64 = 0.05;

/// How much faster than its grade's speed a class may walk the stairs in a
/// run with variation (see `Variation::stair_speed_sd`).
pub(crate) const MAX_SPEED_FACTOR: f64 = 1.5;

/// Where a cell is, as people name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    pub stairwell: StairwellId,
    #[serde(flatten)]
    pub kind: LocationKind,
}

/// The kind of place a cell is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum LocationKind {
    /// The corridor from a class's door to its stairwell.
    Corridor { class: ClassId },
    /// The landing at a floor, where that floor's corridors join the stair; on
    /// the exit floor, the foot of the stairs (stair users only: the exit
    /// floor's corridors lead to the exit door, not here).
    Landing { floor: i32 },
    /// The half landing between floor `storey` and the floor below.
    MidLanding { storey: i32 },
    /// A flight between floor `storey` and the floor below; `lower` is the
    /// one nearer the floor below.
    Flight { storey: i32, lower: bool },
    /// A stretch of the walk from the foot of the stairs to the exit door.
    ExitWalk { segment: u32 },
}

impl LocationKind {
    /// Whether the place is a flight or a landing (the foot of the stairs
    /// included): the places the density limits are about.
    #[must_use]
    pub fn is_stair_or_landing(&self) -> bool {
        matches!(
            self,
            Self::Landing { .. } | Self::MidLanding { .. } | Self::Flight { .. }
        )
    }
}

/// How people walk a cell: at their corridor speed or their stair speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Walk {
    Level,
    Stair,
}

/// What feeds a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    /// The cell upstream in the same chain (the stair stream at a landing).
    Cell(u32),
    /// A class filing out of its classroom (directly, when its corridor is
    /// too short to be a cell).
    Source(u32),
}

/// One cell.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub length: f64,
    /// Effective width, metres.
    pub we: f64,
    pub area: f64,
    pub k: f64,
    pub walk: Walk,
    /// Maximum flow out, persons per second; also the most it takes in.
    pub q_out: f64,
    pub stairwell: u32,
    pub next: Option<u32>,
    /// Inputs from the same floor (corridors), as opposed to the stair stream.
    pub floor_inputs: Vec<Input>,
    /// The stair stream from above, or the previous corridor segment.
    pub main_input: Option<Input>,
    /// The floor of a floor landing.
    pub landing_floor: Option<i32>,
}

/// A class as the engine moves it.
#[derive(Debug, Clone)]
pub(crate) struct ClassSpec {
    pub id: ClassId,
    pub grade: u8,
    pub floor: i32,
    pub people: f64,
    pub stairwell: u32,
    pub release_s: f64,
    pub pace: f64,
    pub readiness: f64,
    /// The first cell its people enter.
    pub entry: u32,
    /// Corridor walked before `entry` when the corridor is too short to be a cell.
    pub entry_walk_m: f64,
    pub corridor_m: f64,
    pub corridor_speed: f64,
    pub stair_speed: f64,
    /// The floors whose node it passes, own floor first: the floor landings
    /// and the foot for a stair user, the exit door alone for a class on the
    /// exit floor.
    pub landings: Vec<i32>,
}

/// A stairwell's exit door: where the stair stream (the last cell of the
/// chain) and the exit floor's corridors meet.
#[derive(Debug, Clone)]
pub(crate) struct Door {
    /// The doorway's maximum flow, persons per second: SFPE's `0.94 × 1.40 ×
    /// We_door` adult-equivalents, over `child_factor`.
    pub q: f64,
    /// The last corridor cells of the exit floor's classes.
    pub floor_inputs: Vec<u32>,
}

/// A stairwell as the engine sees it.
#[derive(Debug, Clone)]
pub(crate) struct StairSpec {
    pub id: StairwellId,
    /// Its cells from the top landing down to the last exit-walk cell.
    pub chain: Vec<u32>,
    pub door: Door,
    /// From the foot of the stairs to the exit door, metres.
    pub exit_walk_m: f64,
    pub gate_clear: bool,
    /// Walking length of one storey, metres.
    pub storey_m: f64,
}

/// The whole building as cells, for one assignment of classes to stairwells
/// (built in `network/build.rs`).
#[derive(Debug, Clone)]
pub(crate) struct Network {
    pub cells: Vec<Cell>,
    pub locations: Vec<Location>,
    pub classes: Vec<ClassSpec>,
    pub stairwells: Vec<StairSpec>,
    /// The time step: at most 0.5 s, and short enough that nobody crosses
    /// any cell in less than a step (step × speed ≤ cell length, the CFL
    /// condition), at the fastest speed anyone may walk it.
    pub dt: f64,
    pub exit_floor: i32,
    pub child_factor: f64,
    pub merge_factor: f64,
    /// `[safety] flow_limit`: a metered stair head's limit per metre.
    pub flow_limit: f64,
    pub max_density: f64,
    pub red_flag_density: f64,
}

impl Network {
    fn push(&mut self, chain: &mut Vec<u32>, cell: Cell, location: Location) -> u32 {
        let idx = self.cells.len() as u32;
        self.cells.push(cell);
        self.locations.push(location);
        chain.push(idx);
        idx
    }

    /// The time a class needs to walk `cell` at its free speed.
    pub fn dwell(&self, cell: u32, class: &ClassSpec, stair_speed: f64) -> f64 {
        let c = &self.cells[cell as usize];
        let v = match c.walk {
            Walk::Level => class.corridor_speed,
            Walk::Stair => stair_speed,
        };
        c.length / v
    }
}

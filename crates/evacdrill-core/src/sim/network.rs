//! The building as cells: each class's corridor, each stairwell's landings and
//! flights storey by storey, its exit walk and exit door.
//!
//! A stairwell is one chain from its top floor landing down to its exit door.
//! Per storey it has a floor landing (where that floor's corridors join), an
//! upper flight, a mid landing and a lower flight, so that 3.6 m of storey
//! walks 10.6 m (docs/flow-model.md). The foot landing on the exit floor is the
//! start of the exit walk.

use serde::Serialize;

use super::physics::{self, CORRIDOR_EFFECTIVE_WIDTH, DOOR_BOUNDARY, K_LEVEL};
use super::{Releases, SimError};
use crate::script::{ClassId, Script, StairwellId};

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
    /// the exit floor, the foot of the stairs.
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
    /// Maximum flow out, persons per second (the exit door's, at the last
    /// cell, when that is lower).
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
    /// The floor landings it passes, own floor first, with their floors.
    pub landings: Vec<(i32, u32)>,
}

/// A stairwell as the engine sees it.
#[derive(Debug, Clone)]
pub(crate) struct StairSpec {
    pub id: StairwellId,
    /// Its cells from the top landing down to the last exit-walk cell.
    pub chain: Vec<u32>,
    /// Walk after the exit door that is too short to be a cell, metres.
    pub out_walk_m: f64,
    pub gate_clear: bool,
    /// Walking length of one storey, metres.
    pub storey_m: f64,
}

/// The whole building as cells, for one assignment of classes to stairwells.
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
    pub child_factor: f64,
    pub merge_factor: f64,
    pub max_density: f64,
    pub red_flag_density: f64,
}

impl Network {
    /// Builds the cells for `releases`, checking them against `script`.
    pub fn build(script: &Script, releases: &Releases) -> Result<Self, SimError> {
        let stair_of = check_releases(script, releases)?;
        let exit_floor = script.building.exit_floor;
        let phi = script.safety.child_factor;
        let mut net = Network {
            cells: Vec::new(),
            locations: Vec::new(),
            classes: Vec::new(),
            stairwells: Vec::new(),
            dt: MAX_DT,
            child_factor: phi,
            merge_factor: script.safety.merge_factor,
            max_density: script.safety.max_density.0,
            red_flag_density: script.safety.red_flag_density.0,
        };
        // Floor landings of each stairwell, by floor, to connect corridors.
        let mut landings: Vec<Vec<(i32, u32)>> = Vec::new();
        for (si, stair) in script.stairwells.iter().enumerate() {
            let we = stair.effective_width().0;
            if we <= 0.0 {
                return Err(SimError::NoWidth(stair.id.clone()));
            }
            let top = script
                .classes
                .iter()
                .zip(&stair_of)
                .filter(|(_, s)| **s == si)
                .map(|(c, _)| c.floor)
                .max()
                .unwrap_or(exit_floor)
                .max(exit_floor);
            let k_stair = physics::stair_k(stair.riser.0, stair.tread.0);
            let flight = physics::flight_length(
                script.building.storey_height.0,
                stair.riser.0,
                stair.tread.0,
            );
            let loc = |kind| Location {
                stairwell: stair.id.clone(),
                kind,
            };
            let mut chain = Vec::new();
            let mut floors = Vec::new();
            let stair_cell = |length: f64, k: f64, walk: Walk| Cell {
                length,
                we,
                area: length * we,
                k,
                walk,
                q_out: physics::max_flow(k, we, phi),
                stairwell: si as u32,
                next: None,
                floor_inputs: Vec::new(),
                main_input: None,
                landing_floor: None,
            };
            for floor in (exit_floor + 1..=top).rev() {
                let mut landing = stair_cell(stair.landing.0, K_LEVEL, Walk::Stair);
                landing.landing_floor = Some(floor);
                floors.push((
                    floor,
                    net.push(&mut chain, landing, loc(LocationKind::Landing { floor })),
                ));
                net.push(
                    &mut chain,
                    stair_cell(flight, k_stair, Walk::Stair),
                    loc(LocationKind::Flight {
                        storey: floor,
                        lower: false,
                    }),
                );
                net.push(
                    &mut chain,
                    stair_cell(stair.landing.0, K_LEVEL, Walk::Stair),
                    loc(LocationKind::MidLanding { storey: floor }),
                );
                net.push(
                    &mut chain,
                    stair_cell(flight, k_stair, Walk::Stair),
                    loc(LocationKind::Flight {
                        storey: floor,
                        lower: true,
                    }),
                );
            }
            // The foot of the stairs: level floor, the start of the exit walk.
            let mut foot = stair_cell(stair.landing.0, K_LEVEL, Walk::Level);
            foot.landing_floor = Some(exit_floor);
            floors.push((
                exit_floor,
                net.push(
                    &mut chain,
                    foot,
                    loc(LocationKind::Landing { floor: exit_floor }),
                ),
            ));
            let door_we = (stair.exit_width.0 - 2.0 * DOOR_BOUNDARY).max(0.1);
            let walk = (stair.exit_walk.0 - stair.landing.0).max(0.0);
            let mut out_walk_m = 0.0;
            if walk >= MIN_SEGMENT_M {
                let n = (walk / MAX_SEGMENT_M).ceil().max(1.0);
                for segment in 0..n as u32 {
                    let mut cell = stair_cell(walk / n, K_LEVEL, Walk::Level);
                    cell.we = door_we.max(we);
                    cell.area = cell.length * cell.we;
                    cell.q_out = physics::max_flow(K_LEVEL, cell.we, phi);
                    net.push(&mut chain, cell, loc(LocationKind::ExitWalk { segment }));
                }
            } else {
                out_walk_m = walk;
            }
            let last = *chain.last().unwrap_or(&0) as usize;
            let door = physics::max_flow(K_LEVEL, door_we, phi);
            net.cells[last].q_out = net.cells[last].q_out.min(door);
            for pair in chain.windows(2) {
                net.cells[pair[0] as usize].next = Some(pair[1]);
                net.cells[pair[1] as usize].main_input = Some(Input::Cell(pair[0]));
            }
            landings.push(floors);
            net.stairwells.push(StairSpec {
                id: stair.id.clone(),
                chain,
                out_walk_m,
                storey_m: physics::storey_length(stair, script.building.storey_height.0),
                gate_clear: matches!(stair.gate, crate::script::Gate::Clear),
            });
        }
        for (ci, (class, &si)) in script.classes.iter().zip(&stair_of).enumerate() {
            let release = releases
                .get(&class.id)
                .ok_or_else(|| SimError::NeverReleased(class.id.clone()))?;
            let landing = landings[si]
                .iter()
                .find(|(f, _)| *f == class.floor)
                .map(|&(_, c)| c)
                .ok_or_else(|| SimError::FloorNotServed {
                    class: class.id.clone(),
                    stairwell: release.stairwell.clone(),
                    floor: class.floor,
                })?;
            let corridor = class.corridor.0;
            let (entry, entry_walk_m) = if corridor >= MIN_SEGMENT_M {
                let n = (corridor / MAX_SEGMENT_M).ceil().max(1.0);
                let mut prev: Option<u32> = None;
                let mut first = 0;
                for segment in 0..n as u32 {
                    let length = corridor / n;
                    let cell = Cell {
                        length,
                        we: CORRIDOR_EFFECTIVE_WIDTH,
                        area: length * CORRIDOR_EFFECTIVE_WIDTH,
                        k: K_LEVEL,
                        walk: Walk::Level,
                        q_out: physics::max_flow(K_LEVEL, CORRIDOR_EFFECTIVE_WIDTH, phi),
                        stairwell: si as u32,
                        next: None,
                        floor_inputs: Vec::new(),
                        main_input: Some(prev.map_or(Input::Source(ci as u32), Input::Cell)),
                        landing_floor: None,
                    };
                    let idx = net.cells.len() as u32;
                    net.cells.push(cell);
                    net.locations.push(Location {
                        stairwell: release.stairwell.clone(),
                        kind: LocationKind::Corridor {
                            class: class.id.clone(),
                        },
                    });
                    if let Some(p) = prev {
                        net.cells[p as usize].next = Some(idx);
                    } else {
                        first = idx;
                    }
                    let _ = segment;
                    prev = Some(idx);
                }
                let last = prev.unwrap_or(first);
                net.cells[last as usize].next = Some(landing);
                net.cells[landing as usize]
                    .floor_inputs
                    .push(Input::Cell(last));
                (first, 0.0)
            } else {
                net.cells[landing as usize]
                    .floor_inputs
                    .push(Input::Source(ci as u32));
                (landing, corridor)
            };
            let passes = landings[si]
                .iter()
                .filter(|(f, _)| *f <= class.floor)
                .copied()
                .collect();
            net.classes.push(ClassSpec {
                id: class.id.clone(),
                grade: class.grade,
                floor: class.floor,
                people: f64::from(class.headcount),
                stairwell: si as u32,
                release_s: release.release_s,
                pace: Releases::pace(script, release).0,
                readiness: script.readiness(class).0,
                entry,
                entry_walk_m,
                corridor_m: corridor,
                corridor_speed: script.speeds.corridor.0,
                stair_speed: script.speeds.stair_speed(class.grade).0,
                landings: passes,
            });
        }
        let stair_max = net
            .classes
            .iter()
            .map(|c| c.stair_speed * MAX_SPEED_FACTOR)
            .fold(0.0, f64::max);
        let crossing = net
            .cells
            .iter()
            .map(|c| {
                c.length
                    / match c.walk {
                        Walk::Level => script.speeds.corridor.0,
                        Walk::Stair => stair_max,
                    }
            })
            .fold(f64::INFINITY, f64::min);
        net.dt = crossing.clamp(MIN_DT, MAX_DT);
        Ok(net)
    }

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

/// Checks releases against the script; returns each script class's
/// stairwell index, in script order.
fn check_releases(script: &Script, releases: &Releases) -> Result<Vec<usize>, SimError> {
    let mut seen = vec![false; script.classes.len()];
    let mut stair_of = vec![usize::MAX; script.classes.len()];
    for r in &releases.entries {
        let ci = script
            .classes
            .iter()
            .position(|c| c.id == r.class)
            .ok_or_else(|| SimError::UnknownClass(r.class.clone()))?;
        if std::mem::replace(&mut seen[ci], true) {
            return Err(SimError::ReleasedTwice(r.class.clone()));
        }
        let si = script
            .stairwells
            .iter()
            .position(|s| s.id == r.stairwell)
            .ok_or_else(|| SimError::UnknownStairwell(r.stairwell.clone()))?;
        let class = &script.classes[ci];
        if !script.stairwells[si].serves(class.floor, script.building.exit_floor) {
            return Err(SimError::FloorNotServed {
                class: r.class.clone(),
                stairwell: r.stairwell.clone(),
                floor: class.floor,
            });
        }
        if !r.release_s.is_finite() || r.release_s < 0.0 {
            return Err(SimError::BadReleaseTime {
                class: r.class.clone(),
                value: r.release_s,
            });
        }
        if let Some(p) = r.pace_pps
            && !(p.is_finite() && p > 0.0)
        {
            return Err(SimError::BadPace {
                class: r.class.clone(),
                value: p,
            });
        }
        stair_of[ci] = si;
    }
    if let Some(ci) = seen.iter().position(|s| !s) {
        return Err(SimError::NeverReleased(script.classes[ci].id.clone()));
    }
    Ok(stair_of)
}

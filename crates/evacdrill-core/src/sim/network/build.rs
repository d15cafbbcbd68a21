//! Building the cells: each stairwell's chain from its top landing to its
//! exit door, then each class's corridor into its floor's landing, then the
//! time step.

use super::super::physics::{self, CORRIDOR_EFFECTIVE_WIDTH, DOOR_BOUNDARY, K_LEVEL};
use super::super::{Release, SimError};
use super::{
    Cell, ClassSpec, Door, Input, Location, LocationKind, MAX_DT, MAX_SEGMENT_M, MAX_SPEED_FACTOR,
    MIN_DT, MIN_SEGMENT_M, Network, StairSpec, Walk,
};
use crate::script::{Class, Script, Stairwell};
use crate::units::PersonsPerSecond;

/// The floor landings of one stairwell, `(floor, cell)`, top floor first.
type Landings = Vec<(i32, u32)>;

/// The least length of the foot of the stairs, metres, when the exit walk is
/// shorter: a cell needs some area (design assumption; it holds a person or
/// two).
const MIN_FOOT_M: f64 = 0.5;

impl Network {
    /// Builds the cells for `releases`, checking them against `script`.
    pub fn build(script: &Script, releases: &[Release]) -> Result<Self, SimError> {
        let stair_of = check_releases(script, releases)?;
        let exit_floor = script.building.exit_floor;
        let mut net = Network {
            cells: Vec::new(),
            locations: Vec::new(),
            classes: Vec::new(),
            stairwells: Vec::new(),
            dt: MAX_DT,
            exit_floor,
            child_factor: script.safety.child_factor,
            merge_factor: script.safety.merge_factor,
            flow_limit: script.safety.flow_limit.0,
            max_density: script.safety.max_density.0,
            red_flag_density: script.safety.red_flag_density.0,
        };
        // Floor landings of each stairwell, by floor, to connect corridors.
        let mut landings: Vec<Landings> = Vec::new();
        for (si, stair) in script.stairwells.iter().enumerate() {
            let top = script
                .classes
                .iter()
                .zip(&stair_of)
                .filter(|(_, s)| **s == si)
                .map(|(c, _)| c.floor)
                .max()
                .unwrap_or(exit_floor)
                .max(exit_floor);
            landings.push(net.add_stairwell(script, si, stair, top)?);
        }
        for (ci, (class, &si)) in script.classes.iter().zip(&stair_of).enumerate() {
            let release = releases
                .iter()
                .find(|r| r.class == class.id)
                .ok_or_else(|| SimError::NeverReleased(class.id.clone()))?;
            net.add_class(script, ci, class, release, si, &landings[si])?;
        }
        net.dt = net.time_step(script);
        Ok(net)
    }

    /// Adds stairwell `si`'s chain of cells, from the landing of floor
    /// `top` down to its exit door; returns its floor landings.
    fn add_stairwell(
        &mut self,
        script: &Script,
        si: usize,
        stair: &Stairwell,
        top: i32,
    ) -> Result<Landings, SimError> {
        let exit_floor = script.building.exit_floor;
        let phi = script.safety.child_factor;
        let we = stair.effective_width().0;
        if we <= 0.0 {
            return Err(SimError::NoWidth(stair.id.clone()));
        }
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
        let mut chain = Vec::new();
        let mut floors = Vec::new();
        // Where a U-shaped stair turns (every landing above the exit floor),
        // the turn caps the flow (physics::TURN_SPECIFIC_FLOW).
        let turning = |length: f64| {
            let mut cell = stair_cell(length, K_LEVEL, Walk::Stair);
            cell.q_out = physics::turn_max_flow(we, phi);
            cell
        };
        for floor in (exit_floor + 1..=top).rev() {
            let mut landing = turning(stair.landing.0);
            landing.landing_floor = Some(floor);
            floors.push((
                floor,
                self.push(&mut chain, landing, loc(LocationKind::Landing { floor })),
            ));
            self.push(
                &mut chain,
                stair_cell(flight, k_stair, Walk::Stair),
                loc(LocationKind::Flight {
                    storey: floor,
                    lower: false,
                }),
            );
            self.push(
                &mut chain,
                turning(stair.landing.0),
                loc(LocationKind::MidLanding { storey: floor }),
            );
            self.push(
                &mut chain,
                stair_cell(flight, k_stair, Walk::Stair),
                loc(LocationKind::Flight {
                    storey: floor,
                    lower: true,
                }),
            );
        }
        // The foot of the stairs: level floor, the start of the exit walk,
        // stair users only.
        let exit_walk = stair.exit_walk.0.max(0.0);
        let (foot_m, rest) = foot_and_rest(exit_walk, stair.landing.0);
        let mut foot = stair_cell(foot_m, K_LEVEL, Walk::Level);
        foot.landing_floor = Some(exit_floor);
        floors.push((
            exit_floor,
            self.push(
                &mut chain,
                foot,
                loc(LocationKind::Landing { floor: exit_floor }),
            ),
        ));
        let door_we = (stair.exit_width.0 - 2.0 * DOOR_BOUNDARY).max(0.1);
        self.add_exit_walk(&mut chain, stair, si, rest, door_we.max(we), phi);
        for pair in chain.windows(2) {
            self.cells[pair[0] as usize].next = Some(pair[1]);
            self.cells[pair[1] as usize].main_input = Some(Input::Cell(pair[0]));
        }
        self.stairwells.push(StairSpec {
            id: stair.id.clone(),
            chain,
            door: Door {
                q: physics::max_flow(K_LEVEL, door_we, phi),
                floor_inputs: Vec::new(),
            },
            exit_walk_m: exit_walk,
            storey_m: physics::storey_length(stair, script.building.storey_height.0),
            gate_clear: matches!(stair.gate, crate::script::Gate::Clear),
        });
        Ok(floors)
    }

    /// Adds the exit walk after the foot of the stairs: `length` metres in
    /// cells of at most `MAX_SEGMENT_M`, `we` wide (the wider of stair and
    /// door), at corridor speed.
    fn add_exit_walk(
        &mut self,
        chain: &mut Vec<u32>,
        stair: &Stairwell,
        si: usize,
        length: f64,
        we: f64,
        phi: f64,
    ) {
        if length <= 0.0 {
            return;
        }
        let n = (length / MAX_SEGMENT_M).ceil().max(1.0);
        for segment in 0..n as u32 {
            let cell = Cell {
                length: length / n,
                we,
                area: length / n * we,
                k: K_LEVEL,
                walk: Walk::Level,
                q_out: physics::max_flow(K_LEVEL, we, phi),
                stairwell: si as u32,
                next: None,
                floor_inputs: Vec::new(),
                main_input: None,
                landing_floor: None,
            };
            let location = Location {
                stairwell: stair.id.clone(),
                kind: LocationKind::ExitWalk { segment },
            };
            self.push(chain, cell, location);
        }
    }

    /// Adds class `ci`, released into stairwell `si`: its corridor into its
    /// floor's landing (on the exit floor: straight to the exit door), and
    /// what the engine needs to move it.
    fn add_class(
        &mut self,
        script: &Script,
        ci: usize,
        class: &Class,
        release: &Release,
        si: usize,
        landings: &Landings,
    ) -> Result<(), SimError> {
        let phi = script.safety.child_factor;
        let corridor = class.corridor.0;
        let (entry, entry_walk_m, passes) = if class.floor == script.building.exit_floor {
            // A class on the exit floor walks its corridor and the exit walk
            // to the door, at corridor speed, without touching the stair: it
            // reaches the door when a stair user who had just reached the
            // foot would. (A walk under 1 m is walked as 1 m, a cell's least.)
            let walk = (corridor + self.stairwells[si].exit_walk_m).max(MIN_SEGMENT_M);
            let (first, last) = self.add_corridor(ci, class, release, si, walk, phi);
            self.stairwells[si].door.floor_inputs.push(last);
            (first, 0.0, vec![class.floor])
        } else {
            let landing = landings
                .iter()
                .find(|(f, _)| *f == class.floor)
                .map(|&(_, c)| c)
                .ok_or_else(|| SimError::FloorNotServed {
                    class: class.id.clone(),
                    stairwell: release.stairwell.clone(),
                    floor: class.floor,
                })?;
            let passes = landings
                .iter()
                .filter(|(f, _)| *f <= class.floor)
                .map(|&(f, _)| f)
                .collect();
            if corridor >= MIN_SEGMENT_M {
                let (first, last) = self.add_corridor(ci, class, release, si, corridor, phi);
                self.cells[last as usize].next = Some(landing);
                self.cells[landing as usize]
                    .floor_inputs
                    .push(Input::Cell(last));
                (first, 0.0, passes)
            } else {
                self.cells[landing as usize]
                    .floor_inputs
                    .push(Input::Source(ci as u32));
                (landing, corridor, passes)
            }
        };
        self.classes.push(ClassSpec {
            id: class.id.clone(),
            grade: class.grade,
            floor: class.floor,
            people: f64::from(class.headcount),
            stairwell: si as u32,
            release_s: release.seconds().0,
            pace: release.pace_in(script).0,
            readiness: script.readiness(class).0,
            entry,
            entry_walk_m,
            corridor_m: corridor,
            corridor_speed: script.speeds.corridor.0,
            stair_speed: script.speeds.stair_speed(class.grade).0,
            landings: passes,
        });
        Ok(())
    }

    /// Adds the cells of class `ci`'s corridor, `length` metres from its
    /// door; returns the first and the last (left unconnected).
    fn add_corridor(
        &mut self,
        ci: usize,
        class: &Class,
        release: &Release,
        si: usize,
        length: f64,
        phi: f64,
    ) -> (u32, u32) {
        let n = (length / MAX_SEGMENT_M).ceil().max(1.0);
        let mut prev: Option<u32> = None;
        let mut first = 0;
        for _ in 0..n as u32 {
            let length = length / n;
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
            let idx = self.cells.len() as u32;
            self.cells.push(cell);
            self.locations.push(Location {
                stairwell: release.stairwell.clone(),
                kind: LocationKind::Corridor {
                    class: class.id.clone(),
                },
            });
            if let Some(p) = prev {
                self.cells[p as usize].next = Some(idx);
            } else {
                first = idx;
            }
            prev = Some(idx);
        }
        (first, prev.unwrap_or(first))
    }

    /// The longest step in which nobody crosses any cell, at the fastest
    /// speed anyone may walk it, within `MIN_DT..=MAX_DT`.
    fn time_step(&self, script: &Script) -> f64 {
        let stair_max = self
            .classes
            .iter()
            .map(|c| c.stair_speed * MAX_SPEED_FACTOR)
            .fold(0.0, f64::max);
        let crossing = self
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
        crossing.clamp(MIN_DT, MAX_DT)
    }
}

/// The length of the foot of the stairs and of the exit walk after it, so
/// that from entering the foot to the exit door a stair user walks exactly
/// `exit_walk` (the planner's geometry): the foot is a landing long, or the
/// whole exit walk when that is shorter (at least `MIN_FOOT_M`); a remainder
/// too short to be a cell of its own is walked on the foot.
fn foot_and_rest(exit_walk: f64, landing: f64) -> (f64, f64) {
    let rest = exit_walk - landing;
    if rest < MIN_SEGMENT_M {
        (exit_walk.max(MIN_FOOT_M), 0.0)
    } else {
        (landing, rest)
    }
}

/// Checks releases against the script; returns each script class's
/// stairwell index, in script order.
fn check_releases(script: &Script, releases: &[Release]) -> Result<Vec<usize>, SimError> {
    let mut seen = vec![false; script.classes.len()];
    let mut stair_of = vec![usize::MAX; script.classes.len()];
    for r in releases {
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
        if let Some(PersonsPerSecond(p)) = r.pace
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

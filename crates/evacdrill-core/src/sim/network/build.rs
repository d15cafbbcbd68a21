//! Building the cells: each stairwell's chain from its top landing to its
//! exit door, then each class's corridor into its floor's landing, then the
//! time step.

use super::super::physics::{self, CORRIDOR_EFFECTIVE_WIDTH, DOOR_BOUNDARY, K_LEVEL};
use super::super::{Release, SimError};
use super::{
    Cell, ClassSpec, Input, Location, LocationKind, MAX_DT, MAX_SEGMENT_M, MAX_SPEED_FACTOR,
    MIN_DT, MIN_SEGMENT_M, Network, StairSpec, Walk,
};
use crate::script::{Class, Script, Stairwell};
use crate::units::PersonsPerSecond;

/// The floor landings of one stairwell, `(floor, cell)`, top floor first.
type Landings = Vec<(i32, u32)>;

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
        for floor in (exit_floor + 1..=top).rev() {
            let mut landing = stair_cell(stair.landing.0, K_LEVEL, Walk::Stair);
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
                stair_cell(stair.landing.0, K_LEVEL, Walk::Stair),
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
        // The foot of the stairs: level floor, the start of the exit walk.
        let mut foot = stair_cell(stair.landing.0, K_LEVEL, Walk::Level);
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
        let walk = (stair.exit_walk.0 - stair.landing.0).max(0.0);
        let mut out_walk_m = 0.0;
        if walk >= MIN_SEGMENT_M {
            let n = (walk / MAX_SEGMENT_M).ceil().max(1.0);
            for segment in 0..n as u32 {
                let mut cell = stair_cell(walk / n, K_LEVEL, Walk::Level);
                cell.we = door_we.max(we);
                cell.area = cell.length * cell.we;
                cell.q_out = physics::max_flow(K_LEVEL, cell.we, phi);
                self.push(&mut chain, cell, loc(LocationKind::ExitWalk { segment }));
            }
        } else {
            out_walk_m = walk;
        }
        let last = *chain.last().unwrap_or(&0) as usize;
        let door = physics::max_flow(K_LEVEL, door_we, phi);
        self.cells[last].q_out = self.cells[last].q_out.min(door);
        for pair in chain.windows(2) {
            self.cells[pair[0] as usize].next = Some(pair[1]);
            self.cells[pair[1] as usize].main_input = Some(Input::Cell(pair[0]));
        }
        self.stairwells.push(StairSpec {
            id: stair.id.clone(),
            chain,
            out_walk_m,
            storey_m: physics::storey_length(stair, script.building.storey_height.0),
            gate_clear: matches!(stair.gate, crate::script::Gate::Clear),
        });
        Ok(floors)
    }

    /// Adds class `ci`, released into stairwell `si`: its corridor into its
    /// floor's landing, and what the engine needs to move it.
    fn add_class(
        &mut self,
        script: &Script,
        ci: usize,
        class: &Class,
        release: &Release,
        si: usize,
        landings: &Landings,
    ) -> Result<(), SimError> {
        let landing = landings
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
            let phi = script.safety.child_factor;
            (self.add_corridor(ci, class, release, si, landing, phi), 0.0)
        } else {
            self.cells[landing as usize]
                .floor_inputs
                .push(Input::Source(ci as u32));
            (landing, corridor)
        };
        let passes = landings
            .iter()
            .filter(|(f, _)| *f <= class.floor)
            .copied()
            .collect();
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

    /// Adds the cells of class `ci`'s corridor, from its door to `landing`;
    /// returns the first.
    fn add_corridor(
        &mut self,
        ci: usize,
        class: &Class,
        release: &Release,
        si: usize,
        landing: u32,
        phi: f64,
    ) -> u32 {
        let corridor = class.corridor.0;
        let n = (corridor / MAX_SEGMENT_M).ceil().max(1.0);
        let mut prev: Option<u32> = None;
        let mut first = 0;
        for _ in 0..n as u32 {
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
        let last = prev.unwrap_or(first);
        self.cells[last as usize].next = Some(landing);
        self.cells[landing as usize]
            .floor_inputs
            .push(Input::Cell(last));
        first
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

//! One step of movement: how many people each cell sends and receives, and
//! moving them.
//!
//! A cell sends the people who have walked its length at their free speed,
//! at most its maximum flow (the SFPE maximum `0.94 k We`, per person of
//! φ adults), and at the last cell of a stairwell also at most the exit
//! door's. A cell receives at most its supply: the maximum flow while it is
//! below the density of maximum flow, then less and less down to nothing at
//! standstill, so queues spill back cell by cell. Where a stair stream and
//! floor streams meet at a landing and both are waiting, the landing takes
//! only `merge_factor` of its supply (Campbell 2012), shared about evenly
//! between the stair and the floor (Boyce et al. 2012), a stream's unused
//! share going to the other.

use super::super::network::{Input, Network};
use super::super::physics;
use super::{ClassState, EPS, Engine, Parcel};
use crate::sim::Fact;
use crate::units::Seconds;

/// Buffers reused from step to step.
#[derive(Debug, Clone, Default)]
pub(super) struct Scratch {
    demand: Vec<f64>,
    ready: Vec<f64>,
    flow: Vec<f64>,
    source_demand: Vec<f64>,
    source_flow: Vec<f64>,
    queue: Vec<f64>,
    people: Vec<f64>,
    pending: Vec<(u32, Parcel)>,
    floor: Vec<(Input, f64)>,
}

impl Scratch {
    pub(super) fn new(net: &Network) -> Self {
        let n = net.cells.len();
        let m = net.classes.len();
        Self {
            demand: vec![0.0; n],
            ready: vec![0.0; n],
            flow: vec![0.0; n],
            source_demand: vec![0.0; m],
            source_flow: vec![0.0; m],
            queue: vec![0.0; n],
            people: vec![0.0; n],
            pending: Vec::new(),
            floor: Vec::new(),
        }
    }
}

impl Engine {
    /// Moves people for the step that starts at `t`.
    pub(super) fn move_people(&mut self, t: f64) {
        let net = std::sync::Arc::clone(&self.net);
        let dt = net.dt;
        let te = t + dt;
        let mut s = std::mem::take(&mut self.scratch);

        // What each cell and each classroom door could send.
        for (i, cell) in self.cells.iter().enumerate() {
            let mut ready = 0.0;
            for p in &cell.parcels {
                if p.ready >= te {
                    break;
                }
                ready += p.people;
            }
            s.ready[i] = ready;
            s.demand[i] = ready.min(net.cells[i].q_out * dt);
            s.flow[i] = 0.0;
        }
        for (c, run) in self.classes.iter().enumerate() {
            s.source_flow[c] = 0.0;
            s.source_demand[c] = if matches!(run.state, ClassState::Released { .. })
                && run.in_room > 0.0
                && run.start < te
            {
                run.in_room
                    .min(net.classes[c].pace * (te - t.max(run.start)))
            } else {
                0.0
            };
        }
        let demand_of = |s: &Scratch, input: Input| match input {
            Input::Cell(i) => s.demand[i as usize],
            Input::Source(c) => s.source_demand[c as usize],
        };

        // What each cell takes from its inputs.
        for (j, cell) in net.cells.iter().enumerate() {
            let rho = self.cells[j].people / cell.area;
            let room = (physics::standstill_density() / net.child_factor) * cell.area
                - self.cells[j].people;
            let supply = (physics::supply(cell.k, cell.we, net.child_factor, rho) * dt)
                .min(room)
                .max(0.0);
            let held = self.stairs[cell.stairwell as usize].held && cell.landing_floor.is_some();
            let main = cell.main_input.map(|i| (i, demand_of(&s, i)));
            s.floor.clear();
            if !held {
                for &i in &cell.floor_inputs {
                    s.floor.push((i, demand_of(&s, i)));
                }
            }
            let floor_total: f64 = s.floor.iter().map(|(_, d)| d).sum();
            let main_demand = main.map_or(0.0, |(_, d)| d);
            let stair_meets_floor = matches!(main, Some((Input::Cell(_), d)) if d > 0.0)
                && floor_total > 0.0
                && cell.landing_floor.is_some();
            let (main_take, floor_take) = if stair_meets_floor {
                let merged = net.merge_factor * supply;
                let half = merged / 2.0;
                let main_take = main_demand.min(half + (half - floor_total).max(0.0));
                (main_take, floor_total.min(merged - main_take))
            } else {
                let total = main_demand + floor_total;
                let scale = if total > supply { supply / total } else { 1.0 };
                (main_demand * scale, floor_total * scale)
            };
            if let Some((input, _)) = main {
                set_flow(&mut s, input, main_take);
            }
            if floor_total > 0.0 {
                let share = floor_take / floor_total;
                for k in 0..s.floor.len() {
                    let (input, d) = s.floor[k];
                    set_flow(&mut s, input, d * share);
                }
            }
        }
        // The last cell of each stairwell sends out through its exit door.
        for stair in &net.stairwells {
            if let Some(&last) = stair.chain.last() {
                s.flow[last as usize] = s.demand[last as usize];
            }
        }

        // Move them.
        s.pending.clear();
        for i in 0..self.cells.len() {
            let mut amount = s.flow[i];
            s.queue[i] = (s.ready[i] - amount).max(0.0);
            if amount <= 0.0 {
                continue;
            }
            let cell = &net.cells[i];
            self.cells[i].people -= amount;
            while amount > 0.0 {
                let Some(front) = self.cells[i].parcels.front_mut() else {
                    break;
                };
                let take = if front.people <= amount + 1e-12 {
                    front.people
                } else {
                    amount
                };
                let piece = Parcel {
                    people: take,
                    ..*front
                };
                front.people -= take;
                if front.people <= 1e-12 {
                    self.cells[i].parcels.pop_front();
                }
                amount -= take;
                let at = piece.ready.max(t);
                if let Some(floor) = cell.landing_floor {
                    self.passed_landing(piece.class, floor, piece.people, at);
                }
                match cell.next {
                    Some(j) => {
                        let spec = &net.classes[piece.class as usize];
                        let v = self.draws.stair_speed[piece.class as usize];
                        let ready = at + net.dwell(j, spec, v);
                        s.pending.push((j, Parcel { ready, ..piece }));
                    }
                    None => {
                        let spec = &net.classes[piece.class as usize];
                        let walk = net.stairwells[cell.stairwell as usize].out_walk_m;
                        self.went_out(piece.class, piece.people, at + walk / spec.corridor_speed);
                    }
                }
            }
            if self.cells[i].parcels.is_empty() {
                self.cells[i].people = 0.0;
            }
        }
        // Out of the classrooms.
        for c in 0..self.classes.len() {
            let amount = s.source_flow[c];
            if amount <= 0.0 {
                continue;
            }
            let spec = &net.classes[c];
            let run = &mut self.classes[c];
            let from = t.max(run.start);
            let left = from + amount / spec.pace;
            run.in_room -= amount;
            if run.in_room <= EPS {
                run.in_room = 0.0;
                run.left_room_at = Some(left);
            }
            let entered = left + spec.entry_walk_m / spec.corridor_speed;
            let ready = entered + net.dwell(spec.entry, spec, self.draws.stair_speed[c]);
            s.pending.push((
                spec.entry,
                Parcel {
                    class: c as u32,
                    people: amount,
                    ready,
                },
            ));
        }
        for &(j, parcel) in &s.pending {
            let cell = &mut self.cells[j as usize];
            cell.people += parcel.people;
            let pos = cell
                .parcels
                .iter()
                .rposition(|p| p.ready <= parcel.ready)
                .map_or(0, |k| k + 1);
            cell.parcels.insert(pos, parcel);
        }
        for (i, cell) in self.cells.iter().enumerate() {
            s.people[i] = cell.people;
        }
        self.recorder.step(&net, te, &s.people, &s.queue, &s.flow);
        self.scratch = s;
    }

    fn passed_landing(&mut self, c: u32, floor: i32, people: f64, at: f64) {
        let spec = &self.net.classes[c as usize];
        let Some(k) = spec.landings.iter().position(|&(f, _)| f == floor) else {
            return;
        };
        let entry = &mut self.classes[c as usize].passed[k];
        entry.0 += people;
        entry.1 = entry.1.max(at);
        if entry.2.is_none() && entry.0 >= spec.people - EPS {
            entry.2 = Some(entry.1);
            self.facts.push(Fact::ClassPassedLanding {
                class: spec.id.clone(),
                floor,
                at: Seconds(entry.1),
            });
        }
    }

    fn went_out(&mut self, c: u32, people: f64, at: f64) {
        let spec = &self.net.classes[c as usize];
        let run = &mut self.classes[c as usize];
        run.out_people += people;
        run.out_time = run.out_time.max(at);
        if let ClassState::Released { at: released } = run.state
            && run.out_people >= spec.people - EPS
        {
            let out = Seconds(run.out_time);
            run.state = ClassState::Out { released, out };
            self.facts.push(Fact::ClassOut {
                class: spec.id.clone(),
                at: out,
            });
            let stair = &mut self.stairs[spec.stairwell as usize];
            stair.classes_left -= 1;
            if stair.classes_left == 0 {
                stair.empty_at = Some(run.out_time);
                self.facts.push(Fact::StairwellEmpty {
                    stairwell: self.net.stairwells[spec.stairwell as usize].id.clone(),
                    at: out,
                });
            }
        }
    }
}

fn set_flow(s: &mut Scratch, input: Input, amount: f64) {
    match input {
        Input::Cell(i) => s.flow[i as usize] = amount,
        Input::Source(c) => s.source_flow[c as usize] = amount,
    }
}

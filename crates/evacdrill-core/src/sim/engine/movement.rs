//! One step of movement: how many people each cell sends and receives, and
//! moving them.
//!
//! A cell sends the people who have walked its length at their free speed,
//! at most its maximum flow (the SFPE maximum `0.94 k We`, per person of
//! φ adults; less where the stair turns at a landing). A cell receives at
//! most its supply: the maximum flow while it is below the density of
//! maximum flow, then less and less down to nothing at standstill, so queues
//! spill back cell by cell. Where a stair stream and floor streams meet at a
//! landing and both are waiting, the landing takes only `merge_factor` of its
//! supply (Campbell 2012), shared about evenly between the stair and the
//! floor (Boyce et al. 2012), a stream's unused share going to the other.
//! The exit door is a node of its own with the doorway's maximum flow, where
//! the stair stream meets the exit floor's corridors under the same rule.
//!
//! People leave a cell in the order they entered it: on a stair nobody
//! overtakes, so a faster class waits behind a slower one; the people behind
//! close up on a held-up head as far as the cell's maximum flow allows.
//!
//! Only cells with people in them and the cells they feed are visited, so a
//! step costs what is happening in it, not the size of the building.

use super::super::network::{Input, Network};
use super::super::physics;
use super::door::share;
use super::{ClassState, EPS, Engine, Parcel};
use crate::sim::Fact;
use crate::units::Seconds;

/// Buffers reused from step to step.
#[derive(Debug, Clone, Default)]
pub(super) struct Scratch {
    pub(super) demand: Vec<f64>,
    pub(super) flow: Vec<f64>,
    queue: Vec<f64>,
    source_demand: Vec<f64>,
    source_flow: Vec<f64>,
    /// Cells that receive this step, each once.
    targets: Vec<u32>,
    targeted: Vec<bool>,
    sources: Vec<u32>,
    pending: Vec<(u32, Parcel)>,
    floor: Vec<(Input, f64)>,
}

impl Scratch {
    pub(super) fn new(net: &Network) -> Self {
        let n = net.cells.len();
        let m = net.classes.len();
        Self {
            demand: vec![0.0; n],
            flow: vec![0.0; n],
            queue: vec![0.0; n],
            targeted: vec![false; n],
            source_demand: vec![0.0; m],
            source_flow: vec![0.0; m],
            ..Self::default()
        }
    }
}

impl Engine {
    /// Moves people for the step that starts at `t`.
    pub(super) fn move_people(&mut self, t: f64) {
        let net = std::sync::Arc::clone(&self.net);
        let te = t + net.dt;
        let mut s = std::mem::take(&mut self.scratch);
        s.targets.clear();
        self.cell_demands(&net, &mut s, te);
        self.door_demands(&net, &mut s, t, te);
        self.allocate_targets(&net, &mut s);
        self.send_all(&net, &mut s, t);
        self.take_in(&net, &mut s, t);
        let cells = &self.cells;
        self.recorder.step(
            &net,
            te,
            self.active.iter().map(|&i| {
                (
                    i,
                    cells[i as usize].people,
                    s.queue[i as usize],
                    s.flow[i as usize],
                )
            }),
        );
        self.drop_empty(&mut s);
        self.scratch = s;
    }

    /// What each occupied cell could send in the step ending at `te`: the
    /// people ready by then, at most its maximum flow; the cells they feed
    /// become targets.
    fn cell_demands(&mut self, net: &Network, s: &mut Scratch, te: f64) {
        let dt = net.dt;
        for &i in &self.active {
            let iu = i as usize;
            let cell = &mut self.cells[iu];
            while let Some(p) = cell.parcels.get(cell.ready_len) {
                if p.ready >= te {
                    break;
                }
                cell.ready_people += p.people;
                cell.ready_len += 1;
            }
            s.demand[iu] = cell.ready_people.min(net.cells[iu].q_out * dt);
            s.flow[iu] = 0.0;
            if s.demand[iu] > 0.0
                && let Some(j) = net.cells[iu].next
                && !std::mem::replace(&mut s.targeted[j as usize], true)
            {
                s.targets.push(j);
            }
        }
    }

    /// What each released class could send through its classroom door in
    /// the step from `t` to `te`, at its pace; the entry cells become
    /// targets.
    fn door_demands(&self, net: &Network, s: &mut Scratch, t: f64, te: f64) {
        for k in 0..s.sources.len() {
            let c = s.sources[k] as usize;
            s.source_demand[c] = 0.0;
            s.source_flow[c] = 0.0;
        }
        s.sources.clear();
        for (c, run) in self.classes.iter().enumerate() {
            if matches!(run.state, ClassState::Released { .. })
                && run.in_room > 0.0
                && run.start < te
            {
                s.source_flow[c] = 0.0;
                s.source_demand[c] = run
                    .in_room
                    .min(net.classes[c].pace * (te - t.max(run.start)));
                s.sources.push(c as u32);
                let j = net.classes[c].entry;
                if !std::mem::replace(&mut s.targeted[j as usize], true) {
                    s.targets.push(j);
                }
            }
        }
    }

    /// What each receiving cell takes from its inputs, and what each
    /// stairwell's exit door lets out.
    fn allocate_targets(&self, net: &Network, s: &mut Scratch) {
        for k in 0..s.targets.len() {
            let j = s.targets[k] as usize;
            s.targeted[j] = false;
            self.allocate(net, s, j);
        }
        for (si, stair) in net.stairwells.iter().enumerate() {
            self.allocate_door(net, s, si, stair);
        }
    }

    /// Takes the allocated flows out of the cells and the rooms; what is
    /// left behind is the queue. The people sent wait in `s.pending`.
    fn send_all(&mut self, net: &Network, s: &mut Scratch, t: f64) {
        s.pending.clear();
        for k in 0..self.active.len() {
            let i = self.active[k] as usize;
            s.queue[i] = (self.cells[i].ready_people - s.flow[i]).max(0.0);
            if s.flow[i] > 0.0 {
                self.send(net, s, i, t);
            }
        }
        for k in 0..s.sources.len() {
            let c = s.sources[k] as usize;
            self.leave_room(net, s, c, t);
        }
    }

    /// The people sent enter the cells they were sent to, behind those
    /// already there.
    fn take_in(&mut self, net: &Network, s: &mut Scratch, t: f64) {
        for &(j, mut parcel) in &s.pending {
            let cell = &mut self.cells[j as usize];
            // Nobody overtakes: people are ready no sooner than those ahead
            // of them could leave at the cell's maximum flow. So a faster
            // person who catches up with a slower one is held to their pace,
            // but the people behind may close up to that flow: a delay at
            // the head of a stream below capacity is made up, not carried to
            // its tail (SFPE ch. 59: below the maximum flow, people walk at
            // their free speed). Keeping instead the headway people entered
            // with, as this did first, never let a stream close up once
            // delayed: the delay passed down to everyone behind while the
            // cell stayed occupied, and on B1 a class caught behind a slower
            // one's tail for a few seconds ended 8–14 s late.
            if let Some(back) = cell.parcels.back() {
                let headway = back.people / net.cells[j as usize].q_out;
                parcel.ready = parcel.ready.max(back.ready + headway);
            }
            if !cell.active {
                cell.active = true;
                self.active.push(j);
            }
            if merge_into_queue(cell, &net.cells[j as usize], parcel, t) {
                continue;
            }
            cell.people += parcel.people;
            cell.parcels.push_back(parcel);
        }
    }

    /// Cells that emptied leave the list of active cells.
    fn drop_empty(&mut self, s: &mut Scratch) {
        let cells = &mut self.cells;
        self.active.retain(|&i| {
            let cell = &mut cells[i as usize];
            if cell.parcels.is_empty() {
                cell.people = 0.0;
                cell.ready_len = 0;
                cell.ready_people = 0.0;
                cell.active = false;
                s.flow[i as usize] = 0.0;
                s.queue[i as usize] = 0.0;
                s.demand[i as usize] = 0.0;
                false
            } else {
                true
            }
        });
    }

    /// Shares cell `j`'s supply among its inputs.
    fn allocate(&self, net: &Network, s: &mut Scratch, j: usize) {
        let cell = &net.cells[j];
        let dt = net.dt;
        let people = self.cells[j].people;
        let room = (physics::standstill_density() / net.child_factor) * cell.area - people;
        let hydraulic = physics::supply(cell.k, cell.we, net.child_factor, people / cell.area) * dt;
        // A cell takes in no more than it can let out (a turning landing
        // less than the fundamental diagram's maximum).
        let supply = hydraulic.min(cell.q_out * dt).min(room).max(0.0);
        let demand_of = |s: &Scratch, input: Input| match input {
            Input::Cell(i) => s.demand[i as usize],
            Input::Source(c) => s.source_demand[c as usize],
        };
        let held = self.stairs[cell.stairwell as usize].held && cell.landing_floor.is_some();
        let main = cell.main_input.map(|i| (i, demand_of(s, i)));
        s.floor.clear();
        if !held {
            for &i in &cell.floor_inputs {
                let d = demand_of(s, i);
                s.floor.push((i, d));
            }
        }
        let floor_total: f64 = s.floor.iter().map(|(_, d)| d).sum();
        let main_demand = main.map_or(0.0, |(_, d)| d);
        let stair_meets_floor = matches!(main, Some((Input::Cell(_), d)) if d > 0.0)
            && floor_total > 0.0
            && cell.landing_floor.is_some();
        // A real merge delivers `merge_factor` of the hydraulic prediction
        // (Campbell 2012); that measurement already holds the landing's turn,
        // so the turn's cap is not applied on top of it: the lower of the two.
        let merged = stair_meets_floor
            .then(|| (net.merge_factor * hydraulic.min(room).max(0.0)).min(supply));
        let (main_take, floor_take) = share(supply, main_demand, floor_total, merged);
        let (main_take, floor_take) = if self.metered[cell.stairwell as usize]
            && cell.landing_floor.is_some()
            && floor_total > 0.0
        {
            // The stair head is metered: the stair stream goes first (nobody
            // on the stair is held), and the floor's class waits in the
            // corridor while it and the stair stream would pass the stair's
            // safe capacity (the merge rule's share where both run).
            let main_take = main_demand.min(supply);
            let safe = net.flow_limit * cell.we * dt;
            let limit = if main_take > EPS {
                net.merge_factor * safe
            } else {
                safe
            };
            let floor_take = floor_total
                .min((limit - main_take).max(0.0))
                .min((supply - main_take).max(0.0));
            (main_take, floor_take)
        } else {
            (main_take, floor_take)
        };
        if let Some((input, _)) = main {
            set_flow(s, input, main_take);
        }
        if floor_total > 0.0 {
            let share = floor_take / floor_total;
            for k in 0..s.floor.len() {
                let (input, d) = s.floor[k];
                set_flow(s, input, d * share);
            }
        }
    }

    /// Sends cell `i`'s flow on, first in first out.
    fn send(&mut self, net: &Network, scratch: &mut Scratch, i: usize, t: f64) {
        let cell = &net.cells[i];
        let mut amount = scratch.flow[i];
        self.cells[i].people -= amount;
        self.cells[i].ready_people -= amount;
        while amount > 0.0 {
            let state = &mut self.cells[i];
            let Some(front) = state.parcels.front_mut() else {
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
                state.parcels.pop_front();
                state.ready_len = state.ready_len.saturating_sub(1);
            }
            amount -= take;
            let at = piece.ready.max(t);
            let spec = &net.classes[piece.class as usize];
            if let Some(j) = cell.next {
                let v = self.draws.stair_speed[piece.class as usize];
                let ready = at + net.dwell(j, spec, v);
                // Passing a floor's node is stepping onto it.
                if let Some(floor) = net.cells[j as usize].landing_floor {
                    self.passed_landing(piece.class, floor, piece.people, at);
                }
                scratch.pending.push((j, Parcel { ready, ..piece }));
            } else {
                // Through the exit door, and outside right after it; for a
                // class of the exit floor, that is its passing too.
                if spec.floor == net.exit_floor {
                    self.passed_landing(piece.class, net.exit_floor, piece.people, at);
                }
                self.went_out(piece.class, piece.people, at);
            }
        }
        let state = &mut self.cells[i];
        if state.ready_len == 0 {
            state.ready_people = 0.0;
        }
    }

    /// Class `c`'s people filing out of its classroom this step.
    fn leave_room(&mut self, net: &Network, s: &mut Scratch, c: usize, t: f64) {
        let amount = s.source_flow[c];
        if amount <= 0.0 {
            return;
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
        if let Some(floor) = net.cells[spec.entry as usize].landing_floor {
            self.passed_landing(c as u32, floor, amount, entered);
        }
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

    fn passed_landing(&mut self, c: u32, floor: i32, people: f64, at: f64) {
        let spec = &self.net.classes[c as usize];
        let Some(k) = spec.landings.iter().position(|&f| f == floor) else {
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

/// Margin, in seconds, by which the people ahead must outlast a newcomer's
/// walk before [`merge_into_queue`] lets it ride with an earlier parcel.
const MERGE_MARGIN_S: f64 = 2.0;

/// How many parcels back [`merge_into_queue`] looks for one of the same class.
const MERGE_LOOKBACK: usize = 6;

/// Adds `parcel` to a recent parcel of its class in `state` when that changes
/// nobody's time: when the people ahead of that parcel need longer to leave
/// at the cell's maximum flow than the newcomers need to walk the cell (plus
/// a margin), the newcomers' walking time does not decide when they leave;
/// the queue does.
///
/// Without this, a queue that gains a sliver of people every step would hold
/// thousands of slivers, and a step would cost what the queue's history is.
/// The price is that arrivals of different classes a few steps apart may
/// swap places within a standing queue.
fn merge_into_queue(
    state: &mut super::CellState,
    cell: &super::super::network::Cell,
    parcel: Parcel,
    now: f64,
) -> bool {
    let len = state.parcels.len();
    let Some(back) = state.parcels.back_mut() else {
        return false;
    };
    // The same class arriving in the same step: always one parcel.
    if back.class == parcel.class && (back.ready - parcel.ready).abs() < 1e-9 {
        back.people += parcel.people;
        state.people += parcel.people;
        return true;
    }
    let needed = (parcel.ready - now + MERGE_MARGIN_S) * cell.q_out;
    if state.people < needed {
        return false;
    }
    let first = state.ready_len.max(len.saturating_sub(MERGE_LOOKBACK));
    let mut behind = 0.0;
    for k in (first..len).rev() {
        let p = &mut state.parcels[k];
        behind += p.people;
        if state.people - behind < needed {
            return false;
        }
        if p.class == parcel.class {
            p.people += parcel.people;
            state.people += parcel.people;
            return true;
        }
    }
    false
}

fn set_flow(s: &mut Scratch, input: Input, amount: f64) {
    match input {
        Input::Cell(i) => s.flow[i as usize] = amount,
        Input::Source(c) => s.source_flow[c as usize] = amount,
    }
}

//! The engine: one simulated drill, advanced in fixed time steps from outside.
//!
//! [`simulate`] runs it to the end; the dashboard's rehearsal mode calls
//! [`Engine::advance_to`] with its drill clock and turns the [`Fact`]s into the
//! inputs a live drill gets, and can drive it back: [`Engine::release_now`]
//! when the coordinator releases a class early, [`Engine::hold`] and
//! [`Engine::resume`] when a stairwell is held.

mod door;
mod movement;
mod release;

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use serde::Serialize;

use super::network::Network;
use super::record::{ClassOutcome, Outcome, Record, Recorder, StairwellOutcome};
use super::variation::{Draws, Variation};
use super::{Fact, Release, ReleaseRule, Schedule, SimError};
use crate::release::rule;
use crate::script::{ClassId, Script, StairwellId};
use crate::units::{Density, Seconds};

/// Less than this many people is nobody (amounts are fractional in a flow model).
const EPS: f64 = 1e-6;

/// A run that has not ended after this long is reported, not looped on: a
/// school drill lasts minutes, not a day.
const MAX_DRILL_S: f64 = 86_400.0;

/// Where a class is in the drill.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum ClassState {
    /// Not yet told to go.
    Waiting,
    /// Told to go at `at`; some of it is still inside.
    Released { at: Seconds },
    /// Its last person is out.
    Out { released: Seconds, out: Seconds },
}

/// Where everyone is: in classrooms, in corridors and stairs, or out. The
/// three always add up to the script's head count.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Census {
    pub inside_rooms: f64,
    pub moving: f64,
    pub out: f64,
}

/// People of one class who entered a cell at the same moment.
#[derive(Debug, Clone, Copy)]
struct Parcel {
    class: u32,
    people: f64,
    /// When they can leave it: at their free speed, and never before the
    /// people ahead of them have had time to leave at the cell's maximum flow
    /// (nobody overtakes on a stair).
    ready: f64,
}

#[derive(Debug, Clone, Default)]
struct CellState {
    /// In the order people entered: they leave first in, first out.
    parcels: VecDeque<Parcel>,
    people: f64,
    /// How many parcels at the front are known to be ready, and their people:
    /// kept step to step so that a long queue is not counted again each step.
    ready_len: usize,
    ready_people: f64,
    /// Whether the cell is on the engine's list of cells with people.
    active: bool,
}

#[derive(Debug, Clone)]
struct ClassRun {
    state: ClassState,
    /// When it starts to file out: its release or its readiness, the later.
    start: f64,
    in_room: f64,
    left_room_at: Option<f64>,
    out_people: f64,
    out_time: f64,
    /// Per landing it passes (own floor first): people past it, the latest
    /// time one passed, and when the last did.
    passed: Vec<(f64, f64, Option<f64>)>,
}

#[derive(Debug, Clone, Default)]
struct StairRun {
    held: bool,
    classes_left: u32,
    empty_at: Option<f64>,
}

/// One simulated drill.
#[derive(Debug, Clone)]
pub struct Engine {
    net: Arc<Network>,
    rule: ReleaseRule,
    gated: bool,
    /// Per stairwell (network order): whether its stair heads are metered.
    metered: Vec<bool>,
    /// Class indices in the order of the schedule's entries.
    order: Vec<u32>,
    /// The class released before this one in its stairwell, by schedule order.
    prev_in_stair: Vec<Option<u32>>,
    /// The release group before this class's own in its stairwell (see
    /// `release::rule`), whose passing a `gate = "clear"` waits for.
    prev_group: Vec<Vec<u32>>,
    /// The first class of this class's group: whose drawn confirmation delay
    /// the whole group waits (one marshal confirms one group).
    leader: Vec<u32>,
    /// The largest grade below each class's grade that has classes.
    prev_grade: Vec<Option<u8>>,
    draws: Draws,
    now: f64,
    cells: Vec<CellState>,
    /// Cells with people in them, in the order they filled.
    active: Vec<u32>,
    classes: Vec<ClassRun>,
    stairs: Vec<StairRun>,
    facts: Vec<Fact>,
    recorder: Recorder,
    scratch: movement::Scratch,
}

impl Engine {
    /// A drill at time zero (the signal), with one run's random draws from
    /// `seed` ([`Variation::NONE`] for the plan's own assumptions).
    pub fn new(
        script: &Script,
        schedule: &Schedule,
        variation: &Variation,
        seed: u64,
    ) -> Result<Self, SimError> {
        let net = Arc::new(Network::build(script, &schedule.releases)?);
        Ok(Self::from_network(
            script,
            net,
            schedule,
            variation,
            seed,
            Record::Summary,
        ))
    }

    /// An engine over an already built network (Monte Carlo builds it once).
    pub(crate) fn from_network(
        script: &Script,
        net: Arc<Network>,
        schedule: &Schedule,
        variation: &Variation,
        seed: u64,
        record: Record,
    ) -> Self {
        let draws = Draws::new(&net, variation, script.drill.confirm_delay.0, seed);
        let index_of = |id: &ClassId| net.classes.iter().position(|c| &c.id == id);
        let order: Vec<u32> = schedule
            .releases
            .iter()
            .filter_map(|r| index_of(&r.class))
            .map(|i| i as u32)
            .collect();
        let mut prev_in_stair = vec![None; net.classes.len()];
        let mut last: Vec<Option<u32>> = vec![None; net.stairwells.len()];
        for &c in &order {
            let s = net.classes[c as usize].stairwell as usize;
            prev_in_stair[c as usize] = last[s];
            last[s] = Some(c);
        }
        let (prev_group, leader) = groups(&net, schedule, &prev_in_stair);
        let prev_grade = net
            .classes
            .iter()
            .map(|c| {
                net.classes
                    .iter()
                    .map(|o| o.grade)
                    .filter(|&g| g < c.grade)
                    .max()
            })
            .collect();
        let classes = net
            .classes
            .iter()
            .map(|c| ClassRun {
                state: ClassState::Waiting,
                start: f64::INFINITY,
                in_room: c.people,
                left_room_at: None,
                out_people: 0.0,
                out_time: 0.0,
                passed: vec![(0.0, 0.0, None); c.landings.len()],
            })
            .collect();
        let mut stairs = vec![StairRun::default(); net.stairwells.len()];
        for c in &net.classes {
            stairs[c.stairwell as usize].classes_left += 1;
        }
        Self {
            recorder: Recorder::new(&net, record),
            scratch: movement::Scratch::new(&net),
            cells: vec![CellState::default(); net.cells.len()],
            active: Vec::new(),
            rule: schedule.rule,
            gated: schedule.gated,
            metered: net
                .stairwells
                .iter()
                .map(|s| schedule.metered.contains(&s.id))
                .collect(),
            order,
            prev_in_stair,
            prev_group,
            leader,
            prev_grade,
            draws,
            now: 0.0,
            classes,
            stairs,
            facts: Vec::new(),
            net,
        }
    }

    /// The drill time the engine has reached.
    #[must_use]
    pub fn now(&self) -> Seconds {
        Seconds(self.now)
    }

    /// The length of one step, seconds.
    #[must_use]
    pub fn step_s(&self) -> f64 {
        self.net.dt
    }

    /// Whether every class is out.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.classes
            .iter()
            .all(|c| matches!(c.state, ClassState::Out { .. }))
    }

    /// Runs whole steps until the engine's time reaches `t` (it stops at the
    /// last step boundary not after `t`), and returns the facts that
    /// happened, in time order.
    pub fn advance_to(&mut self, t: Seconds) -> Vec<Fact> {
        while self.now + self.net.dt <= t.0 + 1e-9 && !self.is_finished() {
            self.step();
        }
        std::mem::take(&mut self.facts)
    }

    /// Releases a waiting class now, whatever its planned time, rule or gate
    /// (the coordinator's "release early"). A hold on its stairwell still
    /// stops its people at the stair head. Returns whether it was waiting.
    pub fn release_now(&mut self, class: &ClassId) -> Result<bool, SimError> {
        let c = self
            .net
            .classes
            .iter()
            .position(|k| &k.id == class)
            .ok_or_else(|| SimError::UnknownClass(class.clone()))?;
        if self.classes[c].state != ClassState::Waiting {
            return Ok(false);
        }
        self.release(c as u32, self.now);
        Ok(true)
    }

    /// Meters the stair heads of `stairwells` from now on (the plan's
    /// robustness control: a floor's class waits at the stair head while
    /// the stair is full). Unknown stairwells are ignored.
    pub fn meter(&mut self, stairwells: &[StairwellId]) {
        for (m, s) in self.metered.iter_mut().zip(&self.net.stairwells) {
            *m = stairwells.contains(&s.id);
        }
    }

    /// Holds a stairwell: no class is released into it, and people in its
    /// corridors wait at the stair head; people already on the stairs go on.
    pub fn hold(&mut self, stairwell: &StairwellId) -> Result<(), SimError> {
        let s = self.stair_index(stairwell)?;
        self.stairs[s].held = true;
        Ok(())
    }

    /// Lifts a hold. Classes whose time came during it are released at once.
    pub fn resume(&mut self, stairwell: &StairwellId) -> Result<(), SimError> {
        let s = self.stair_index(stairwell)?;
        self.stairs[s].held = false;
        Ok(())
    }

    /// The state of every class, in script order.
    #[must_use]
    pub fn class_states(&self) -> Vec<(ClassId, ClassState)> {
        self.net
            .classes
            .iter()
            .zip(&self.classes)
            .map(|(spec, run)| (spec.id.clone(), run.state))
            .collect()
    }

    /// Where everyone is now.
    #[must_use]
    pub fn census(&self) -> Census {
        Census {
            inside_rooms: self.classes.iter().map(|c| c.in_room).sum(),
            moving: self.cells.iter().map(|c| c.people).sum(),
            out: self.classes.iter().map(|c| c.out_people).sum(),
        }
    }

    /// Each stairwell's highest adult-equivalent density on its flights and
    /// landings right now (for the dashboard's rehearsal view).
    #[must_use]
    pub fn stair_densities(&self) -> Vec<(StairwellId, Density)> {
        let mut peak = vec![0.0_f64; self.net.stairwells.len()];
        for &i in &self.recorder.watched {
            let cell = &self.net.cells[i as usize];
            let d = self.net.child_factor * self.cells[i as usize].people / cell.area;
            let s = cell.stairwell as usize;
            peak[s] = peak[s].max(d);
        }
        self.net
            .stairwells
            .iter()
            .zip(peak)
            .map(|(s, d)| (s.id.clone(), Density(d)))
            .collect()
    }

    fn stair_index(&self, id: &StairwellId) -> Result<usize, SimError> {
        self.net
            .stairwells
            .iter()
            .position(|s| &s.id == id)
            .ok_or_else(|| SimError::UnknownStairwell(id.clone()))
    }

    /// One time step: releases that fall due, then movement.
    fn step(&mut self) {
        let t = self.now;
        let te = t + self.net.dt;
        let first_fact = self.facts.len();
        self.release_due(t, te);
        self.move_people(t);
        self.facts[first_fact..].sort_by(|a, b| a.at().0.total_cmp(&b.at().0));
        self.now = te;
    }

    /// The result so far (the whole run once [`Engine::is_finished`]).
    #[must_use]
    pub fn outcome(&self) -> Outcome {
        let net = &self.net;
        let classes: Vec<ClassOutcome> = net
            .classes
            .iter()
            .zip(&self.classes)
            .map(|(spec, run)| {
                let (released, out) = match run.state {
                    ClassState::Out { released, out } => (released, out),
                    ClassState::Released { at } => (at, Seconds(f64::NAN)),
                    ClassState::Waiting => (Seconds(f64::NAN), Seconds(f64::NAN)),
                };
                ClassOutcome {
                    class: spec.id.clone(),
                    stairwell: net.stairwells[spec.stairwell as usize].id.clone(),
                    released,
                    out,
                }
            })
            .collect();
        let end = classes.iter().map(|c| c.out.0).fold(0.0, f64::max);
        let stairwells = net
            .stairwells
            .iter()
            .enumerate()
            .map(|(si, stair)| {
                let (mut peak, mut at, mut cell) = (0.0, 0.0, None);
                let mut queue: f64 = 0.0;
                for &i in &self.recorder.watched {
                    if net.cells[i as usize].stairwell as usize == si {
                        let (d, t) = self.recorder.peak[i as usize];
                        if d > peak {
                            (peak, at, cell) = (d, t, Some(i));
                        }
                        queue = queue.max(self.recorder.peak_queue[i as usize]);
                    }
                }
                let mine = net.classes.iter().filter(|c| c.stairwell as usize == si);
                StairwellOutcome {
                    stairwell: stair.id.clone(),
                    people: mine.clone().map(|c| c.people as u32).sum(),
                    clear: self.stairs[si].empty_at.map(Seconds),
                    peak_density: Density(peak),
                    peak_at: Seconds(at),
                    peak_location: cell.map(|i| net.locations[i as usize].clone()),
                    peak_queue: queue,
                }
            })
            .collect();
        Outcome {
            end: Seconds(end),
            classes,
            stairwells,
            over_max: self
                .recorder
                .exceedance(net, self.recorder.first_max, net.max_density),
            over_red: self
                .recorder
                .exceedance(net, self.recorder.first_red, net.red_flag_density),
            series: self.recorder.series(net),
        }
    }

    /// Per cell, when it first passed the density limit and the red flag
    /// (infinite: never).
    pub(crate) fn exceedances(&self) -> (&[f64], &[f64]) {
        (&self.recorder.over_max, &self.recorder.over_red)
    }

    /// Runs to the end.
    pub(crate) fn run_to_end(&mut self) -> Result<(), SimError> {
        while !self.is_finished() {
            if self.now > MAX_DRILL_S {
                return Err(SimError::DidNotFinish(MAX_DRILL_S));
            }
            self.step();
            self.facts.clear();
        }
        Ok(())
    }
}

/// Each class's previous release group and its own group's first class.
///
/// A group is the releases of one stairwell planned for the same moment
/// (`release::rule`). Under [`ReleaseRule::OneStreamPerStairwell`] the
/// planned times are only "not before" and the order of the entries is the
/// sequence, so there each class is a group of its own and the previous group
/// is the class before it in its stairwell.
fn groups(
    net: &Network,
    schedule: &Schedule,
    prev_in_stair: &[Option<u32>],
) -> (Vec<Vec<u32>>, Vec<u32>) {
    let n = net.classes.len();
    let mut prev_group = vec![Vec::new(); n];
    let mut leader: Vec<u32> = (0..n as u32).collect();
    if schedule.rule == ReleaseRule::OneStreamPerStairwell {
        for (c, p) in prev_in_stair.iter().enumerate() {
            prev_group[c].extend(*p);
        }
        return (prev_group, leader);
    }
    let by_id: HashMap<&ClassId, u32> = net
        .classes
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.id, i as u32))
        .collect();
    let index_of = |r: &Release| by_id.get(&r.class).copied();
    for (k, r) in schedule.releases.iter().enumerate() {
        let Some(c) = index_of(r) else { continue };
        prev_group[c as usize] = rule::previous_group(&schedule.releases, r)
            .into_iter()
            .filter_map(index_of)
            .collect();
        leader[c as usize] = schedule.releases[..k]
            .iter()
            .find(|o| rule::same_group(o, r))
            .and_then(index_of)
            .unwrap_or(c);
    }
    (prev_group, leader)
}

/// Runs `schedule` once to the end.
///
/// With [`Variation::NONE`] this is the plan's own prediction; `seed` picks
/// the draws otherwise. [`Record::Series`] keeps every cell's density over
/// time for charts.
pub fn simulate(
    script: &Script,
    schedule: &Schedule,
    variation: &Variation,
    seed: u64,
    record: Record,
) -> Result<Outcome, SimError> {
    let net = Arc::new(Network::build(script, &schedule.releases)?);
    let mut engine = Engine::from_network(script, net, schedule, variation, seed, record);
    engine.run_to_end()?;
    Ok(engine.outcome())
}

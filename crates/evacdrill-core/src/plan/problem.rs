//! The planning problem drawn from a script and the options: which
//! stairwell each class takes, its travel to every node, and its paces.

use super::ledger::{Ledger, floor_pace};
use super::verify::Node;
use super::{PlanError, PlanOptions, Release};
use crate::flow::bound::{Capacity, node_capacities};
use crate::flow::{Travel, density_limited_rate, stair_capacity};
use crate::script::{Gate, Script, StairwellId};

/// The slowest pace the planner asks of a class, persons per second: slower
/// than this a teacher cannot keep a steady file (design assumption).
pub const MIN_PACE: f64 = 0.25;

/// One class on the stairwell it will use.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// Index into `script.classes`.
    pub class: usize,
    /// Index into `script.stairwells`.
    pub stair: usize,
    /// The node where the class enters: storeys above the exit floor.
    pub top: usize,
    pub people: f64,
    /// The fastest pace allowed: door rate, capacity and density limit.
    pub max_pace: f64,
    pub min_pace: f64,
    /// Capacity used per person per second: 1, or more for a group so slow
    /// that the density limit binds before the flow limit.
    pub weight: f64,
    /// Release to head at landing `j`, for `j` in `0..=top` (`0`: the foot
    /// of the stair; for an exit-floor class, the end of its corridor).
    pub offsets: Vec<f64>,
    /// From the foot of the stair (or an exit-floor corridor's end) to the
    /// exit door, where people are outside.
    pub exit_walk: f64,
    /// The exit door's node in its stairwell's ledger.
    pub door: usize,
    /// The earliest release: readiness, or the caller's "not before".
    pub earliest: f64,
    /// Free stair speed, m/s.
    pub speed: f64,
    /// Already released: `(release, pace)`, not to be moved.
    pub fixed: Option<(f64, f64)>,
    /// Uses its alternate because its own stairwell is blocked.
    pub alternate: bool,
}

/// One node a class passes: which, when its head gets there after the
/// release, whether it enters the stairwell there (a floor stream) and the
/// capacity it uses per person per second.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pass {
    pub node: usize,
    pub offset: f64,
    pub floor: bool,
    pub weight: f64,
}

impl Route {
    /// When the last person is out, for a release `r` at pace `p`.
    #[must_use]
    pub fn out(&self, r: f64, p: f64) -> f64 {
        r + self.door_offset() + self.people / p
    }

    /// Release to head at the exit door.
    #[must_use]
    pub fn door_offset(&self) -> f64 {
        self.offsets[0] + self.exit_walk
    }

    /// When the class has passed, by the release rule: its last person has
    /// stepped onto the stair at its own floor (for an exit-floor class,
    /// has gone through the exit door).
    #[must_use]
    pub fn passed(&self, r: f64, p: f64) -> f64 {
        let to_entry = if self.top == 0 {
            self.door_offset()
        } else {
            self.offsets[self.top]
        };
        crate::release::rule::passed_at(
            crate::units::Seconds(r),
            crate::units::Seconds(to_entry),
            self.people,
            crate::units::PersonsPerSecond(p),
        )
        .0
    }

    /// The nodes the class passes, where it enters first: its floor's
    /// landing, the landings below, the foot, the door; an exit-floor class
    /// only the door. On the stair a slow group uses more than its flow
    /// (`weight`); through the door, its flow.
    pub fn passes(&self) -> impl Iterator<Item = Pass> + '_ {
        let stair = (0..=self.top).rev().filter(|_| self.top > 0).map(|j| Pass {
            node: j,
            offset: self.offsets[j],
            floor: j == self.top,
            weight: self.weight,
        });
        stair.chain(std::iter::once(Pass {
            node: self.door,
            offset: self.door_offset(),
            floor: self.top == 0,
            weight: 1.0,
        }))
    }
}

/// One stairwell as the planner sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stair {
    /// Node capacities, p/s: `caps[0]` the foot of the stair, `caps[j]` the
    /// landing `j` storeys up, the exit door last.
    pub caps: Vec<f64>,
    /// The stair's own safe capacity, p/s.
    pub capacity: f64,
    pub merge: f64,
    /// Effective width, m.
    pub we: f64,
    pub gate: Gate,
    pub blocked: bool,
    /// Seconds kept free between streams on the stair (a robustness control).
    pub gap: f64,
}

impl Stair {
    /// What node `j` of this stairwell is, and the floor it is on.
    #[must_use]
    pub fn node(&self, j: usize, exit_floor: i32) -> (Node, i32) {
        if j + 1 == self.caps.len() {
            (Node::Door, exit_floor)
        } else if j == 0 {
            (Node::Foot, exit_floor)
        } else {
            (Node::Landing, exit_floor + i32::try_from(j).unwrap_or(0))
        }
    }

    /// An empty ledger for this stairwell.
    #[must_use]
    pub fn ledger(&self) -> Ledger {
        let mut l = Ledger::new(self.caps.clone(), self.merge);
        l.gap = self.gap;
        l
    }
}

/// Everything the planner needs, drawn from the script once.
#[derive(Debug, Clone)]
pub struct Problem<'a> {
    pub script: &'a Script,
    pub stairs: Vec<Stair>,
    /// One per class, in script order.
    pub routes: Vec<Route>,
    pub confirm_delay: f64,
}

impl<'a> Problem<'a> {
    /// Builds the problem, or says why the drill cannot be planned.
    pub fn new(script: &'a Script, opts: &PlanOptions) -> Result<Self, PlanError> {
        check_options(script, opts)?;
        let choice = choose_stairwells(script, opts)?;
        let stairs = stairs(script, opts, &choice)?;
        let routes = routes(script, opts, &choice, &stairs)?;
        Ok(Self {
            script,
            stairs,
            routes,
            confirm_delay: script.drill.confirm_delay.0,
        })
    }

    /// Empty ledgers, one per stairwell, with the fixed classes booked.
    #[must_use]
    pub fn ledgers(&self) -> Vec<Ledger> {
        let mut ledgers: Vec<Ledger> = self.stairs.iter().map(Stair::ledger).collect();
        for r in &self.routes {
            if let Some((release, pace)) = r.fixed {
                let ledger = &mut ledgers[r.stair];
                ledger.book(r, release, pace);
                if self.stairs[r.stair].gate == Gate::Clear {
                    ledger.join_group(r, release, pace);
                }
            }
        }
        ledgers
    }
}

/// The stairwell a class takes: its index, whether it is the alternate,
/// and the class's fixed release if it has one.
type Choice<'o> = (usize, bool, Option<&'o Release>);

fn unknown_stairwell(script: &Script, id: StairwellId) -> PlanError {
    PlanError::UnknownStairwell {
        id,
        known: script.stairwells.iter().map(|s| s.id.clone()).collect(),
    }
}

/// Every stairwell and class the options name is in the script.
fn check_options(script: &Script, opts: &PlanOptions) -> Result<(), PlanError> {
    for b in &opts.blocked {
        if script.stairwell(b).is_none() {
            return Err(unknown_stairwell(script, b.clone()));
        }
    }
    for f in &opts.fixed {
        if script.class(&f.class).is_none() {
            return Err(PlanError::UnknownClass {
                id: f.class.clone(),
            });
        }
        if script.stairwell(&f.stairwell).is_none() {
            return Err(unknown_stairwell(script, f.stairwell.clone()));
        }
    }
    Ok(())
}

/// Each class's stairwell, in script order: a fixed release's, else its
/// own, else (its own blocked) its alternate.
fn choose_stairwells<'o>(
    script: &Script,
    opts: &'o PlanOptions,
) -> Result<Vec<Choice<'o>>, PlanError> {
    let index = |id: &StairwellId| script.stairwells.iter().position(|s| &s.id == id);
    let blocked = |id: &StairwellId| opts.blocked.contains(id);
    let mut choice = Vec::with_capacity(script.classes.len());
    for class in &script.classes {
        let fixed = opts.fixed.iter().find(|f| f.class == class.id);
        let (stair, alternate) = if let Some(f) = fixed {
            (f.stairwell.clone(), f.stairwell != class.stairwell)
        } else if !blocked(&class.stairwell) {
            (class.stairwell.clone(), false)
        } else {
            match &class.alternate {
                Some(a) if !blocked(a) => (a.clone(), true),
                _ => {
                    return Err(PlanError::NoStairwell {
                        class: class.id.clone(),
                        stairwell: class.stairwell.clone(),
                        alternate: class.alternate.clone(),
                    });
                }
            }
        };
        let Some(s) = index(&stair) else {
            return Err(unknown_stairwell(script, stair));
        };
        choice.push((s, alternate, fixed));
    }
    Ok(choice)
}

/// Every stairwell's node capacities up to the highest floor that uses it;
/// a used stairwell with a node that passes nobody cannot be planned.
fn stairs(
    script: &Script,
    opts: &PlanOptions,
    choice: &[Choice<'_>],
) -> Result<Vec<Stair>, PlanError> {
    let exit_floor = script.building.exit_floor;
    let mut tops = vec![0_u32; script.stairwells.len()];
    for (class, (s, _, _)) in script.classes.iter().zip(choice) {
        let top = u32::try_from(class.floor - exit_floor).unwrap_or(0);
        tops[*s] = tops[*s].max(top);
    }
    let mut stairs = Vec::with_capacity(script.stairwells.len());
    for (i, s) in script.stairwells.iter().enumerate() {
        let mut caps = node_capacities(script, i, tops[i], Capacity::Safe);
        let share = opts
            .pace_shares
            .iter()
            .find(|(id, _)| id == &s.id)
            .map_or(1.0, |&(_, f)| f.clamp(0.1, 1.0));
        // A pace below capacity holds the stair's nodes to a share of it;
        // the door keeps its own.
        let door = caps.len() - 1;
        for c in &mut caps[..door] {
            *c *= share;
        }
        let used = choice.iter().any(|c| c.0 == i);
        if used && caps.iter().any(|&c| c <= 0.0) {
            return Err(PlanError::ZeroCapacity {
                stairwell: s.id.clone(),
            });
        }
        stairs.push(Stair {
            capacity: stair_capacity(s, &script.safety).0 * share,
            caps,
            merge: script.safety.merge_factor,
            we: s.effective_width().0,
            gate: s.gate,
            blocked: opts.blocked.contains(&s.id),
            gap: opts
                .gaps
                .iter()
                .find(|(id, _)| id == &s.id)
                .map_or(0.0, |&(_, g)| g.max(0.0)),
        });
    }
    Ok(stairs)
}

/// Every class on its chosen stairwell: its travel, its paces and its
/// earliest release.
fn routes(
    script: &Script,
    opts: &PlanOptions,
    choice: &[Choice<'_>],
    stairs: &[Stair],
) -> Result<Vec<Route>, PlanError> {
    let not_before = opts.not_before.0.max(0.0);
    let mut routes = Vec::with_capacity(script.classes.len());
    for (i, (class, (s, alternate, fixed))) in script.classes.iter().zip(choice).enumerate() {
        let stairwell = &script.stairwells[*s];
        let travel = Travel::of(script, class, stairwell);
        let top = travel.storeys as usize;
        let stair = &stairs[*s];
        let dens = density_limited_rate(stairwell, &script.safety, travel.stair_speed).0;
        let weight = (stair.capacity / dens).max(1.0);
        let door = stair.caps.len() - 1;
        let stair_cap = if top == 0 {
            f64::INFINITY
        } else {
            stair.caps[..=top]
                .iter()
                .copied()
                .fold(f64::INFINITY, f64::min)
                / weight
        };
        let node_cap = stair_cap.min(stair.caps[door]);
        let max_pace = floor_pace(script.door_rate(class).0.min(node_cap));
        if max_pace <= 0.0 {
            return Err(PlanError::ZeroCapacity {
                stairwell: stairwell.id.clone(),
            });
        }
        let fixed = fixed.map(|f| {
            let pace = f.pace.map_or(max_pace, |p| p.0.max(0.01));
            (f.seconds().0, pace)
        });
        routes.push(Route {
            class: i,
            stair: *s,
            top,
            people: f64::from(class.headcount),
            max_pace,
            min_pace: MIN_PACE.min(max_pace),
            weight,
            offsets: (0..=travel.storeys).map(|j| travel.to_node(j).0).collect(),
            exit_walk: travel.exit_walk.0,
            door,
            earliest: script.readiness(class).0.max(not_before),
            speed: travel.stair_speed.0,
            fixed,
            alternate: *alternate,
        });
    }
    Ok(routes)
}

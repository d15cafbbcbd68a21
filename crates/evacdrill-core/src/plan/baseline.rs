//! The baselines and the plan's own crowd, from the simulator.
//!
//! The planner's ledger holds every node to its *safe* capacity, so a
//! baseline timed on it would be capped at a limit nobody keeps without a
//! plan: "everyone at the alarm" would read as slower than the stagger.
//! Without a plan the stairs carry what they physically can and queues
//! stand where streams meet (docs/flow-model.md, "Baselines are honest").
//! So both baselines are played by the simulator at physical capacities,
//! with variation off, and the plan is played the same way to give its
//! side of the comparison: how much time staggering costs and how many
//! people it keeps off the stairs and landings.

use super::advice::{round1, round2};
use super::output::{Baseline, Baselines, ClassPlan, Comparison, Simulated, Staggering};
use crate::script::{Script, StairwellId};
use crate::sim::{
    self, Location, Outcome, Record, Schedule, SimError, StairwellOutcome, Variation,
};

/// The seed of the deterministic runs; with [`Variation::NONE`] it draws
/// nothing, so any value gives the same run.
const SEED: u64 = 0;

/// Below this, a difference in end time is the rounding of the figures,
/// not a cost or a saving, s.
pub const SAME_TIME: f64 = 0.5;

/// The densest place of one run: its stairwell, where on it, the most
/// people standing in a queue on that stairwell, and the density.
#[derive(Debug, Clone, PartialEq)]
pub struct Crowd {
    pub stairwell: StairwellId,
    pub location: Location,
    pub queue: f64,
    pub density: f64,
}

/// What one deterministic run shows.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    end: f64,
    /// Most people standing on any one flight or landing.
    peak_queue: f64,
    /// Highest adult-equivalent density on any flight or landing.
    peak_density: f64,
    crowd: Option<Crowd>,
}

impl Run {
    fn of(outcome: &Outcome) -> Self {
        let peak_queue = outcome
            .stairwells
            .iter()
            .map(|s| s.peak_queue)
            .fold(0.0, f64::max);
        // The first of equally dense stairwells, in script order.
        let densest = outcome
            .stairwells
            .iter()
            .filter(|s| s.peak_location.is_some())
            .fold(None, |best: Option<&StairwellOutcome>, s| {
                if best.is_none_or(|b| s.peak_density.0 > b.peak_density.0) {
                    Some(s)
                } else {
                    best
                }
            });
        Self {
            end: outcome.end.0,
            peak_queue,
            peak_density: densest.map_or(0.0, |s| s.peak_density.0),
            crowd: densest.and_then(|s| {
                s.peak_location.clone().map(|location| Crowd {
                    stairwell: s.stairwell.clone(),
                    location,
                    queue: s.peak_queue,
                    density: s.peak_density.0,
                })
            }),
        }
    }

    fn baseline(&self, safe: f64) -> Baseline {
        Baseline {
            predicted_end_s: round1(self.end),
            peak_queue: people(self.peak_queue),
            peak_density_ppm2: round2(self.peak_density),
            ratio: super::assemble::ratio(self.end, safe),
        }
    }
}

/// A number of people as reported: the nearest whole person.
fn people(x: f64) -> u32 {
    x.max(0.0).round() as u32
}

fn run(script: &Script, schedule: &Schedule) -> Result<Run, SimError> {
    sim::simulate(script, schedule, &Variation::NONE, SEED, Record::Summary).map(|o| Run::of(&o))
}

/// What the simulator says of the baselines and of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulations {
    pub baselines: Baselines,
    pub staggering: Staggering,
    /// The densest place when everyone goes at the alarm.
    pub crowd: Option<Crowd>,
}

/// Plays everyone at the alarm, grade by grade and the plan (`classes`,
/// which ends at `end` by the planner's reckoning) with variation off, on
/// the open stairwells; `safe` is the safe lower bound the ratios are to.
pub fn simulate(
    script: &Script,
    blocked: &[StairwellId],
    classes: &[ClassPlan],
    end: f64,
    safe: f64,
) -> Result<Simulations, SimError> {
    let all = run(script, &sim::all_at_once(script, blocked)?)?;
    let by_grade = run(script, &sim::sequential_by_grade(script, blocked)?)?;
    let planned = Schedule::planned(classes.iter().map(ClassPlan::release).collect());
    let ours = run(script, &planned)?;
    let all_at_once = all.baseline(safe);
    let sequential_by_grade = by_grade.baseline(safe);
    let plan = Simulated {
        predicted_end_s: round1(ours.end),
        peak_queue: people(ours.peak_queue),
        peak_density_ppm2: round2(ours.peak_density),
    };
    let staggering = Staggering {
        all_at_once: compare(end, &all_at_once, &plan),
        sequential_by_grade: compare(end, &sequential_by_grade, &plan),
        plan,
    };
    Ok(Simulations {
        baselines: Baselines {
            all_at_once_merge: all_at_once.clone(),
            all_at_once,
            sequential_by_grade,
        },
        staggering,
        crowd: all.crowd,
    })
}

/// The plan, ending at `end`, against one baseline.
fn compare(end: f64, baseline: &Baseline, plan: &Simulated) -> Comparison {
    Comparison {
        cost_s: round1(round1(end) - baseline.predicted_end_s),
        kept_off: i64::from(baseline.peak_queue) - i64::from(plan.peak_queue),
        peak_density_before_ppm2: baseline.peak_density_ppm2,
        peak_density_after_ppm2: plan.peak_density_ppm2,
    }
}

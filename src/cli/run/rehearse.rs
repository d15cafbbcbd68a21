//! `run --rehearse`: the simulator plays the marshals and the assembly point,
//! so that a whole drill can be seen, trained on and tested with no building.
//!
//! The session still decides every release (its gates, holds and the
//! coordinator's keys apply as in a live drill); each release is mirrored
//! into the simulated building, and what the simulation sees happen comes
//! back as the reports a marshal or an assembly officer would make:
//!
//! - **"class passed"** when the class's last person has stepped onto the
//!   stair at its own floor (the simulator's `ClassPassedLanding` for that
//!   floor; docs/flow-model.md, *The release rule*), plus the marshal's
//!   confirmation delay; a class on the exit floor, which takes no stair,
//!   has passed at its floor's landing or at the door, whichever the
//!   simulator sees first;
//! - **"stairwell clear"** when the simulator's stairwell is empty;
//! - **a headcount** 20 to 60 s after the class is out.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use evacdrill_core::script::{ClassId, StairwellId};
use evacdrill_core::session::{DrillTime, Event, Headcount, Input, MarshalState, Phase, Session};
use evacdrill_core::sim::{
    Engine, Fact, Release, ReleaseRule, Rng, Schedule as SimSchedule, Variation,
};
use evacdrill_core::units::Seconds;

use crate::drill::Drill;
use crate::tui::runtime::Rehearse;

/// The simulator never releases by itself: a time it never reaches
/// (10⁹ s).
const NEVER: DrillTime = DrillTime(1_000_000_000_000);

/// The simulated marshals and assembly officers.
pub struct Rehearsal {
    engine: Engine,
    /// Reports that come in later (a confirmation, a walk and a count).
    later: Vec<(DrillTime, Input)>,
    /// Classes whose "passed" is already on its way.
    passed: HashSet<ClassId>,
    /// The marshal's confirmation delay of each release group (stairwell,
    /// planned moment): drawn once per group, as the simulator draws it.
    group_delay: HashMap<(StairwellId, DrillTime), f64>,
    /// How far into the drill's records the releases were mirrored.
    seen: usize,
    opened: Instant,
    rng: Rng,
    /// The log-sd of a marshal's confirmation delay around the script's
    /// `confirm_delay_s` (0: exactly the script's).
    confirm_sigma: f64,
}

impl Rehearsal {
    /// A rehearsal of `session`'s drill, varied by `seed` with the
    /// simulator's realistic variation (what `run --rehearse` plays).
    pub fn new(session: &Session, seed: u64, metered: &[StairwellId]) -> Result<Self, String> {
        let mut r = Self::with_variation(session, seed, &Variation::realistic())?;
        r.engine.meter(metered);
        Ok(r)
    }

    /// A rehearsal with the given variation: [`Variation::NONE`] plays the
    /// plan's own assumptions, every marshal confirming in exactly the
    /// script's `confirm_delay_s` (for tests that compare the drill with
    /// the plan).
    pub fn with_variation(
        session: &Session,
        seed: u64,
        variation: &Variation,
    ) -> Result<Self, String> {
        let releases = session
            .schedule()
            .releases
            .iter()
            .map(|r| Release {
                class: r.class.clone(),
                stairwell: r.stairwell.clone(),
                at: NEVER,
                pace: r.pace,
            })
            .collect();
        let schedule = SimSchedule {
            releases,
            rule: ReleaseRule::AtPlannedTimes,
            // The session's gates decide every release; the simulation only
            // plays what the session released.
            gated: false,
            // The marshals and teachers hold a class at the stair head
            // while the stair is full, as the cards tell them.
            metered: session
                .script()
                .stairwells
                .iter()
                .map(|s| s.id.clone())
                .collect(),
        };
        let engine =
            Engine::new(session.script(), &schedule, variation, seed).map_err(|e| e.to_string())?;
        Ok(Self {
            engine,
            later: Vec::new(),
            passed: HashSet::new(),
            group_delay: HashMap::new(),
            seen: 0,
            opened: Instant::now(),
            rng: Rng::new(seed ^ 0x5eed),
            confirm_sigma: variation.confirm_sigma,
        })
    }

    /// The simulator's step, seconds: a headless driver advances the drill
    /// by this much at a time.
    #[must_use]
    pub fn step_s(&self) -> f64 {
        self.engine.step_s()
    }

    /// Releases the session made since the last look, into the building
    /// now.
    fn mirror_releases(&mut self, drill: &Drill) {
        let records = drill.records();
        for record in records.get(self.seen..).unwrap_or_default() {
            if let Event::ClassReleased { class, .. } = &record.event {
                let _ = self.engine.release_now(class);
            }
        }
        self.seen = records.len();
    }

    /// The marshal reports `class` passed, once, after confirming: the
    /// script's `confirm_delay_s`, varied log-normally around it as the
    /// simulator varies it (sim/variation.rs), one draw per release group.
    fn passed_at(&mut self, session: &Session, class: &ClassId, at: Seconds) {
        if !self.passed.insert(class.clone()) {
            return;
        }
        let median = session.script().drill.confirm_delay.0;
        let group = session
            .schedule()
            .release(class)
            .map(|r| (r.stairwell.clone(), r.at));
        let (sigma, rng) = (self.confirm_sigma, &mut self.rng);
        let mut draw = || {
            if sigma > 0.0 {
                rng.lognormal(median, sigma)
            } else {
                median
            }
        };
        let delay = match group {
            Some(key) => *self.group_delay.entry(key).or_insert_with(&mut draw),
            None => draw(),
        };
        let input = Input::ClassPassed {
            class: class.clone(),
        };
        self.later.push((drill_time(at.0 + delay), input));
    }

    fn report(&mut self, session: &Session, fact: &Fact) {
        let script = session.script();
        match fact {
            Fact::ClassPassedLanding { class, floor, at }
                if script.class(class).is_some_and(|c| c.floor == *floor) =>
            {
                self.passed_at(session, class, *at);
            }
            Fact::ClassOut { class, at } => {
                // A class on the exit floor takes no stair: out of the door
                // is past its marshal too, if no landing came first.
                self.passed_at(session, class, *at);
                // Walking to the assembly point and counting: 20 to 60 s.
                let delay = 20.0 + self.rng.uniform() * 40.0;
                self.later
                    .push((drill_time(at.0 + delay), headcount(session, class)));
            }
            Fact::StairwellEmpty { stairwell, at } => {
                let input = Input::StairwellClear {
                    stairwell: stairwell.clone(),
                };
                self.later.push((drill_time(at.0), input));
            }
            Fact::ClassReleased { .. } | Fact::ClassPassedLanding { .. } => {}
        }
    }
}

/// A simulated moment on the drill's clock, to the millisecond.
fn drill_time(s: f64) -> DrillTime {
    DrillTime((s.max(0.0) * 1000.0).round() as u64)
}

fn headcount(session: &Session, class: &ClassId) -> Input {
    let expected = session.script().class(class).map_or(0, |c| c.headcount);
    Input::Headcount(Headcount {
        class: class.clone(),
        expected: Some(expected),
        present: expected,
        missing: evacdrill_core::session::People::default(),
        injured: evacdrill_core::session::People::default(),
    })
}

impl Rehearsal {
    /// Marshals check in one by one, a second apart.
    fn check_in(&self, session: &Session) -> Vec<Input> {
        let due = (self.opened.elapsed().as_millis() / 1000) as usize;
        session
            .stairwells()
            .iter()
            .enumerate()
            .filter(|(i, s)| *i < due && s.marshal == MarshalState::Absent)
            .map(|(_, s)| Input::MarshalAtPost {
                stairwell: s.id.clone(),
                name: session
                    .script()
                    .stairwell(&s.id)
                    .and_then(|s| s.marshal.clone()),
            })
            .collect()
    }
}

impl Rehearse for Rehearsal {
    fn step(&mut self, drill: &Drill, now: DrillTime) -> Vec<Input> {
        let session = drill.session();
        match session.phase() {
            Phase::Briefing => return self.check_in(session),
            Phase::Ended => return Vec::new(),
            Phase::Running | Phase::Accounting => {}
        }
        // The building catches up with the clock, then takes the classes
        // the session released at this tick: a release happens at the
        // same moment in both.
        for fact in self.engine.advance_to(now.seconds()) {
            self.report(session, &fact);
        }
        self.mirror_releases(drill);
        self.later.sort_by_key(|(t, _)| *t);
        let due = self.later.partition_point(|(t, _)| *t <= now);
        let mut inputs: Vec<Input> = Vec::new();
        for (_, input) in self.later.drain(..due) {
            // A report is given once: what the session would refuse (the
            // coordinator entered it first, or the stairwell's "clear"
            // already took the class out) is not given at all.
            if !inputs.contains(&input) && session.check(&input, now).is_ok() {
                inputs.push(input);
            }
        }
        inputs
    }
}

//! `run --rehearse`: the simulator plays the marshals and the assembly point,
//! so that a whole drill can be seen, trained on and tested with no building.
//!
//! The session still decides every release (its gates, holds and the
//! coordinator's keys apply as in a live drill); each release is mirrored
//! into the simulated building, and what the simulation sees happen comes
//! back as the reports a marshal or an assembly officer would make.

use std::time::Instant;

use evacdrill_core::script::ClassId;
use evacdrill_core::session::{
    ClassState, DrillTime, Event, Headcount, Input, MarshalState, Phase, Session,
};
use evacdrill_core::sim::{
    Engine, Fact, Release, ReleaseRule, Rng, Schedule as SimSchedule, Variation,
};

use crate::drill::Drill;
use crate::tui::runtime::Rehearse;

/// The simulator never releases by itself: a time it never reaches
/// (10⁹ s).
const NEVER: DrillTime = DrillTime(1_000_000_000_000);

/// The simulated marshals and assembly officers.
pub struct Rehearsal {
    engine: Engine,
    /// Reports that come in later (a headcount takes a walk and a count).
    later: Vec<(DrillTime, Input)>,
    /// How far into the drill's records the releases were mirrored.
    seen: usize,
    opened: Instant,
    rng: Rng,
}

impl Rehearsal {
    /// A rehearsal of `session`'s drill, varied by `seed`.
    pub fn new(session: &Session, seed: u64) -> Result<Self, String> {
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
        let engine = Engine::new(session.script(), &schedule, &Variation::realistic(), seed)
            .map_err(|e| e.to_string())?;
        Ok(Self {
            engine,
            later: Vec::new(),
            seen: 0,
            opened: Instant::now(),
            rng: Rng::new(seed ^ 0x5eed),
        })
    }

    fn mirror_releases(&mut self, drill: &Drill) {
        let records = drill.records();
        for record in records.get(self.seen..).unwrap_or_default() {
            if let Event::ClassReleased { class, .. } = &record.event {
                let _ = self.engine.release_now(class);
            }
        }
        self.seen = records.len();
    }

    fn report(&mut self, session: &Session, fact: &Fact, now: DrillTime) {
        let exit_floor = session.script().building.exit_floor;
        match fact {
            // The marshal at the foot of the stair sees the class's last
            // person pass.
            Fact::ClassPassedLanding { class, floor, .. } if *floor == exit_floor => {
                self.later.push((
                    now,
                    Input::ClassPassed {
                        class: class.clone(),
                    },
                ));
            }
            Fact::ClassOut { class, .. } => {
                // Already reported at the foot of the stair, unless the
                // simulation saw no landing (the skip below drops doubles).
                self.later.push((
                    now,
                    Input::ClassPassed {
                        class: class.clone(),
                    },
                ));
                // Walking to the assembly point and counting: 20 to 60 s.
                let delay = 20_000 + (self.rng.uniform() * 40_000.0) as u64;
                self.later
                    .push((DrillTime(now.ms() + delay), headcount(session, class)));
            }
            Fact::StairwellEmpty { stairwell, .. } => {
                self.later.push((
                    DrillTime(now.ms() + 3_000),
                    Input::StairwellClear {
                        stairwell: stairwell.clone(),
                    },
                ));
            }
            Fact::ClassReleased { .. } | Fact::ClassPassedLanding { .. } => {}
        }
    }
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

    /// Whether the session already knows what `input` would report (the
    /// coordinator entered it first).
    fn known(session: &Session, input: &Input) -> bool {
        match input {
            Input::ClassPassed { class } => session.class(class).is_some_and(|c| c.state.is_out()),
            Input::Headcount(h) => session
                .class(&h.class)
                .is_some_and(|c| matches!(c.state, ClassState::Accounted { .. })),
            Input::StairwellClear { stairwell } => session
                .stairwell(stairwell)
                .is_some_and(|s| s.cleared.is_some()),
            _ => false,
        }
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
        self.mirror_releases(drill);
        for fact in self.engine.advance_to(now.seconds()) {
            self.report(session, &fact, now);
        }
        self.later.sort_by_key(|(t, _)| *t);
        let due = self.later.partition_point(|(t, _)| *t <= now);
        let mut inputs: Vec<Input> = Vec::new();
        for (_, input) in self.later.drain(..due) {
            // A report is given once, even if the simulation saw it twice.
            if !Self::known(session, &input) && !inputs.contains(&input) {
                inputs.push(input);
            }
        }
        inputs
    }
}

//! The sample drill, decided on the live-drill driver (in memory): what
//! `evacdrill sample` records, and what the review's screen tests and the
//! benchmarks review.
//!
//! Not a simulation: class durations are a simple rule (a design
//! assumption, varied by `variant`) so that the record has the shape of a
//! real drill: staggered releases per stairwell, a marshal who leaves the
//! post and comes back, congestion and a coordinator's hold, problems (one
//! withdrawn), a missing pupil, a corrected headcount, every stairwell
//! cleared and the drill ended.

use evacdrill_core::script::{ClassId, Script, StairwellId};
use evacdrill_core::session::{
    Amendment, DrillTime, Event, Headcount, Input, NoReplanner, People, Place, ProblemCategory,
    ProblemReport, Release, Schedule, Scope, Session, SessionKind, StartRecord,
};
use jiff::Timestamp;
use jiff::tz::Offset;

use crate::drill::{Drill, FixedWall, MemorySink};

/// Seconds between two planned releases into the same stairwell (design
/// assumption for the sample only; the planner computes real staggers).
const STAGGER_S: u64 = 20;

/// A sample drill: its schedule, every input given to the drill and every
/// event it recorded, each with its drill time, and the session they made.
///
/// The inputs are what a drill's files are written from (through the
/// driver, again); the events and the session are for the views that need
/// no files (the review's screen tests, the benchmarks).
#[derive(Debug, Clone)]
pub struct Sample {
    pub schedule: Schedule,
    pub inputs: Vec<(DrillTime, Input)>,
    pub events: Vec<(DrillTime, Event)>,
    pub session: Session,
}

/// A small deterministic generator, so that variants differ reproducibly.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A factor in `[1 - spread, 1 + spread]`.
    fn jitter(&mut self, spread: f64) -> f64 {
        let unit = (self.next() % 10_000) as f64 / 10_000.0;
        1.0 - spread + 2.0 * spread * unit
    }
}

/// The sample schedule: in each stairwell, classes from the lowest floor
/// up, one every [`STAGGER_S`] seconds, stairwells in parallel.
#[must_use]
pub fn schedule(script: &Script) -> Schedule {
    let mut releases = Vec::new();
    for s in &script.stairwells {
        let mut mine: Vec<_> = script
            .classes
            .iter()
            .filter(|c| c.stairwell == s.id)
            .collect();
        mine.sort_by_key(|c| (c.floor, c.id.clone()));
        for (k, c) in mine.into_iter().enumerate() {
            releases.push(Release {
                class: c.id.clone(),
                stairwell: s.id.clone(),
                at: DrillTime(k as u64 * STAGGER_S * 1000),
                pace: None,
            });
        }
    }
    Schedule { releases }
}

/// The sample drill number `variant` over `script`, recorded as a
/// rehearsal: what `evacdrill sample` writes, so that a made-up record can
/// never be taken for a drill that took place.
pub fn rehearsal(script: &Script, variant: u64) -> Result<Sample, String> {
    generate(script, variant, SessionKind::Rehearsal)
}

/// The same drill recorded as kind `drill`, for the review's screen tests
/// (their snapshots show a drill's record).
#[cfg(test)]
pub fn drill(script: &Script, variant: u64) -> Result<Sample, String> {
    generate(script, variant, SessionKind::Drill)
}

/// Drives a whole sample drill over `script`, recorded as `kind`; `variant`
/// changes durations, which class is short and a little of what happens.
fn generate(script: &Script, variant: u64, kind: SessionKind) -> Result<Sample, String> {
    let schedule = schedule(script);
    let mut run = Run::new(script, &schedule)?;
    let mut rng = Lcg(variant.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED);
    brief(&mut run, script, variant, kind)?;
    let durations = durations(script, variant, &mut rng);
    let t = evacuate(&mut run, script, variant, &durations)?;
    let at = clear(&mut run, script, t)?;
    account(&mut run, script, variant, &mut rng, at)?;
    Ok(run.finish(schedule))
}

/// The briefing: the checklist (one item failed in every third variant),
/// every marshal at post, and the signal.
fn brief(run: &mut Run, script: &Script, variant: u64, kind: SessionKind) -> Result<(), String> {
    for item in 0..script.drill.checklist.len() {
        let input = if item == 1 && variant % 3 == 0 {
            Input::FailChecklist {
                item,
                note: "emergency light on the 3rd-floor landing out".to_owned(),
            }
        } else {
            Input::ConfirmChecklist { item }
        };
        run.apply(0, input)?;
    }
    for s in &script.stairwells {
        run.apply(
            0,
            Input::MarshalAtPost {
                stairwell: s.id.clone(),
                name: s.marshal.clone(),
            },
        )?;
    }
    run.apply(
        0,
        Input::Start {
            record: StartRecord {
                kind,
                alarm: "electric bell, three long rings".to_owned(),
                conducted_by: "Principal Chen Hua".to_owned(),
                staff_on_duty: script
                    .stairwells
                    .iter()
                    .filter_map(|s| s.marshal.clone())
                    .collect(),
                weather: "overcast, 14 °C".to_owned(),
                conditions_simulated:
                    "fire in the 3rd-floor store room; \"smoke\" in the east corridor".to_owned(),
            },
            override_reason: None,
        },
    )?;
    Ok(())
}

/// How long each class takes from its release to its last person on the
/// stair (design assumption, see the module's doc).
fn durations(script: &Script, variant: u64, rng: &mut Lcg) -> Vec<(ClassId, u64)> {
    // Drills get a little quicker as the school practises (variant = the
    // drill's number), never below half.
    let practice = (1.0 - 0.02 * (variant % 20) as f64).max(0.5);
    script
        .classes
        .iter()
        .map(|c| {
            let base = 25.0 + f64::from(c.headcount) * 0.6 + f64::from(c.floor.max(1) - 1) * 9.0;
            (
                c.id.clone(),
                (base * practice * rng.jitter(0.15) * 1000.0) as u64,
            )
        })
        .collect()
}

/// The evacuation, second by second until every class has passed (its
/// last person on the stair at its floor; or an hour has gone): what
/// happens on the stairs, the releases that fall due, and each class
/// passing once its duration is up. Returns the time it stopped; the
/// classes are out once their stairwells are reported clear ([`clear`]).
fn evacuate(
    run: &mut Run,
    script: &Script,
    variant: u64,
    durations: &[(ClassId, u64)],
) -> Result<u64, String> {
    let mut t = 0;
    let mut pending: Vec<(u64, ClassId)> = Vec::new();
    let all_passed = |run: &Run| {
        run.session()
            .classes()
            .iter()
            .all(|c| c.state.passed().is_some())
    };
    while !all_passed(run) && t < 3_600_000 {
        on_the_stairs(run, script, t)?;
        problems(run, script, variant, t)?;
        for (ms, e) in run.apply(t, Input::Tick)? {
            if let Event::ClassReleased { class, .. } = e {
                let d = durations
                    .iter()
                    .find(|(c, _)| *c == class)
                    .map_or(60_000, |(_, d)| *d);
                pending.push((ms.ms() + d, class));
            }
        }
        pending.sort();
        while let Some((due, class)) = pending.first().cloned() {
            if due > t {
                break;
            }
            pending.remove(0);
            run.apply(t, Input::ClassPassed { class })?;
        }
        t += 1_000;
    }
    Ok(t)
}

/// At `t`: the last stairwell's marshal leaves the post and comes back,
/// the first stairwell is congested and resumed, a middle one is held and
/// resumed.
fn on_the_stairs(run: &mut Run, script: &Script, t: u64) -> Result<(), String> {
    let first = script.stairwells.first().map(|s| s.id.clone());
    let last = script.stairwells.last().map(|s| s.id.clone());
    let middle = (script.stairwells.len() > 2).then(|| script.stairwells[1].id.clone());
    let input = match (t, first, last, middle) {
        (5_000, _, Some(s), _) => Input::MarshalLeftPost { stairwell: s },
        (26_000, _, Some(s), _) => at_post(&s),
        (40_000, Some(s), _, _) => Input::Congestion {
            stairwell: s,
            note: "crowding at the 2nd-floor landing where two streams meet".to_owned(),
        },
        (70_000, _, _, Some(s)) => Input::Hold {
            scope: Scope::Stairwell(s),
        },
        (52_000, Some(s), _, _) | (78_000, _, _, Some(s)) => Input::Resume {
            scope: Scope::Stairwell(s),
        },
        _ => return Ok(()),
    };
    run.apply(t, input).map(drop)
}

/// At `t`: the problems reported during the evacuation, one of them
/// withdrawn as logged twice.
fn problems(run: &mut Run, script: &Script, variant: u64, t: u64) -> Result<(), String> {
    if t == 30_000 {
        run.apply(
            t,
            problem(
                ProblemCategory::Lighting,
                Place::Floor(3),
                "stair light on floor 3 flickering",
            ),
        )?;
    }
    if t == 95_000
        && let Some(c) = script.classes.get(variant as usize % script.classes.len())
    {
        run.apply(
            t,
            problem(
                ProblemCategory::FallOrInjury,
                Place::Class(c.id.clone()),
                "a pupil tripped on the last step, grazed knee",
            ),
        )?;
    }
    if t == 100_000 {
        let seq = run.session().next_seq();
        run.apply(
            t,
            problem(
                ProblemCategory::Other,
                Place::Unspecified,
                "door to the field stuck",
            ),
        )?;
        run.apply(
            t,
            Input::Correct {
                seq,
                reason: "logged twice by mistake".to_owned(),
                amendment: Amendment::Withdraw,
            },
        )?;
    }
    Ok(())
}

/// Every used stairwell reported clear, two seconds apart, from five
/// seconds after the evacuation stopped at `t`; returns the time after.
fn clear(run: &mut Run, script: &Script, t: u64) -> Result<u64, String> {
    let out = run.session().all_out().map_or(t, DrillTime::ms);
    let mut at = out + 5_000;
    for s in &script.stairwells {
        if run
            .session()
            .stairwell(&s.id)
            .is_some_and(|st| st.used && st.cleared.is_none())
        {
            run.apply(
                at,
                Input::StairwellClear {
                    stairwell: s.id.clone(),
                },
            )?;
            at += 2_000;
        }
    }
    Ok(at)
}

/// The headcounts from `at` on: one class is a pupil short, the first is
/// miscounted and corrected; then the end.
fn account(
    run: &mut Run,
    script: &Script,
    variant: u64,
    rng: &mut Lcg,
    mut at: u64,
) -> Result<(), String> {
    let short = script
        .classes
        .get((variant as usize + 1) % script.classes.len().max(1))
        .map(|c| c.id.clone());
    let mut corrected = None;
    for (i, c) in script.classes.iter().enumerate() {
        at += 15_000 + (rng.next() % 8_000);
        let missing = u32::from(Some(&c.id) == short.as_ref());
        let miscount = if i == 0 { 2 } else { 0 };
        let seq = run.session().next_seq();
        run.apply(
            at,
            Input::Headcount(Headcount {
                class: c.id.clone(),
                expected: None,
                present: c.headcount - missing - miscount,
                missing: People {
                    count: missing,
                    names: if missing > 0 {
                        vec!["Li Ming".to_owned()]
                    } else {
                        Vec::new()
                    },
                },
                injured: People::default(),
            }),
        )?;
        if i == 0 {
            corrected = Some((seq, c.id.clone(), c.headcount));
        }
    }
    if let Some((seq, class, headcount)) = corrected {
        at += 10_000;
        run.apply(
            at,
            Input::Correct {
                seq,
                reason: "recounted: two pupils were at the first-aid point".to_owned(),
                amendment: Amendment::Headcount(Headcount {
                    class,
                    expected: None,
                    present: headcount,
                    missing: People::default(),
                    injured: People::default(),
                }),
            },
        )?;
    }
    run.apply(at + 30_000, Input::End).map(drop)
}

fn at_post(s: &StairwellId) -> Input {
    Input::MarshalAtPost {
        stairwell: s.clone(),
        name: None,
    }
}

fn problem(category: ProblemCategory, place: Place, text: &str) -> Input {
    Input::Problem(ProblemReport {
        category,
        place,
        text: text.to_owned(),
    })
}

/// The sample's drill, in memory: the generator decides on the driver's
/// session, as any live drill's inputs are decided on, and keeps what it gave.
struct Run {
    drill: Drill,
    inputs: Vec<(DrillTime, Input)>,
}

impl Run {
    fn new(script: &Script, schedule: &Schedule) -> Result<Self, String> {
        let session = Session::new(script.clone(), schedule.clone()).map_err(|e| e.to_string())?;
        // The wall times recorded here are never used: the files are stamped
        // from the sample's own signal when they are written. No stairwell
        // is blocked, so nothing is re-planned (as `Session::apply`).
        let wall = FixedWall::at_timestamp(Timestamp::UNIX_EPOCH, Offset::UTC);
        let drill = Drill::with_sink(
            session,
            Box::new(MemorySink::default()),
            Box::new(NoReplanner),
            Box::new(wall),
        );
        Ok(Self {
            drill,
            inputs: Vec::new(),
        })
    }

    fn session(&self) -> &Session {
        self.drill.session()
    }

    /// Applies `input` at `ms`; returns the events it made with their time.
    fn apply(&mut self, ms: u64, input: Input) -> Result<Vec<(DrillTime, Event)>, String> {
        let at = DrillTime(ms);
        let applied = self
            .drill
            .apply(input.clone(), at)
            .map_err(|e| format!("the sample drill was refused {input:?} at {at}: {e}"))?;
        self.inputs.push((at, input));
        Ok(applied
            .events
            .into_iter()
            .map(|e| (applied.at, e))
            .collect())
    }

    fn finish(self, schedule: Schedule) -> Sample {
        let events = self
            .drill
            .records()
            .iter()
            .map(|r| (DrillTime(r.drill_ms), r.event.clone()))
            .collect();
        Sample {
            schedule,
            inputs: self.inputs,
            events,
            session: self.drill.session().clone(),
        }
    }
}

//! The review's figures from hand-built drills: each case drives a real
//! session with inputs, replays its events and reads the review.

use rstest::rstest;

use crate::script::{ClassId, Script, StairwellId, check_str};
use crate::session::{
    Amendment, DrillTime, Event, Headcount, Input, People, Place, ProblemCategory, ProblemReport,
    Release, Schedule, Scope, Session, SessionKind, StartRecord,
};

use super::{HeadcountCheck, HoldReason, MarshalPost, Recorded, Review, TargetOutcome};

pub const SCRIPT: &str = r#"
schema = 1
[drill]
name = "Review drill"
target_s = 60
[building]
name = "Block A"
[[stairwell]]
id = "A"
width_m = 1.5
marshal = "Wang"
[[stairwell]]
id = "B"
width_m = 1.5
gate = "clear"
marshal = "Li"
[[class]]
id = "c1"
grade = 1
floor = 2
headcount = 30
stairwell = "A"
[[class]]
id = "c2"
grade = 2
floor = 3
headcount = 32
stairwell = "A"
[[class]]
id = "c3"
grade = 3
floor = 2
headcount = 34
stairwell = "B"
[[class]]
id = "c4"
grade = 4
floor = 3
headcount = 36
stairwell = "B"
"#;

pub fn script() -> Script {
    check_str(SCRIPT)
        .script
        .unwrap_or_else(|| panic!("the test script does not check"))
}

pub fn cid(s: &str) -> ClassId {
    ClassId(s.to_owned())
}

pub fn sid(s: &str) -> StairwellId {
    StairwellId(s.to_owned())
}

/// c1 on A at 0 s, c2 on A at 10 s, c3 on B at 0 s, c4 on B at 5 s.
pub fn schedule() -> Schedule {
    let r = |class: &str, stairwell: &str, at_ms| Release {
        class: cid(class),
        stairwell: sid(stairwell),
        at: DrillTime(at_ms),
        pace: None,
    };
    Schedule {
        releases: vec![
            r("c1", "A", 0),
            r("c2", "A", 10_000),
            r("c3", "B", 0),
            r("c4", "B", 5_000),
        ],
    }
}

pub fn headcount(class: &str, present: u32, missing: u32) -> Input {
    Input::Headcount(Headcount {
        class: cid(class),
        expected: None,
        present,
        missing: People {
            count: missing,
            names: Vec::new(),
        },
        injured: People::default(),
    })
}

pub fn problem(category: ProblemCategory, place: Place, text: &str) -> Input {
    Input::Problem(ProblemReport {
        category,
        place,
        text: text.to_owned(),
    })
}

fn at_post(s: &str) -> Input {
    Input::MarshalAtPost {
        stairwell: sid(s),
        name: None,
    }
}

fn start() -> Input {
    Input::Start {
        record: StartRecord {
            kind: SessionKind::Drill,
            alarm: "bell".to_owned(),
            conducted_by: "Principal Chen".to_owned(),
            staff_on_duty: vec!["Wang".to_owned(), "Li".to_owned()],
            weather: "sunny".to_owned(),
            conditions_simulated: "smoke on floor 3".to_owned(),
        },
        override_reason: None,
    }
}

fn passed(c: &str) -> Input {
    Input::ClassPassed { class: cid(c) }
}

/// Runs `steps` after the marshals took post and the signal was given,
/// then replays the events and reviews them.
pub fn review_of(steps: &[(u64, Input)]) -> Review {
    let mut live = Session::new(script(), schedule()).unwrap_or_else(|e| panic!("{e}"));
    let mut events: Vec<(DrillTime, Event)> = Vec::new();
    let prelude = [(0, at_post("A")), (0, at_post("B")), (0, start())];
    for (ms, input) in prelude.iter().chain(steps) {
        let at = DrillTime(*ms);
        match live.apply(input.clone(), at) {
            Ok(out) => events.extend(out.into_iter().map(|e| (at, e))),
            Err(e) => panic!("{input:?} at {ms} ms was refused: {e}"),
        }
    }
    let replayed = Session::replay(script(), schedule(), events.iter().map(|(t, e)| (*t, e)))
        .unwrap_or_else(|e| panic!("replay failed: {e}"));
    assert_eq!(replayed, live, "the replay rebuilds the session");
    let recorded: Vec<Recorded<'_>> = events
        .iter()
        .zip(1..)
        .map(|((at, event), seq)| Recorded {
            seq,
            at: *at,
            wall: None,
            event,
        })
        .collect();
    Review::build(&replayed, &recorded, "test.session.json")
}

fn clear(s: &str) -> Input {
    Input::StairwellClear { stairwell: sid(s) }
}

/// Every class out and counted, all on plan: each class passed the stair
/// head, each stairwell reported clear after its last (A's at 30 s, the
/// evacuation time).
pub fn on_plan() -> Vec<(u64, Input)> {
    vec![
        (0, Input::Tick),
        (4_000, passed("c3")),
        (5_000, Input::Tick),
        (8_000, passed("c1")),
        (10_000, Input::Tick),
        (12_000, passed("c4")),
        (12_000, clear("B")),
        (30_000, passed("c2")),
        (30_000, clear("A")),
        (40_000, headcount("c1", 30, 0)),
        (41_000, headcount("c2", 32, 0)),
        (42_000, headcount("c3", 34, 0)),
        (45_000, headcount("c4", 35, 1)),
    ]
}

#[test]
fn a_drill_on_plan_has_its_times_and_no_delay() {
    let r = review_of(&on_plan());
    assert_eq!(r.timing.evacuation_ms, Some(30_000));
    assert_eq!(r.timing.accounting_ms, Some(45_000));
    assert_eq!(r.timing.target, TargetOutcome::Met { margin_ms: 30_000 });
    assert_eq!(r.timing.max_gate_delay_ms, 0);
    assert_eq!(r.timing.last_planned_release_ms, Some(10_000));
    let c2 = r.class(&cid("c2")).unwrap_or_else(|| panic!("no c2"));
    assert_eq!(c2.release_to_out_ms, Some(20_000));
    assert_eq!(c2.delay.map(|d| d.total_ms), Some(0));
    let c4 = r.class(&cid("c4")).unwrap_or_else(|| panic!("no c4"));
    assert_eq!(c4.headcount, HeadcountCheck::Short { by: 1 });
    let a = &r.stairwells[0];
    assert_eq!(a.at_post, MarshalPost::BeforeSignal);
    assert_eq!(a.summary.first_release_ms, Some(0));
    assert_eq!(a.last_release_ms, Some(10_000));
    assert_eq!(a.people, 62);
    assert_eq!(r.record.people_evacuated, 131);
}

/// One case: the inputs after c1 and c3 went at 0 s, and what class c2's
/// (stairwell A) or c4's (stairwell B, gate "clear") release shows.
#[rstest]
#[case::marshal_away(
    vec![(0, Input::Tick), (2_000, Input::MarshalLeftPost { stairwell: sid("A") }), (15_000, at_post("A")), (15_000, Input::Tick)],
    "c2", 5_000, 5_000, (5_000, 0, 0, 0)
)]
#[case::coordinator_hold(
    vec![(0, Input::Tick), (8_000, Input::Hold { scope: Scope::Stairwell(sid("A")) }), (14_000, Input::Resume { scope: Scope::All }), (14_000, Input::Tick)],
    "c2", 4_000, 4_000, (0, 4_000, 0, 0)
)]
#[case::congestion(
    vec![(0, Input::Tick), (9_000, Input::Congestion { stairwell: sid("A"), note: "landing full".into() }), (12_500, Input::Resume { scope: Scope::Stairwell(sid("A")) }), (13_000, Input::Tick)],
    "c2", 3_000, 2_500, (0, 0, 2_500, 0)
)]
#[case::waiting_for_clear(
    vec![(0, Input::Tick), (5_000, Input::Tick), (7_000, passed("c3")), (7_000, Input::Tick)],
    "c4", 2_000, 2_000, (0, 0, 0, 2_000)
)]
#[case::tick_late_no_gate(
    vec![(0, Input::Tick), (11_000, Input::Tick)],
    "c2", 1_000, 0, (0, 0, 0, 0)
)]
#[case::released_early_by_hand(
    vec![(0, Input::Tick), (3_000, Input::Release { class: cid("c2") })],
    "c2", -7_000, 0, (0, 0, 0, 0)
)]
fn a_release_delay_splits_into_the_gates_and_the_rest(
    #[case] steps: Vec<(u64, Input)>,
    #[case] class: &str,
    #[case] total_ms: i64,
    #[case] gates_ms: u64,
    #[case] by_gate: (u64, u64, u64, u64),
) {
    let r = review_of(&steps);
    let c = r.class(&cid(class)).unwrap_or_else(|| panic!("no {class}"));
    let d = c
        .delay
        .unwrap_or_else(|| panic!("{class} was not released"));
    assert_eq!(d.total_ms, total_ms, "total");
    assert_eq!(d.gates_ms, gates_ms, "gates");
    assert_eq!(
        d.rest_ms,
        total_ms - i64::try_from(gates_ms).unwrap_or(0),
        "rest"
    );
    let got = (
        d.by_gate.marshal_absent_ms,
        d.by_gate.coordinator_ms,
        d.by_gate.congestion_ms,
        d.by_gate.clear_ms,
    );
    assert_eq!(
        got, by_gate,
        "by gate (marshal, coordinator, congestion, clear)"
    );
}

#[rstest]
#[case::coordinator(Input::Hold { scope: Scope::All }, HoldReason::Coordinator, 2)]
#[case::congestion(Input::Congestion { stairwell: sid("A"), note: "crowding".into() }, HoldReason::Congestion, 1)]
fn holds_are_spans_with_their_reason(
    #[case] hold: Input,
    #[case] reason: HoldReason,
    #[case] stairwells_held: usize,
) {
    let r = review_of(&[
        (0, Input::Tick),
        (6_000, hold),
        (9_000, Input::Resume { scope: Scope::All }),
    ]);
    let spans: Vec<_> = r
        .stairwells
        .iter()
        .flat_map(|s| s.holds.iter())
        .filter(|h| h.reason == reason)
        .collect();
    assert_eq!(spans.len(), stairwells_held);
    assert!(spans.iter().all(|h| (h.from_ms, h.to_ms) == (6_000, 9_000)));
    let a = &r.stairwells[0];
    let held = a.held_for.coordinator_ms + a.held_for.congestion_ms;
    assert_eq!(held, 3_000);
    assert_eq!(held, a.summary.held_ms, "agrees with the session's summary");
}

/// Corrections: (steps after the plan, class, present in force, corrected,
/// problems counted, withdrawn).
#[rstest]
#[case::headcount_corrected(vec![(50_000, Input::Correct { seq: 18, reason: "recounted".into(), amendment: Amendment::Headcount(Headcount { class: cid("c4"), expected: None, present: 36, missing: People::default(), injured: People::default() }) })], Some(36), true, 0, 0)]
#[case::problem_withdrawn(vec![(46_000, problem(ProblemCategory::Lighting, Place::Stairwell(sid("B")), "lamp out")), (50_000, Input::Correct { seq: 19, reason: "it was on".into(), amendment: Amendment::Withdraw })], Some(35), false, 0, 1)]
#[case::problem_kept(vec![(46_000, problem(ProblemCategory::Lighting, Place::Stairwell(sid("B")), "lamp out"))], Some(35), false, 1, 0)]
fn corrections_are_honoured(
    #[case] more: Vec<(u64, Input)>,
    #[case] present: Option<u32>,
    #[case] corrected: bool,
    #[case] counted: usize,
    #[case] withdrawn: usize,
) {
    let mut steps = on_plan();
    steps.extend(more);
    let r = review_of(&steps);
    let c4 = r.class(&cid("c4")).unwrap_or_else(|| panic!("no c4"));
    assert_eq!(c4.summary.present, present);
    assert_eq!(c4.headcount_corrected, corrected);
    assert_eq!(r.problem_counts.total, counted);
    assert_eq!(r.problem_counts.withdrawn, withdrawn);
    assert_eq!(
        r.problems.len(),
        counted + withdrawn,
        "withdrawn ones are listed"
    );
    assert_eq!(r.stairwells[1].problems, counted);
    if withdrawn > 0 {
        let entry = r.events.iter().find(|e| e.seq == 19);
        assert!(entry.is_some_and(|e| e.withdrawn && e.corrected_by == Some(20)));
    }
}

#[test]
fn problems_are_counted_by_category_and_place_and_marked_on_the_chart() {
    let r = review_of(&[
        (0, Input::Tick),
        (
            3_000,
            problem(
                ProblemCategory::FallOrInjury,
                Place::Class(cid("c1")),
                "tripped",
            ),
        ),
        (
            4_000,
            Input::Congestion {
                stairwell: sid("A"),
                note: "landing".into(),
            },
        ),
        (
            6_000,
            problem(ProblemCategory::Lighting, Place::Floor(3), "dark corridor"),
        ),
    ]);
    let cats: Vec<_> = r
        .problem_counts
        .by_category
        .iter()
        .map(|c| (c.category, c.count))
        .collect();
    assert_eq!(
        cats,
        [
            (ProblemCategory::Congestion, 1),
            (ProblemCategory::FallOrInjury, 1),
            (ProblemCategory::Lighting, 1)
        ]
    );
    let places: Vec<_> = r
        .problem_counts
        .by_place
        .iter()
        .map(|p| p.place.clone())
        .collect();
    assert_eq!(
        places,
        [
            Place::Stairwell(sid("A")),
            Place::Class(cid("c1")),
            Place::Floor(3)
        ]
    );
    let row_a = &r.timeline.rows[0];
    assert_eq!(row_a.markers.len(), 2, "the class's and the stairwell's");
    assert_eq!(r.timeline.general.len(), 1, "the floor's");
    assert_eq!(r.stairwells[0].problems, 2);
    assert_eq!(r.timing.target, TargetOutcome::NotReached);
}

#[test]
fn bars_on_one_stairwell_do_not_overlap_in_a_lane() {
    let r = review_of(&on_plan());
    for row in &r.timeline.rows {
        for a in &row.bars {
            for b in row
                .bars
                .iter()
                .filter(|b| b.class != a.class && b.lane == a.lane)
            {
                let (a0, a1) = a.extent();
                let (b0, b1) = b.extent();
                assert!(a1 <= b0 || b1 <= a0, "{a:?} and {b:?} overlap");
            }
        }
    }
    assert_eq!(
        r.timeline.end_ms, 30_000,
        "the chart ends with the evacuation"
    );
}

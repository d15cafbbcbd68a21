//! Benchmarks of the session and the journal.
//!
//! `cargo bench --bench session -- --warm-up-time 1 --measurement-time 3`
//!
//! - `replay/100k`: rebuilding a session from 100,000 events (target < 200 ms).
//! - `journal/append_sync`: one event appended and synced (fdatasync) to a
//!   journal in the system's temporary folder. Criterion reports the median;
//!   the p99 comes from `examples/journal_latency.rs` (docs/performance.md).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use evacdrill_core::script::check_str;
use evacdrill_core::session::{
    DrillTime, Event, Input, Place, ProblemCategory, ProblemReport, Release, Schedule, Scope,
    Session, SessionKind, StartRecord,
};

use evacdrill::store::{journal, record};

const DEMO: &str = include_str!("../drills/demo.toml");

fn demo() -> (evacdrill_core::script::Script, Schedule) {
    let script = check_str(DEMO)
        .script
        .unwrap_or_else(|| panic!("drills/demo.toml does not check"));
    let schedule = Schedule {
        releases: script
            .classes
            .iter()
            .enumerate()
            .map(|(i, c)| Release {
                class: c.id.clone(),
                stairwell: c.stairwell.clone(),
                at: DrillTime(600_000 + i as u64 * 1_000),
                pace: None,
            })
            .collect(),
    };
    (script, schedule)
}

/// A long drill: the briefing, then holds, marshals coming and going and
/// problems logged until 100,000 events exist, then every class released.
fn long_drill() -> Vec<(DrillTime, Event)> {
    let (script, schedule) = demo();
    let stairwells: Vec<_> = script.stairwells.iter().map(|s| s.id.clone()).collect();
    let mut session = Session::new(script, schedule).unwrap_or_else(|e| panic!("{e}"));
    let mut log = Vec::new();
    let mut apply = |s: &mut Session, input: Input, ms: u64| {
        let events = s.apply(input, DrillTime(ms)).unwrap_or_default();
        log.extend(events.into_iter().map(|e| (DrillTime(ms), e)));
    };
    for id in &stairwells {
        apply(
            &mut session,
            Input::MarshalAtPost {
                stairwell: id.clone(),
                name: None,
            },
            0,
        );
    }
    let record = StartRecord {
        kind: SessionKind::Drill,
        alarm: "bell".into(),
        conducted_by: "bench".into(),
        staff_on_duty: vec![],
        weather: String::new(),
        conditions_simulated: String::new(),
    };
    apply(
        &mut session,
        Input::Start {
            record,
            override_reason: None,
        },
        0,
    );
    let mut ms = 0;
    let mut i = 0usize;
    while session.next_seq() <= 100_000 {
        ms += 5;
        let id = stairwells[i % stairwells.len()].clone();
        let input = match i % 5 {
            0 => Input::Hold {
                scope: Scope::Stairwell(id),
            },
            1 => Input::Resume {
                scope: Scope::Stairwell(id),
            },
            2 => Input::MarshalLeftPost { stairwell: id },
            3 => Input::MarshalAtPost {
                stairwell: id,
                name: None,
            },
            _ => Input::Problem(ProblemReport {
                category: ProblemCategory::Other,
                place: Place::Stairwell(id),
                text: format!("note {i}"),
            }),
        };
        apply(&mut session, input, ms);
        i += 1;
    }
    apply(&mut session, Input::Tick, 700_000);
    log
}

fn replay(c: &mut Criterion) {
    let (script, schedule) = demo();
    let log = long_drill();
    assert!(log.len() >= 100_000, "only {} events", log.len());
    c.bench_function("replay/100k", |b| {
        b.iter(|| {
            let s = Session::replay(
                script.clone(),
                schedule.clone(),
                log.iter().map(|(at, e)| (*at, e)),
            );
            black_box(s.map_or(0, |s| s.next_seq()))
        });
    });
}

fn append(c: &mut Criterion) {
    use journal::Journal;
    use record::{Header, JOURNAL_MAGIC, JOURNAL_SCHEMA};

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let header = Header {
        journal: JOURNAL_MAGIC.to_owned(),
        schema: JOURNAL_SCHEMA,
        created: "2026-03-02T10:00:00.000+08:00".to_owned(),
        script_name: "demo.toml".to_owned(),
        script_toml: DEMO.to_owned(),
        schedule: demo().1,
    };
    let mut journal = Journal::create(&dir.path().join("bench.journal.jsonl"), &header)
        .unwrap_or_else(|e| panic!("{e}"));
    let event = [Event::ProblemLogged(ProblemReport {
        category: ProblemCategory::Congestion,
        place: Place::Floor(3),
        text: "landing between floors 3 and 2 full".to_owned(),
    })];
    let mut ms = 0;
    c.bench_function("journal/append_sync", |b| {
        b.iter(|| {
            ms += 1;
            black_box(journal.append(ms, "2026-03-02T10:00:00.000+08:00", &event))
        });
    });
}

criterion_group!(benches, replay, append);
criterion_main!(benches);

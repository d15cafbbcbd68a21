use std::sync::{Arc, Mutex};

use evacdrill_core::plan::replan;
use evacdrill_core::script::{StairwellId, check_str};
use evacdrill_core::session::{AlternateReplanner, DrillTime, Input, SessionKind, StartRecord};

use super::*;
use crate::store::journal::Journal;

const DEMO: &str = include_str!("../../drills/demo.toml");

fn new_drill(dir: &Path) -> Drill {
    let script = check_str(DEMO).script.unwrap();
    let schedule = replan::initial(&script, None, evacdrill_core::i18n::Lang::En).unwrap();
    Drill::create(
        NewDrill {
            journal: &dir.join("demo.journal.jsonl"),
            script_name: "drills/demo.toml",
            script_toml: DEMO,
            script,
            schedule,
        },
        Box::new(AlternateReplanner),
        Box::new(FixedWall::new("2026-03-02T10:00:00+08:00").unwrap()),
    )
    .unwrap()
}

fn start() -> Input {
    Input::Start {
        record: StartRecord {
            kind: SessionKind::Drill,
            alarm: "bell".into(),
            conducted_by: "Li".into(),
            staff_on_duty: vec![],
            weather: String::new(),
            conditions_simulated: String::new(),
        },
        override_reason: Some("test".into()),
    }
}

#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<u64>>>);

impl View for Seen {
    fn publish(&mut self, session: &Session, _now: DrillTime) {
        self.0.lock().unwrap().push(session.next_seq());
    }
}

#[test]
fn every_event_is_in_the_journal_before_apply_returns() {
    let dir = tempfile::tempdir().unwrap();
    let mut drill = new_drill(dir.path());
    let applied = drill.apply(start(), DrillTime(0)).unwrap();
    assert_eq!(applied.first_seq, 1);
    assert!(!applied.events.is_empty());
    let scan = Journal::read(drill.path()).unwrap();
    assert_eq!(scan.records, drill.records());
    assert_eq!(scan.records.len(), applied.events.len());
    assert_eq!(scan.records[0].wall, "2026-03-02T10:00:00.000+08:00");
}

#[test]
fn a_refused_input_changes_nothing_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut drill = new_drill(dir.path());
    let before = drill.session().clone();
    let refused = drill.apply(
        Input::StairwellClear {
            stairwell: StairwellId("A".into()),
        },
        DrillTime(0),
    );
    assert!(refused.is_err());
    assert_eq!(drill.session(), &before);
    assert!(drill.records().is_empty());
    assert!(Journal::read(drill.path()).unwrap().records.is_empty());
}

#[test]
fn views_see_each_change_and_time_never_runs_backwards() {
    let dir = tempfile::tempdir().unwrap();
    let mut drill = new_drill(dir.path());
    let seen = Seen::default();
    drill.attach(Box::new(seen.clone()));
    drill.apply(start(), DrillTime(5_000)).unwrap();
    let later = drill.tick(DrillTime(1_000));
    assert!(later.applied.is_none_or(|a| a.at >= DrillTime(5_000)));
    let published = seen.0.lock().unwrap().clone();
    assert_eq!(
        published.first(),
        Some(&1),
        "attach shows the state at once"
    );
    assert!(published.contains(&drill.next_seq()));
}

#[test]
fn a_resumed_drill_is_the_drill_that_was_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut drill = new_drill(dir.path());
    drill.apply(start(), DrillTime(0)).unwrap();
    drill.tick(DrillTime(90_000));
    let path = drill.path().to_owned();
    let recorded = drill.session().clone();
    let count = drill.records().len();
    drop(drill);
    let resumed = Drill::resume(&path, Box::new(AlternateReplanner), Box::new(SystemWall)).unwrap();
    assert!(resumed.cut.is_none());
    assert_eq!(
        resumed.drill.records().len(),
        count + 1,
        "the gap is recorded"
    );
    assert_eq!(
        resumed.drill.session().classes(),
        recorded.classes(),
        "every class is where it was"
    );
}

#[test]
fn a_journal_is_never_created_over_another() {
    let dir = tempfile::tempdir().unwrap();
    let _first = new_drill(dir.path());
    let script = check_str(DEMO).script.unwrap();
    let schedule = replan::initial(&script, None, evacdrill_core::i18n::Lang::En).unwrap();
    let again = Drill::create(
        NewDrill {
            journal: &dir.path().join("demo.journal.jsonl"),
            script_name: "drills/demo.toml",
            script_toml: DEMO,
            script,
            schedule,
        },
        Box::new(AlternateReplanner),
        Box::new(SystemWall),
    );
    assert!(matches!(again, Err(CreateError::Journal(_))));
}

#[test]
fn the_session_file_holds_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut drill = new_drill(dir.path());
    drill.apply(start(), DrillTime(0)).unwrap();
    let out = session_file::beside(drill.path());
    assert!(out.ends_with("demo.session.json"));
    drill.write_session(&out).unwrap();
    let file = session_file::read(&out).unwrap();
    assert_eq!(file.events, drill.records());
}

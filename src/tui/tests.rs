//! The dashboard driven headless by actions, and its screens rendered into
//! ratatui's `TestBackend`.

use std::sync::{Arc, Mutex};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use evacdrill::i18n::Lang;
use evacdrill::script::{Script, check_str};
use evacdrill::session::{AlternateReplanner, DrillTime, Event, PlannedRelease, Schedule, Session};

use super::app::{App, Recorder};
use super::keymap::{Action, Keymap};

/// Records into memory; can be told to fail, like a full disk.
#[derive(Clone, Default)]
pub struct MemoryRecorder {
    pub written: Arc<Mutex<Vec<(DrillTime, Event)>>>,
    pub pending: Arc<Mutex<Vec<(DrillTime, Event)>>>,
    pub failing: Arc<Mutex<bool>>,
}

impl Recorder for MemoryRecorder {
    fn record(&mut self, at: DrillTime, events: &[Event]) -> Result<(), String> {
        self.pending
            .lock()
            .unwrap()
            .extend(events.iter().map(|e| (at, e.clone())));
        self.retry()
    }

    fn retry(&mut self) -> Result<(), String> {
        if *self.failing.lock().unwrap() {
            return Err("No space left on device".to_owned());
        }
        let mut pending = self.pending.lock().unwrap();
        self.written.lock().unwrap().append(&mut pending);
        Ok(())
    }

    fn pending(&self) -> usize {
        self.pending.lock().unwrap().len()
    }
}

pub const SCRIPT: &str = r#"schema = 1
[drill]
name = "教学楼演练"
target_s = 300
checklist = ["楼梯无杂物", "照明正常"]
[building]
name = "教学楼"
[[stairwell]]
id = "A"
name = "西楼梯"
width_m = 1.5
marshal = "王丽"
[[stairwell]]
id = "B"
name = "东楼梯"
width_m = 1.8
marshal = "陈刚"
gate = "clear"
[[class]]
id = "1-1"
name = "一年级1班"
grade = 1
floor = 2
headcount = 40
stairwell = "A"
alternate = "B"
teacher = "张敏"
[[class]]
id = "2-1"
name = "二年级1班"
grade = 2
floor = 3
headcount = 42
stairwell = "A"
alternate = "B"
teacher = "李华"
[[class]]
id = "3-1"
name = "三年级1班"
grade = 3
floor = 3
headcount = 44
stairwell = "B"
alternate = "A"
teacher = "赵强"
"#;

pub fn script() -> Script {
    check_str(SCRIPT).script.expect("the test script is valid")
}

pub fn schedule() -> Schedule {
    let r = |c: &str, s: &str, at: u64| PlannedRelease {
        class: evacdrill::script::ClassId(c.into()),
        stairwell: evacdrill::script::StairwellId(s.into()),
        at_ms: at,
        pace_pps: None,
    };
    Schedule {
        releases: vec![r("1-1", "A", 0), r("2-1", "A", 60_000), r("3-1", "B", 0)],
    }
}

pub fn app(lang: Lang) -> (App, MemoryRecorder) {
    let rec = MemoryRecorder::default();
    let session = Session::new(script(), schedule()).unwrap();
    let app = App::new(
        session,
        lang,
        Keymap::default(),
        Box::new(rec.clone()),
        Box::new(AlternateReplanner),
    );
    (app, rec)
}

pub fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn key(app: &mut App, c: char, now: u64) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    app.key(
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        DrillTime(now),
    );
}

fn code(app: &mut App, code: crossterm::event::KeyCode, now: u64) {
    use crossterm::event::{KeyEvent, KeyModifiers};
    app.key(KeyEvent::new(code, KeyModifiers::NONE), DrillTime(now));
}

fn typed(app: &mut App, text: &str, now: u64) {
    for c in text.chars() {
        key(app, c, now);
    }
}

#[test]
fn a_whole_drill_driven_by_keys() {
    use crossterm::event::KeyCode;
    let (mut app, rec) = app(Lang::En);
    // Briefing: both checklist items, both marshals.
    key(&mut app, ' ', 0);
    key(&mut app, ' ', 0);
    code(&mut app, KeyCode::Tab, 0);
    key(&mut app, 'm', 0);
    key(&mut app, 'j', 0);
    key(&mut app, 'm', 0);
    // Start: alarm and conductor are required.
    key(&mut app, 'S', 0);
    code(&mut app, KeyCode::Enter, 0);
    assert!(
        matches!(app.mode, super::app::Mode::Form(..)),
        "an empty alarm keeps the form open"
    );
    code(&mut app, KeyCode::Tab, 0);
    typed(&mut app, "bell", 0);
    code(&mut app, KeyCode::Tab, 0);
    typed(&mut app, "Principal Wu", 0);
    code(&mut app, KeyCode::Enter, 0);
    assert_eq!(app.session.phase(), evacdrill::session::Phase::Running);
    println!("{}", screen(&app, 80, 24));
    app.tick(DrillTime(500));
    // 1-1 and 3-1 go at the signal; 2-1 is planned at 60 s.
    let released = |app: &App| {
        app.session
            .classes()
            .iter()
            .filter(|c| !matches!(c.state, evacdrill::session::ClassState::Waiting))
            .count()
    };
    assert_eq!(released(&app), 2);
    // Hold stairwell A (selected), then release 2-1 early is refused while held? No: early release is by hand.
    code(&mut app, KeyCode::Up, 1_000);
    key(&mut app, 'h', 1_000);
    println!("{}", screen(&app, 80, 24));
    app.tick(DrillTime(61_000));
    assert_eq!(released(&app), 2, "a held stairwell does not release");
    key(&mut app, 'u', 62_000);
    app.tick(DrillTime(62_100));
    assert_eq!(released(&app), 3);
    // A problem, typed in Chinese.
    key(&mut app, 'e', 70_000);
    code(&mut app, KeyCode::Tab, 70_000);
    code(&mut app, KeyCode::Tab, 70_000);
    typed(&mut app, "二楼平台有学生摔倒", 70_000);
    code(&mut app, KeyCode::Enter, 70_000);
    // Marshals: classes passed, stairwells clear.
    key(&mut app, 'p', 90_000);
    key(&mut app, 'p', 100_000);
    key(&mut app, 'c', 101_000);
    key(&mut app, 'j', 101_000);
    key(&mut app, 'p', 110_000);
    println!("{}", screen(&app, 80, 24));
    key(&mut app, 'c', 111_000);
    assert!(app.notice.is_none(), "{:?}", app.notice);
    assert_eq!(
        app.session.phase(),
        evacdrill::session::Phase::Accounting,
        "{:?}",
        app.notice
    );
    // Headcounts from the class table.
    code(&mut app, KeyCode::Tab, 120_000);
    for i in 0..3 {
        key(&mut app, 'n', 120_000 + i * 1000);
        code(&mut app, KeyCode::Enter, 120_000 + i * 1000);
        key(&mut app, 'j', 120_000 + i * 1000);
    }
    println!("{}", screen(&app, 80, 24));
    key(&mut app, 'E', 130_000);
    key(&mut app, 'y', 130_000);
    assert_eq!(
        app.session.phase(),
        evacdrill::session::Phase::Ended,
        "{:?}",
        app.notice
    );
    println!("{}", screen(&app, 80, 24));
    let written = rec.written.lock().unwrap();
    let kinds: Vec<String> = written
        .iter()
        .map(|(_, e)| {
            serde_json::to_value(e).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        kinds.first().map(String::as_str),
        Some("checklist_confirmed")
    );
    assert!(kinds.contains(&"problem_logged".to_owned()));
    assert_eq!(kinds.iter().filter(|k| *k == "class_released").count(), 3);
    assert_eq!(kinds.iter().filter(|k| *k == "headcount_taken").count(), 3);
    assert_eq!(kinds.last().map(String::as_str), Some("ended"));
}

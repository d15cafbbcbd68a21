//! The dashboard driven headless by actions, and its screens rendered into
//! ratatui's `TestBackend`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use evacdrill_core::i18n::Lang;
use evacdrill_core::script::{Script, check_str};
use evacdrill_core::session::{AlternateReplanner, DrillTime, Release, Schedule, Session};

use super::app::{App, Effect};
use super::keymap::{Action, Keymap};
use super::runtime;
use super::view::Screen;
use crate::drill::{Drill, FixedWall, MemorySink};

/// The dashboard over a drill that records into memory (which can be told
/// to fail, like a full disk), driven as the runtime drives it.
pub struct Dash {
    pub ui: App,
    pub drill: Drill,
    pub sink: MemorySink,
}

impl Dash {
    /// Carries out the app's effects as the runtime does.
    fn perform(&mut self, effects: Vec<Effect>, now: u64) {
        runtime::perform(&mut self.ui, &mut self.drill, None, effects, DrillTime(now));
    }

    pub fn update(&mut self, action: Action, now: u64) {
        let effects = self.ui.update(action, &self.drill);
        self.perform(effects, now);
    }

    pub fn key_event(&mut self, key: crossterm::event::KeyEvent, now: u64) {
        let effects = self.ui.key(key, &self.drill, DrillTime(now));
        self.perform(effects, now);
    }

    pub fn submit(&mut self, input: evacdrill_core::session::Input, now: u64) {
        self.perform(vec![Effect::Submit(input)], now);
    }

    pub fn tick(&mut self, now: u64) {
        runtime::tick(&mut self.ui, &mut self.drill, None, DrillTime(now));
    }

    pub fn session(&self) -> &Session {
        self.drill.session()
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
    let r = |c: &str, s: &str, at: u64| Release {
        class: evacdrill_core::script::ClassId(c.into()),
        stairwell: evacdrill_core::script::StairwellId(s.into()),
        at: DrillTime(at),
        pace: None,
    };
    Schedule {
        releases: vec![r("1-1", "A", 0), r("2-1", "A", 60_000), r("3-1", "B", 0)],
    }
}

pub fn app(lang: Lang) -> Dash {
    let sink = MemorySink::default();
    let session = Session::new(script(), schedule()).unwrap();
    let drill = Drill::with_sink(
        session,
        Box::new(sink.clone()),
        Box::new(AlternateReplanner),
        Box::new(FixedWall::new("2026-03-02T10:00:00+08:00").unwrap()),
    );
    let ui = App::new(
        &drill,
        lang,
        Keymap::default(),
        Box::new(AlternateReplanner),
    );
    Dash { ui, drill, sink }
}

pub fn screen(app: &Dash, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(Screen::new(&app.ui, &app.drill), f.area()))
        .unwrap();
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

fn key(app: &mut Dash, c: char, now: u64) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    app.key_event(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), now);
}

fn code(app: &mut Dash, code: crossterm::event::KeyCode, now: u64) {
    use crossterm::event::{KeyEvent, KeyModifiers};
    app.key_event(KeyEvent::new(code, KeyModifiers::NONE), now);
}

fn typed(app: &mut Dash, text: &str, now: u64) {
    for c in text.chars() {
        key(app, c, now);
    }
}

#[test]
fn a_whole_drill_driven_by_keys() {
    use crossterm::event::KeyCode;
    let mut app = app(Lang::En);
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
        matches!(app.ui.mode, super::app::Mode::Form(..)),
        "an empty alarm keeps the form open"
    );
    code(&mut app, KeyCode::Tab, 0);
    typed(&mut app, "bell", 0);
    code(&mut app, KeyCode::Tab, 0);
    typed(&mut app, "Principal Wu", 0);
    code(&mut app, KeyCode::Enter, 0);
    assert_eq!(
        app.session().phase(),
        evacdrill_core::session::Phase::Running
    );
    println!("{}", screen(&app, 80, 24));
    app.tick(500);
    // 1-1 and 3-1 go at the signal; 2-1 is planned at 60 s.
    let released = |app: &Dash| {
        app.session()
            .classes()
            .iter()
            .filter(|c| !matches!(c.state, evacdrill_core::session::ClassState::Waiting))
            .count()
    };
    assert_eq!(released(&app), 2);
    // Hold stairwell A (selected), then release 2-1 early is refused while held? No: early release is by hand.
    code(&mut app, KeyCode::Up, 1_000);
    key(&mut app, 'h', 1_000);
    println!("{}", screen(&app, 80, 24));
    app.tick(61_000);
    assert_eq!(released(&app), 2, "a held stairwell does not release");
    key(&mut app, 'u', 62_000);
    app.tick(62_100);
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
    assert!(app.ui.notice.is_none(), "{:?}", app.ui.notice);
    assert_eq!(
        app.session().phase(),
        evacdrill_core::session::Phase::Accounting,
        "{:?}",
        app.ui.notice
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
        app.session().phase(),
        evacdrill_core::session::Phase::Ended,
        "{:?}",
        app.ui.notice
    );
    println!("{}", screen(&app, 80, 24));
    let written = app.sink.written();
    let kinds: Vec<String> = written
        .iter()
        .map(|e| {
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

/// The demo drill, running, with a hold, a problem and a headcount.
fn running_demo(lang: Lang) -> Dash {
    use evacdrill_core::session::{Input, Scope, SessionKind, StartRecord};
    let mut app = app(lang);
    for s in ["A", "B"] {
        app.submit(
            Input::MarshalAtPost {
                stairwell: evacdrill_core::script::StairwellId(s.into()),
                name: None,
            },
            0,
        );
    }
    app.submit(
        Input::Start {
            record: StartRecord {
                kind: SessionKind::Drill,
                alarm: "bell".into(),
                conducted_by: "Wu".into(),
                staff_on_duty: vec![],
                weather: String::new(),
                conditions_simulated: String::new(),
            },
            override_reason: None,
        },
        0,
    );
    app.tick(1_000);
    app.submit(
        Input::Hold {
            scope: Scope::Stairwell(evacdrill_core::script::StairwellId("A".into())),
        },
        30_000,
    );
    app.submit(
        Input::Problem(evacdrill_core::session::ProblemReport {
            category: evacdrill_core::session::ProblemCategory::FallOrInjury,
            place: evacdrill_core::session::Place::Stairwell(evacdrill_core::script::StairwellId(
                "B".into(),
            )),
            text: "二楼平台有学生摔倒".into(),
        }),
        42_000,
    );
    app.submit(
        Input::ClassPassed {
            class: evacdrill_core::script::ClassId("3-1".into()),
        },
        80_000,
    );
    app.tick(95_000);
    app
}

#[rstest::rstest]
#[case::en_80x24(Lang::En, 80, 24)]
#[case::en_120x40(Lang::En, 120, 40)]
#[case::en_200x60(Lang::En, 200, 60)]
#[case::zh_80x24(Lang::ZhCn, 80, 24)]
#[case::zh_120x40(Lang::ZhCn, 120, 40)]
#[case::zh_200x60(Lang::ZhCn, 200, 60)]
fn running_screen(#[case] lang: Lang, #[case] w: u16, #[case] h: u16) {
    let app = running_demo(lang);
    insta::assert_snapshot!(
        format!("running_{}_{w}x{h}", lang.tag()),
        screen(&app, w, h)
    );
}

#[rstest::rstest]
#[case::en(Lang::En)]
#[case::zh(Lang::ZhCn)]
fn briefing_help_and_forms(#[case] lang: Lang) {
    let mut app = app(lang);
    app.update(Action::ChecklistOk, 0);
    insta::assert_snapshot!(format!("briefing_{}", lang.tag()), screen(&app, 80, 24));
    app.update(Action::Help, 0);
    insta::assert_snapshot!(format!("help_{}", lang.tag()), screen(&app, 80, 24));
    app.ui.mode = super::app::Mode::Normal;
    app.update(Action::Start, 0);
    insta::assert_snapshot!(format!("start_form_{}", lang.tag()), screen(&app, 80, 24));
}

#[test]
fn too_small_asks_for_a_larger_terminal() {
    let app = app(Lang::En);
    let s = screen(&app, 60, 20);
    assert!(
        s.contains("Make the terminal larger: at least 80×24 (now 60×20)"),
        "{s}"
    );
}

#[test]
fn ctrl_c_never_ends_a_live_drill() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = running_demo(Lang::En);
    app.key_event(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        100_000,
    );
    assert!(!app.ui.quit);
    assert!(matches!(
        app.ui.mode,
        super::app::Mode::Confirm(super::app::Confirm::Quit)
    ));
    code(&mut app, KeyCode::Esc, 100_000);
    assert!(!app.ui.quit && matches!(app.ui.mode, super::app::Mode::Normal));
    app.key_event(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        100_000,
    );
    key(&mut app, 'y', 100_000);
    assert!(app.ui.quit);
    assert_eq!(
        app.session().phase(),
        evacdrill_core::session::Phase::Running,
        "quitting does not end the drill"
    );
}

#[test]
fn a_failing_journal_is_shown_and_the_events_are_kept() {
    let mut app = app(Lang::En);
    app.sink.fail(true);
    app.update(Action::ChecklistOk, 0);
    assert!(app.drill.trouble().is_some());
    assert_eq!(app.drill.pending(), 1);
    assert!(screen(&app, 80, 24).contains("JOURNAL NOT WRITTEN"));
    app.sink.fail(false);
    app.tick(0);
    assert!(app.drill.trouble().is_none());
    assert_eq!(app.sink.written().len(), 1);
}

#[test]
fn a_blocked_stairwell_shows_the_replan_before_applying_it() {
    use crossterm::event::KeyCode;
    let mut app = running_demo(Lang::En);
    // Stairwell A: 2-1 waits there; its alternate is B.
    app.ui.focus = super::app::Focus::Stairwells;
    app.ui.sel_stairwell = 0;
    key(&mut app, 'b', 96_000);
    typed(&mut app, "smoke", 96_000);
    code(&mut app, KeyCode::Enter, 96_000);
    let super::app::Mode::Confirm(super::app::Confirm::Blocked { preview, .. }) = &app.ui.mode
    else {
        panic!("expected the re-plan preview, got {:?}", app.ui.mode);
    };
    assert!(
        preview
            .iter()
            .any(|l| l.contains("二年级1班") && l.contains("A → B")),
        "{preview:?}"
    );
    key(&mut app, 'y', 96_000);
    assert!(app.session().stairwells()[0].blocked);
    assert_eq!(
        app.session()
            .class(&evacdrill_core::script::ClassId("2-1".into()))
            .unwrap()
            .stairwell
            .0,
        "B"
    );
}

mod keys;

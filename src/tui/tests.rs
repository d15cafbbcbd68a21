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

#[test]
fn briefing_screen() {
    let (mut app, _) = app(Lang::ZhCn);
    app.update(Action::ChecklistOk, DrillTime(0));
    println!("{}", screen(&app, 80, 24));
}

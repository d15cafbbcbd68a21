//! Rendering the dashboard: a 200-class drill (the generated campus) at
//! 200×60, one whole frame into ratatui's `TestBackend`.
//!
//! `cargo bench --bench dashboard`; figures in docs/performance.md.
//! The dashboard lives in the binary, so its source is included here.

#![allow(dead_code, unused_imports, clippy::all, clippy::pedantic)]

#[path = "../src/tui/app.rs"]
mod app;
#[path = "../src/tui/clock.rs"]
mod clock;
#[path = "../src/tui/dialogs.rs"]
mod dialogs;
#[path = "../src/tui/form.rs"]
mod form;
#[path = "../src/tui/forms.rs"]
mod forms;
#[path = "../src/tui/keymap.rs"]
mod keymap;
#[path = "../src/tui/runtime.rs"]
mod runtime;
#[path = "../src/tui/selection.rs"]
mod selection;
#[path = "../src/tui/view.rs"]
mod view;
#[path = "../src/tui/widgets.rs"]
mod widgets;

/// The binary's `tui` module, rebuilt from the same files.
mod tui {
    pub(crate) use super::{app, clock, form, forms, keymap, runtime, view, widgets};
    pub(crate) use app::{App, Recorder};
}

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use evacdrill::i18n::Lang;
use evacdrill::plan::{PlanOptions, plan};
use evacdrill::session::{
    AlternateReplanner, DrillTime, Event, Input, PlannedRelease, Schedule, Session, SessionKind,
    StartRecord,
};

struct Nowhere;

impl tui::Recorder for Nowhere {
    fn record(&mut self, _: DrillTime, _: &[Event]) -> Result<(), String> {
        Ok(())
    }
    fn retry(&mut self) -> Result<(), String> {
        Ok(())
    }
    fn pending(&self) -> usize {
        0
    }
}

fn campus_app(lang: Lang) -> tui::App {
    let script = evacdrill::plan::bench::campus(7);
    let planned = plan(&script, &PlanOptions::default()).expect("the campus plans");
    let schedule = Schedule {
        releases: planned
            .classes
            .iter()
            .map(|c| PlannedRelease {
                class: c.id.clone(),
                stairwell: c.stairwell.clone(),
                at_ms: (c.release_s * 1000.0) as u64,
                pace_pps: Some(c.pace_pps),
            })
            .collect(),
    };
    let session = Session::new(script, schedule).unwrap();
    let mut app = tui::App::new(
        session,
        lang,
        tui::keymap::Keymap::default(),
        Box::new(Nowhere),
        Box::new(AlternateReplanner),
    );
    let stairs: Vec<_> = app
        .session
        .stairwells()
        .iter()
        .map(|s| s.id.clone())
        .collect();
    for s in stairs {
        app.submit(
            Input::MarshalAtPost {
                stairwell: s,
                name: None,
            },
            DrillTime(0),
        );
    }
    app.submit(
        Input::Start {
            record: StartRecord {
                kind: SessionKind::Drill,
                alarm: "bell".into(),
                conducted_by: "bench".into(),
                staff_on_duty: vec![],
                weather: String::new(),
                conditions_simulated: String::new(),
            },
            override_reason: None,
        },
        DrillTime(0),
    );
    app.tick(DrillTime(120_000));
    app
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("dashboard");
    for (name, lang) in [
        ("frame_200x60_en", Lang::En),
        ("frame_200x60_zh", Lang::ZhCn),
    ] {
        let app = campus_app(lang);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| {
                terminal
                    .draw(|f| f.render_widget(black_box(&app), f.area()))
                    .unwrap();
            });
        });
    }
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);

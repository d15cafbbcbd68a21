//! Rendering the dashboard: a 200-class drill (the generated campus) at
//! 200×60, one whole frame into ratatui's `TestBackend`.
//!
//! `cargo bench --bench dashboard`; figures in docs/performance.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use evacdrill::tui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use evacdrill_core::i18n::Lang;
use evacdrill_core::plan::{PlanOptions, plan};
use evacdrill_core::session::{
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
    let script = evacdrill_testkit::campus(7);
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

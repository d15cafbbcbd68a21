//! Rendering the dashboard: a 200-class drill (the generated campus) at
//! 200×60, one whole frame into ratatui's `TestBackend`.
//!
//! `cargo bench --bench dashboard`; figures in docs/performance.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use evacdrill::tui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use evacdrill::drill::{Drill, MemorySink, SystemWall};
use evacdrill_core::i18n::Lang;
use evacdrill_core::plan::{PlanOptions, plan};
use evacdrill_core::session::{
    AlternateReplanner, DrillTime, Input, Session, SessionKind, StartRecord,
};

/// The campus drill two minutes in, on a dashboard (recording into memory:
/// the frame is what is measured, not the disk).
fn campus(lang: Lang) -> (tui::App, Drill) {
    let script = evacdrill_testkit::campus(7);
    let planned = plan(&script, &PlanOptions::default()).expect("the campus plans");
    let schedule = planned.schedule();
    let session = Session::new(script, schedule).expect("the campus schedule fits");
    let mut drill = Drill::with_sink(
        session,
        Box::new(MemorySink::default()),
        Box::new(AlternateReplanner),
        Box::new(SystemWall),
    );
    let stairs: Vec<_> = drill
        .session()
        .stairwells()
        .iter()
        .map(|s| s.id.clone())
        .collect();
    for s in stairs {
        let _ = drill.apply(
            Input::MarshalAtPost {
                stairwell: s,
                name: None,
            },
            DrillTime(0),
        );
    }
    let _ = drill.apply(
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
    let mut app = tui::App::new(
        &drill,
        lang,
        tui::keymap::Keymap::default(),
        Box::new(AlternateReplanner),
    );
    let ticked = drill.tick(DrillTime(120_000));
    if let Some(applied) = &ticked.applied {
        app.applied(&drill, applied, None);
    }
    app.tick(drill.session(), DrillTime(120_000), false);
    (app, drill)
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("dashboard");
    for (name, lang) in [
        ("frame_200x60_en", Lang::En),
        ("frame_200x60_zh", Lang::ZhCn),
    ] {
        let (app, drill) = campus(lang);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
        group.bench_function(name, |b| {
            b.iter(|| {
                terminal
                    .draw(|f| f.render_widget(black_box(tui::Screen::new(&app, &drill)), f.area()))
                    .expect("a frame");
            });
        });
    }
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);

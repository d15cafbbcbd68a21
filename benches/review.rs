//! Review and report timings: a trend over 1,000 session files (open,
//! replay, review, trend), and one drill's HTML report.
//!
//! Run: `cargo bench --bench review -- --warm-up-time 1 --measurement-time 3`.
//! The figures are in docs/performance.md.

// The binary's store, sample and report modules are included whole, as the
// binary builds them (their test modules' imports too); the benchmark uses
// only part of each.
#![allow(dead_code, unused_imports)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use evacdrill::i18n::Lang;
use evacdrill::review::{Review, trends};
use evacdrill::script::check_str;

// At the crate root, so that their `super::` paths find each other as
// they do inside the binary's `store` and `cli` modules.
#[path = "../src/store/atomic.rs"]
mod atomic;
#[path = "../src/store/journal.rs"]
mod journal;
#[path = "../src/store/record.rs"]
mod record;
#[path = "../src/store/resume.rs"]
mod resume;
#[path = "../src/store/review_source.rs"]
mod review_source;
#[path = "../src/cli/sample.rs"]
mod sample;
#[path = "../src/cli/sample_file.rs"]
mod sample_file;
#[path = "../src/store/session_file.rs"]
mod session_file;
#[path = "../src/store/wall.rs"]
mod wall;

/// What `sample_file.rs` reaches as `crate::store`.
mod store {
    pub(crate) use crate::{atomic, journal, record, resume, session_file};
}

#[path = "../src/report.rs"]
mod report;

use report::{Format, Report, Reviewed};
use sample_file::{WallClock, session_file};

const DEMO: &str = include_str!("../drills/demo.toml");

/// 1,000 session files of the demo school, one a week, from ten sample drills.
fn write_sessions(dir: &std::path::Path) -> Vec<PathBuf> {
    let script = check_str(DEMO)
        .script
        .unwrap_or_else(|| panic!("demo.toml does not check"));
    let samples: Vec<_> = (0..10)
        .map(|v| sample::drill(&script, v).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let start = jiff::civil::date(2020, 1, 6)
        .at(10, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)))
        .unwrap_or_else(|e| panic!("{e}"));
    (0..1000)
        .map(|i| {
            let when = start
                .checked_add(jiff::Span::new().weeks(i64::from(i)))
                .unwrap_or_else(|e| panic!("{e}"));
            let clock = WallClock::new(&when.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
                .unwrap_or_else(|e| panic!("{e}"));
            let file = session_file(&samples[i as usize % 10], "demo.toml", DEMO, &clock);
            let path = dir.join(format!("drill-{i:04}.session.json"));
            let text = serde_json::to_string_pretty(&file).unwrap_or_default();
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
            path
        })
        .collect()
}

fn open_all(paths: &[PathBuf]) -> Vec<Review> {
    let mut loader = review_source::Loader::default();
    paths
        .iter()
        .map(|p| {
            loader
                .load(p)
                .unwrap_or_else(|e| panic!("{}", e.text(Lang::En)))
                .review()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths = write_sessions(dir.path());
    let mut group = c.benchmark_group("review");
    group.sample_size(10);
    group.bench_function("trend_over_1000_session_files", |b| {
        b.iter(|| {
            let reviews = open_all(black_box(&paths));
            black_box(trends(&reviews))
        });
    });
    group.finish();

    let loaded = review_source::Loader::default()
        .load(&paths[0])
        .unwrap_or_else(|e| panic!("{}", e.text(Lang::En)));
    let one = [Reviewed {
        review: loaded.review(),
        script: loaded.session.script().clone(),
    }];
    c.bench_function("html_report_of_one_drill", |b| {
        b.iter(|| Format::Html.render(&Report::new(black_box(&one), Lang::ZhCn)));
    });
    c.bench_function("open_one_session_file", |b| {
        b.iter(|| {
            review_source::Loader::default()
                .load(black_box(&paths[0]))
                .map(|l| l.review())
                .is_ok()
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

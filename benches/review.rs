//! Review and report timings: a trend over 1,000 session files (open,
//! replay, review, trend), and one drill's HTML report.
//!
//! Run: `cargo bench --bench review -- --warm-up-time 1 --measurement-time 3`.
//! The figures are in docs/performance.md.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use evacdrill_core::i18n::Lang;
use evacdrill_core::review::{Review, trends};
use evacdrill_core::script::check_str;

use evacdrill::cli::sample::{self, session_file};
use evacdrill::drill::FixedWall;
use evacdrill::report;
use evacdrill::store::review_source;

use report::{Format, Report, Reviewed};

const DEMO: &str = include_str!("../drills/demo.toml");

/// 1,000 session files of the demo school, one a week, from ten sample drills.
fn write_sessions(dir: &std::path::Path) -> Vec<PathBuf> {
    let script = check_str(DEMO)
        .script
        .unwrap_or_else(|| panic!("demo.toml does not check"));
    let samples: Vec<_> = (0..10)
        .map(|v| sample::rehearsal(&script, v).unwrap_or_else(|e| panic!("{e}")))
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
            let clock = FixedWall::new(&when.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
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

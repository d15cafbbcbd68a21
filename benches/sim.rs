//! Simulator benchmarks (docs/performance.md, "Simulation").
//!
//! One deterministic run of the benchmark campus (200 classes, 8,000 people,
//! four buildings; `benches/campus.toml`, from `tools/gen_campus.py`) under
//! the all-at-once baseline and the one-at-a-time schedule, and one run of
//! B2. The Monte Carlo figure is measured through the CLI, on both cores.
//!
//! ```text
//! cargo bench --bench sim -- --warm-up-time 1 --measurement-time 3
//! ```

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use evacdrill_core::script::{Policy, Script, check_str};
use evacdrill_core::sim::{Record, Variation, all_at_once, one_at_a_time, simulate};

fn script(text: &str) -> Script {
    check_str(text)
        .script
        .expect("the benchmark script is valid")
}

fn bench(c: &mut Criterion) {
    let campus = script(include_str!("campus.toml"));
    let b2 = script(include_str!("../drills/b2.toml"));
    let all = all_at_once(&campus, &[]).expect("schedule");
    let staggered = one_at_a_time(&campus, Policy::Auto, &[]).expect("schedule");
    let b2_all = all_at_once(&b2, &[]).expect("schedule");

    let mut group = c.benchmark_group("sim");
    group.sample_size(20);
    group.bench_function("campus_all_at_once", |b| {
        b.iter(|| {
            simulate(
                black_box(&campus),
                &all,
                &Variation::NONE,
                0,
                Record::Summary,
            )
        });
    });
    group.bench_function("campus_one_at_a_time", |b| {
        b.iter(|| {
            simulate(
                black_box(&campus),
                &staggered,
                &Variation::NONE,
                0,
                Record::Summary,
            )
        });
    });
    group.bench_function("campus_all_at_once_realistic", |b| {
        b.iter(|| {
            simulate(
                black_box(&campus),
                &all,
                &Variation::realistic(),
                7,
                Record::Summary,
            )
        });
    });
    group.bench_function("b2_all_at_once", |b| {
        b.iter(|| {
            simulate(
                black_box(&b2),
                &b2_all,
                &Variation::NONE,
                0,
                Record::Summary,
            )
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

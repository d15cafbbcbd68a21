//! Checking drill scripts: parse and validate the shipped drills.
//!
//! `cargo bench --bench check`; figures in docs/performance.md.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    for (name, text) in [
        ("demo", include_str!("../drills/demo.toml")),
        ("b2", include_str!("../drills/b2.toml")),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| evacdrill_core::script::check(black_box(text.as_bytes())));
        });
    }
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);

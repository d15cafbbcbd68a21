//! Planning time for the benchmark drills and a generated campus.
//!
//! ```text
//! cargo bench --bench plan -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! `robust/…` is `plan` as the command runs it: the plan judged by 200
//! simulated drills with its control, on both cores (the shell's runner).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use evacdrill::cli::parallel::Parallel;
use evacdrill_core::plan::robust::plan_robust;
use evacdrill_core::plan::{PlanOptions, plan, simple};
use evacdrill_core::script::{Script, check_str};
use evacdrill_testkit::campus;

fn drill(text: &str) -> Script {
    check_str(text)
        .script
        .unwrap_or_else(|| panic!("benchmark drill does not check"))
}

fn planning(c: &mut Criterion) {
    let opts = PlanOptions::default();
    let drills = [
        ("b1", drill(include_str!("../drills/b1.toml"))),
        ("b2", drill(include_str!("../drills/b2.toml"))),
        ("campus-200-classes", campus(1)),
    ];
    for (name, script) in &drills {
        c.bench_function(&format!("plan/{name}"), |b| {
            b.iter(|| plan(black_box(script), black_box(&opts)));
        });
    }
    for (name, script) in &drills {
        c.bench_function(&format!("simple/{name}"), |b| {
            b.iter(|| simple::predicted_end(black_box(script), black_box(&opts)));
        });
    }
}

fn robust(c: &mut Criterion) {
    let opts = PlanOptions::default();
    let runner = Parallel::all_cores();
    let mut group = c.benchmark_group("robust");
    group.sample_size(10);
    for (name, script) in [
        ("b1", drill(include_str!("../drills/b1.toml"))),
        ("demo", drill(include_str!("../drills/demo.toml"))),
        (
            "secondary-school",
            drill(include_str!("../drills/secondary-school.toml")),
        ),
        ("campus-200-classes", campus(1)),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| plan_robust(black_box(&script), black_box(&opts), &runner));
        });
    }
    group.finish();
}

criterion_group!(benches, planning, robust);
criterion_main!(benches);

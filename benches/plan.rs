//! Planning time for the benchmark drills and a generated campus.
//!
//! ```text
//! cargo bench --bench plan -- --warm-up-time 1 --measurement-time 3
//! ```

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
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

criterion_group!(benches, planning);
criterion_main!(benches);

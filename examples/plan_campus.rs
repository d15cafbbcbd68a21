//! Plans the generated campus (200 classes, 8,000 people, 4 buildings) N
//! times: a fixed load for profilers and for measuring CPU time on a shared
//! machine, where criterion's wall-clock medians include waiting for a core.
//!
//! ```text
//! cargo build --release --example plan_campus
//! /usr/bin/time -f "%U s user" target/release/examples/plan_campus 20
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let campus = evacdrill_testkit::campus(1);
    let opts = evacdrill_core::plan::PlanOptions::default();
    let mut end = 0.0;
    for _ in 0..n {
        match evacdrill_core::plan::plan(&campus, &opts) {
            Ok(p) => end = p.predicted_end_s,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{n} plans of the campus; predicted end {end:.1} s");
    ExitCode::SUCCESS
}

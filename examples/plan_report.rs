//! Prints, for each shipped benchmark drill, the lower bounds, the plan, the
//! simple reservation planner and the baselines, with their ratios to the
//! safe bound: the figures recorded in docs/performance.md.
//!
//! ```text
//! cargo run --release --example plan_report
//! ```

use std::process::ExitCode;

use evacdrill_core::plan::{PlanOptions, plan, simple};
use evacdrill_core::script;

fn main() -> ExitCode {
    let mut failed = false;
    println!(
        "{:<10} {:>8} {:>8} {:>8} {:>6} {:>8} {:>6} {:>7} {:>8} {:>6} {:>8} {:>6} {:>8} {:>6}",
        "drill",
        "LB s",
        "phys s",
        "plan s",
        "ratio",
        "simple",
        "ratio",
        "gain",
        "all@1",
        "ratio",
        "queue",
        "peak",
        "by grade",
        "ratio"
    );
    let mut drills: Vec<(String, script::Script)> = Vec::new();
    for path in ["drills/b1.toml", "drills/b2.toml"] {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e} (run from the repository root)");
                return ExitCode::FAILURE;
            }
        };
        if let Some(s) = script::check(&bytes).script {
            drills.push((path.trim_start_matches("drills/").into(), s));
        } else {
            eprintln!("{path}: not a valid script (see `evacdrill check {path}`)");
            failed = true;
        }
    }
    drills.push(("campus-1".into(), evacdrill_testkit::campus(1)));
    for (name, s) in &drills {
        let opts = PlanOptions::default();
        let (p, simple_end) = match (plan(s, &opts), simple::predicted_end(s, &opts)) {
            (Ok(p), Ok(e)) => (p, e.0),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("{name}: {e}");
                failed = true;
                continue;
            }
        };
        let lb = p.lower_bound_s;
        let b = &p.baselines;
        println!(
            "{:<10} {:>8.1} {:>8.1} {:>8.1} {:>6.3} {:>8.1} {:>6.3} {:>6.1}% {:>8.1} {:>6.3} {:>8} {:>6.2} {:>8.1} {:>6.3}",
            name,
            lb,
            p.physical_lower_bound_s,
            p.predicted_end_s,
            p.ratio,
            simple_end,
            simple_end / lb,
            (1.0 - p.predicted_end_s / simple_end) * 100.0,
            b.all_at_once.predicted_end_s,
            b.all_at_once.ratio,
            b.all_at_once.peak_queue,
            b.all_at_once.peak_density_ppm2,
            b.sequential_by_grade.predicted_end_s,
            b.sequential_by_grade.ratio,
        );
        for st in &p.stairwells {
            println!(
                "    {:<6} people {:>5}  clear {:>7.1}  own bound {:>7.1}  peak {:.2} p/m²",
                st.id.0, st.people, st.predicted_clear_s, st.lower_bound_s, st.peak_density_ppm2
            );
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

//! The simple reservation planner of docs/flow-model.md, kept as the
//! yardstick the real planner is measured against (tests, benchmarks,
//! docs/performance.md), never as output.
//!
//! One pace for every class of a stairwell, the best of a few orders, each
//! class at its earliest release that keeps every node within capacity and
//! keeps merging streams apart (no floor stream ever meets a stair stream).

use super::ledger::{Ledger, floor_pace};
use super::problem::Problem;
use super::{PlanError, PlanOptions};
use crate::script::Script;
use crate::units::Seconds;

/// When the last person is out under the simple reservation planner.
pub fn predicted_end(script: &Script, opts: &PlanOptions) -> Result<Seconds, PlanError> {
    let problem = Problem::new(script, opts)?;
    let mut end: f64 = 0.0;
    let mut buf = Vec::new();
    for (s, stair) in problem.stairs.iter().enumerate() {
        let members: Vec<usize> = (0..problem.routes.len())
            .filter(|&i| problem.routes[i].stair == s)
            .collect();
        if members.is_empty() {
            continue;
        }
        let r = |i: usize| &problem.routes[i];
        let fastest = members
            .iter()
            .map(|&i| r(i).max_pace)
            .fold(f64::INFINITY, f64::min);
        let slowest = members.iter().map(|&i| r(i).min_pace).fold(0.0, f64::max);
        let mut paces: Vec<f64> = [1.0, 2.0, 3.0]
            .iter()
            .map(|n| floor_pace(stair.capacity / n).min(fastest))
            .filter(|&p| p >= slowest)
            .collect();
        if paces.is_empty() {
            paces.push(fastest);
        }
        let sorted = |f: &dyn Fn(usize, usize) -> std::cmp::Ordering| {
            let mut v = members.clone();
            v.sort_by(|&a, &b| f(a, b).then(a.cmp(&b)));
            v
        };
        let orders = [
            sorted(&|a, b| r(b).top.cmp(&r(a).top)),
            sorted(&|a, b| r(a).top.cmp(&r(b).top)),
            sorted(&|a, b| r(a).offsets[0].total_cmp(&r(b).offsets[0])),
            members.clone(),
        ];
        let mut best = f64::INFINITY;
        for p in &paces {
            for order in &orders {
                let mut ledger = Ledger::new(stair.caps.clone(), 0.0);
                let mut last: f64 = 0.0;
                for &i in order {
                    let route = r(i);
                    let (release, pace) = route.fixed.unwrap_or_else(|| {
                        (ledger.earliest(route, *p, route.earliest, &mut buf), *p)
                    });
                    ledger.book(route, release, pace);
                    last = last.max(route.out(release, pace));
                }
                best = best.min(last);
            }
        }
        end = end.max(best);
    }
    Ok(Seconds(end))
}

//! Properties of plans over generated buildings, checked independently of
//! the planner's own bookkeeping: the streams are rebuilt from the plan's
//! releases and paces with the flow model's travel times, and every stair
//! node is sampled on a fine time grid.

use evacdrill_core::flow::bound::{Capacity, node_capacities};
use evacdrill_core::flow::{Travel, lower_bound, stair_capacity};
use evacdrill_core::plan::{MIN_PACE, Plan, PlanError, PlanOptions, plan};
use evacdrill_core::script::{Gate, Policy, Script};
use evacdrill_testkit::{random_building, with_waves};
use proptest::prelude::*;

/// One class's stream at one node: `[start, end)` at `pace`, entering from
/// its own floor or coming down the stair.
struct Stream {
    stair: usize,
    node: usize,
    start: f64,
    end: f64,
    pace: f64,
    floor: bool,
}

fn streams(script: &Script, p: &Plan) -> Vec<Stream> {
    let mut out = Vec::new();
    for c in &p.classes {
        let class = script.class(&c.id).expect("planned class exists");
        let s = script
            .stairwells
            .iter()
            .position(|s| s.id == c.stairwell)
            .expect("planned stairwell exists");
        let travel = Travel::of(script, class, &script.stairwells[s]);
        let d = f64::from(class.headcount) / c.pace_pps;
        // The stair's nodes (the foot is 0) for stair users only.
        for j in (0..=travel.storeys).filter(|_| travel.storeys > 0) {
            let start = c.release_s + travel.to_node(j).0;
            out.push(Stream {
                stair: s,
                node: j as usize,
                start,
                end: start + d,
                pace: c.pace_pps,
                floor: j == travel.storeys,
            });
        }
        // The exit door, after the exit walk, for everyone; a floor stream
        // for the exit floor's classes.
        let start = c.release_s + travel.total().0;
        out.push(Stream {
            stair: s,
            node: DOOR,
            start,
            end: start + d,
            pace: c.pace_pps,
            floor: travel.storeys == 0,
        });
    }
    out
}

/// The exit door's node in [`Stream::node`].
const DOOR: usize = usize::MAX;

/// Samples every node every 0.05 s and returns the first broken limit.
fn first_violation(script: &Script, p: &Plan) -> Option<String> {
    let all = streams(script, p);
    let end = all.iter().map(|s| s.end).fold(0.0, f64::max);
    for s in 0..script.stairwells.len() {
        if !all.iter().any(|x| x.stair == s) {
            continue;
        }
        let top = all
            .iter()
            .filter(|x| x.stair == s && x.node != DOOR)
            .map(|x| x.node)
            .max()
            .unwrap_or(0);
        let caps = node_capacities(script, s, top as u32, Capacity::Safe);
        let door = caps.len() - 1;
        for (j, &cap) in caps.iter().enumerate() {
            let j = if j == door { DOOR } else { j };
            let here: Vec<&Stream> = all.iter().filter(|x| x.stair == s && x.node == j).collect();
            let mut t = 0.0;
            while t <= end {
                let live = here
                    .iter()
                    .filter(|x| x.start + 1e-6 < t && t < x.end - 1e-6);
                let (mut flow, mut floor, mut stair) = (0.0, false, false);
                for x in live {
                    flow += x.pace;
                    floor |= x.floor;
                    stair |= !x.floor;
                }
                let limit = if floor && stair {
                    script.safety.merge_factor * cap
                } else {
                    cap
                };
                if flow > limit + 1e-6 {
                    return Some(format!(
                        "stairwell {} node {j} at {t:.2} s: {flow:.3} p/s > {limit:.3} (merge: {})",
                        script.stairwells[s].id,
                        floor && stair
                    ));
                }
                t += 0.05;
            }
        }
    }
    None
}

fn released_once(script: &Script, p: &Plan) -> bool {
    p.classes.len() == script.classes.len()
        && script
            .classes
            .iter()
            .all(|c| p.classes.iter().filter(|k| k.id == c.id).count() == 1)
}

fn policy_respected(script: &Script, p: &Plan, policy: Policy) -> bool {
    let key = |id| {
        let c = script.class(id).expect("class");
        match policy {
            Policy::Auto => 0,
            Policy::FloorAscending => i64::from(c.floor),
            Policy::GradeAscending => i64::from(c.grade),
            Policy::GradeDescending => -i64::from(c.grade),
        }
    };
    p.classes.iter().all(|a| {
        p.classes
            .iter()
            .all(|b| key(&a.id) >= key(&b.id) || a.release_s <= b.release_s + 1e-9)
    })
}

/// At a `gate = "clear"` stairwell, each release group waits for the
/// previous group's last person to step onto the stair, plus the delay.
fn gate_respected(script: &Script, p: &Plan) -> bool {
    for (s, stairwell) in script.stairwells.iter().enumerate() {
        if stairwell.gate != Gate::Clear {
            continue;
        }
        let mine: Vec<_> = p
            .classes
            .iter()
            .filter(|c| c.stairwell == stairwell.id)
            .collect();
        let mut releases: Vec<f64> = mine.iter().map(|c| c.release_s).collect();
        releases.sort_by(f64::total_cmp);
        releases.dedup();
        for w in releases.windows(2) {
            let passed = mine
                .iter()
                .filter(|c| (c.release_s - w[0]).abs() < 1e-9)
                .map(|c| {
                    let class = script.class(&c.id).expect("class");
                    let travel = Travel::of(script, class, &script.stairwells[s]);
                    c.release_s
                        + travel.to_node(travel.storeys).0
                        + f64::from(class.headcount) / c.pace_pps
                })
                .fold(0.0, f64::max);
            if w[1] + 1e-6 < passed + script.drill.confirm_delay.0 {
                return false;
            }
        }
    }
    true
}

const POLICIES: [Policy; 4] = [
    Policy::Auto,
    Policy::FloorAscending,
    Policy::GradeAscending,
    Policy::GradeDescending,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn plans_keep_every_limit(seed in any::<u64>(), which in 0usize..4) {
        let script = random_building(seed);
        let policy = POLICIES[which];
        let opts = PlanOptions { policy: Some(policy), ..PlanOptions::default() };
        let p = plan(&script, &opts).expect("a generated building can be planned");
        prop_assert!(released_once(&script, &p));
        prop_assert!(p.violations.is_empty());
        prop_assert_eq!(first_violation(&script, &p), None);
        prop_assert!(policy_respected(&script, &p, policy));
        prop_assert!(gate_respected(&script, &p));
        let bound = lower_bound(&script, &script.classes.iter().enumerate().map(|(i, c)| {
            evacdrill_core::flow::Demand {
                class: i,
                stair: script.stairwells.iter().position(|s| s.id == c.stairwell).unwrap_or(0),
                earliest: script.readiness(c),
            }
        }).collect::<Vec<_>>());
        prop_assert!(p.predicted_end_s >= bound.safe.0 - 0.05,
            "end {} below the bound {}", p.predicted_end_s, bound.safe.0);
        prop_assert!(p.predicted_end_s >= p.lower_bound_s - 0.05);
        prop_assert!(p.lower_bound_s >= p.physical_lower_bound_s - 0.05 || p.physical_lower_bound_s > 0.0);
        for c in &p.classes {
            prop_assert!(c.pace_pps > 0.0 && c.release_s >= 0.0);
        }
    }

    #[test]
    fn waves_go_in_order_and_together(seed in any::<u64>(), waves in 1usize..5) {
        let script = with_waves(random_building(seed), waves);
        let p = match plan(&script, &PlanOptions::default()) {
            Ok(p) => p,
            Err(PlanError::WaveTooLarge { wave, stairwell, .. }) => {
                // Only when the wave's classes on that stairwell cannot share
                // it even at the slowest pace within the merge rule.
                let s = script.stairwell(&stairwell).expect("stairwell");
                let k = script.waves[wave - 1].classes.iter()
                    .filter(|id| script.class(id).is_some_and(|c| c.stairwell == stairwell))
                    .count();
                let cap = node_capacities(&script, script.stairwells.iter().position(|x| x.id == s.id).unwrap_or(0), 0, Capacity::Safe)[0]
                    .min(stair_capacity(s, &script.safety).0);
                prop_assert!(k as f64 * MIN_PACE > script.safety.merge_factor * cap + 1e-9,
                    "wave {} with {} classes on {} called too large", wave, k, stairwell);
                return Ok(());
            }
            Err(e) => return Err(TestCaseError::fail(format!("{e}"))),
        };
        prop_assert!(released_once(&script, &p));
        prop_assert_eq!(first_violation(&script, &p), None);
        prop_assert!(gate_respected(&script, &p));
        let mut previous = 0.0;
        for wave in &script.waves {
            let times: Vec<f64> = p.classes.iter()
                .filter(|c| wave.classes.contains(&c.id))
                .map(|c| c.release_s)
                .collect();
            prop_assert_eq!(times.len(), wave.classes.len());
            prop_assert!(times.iter().all(|&t| (t - times[0]).abs() < 1e-9));
            prop_assert!(times[0] >= previous - 1e-9);
            previous = times[0];
        }
    }

    #[test]
    fn blocking_a_stairwell_moves_its_classes(seed in any::<u64>()) {
        let script = random_building(seed);
        prop_assume!(script.stairwells.len() > 1);
        let blocked = script.stairwells[0].id.clone();
        let opts = PlanOptions { blocked: vec![blocked.clone()], ..PlanOptions::default() };
        let p = plan(&script, &opts).expect("every class has an alternate");
        prop_assert!(p.classes.iter().all(|c| c.stairwell != blocked));
        prop_assert!(released_once(&script, &p));
        prop_assert_eq!(first_violation(&script, &p), None);
    }

    #[test]
    fn the_same_script_gives_the_same_json(seed in any::<u64>()) {
        let script = random_building(seed);
        let a = serde_json::to_string(&plan(&script, &PlanOptions::default()).expect("plan")).expect("json");
        let b = serde_json::to_string(&plan(&script, &PlanOptions::default()).expect("plan")).expect("json");
        prop_assert_eq!(a, b);
    }
}

#[test]
fn the_checker_sees_an_unsafe_plan() {
    let script = evacdrill_core::script::check_str(include_str!("../drills/b1.toml"))
        .script
        .expect("b1 checks");
    let mut p = plan(&script, &PlanOptions::default()).expect("b1 plans");
    assert_eq!(first_violation(&script, &p), None);
    // Everyone at the alarm at the door rate: the unmanaged drill.
    for c in &mut p.classes {
        c.release_s = 0.0;
        c.pace_pps = 0.78;
    }
    assert!(first_violation(&script, &p).is_some());
}

//! The simulation report: a summary for people, JSON for tools.

use serde::Serialize;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::sim::{SimText, location};
use evacdrill_core::i18n::width::{Align, table};
use evacdrill_core::script::{Policy, Script, StairwellId};
use evacdrill_core::sim::{MonteCarloReport, Outcome, Percentiles, Risk};

use super::chart::{self, Limits};

/// Width the text report keeps within.
const COLUMNS: usize = 80;

/// What the report is about.
pub struct Context<'a> {
    pub file: &'a str,
    pub script: &'a Script,
    pub plan: &'static str,
    pub plan_label: String,
    pub policy: Policy,
    pub blocked: &'a [StairwellId],
    pub lang: Lang,
}

/// The stairwell whose clear time is latest at P50 (the first such).
fn critical(report: &MonteCarloReport) -> Option<&StairwellId> {
    report
        .stairwells
        .iter()
        .filter_map(|s| s.clear.map(|c| (&s.stairwell, c.p50)))
        .fold(
            None,
            |best: Option<(&StairwellId, f64)>, (id, t)| match best {
                Some((_, b)) if b >= t => best,
                _ => Some((id, t)),
            },
        )
        .map(|(id, _)| id)
}

fn s1(v: f64) -> String {
    format!("{v:.1}")
}

/// The report for people.
pub fn text(ctx: &Context<'_>, once: &Outcome, report: &MonteCarloReport) -> String {
    let lang = ctx.lang;
    let t = |m: SimText| m.text(lang);
    let exit_floor = ctx.script.building.exit_floor;
    let mut out = heading(ctx, once, report);
    out.push('\n');
    out.push_str(&t(SimText::Times));
    out.push('\n');
    out.push_str(&times_table(ctx, once, report));
    out.push('\n');
    out.push_str(&t(SimText::Stairwells));
    out.push('\n');
    out.push_str(&stairwell_table(ctx, once));
    out.push('\n');
    for risk in [&report.over_max, &report.over_red] {
        out.push_str(&risk_text(risk, report.runs, exit_floor, lang));
    }
    if let (Some(id), Some(series)) = (critical(report), &once.series) {
        out.push('\n');
        out.push_str(&t(SimText::Critical { id: id.0.clone() }));
        out.push('\n');
        let limits = Limits {
            max: ctx.script.safety.max_density.0,
            red: ctx.script.safety.red_flag_density.0,
        };
        out.push_str(&chart::render(
            series, id, once.end.0, limits, exit_floor, lang, COLUMNS,
        ));
    }
    out
}

/// The title, the plan simulated, the blocked stairwells, the end without
/// variation and how often the target is met.
fn heading(ctx: &Context<'_>, once: &Outcome, report: &MonteCarloReport) -> String {
    let t = |m: SimText| m.text(ctx.lang);
    let mut out = String::new();
    out.push_str(&t(SimText::Title {
        name: ctx.script.drill.name.clone(),
        runs: report.runs,
        seed: report.seed,
    }));
    out.push('\n');
    out.push_str(&t(SimText::Plan {
        plan: ctx.plan_label.clone(),
    }));
    out.push('\n');
    if !ctx.blocked.is_empty() {
        let ids: Vec<&str> = ctx.blocked.iter().map(|b| b.0.as_str()).collect();
        out.push_str(&t(SimText::Blocked {
            ids: ids.join(", "),
        }));
        out.push('\n');
    }
    out.push_str(&t(SimText::Deterministic {
        seconds: once.end.0,
    }));
    out.push('\n');
    if let (Some(target), Some(met)) = (ctx.script.drill.target, report.target_met) {
        out.push_str(&t(SimText::Target {
            seconds: target.0,
            share: 100.0 * met,
        }));
        out.push('\n');
    }

    out
}

/// All out and each stairwell clear: without variation, and the
/// percentiles over the runs.
fn times_table(ctx: &Context<'_>, once: &Outcome, report: &MonteCarloReport) -> String {
    let t = |m: SimText| m.text(ctx.lang);
    let header = [
        SimText::ColWhat,
        SimText::ColNoVariation,
        SimText::ColP50,
        SimText::ColP90,
        SimText::ColP99,
    ]
    .map(t);
    let align = [
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
    ];
    let row = |label: String, fixed: Option<f64>, p: Option<Percentiles>| {
        let dash = || "—".to_owned();
        vec![
            label,
            fixed.map_or_else(dash, s1),
            p.map_or_else(dash, |p| s1(p.p50)),
            p.map_or_else(dash, |p| s1(p.p90)),
            p.map_or_else(dash, |p| s1(p.p99)),
        ]
    };
    let mut rows = vec![row(t(SimText::AllOut), Some(once.end.0), Some(report.end))];
    for (spread, fixed) in report.stairwells.iter().zip(&once.stairwells) {
        rows.push(row(
            t(SimText::StairClear {
                id: spread.stairwell.0.clone(),
            }),
            fixed.clear.map(|c| c.0),
            spread.clear,
        ));
    }
    table(&header, &align, &rows)
}

/// Each stairwell's people and its peak density: when, where and with what
/// queue; a peak at or over the red flag is marked.
fn stairwell_table(ctx: &Context<'_>, once: &Outcome) -> String {
    let lang = ctx.lang;
    let t = |m: SimText| m.text(lang);
    let exit_floor = ctx.script.building.exit_floor;
    let header = [
        SimText::ColStairwell,
        SimText::ColPeople,
        SimText::ColPeak,
        SimText::ColAt,
        SimText::ColQueue,
        SimText::ColWhere,
    ]
    .map(t);
    let align = [
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
    ];
    let rows: Vec<Vec<String>> = once
        .stairwells
        .iter()
        .map(|s| {
            if s.people == 0 {
                return vec![
                    s.stairwell.0.clone(),
                    "0".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    t(SimText::Unused),
                ];
            }
            let mut peak = format!("{:.2}", s.peak_density.0);
            if s.peak_density.0 >= ctx.script.safety.red_flag_density.0 {
                peak = format!("{peak} !");
            }
            vec![
                s.stairwell.0.clone(),
                s.people.to_string(),
                peak,
                format!("{:.0}", s.peak_at.0),
                format!("{:.0}", s.peak_queue),
                s.peak_location.as_ref().map_or_else(String::new, |l| {
                    evacdrill_core::i18n::sim::place(&l.kind, exit_floor, lang)
                }),
            ]
        })
        .collect();
    table(&header, &align, &rows)
}

fn risk_text(risk: &Risk, runs: u32, exit_floor: i32, lang: Lang) -> String {
    let mut out = String::new();
    match risk.first_at {
        None => out.push_str(
            &SimText::RiskNone {
                limit: risk.limit.0,
                runs,
            }
            .text(lang),
        ),
        Some(first) => {
            out.push_str(
                &SimText::Risk {
                    limit: risk.limit.0,
                    share: 100.0 * risk.probability,
                    first: first.p50,
                }
                .text(lang),
            );
            for place in &risk.places {
                out.push('\n');
                out.push_str(
                    &SimText::RiskPlace {
                        place: location(&place.location, exit_floor, lang),
                        share: 100.0 * place.probability,
                        first: place.first_at.p50,
                    }
                    .text(lang),
                );
            }
        }
    }
    out.push('\n');
    out
}

/// The report for tools.
#[derive(Serialize)]
struct Json<'a> {
    schema: u32,
    script: &'a str,
    plan: &'static str,
    policy: &'static str,
    blocked: &'a [StairwellId],
    critical_stairwell: Option<&'a StairwellId>,
    deterministic: &'a Outcome,
    monte_carlo: &'a MonteCarloReport,
}

/// The report for tools, pretty-printed.
pub fn json(ctx: &Context<'_>, once: &Outcome, report: &MonteCarloReport) -> String {
    let doc = Json {
        schema: 1,
        script: ctx.file,
        plan: ctx.plan,
        policy: ctx.policy.name(),
        blocked: ctx.blocked,
        critical_stairwell: critical(report),
        deterministic: once,
        monte_carlo: report,
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

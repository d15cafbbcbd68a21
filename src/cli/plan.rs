//! `evacdrill plan SCRIPT`: the staggered release plan, its bound, the
//! baselines, the critical stairwell and the red flags.

use std::path::Path;
use std::process::ExitCode;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::plan::{FlagText, PlanText};
use evacdrill_core::i18n::width::{Align, table};
use evacdrill_core::plan::robust::{self, Control, RiskReport, RobustError};
use evacdrill_core::plan::{
    Baseline, Comparison, Critical, Plan, PlanError, PlanOptions, RedFlag, SAME_TIME,
};
use evacdrill_core::script::{Policy, Script, StairwellId};

use super::diagnostics::render;
use crate::store::script_file;

/// How `plan` reports.
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum Format {
    /// Tables for people.
    #[default]
    Text,
    /// The plan as JSON (docs/design.md, "Plan"), for tools.
    Json,
}

/// Parses a `--policy` value: the one value parser of `plan`, `simulate`
/// and `run`.
pub fn parse_policy(s: &str) -> Result<Policy, String> {
    Policy::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Policy::ALL.iter().map(|(n, _)| *n).collect();
        format!("`{s}` is not a policy; use one of {}", names.join(", "))
    })
}

/// Plans the script at `path`: exit 0 with a plan, 1 when the script or the
/// plan fails, 2 when a `--blocked` stairwell does not exist.
pub fn run(
    path: &Path,
    format: Format,
    blocked: Vec<String>,
    policy: Option<Policy>,
    lang: Lang,
) -> ExitCode {
    let file = path.display().to_string();
    let checked = script_file::load(path);
    let color = super::stderr_color();
    if checked.has_errors() {
        for d in &checked.diagnostics {
            eprintln!("{}", render(&file, &checked.source, d, lang, color));
        }
        return ExitCode::from(1);
    }
    let Some(script) = checked.script else {
        return ExitCode::from(1);
    };
    let opts = PlanOptions {
        policy,
        blocked: blocked.into_iter().map(StairwellId).collect(),
        ..PlanOptions::default()
    };
    match robust::plan_robust(&script, &opts, &super::parallel::Parallel::all_cores()) {
        Ok(p) => {
            match format {
                Format::Json => {
                    let text = serde_json::to_string_pretty(&p).unwrap_or_default();
                    super::print(&format!("{text}\n"));
                }
                Format::Text => super::print(&report(&script, &p, lang)),
            }
            ExitCode::SUCCESS
        }
        Err(RobustError::Plan(e)) => {
            eprintln!("{file}: {}", e.message().text(lang));
            if let Some(h) = e.hint() {
                eprintln!("  {}", h.text(lang));
            }
            match e {
                PlanError::UnknownStairwell { .. } => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
        Err(RobustError::Sim(e)) => {
            eprintln!("{file}: {e}");
            ExitCode::from(1)
        }
    }
}

/// The plan for people: a table per stairwell, the totals, the baselines,
/// the critical stairwell and the red flags.
#[must_use]
pub fn report(script: &Script, p: &Plan, lang: Lang) -> String {
    let mut out = String::new();
    heading(&mut out, script, p, lang);
    stairwells(&mut out, script, p, lang);
    out.push('\n');
    totals(&mut out, p, lang);
    out.push('\n');
    line(&mut out, &PlanText::Baselines.text(lang));
    out.push_str(&baseline_table(p, lang));
    staggering(&mut out, p, lang);
    out.push('\n');
    if let Some(c) = &p.critical {
        critical(&mut out, c, lang);
    }
    out.push('\n');
    if let Some(r) = &p.risk {
        robustness(&mut out, script, r, lang);
        out.push('\n');
    }
    let over = p.risk.as_ref().filter(|r| !r.within_limit);
    if p.red_flags.is_empty() && over.is_none() {
        line(&mut out, &PlanText::NoRedFlags.text(lang));
    } else {
        line(&mut out, &PlanText::RedFlags.text(lang));
        if let Some(r) = over {
            line(&mut out, &format!("  ! {}", risk_over(script, r, lang)));
        }
        for f in &p.red_flags {
            let f = flag(f, script.building.exit_floor, lang);
            line(&mut out, &format!("  ! {}", f.text(lang)));
        }
    }
    out
}

/// The plan judged under variation: its risk, its control and what that
/// costs (docs/flow-model.md, *Robustness*).
fn robustness(out: &mut String, script: &Script, r: &RiskReport, lang: Lang) {
    let t = |m: PlanText| m.text(lang);
    line(
        out,
        &t(PlanText::Robustness {
            runs: r.runs,
            seed: r.seed,
        }),
    );
    line(
        out,
        &format!(
            "  {}",
            t(PlanText::Risk {
                share: r.share_over_limit * 100.0,
                density: script.safety.max_density.0,
                limit: r.limit * 100.0,
            })
        ),
    );
    let ids = |v: &[StairwellId]| {
        v.iter()
            .map(|s| s.0.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let before = r.uncontrolled_share * 100.0;
    let control = match &r.control {
        Control::None => t(PlanText::ControlNone),
        Control::Metering { stairwells } => t(PlanText::ControlMetering {
            ids: ids(stairwells),
            before,
        }),
        Control::Gap {
            stairwells,
            seconds,
        } => t(PlanText::ControlGap {
            ids: ids(stairwells),
            seconds: *seconds,
            cost: r.cost_s,
            before,
        }),
        Control::Pace {
            stairwells,
            share,
            seconds,
        } => t(PlanText::ControlPace {
            ids: ids(stairwells),
            share: share * 100.0,
            seconds: *seconds,
            cost: r.cost_s,
            before,
        }),
    };
    let control = match (&r.control, r.within_limit) {
        (_, true) => control,
        (Control::None, false) => t(PlanText::ControlFailed),
        (_, false) => format!("{control} {}", t(PlanText::ControlNotEnough)),
    };
    line(out, &format!("  {control}"));
    line(
        out,
        &format!(
            "  {}",
            t(PlanText::RiskMedian {
                seconds: r.p50_end_s,
                before: r.uncontrolled_p50_end_s,
            })
        ),
    );
}

/// The red flag of a plan whose risk stays above the limit.
fn risk_over(script: &Script, r: &RiskReport, lang: Lang) -> String {
    let place = r.places.first().map_or_else(String::new, |p| {
        evacdrill_core::i18n::sim::location(&p.location, script.building.exit_floor, lang)
    });
    PlanText::RiskOver {
        share: r.share_over_limit * 100.0,
        limit: r.limit * 100.0,
        place,
    }
    .text(lang)
}

fn line(out: &mut String, s: &str) {
    out.push_str(s);
    out.push('\n');
}

/// The title (policy or waves), the blocked stairwells and the "not
/// before" of a re-plan.
fn heading(out: &mut String, script: &Script, p: &Plan, lang: Lang) {
    let t = |m: PlanText| m.text(lang);
    if script.waves.is_empty() {
        line(
            out,
            &t(PlanText::Title {
                name: script.drill.name.clone(),
                policy: t(match p.policy {
                    Policy::Auto => PlanText::PolicyAuto,
                    Policy::FloorAscending => PlanText::PolicyFloorAscending,
                    Policy::GradeAscending => PlanText::PolicyGradeAscending,
                    Policy::GradeDescending => PlanText::PolicyGradeDescending,
                }),
            }),
        );
    } else {
        line(
            out,
            &t(PlanText::TitleWaves {
                name: script.drill.name.clone(),
                waves: script.waves.len(),
            }),
        );
    }
    if !p.blocked.is_empty() {
        let ids: Vec<&str> = p.blocked.iter().map(|b| b.0.as_str()).collect();
        line(
            out,
            &t(PlanText::Blocked {
                ids: ids.join(", "),
            }),
        );
    }
    if p.not_before_s > 0.0 {
        line(
            out,
            &t(PlanText::NotBefore {
                seconds: p.not_before_s,
            }),
        );
    }
}

/// Each stairwell: blocked, unused, or its figures and its classes.
fn stairwells(out: &mut String, script: &Script, p: &Plan, lang: Lang) {
    let t = |m: PlanText| m.text(lang);
    for s in &p.stairwells {
        out.push('\n');
        if s.blocked {
            line(out, &t(PlanText::StairwellBlocked { id: s.id.0.clone() }));
            continue;
        }
        if s.classes == 0 {
            line(out, &t(PlanText::StairwellUnused { id: s.id.0.clone() }));
            continue;
        }
        line(
            out,
            &t(PlanText::Stairwell {
                id: s.id.0.clone(),
                capacity: s.capacity_pps,
                people: s.people,
                clear: s.predicted_clear_s,
                density: s.peak_density_ppm2,
            }),
        );
        out.push_str(&class_table(script, p, &s.id, lang));
    }
}

/// The predicted end against the bounds, and the violations if any.
fn totals(out: &mut String, p: &Plan, lang: Lang) {
    let t = |m: PlanText| m.text(lang);
    line(out, &t(PlanText::Totals));
    line(
        out,
        &t(PlanText::End {
            seconds: p.predicted_end_s,
        }),
    );
    line(
        out,
        &t(PlanText::Bound {
            seconds: p.lower_bound_s,
            ratio: p.ratio,
        }),
    );
    line(
        out,
        &t(PlanText::Physical {
            seconds: p.physical_lower_bound_s,
        }),
    );
    if !p.violations.is_empty() {
        line(
            out,
            &t(PlanText::Violations {
                count: p.violations.len(),
            }),
        );
    }
}

/// The critical stairwell, and the moves that would shorten the drill.
fn critical(out: &mut String, c: &Critical, lang: Lang) {
    let t = |m: PlanText| m.text(lang);
    line(
        out,
        &t(PlanText::Critical {
            id: c.stairwell.0.clone(),
            people: c.people,
            capacity: c.capacity_pps,
            seconds: c.at_capacity_s,
            bound: c.lower_bound_s,
        }),
    );
    match &c.advice {
        Some(a) => {
            let moves: Vec<String> = a
                .moves
                .iter()
                .map(|m| {
                    t(PlanText::MoveOne {
                        class: m.class.0.clone(),
                        to: m.to.0.clone(),
                    })
                })
                .collect();
            line(
                out,
                &t(PlanText::Advice {
                    moves: moves.join(&t(PlanText::And)),
                    saves: a.saves_s,
                    bound: a.lower_bound_s,
                    end: a.predicted_end_s,
                    sooner: a.sooner_s,
                }),
            );
        }
        None => line(out, &t(PlanText::NoAdvice)),
    }
}

fn class_table(script: &Script, p: &Plan, stairwell: &StairwellId, lang: Lang) -> String {
    let t = |m: PlanText| m.text(lang);
    let header = [
        PlanText::ColRelease,
        PlanText::ColClass,
        PlanText::ColName,
        PlanText::ColFloor,
        PlanText::ColPeople,
        PlanText::ColPace,
        PlanText::ColAtStair,
        PlanText::ColOut,
        PlanText::ColNote,
    ]
    .map(t);
    let align = [
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
    ];
    let rows: Vec<Vec<String>> = p
        .classes
        .iter()
        .filter(|c| &c.stairwell == stairwell)
        .map(|c| {
            let mut notes = Vec::new();
            if let Some(w) = c.wave {
                notes.push(t(PlanText::NoteWave { wave: w }));
            }
            if c.alternate {
                notes.push(t(PlanText::NoteAlternate));
            }
            if c.fixed {
                notes.push(t(PlanText::NoteFixed));
            }
            vec![
                format!("{:.1}", c.release_s),
                c.id.0.clone(),
                script
                    .class(&c.id)
                    .map(|k| k.name.clone())
                    .unwrap_or_default(),
                c.floor.to_string(),
                c.people.to_string(),
                format!("{:.2}", c.pace_pps),
                format!("{:.1}", c.at_stair_s),
                format!("{:.1}", c.predicted_out_s),
                notes.join(", "),
            ]
        })
        .collect();
    table(&header, &align, &rows)
}

/// The plan beside the baselines: its end is the planner's, its queue and
/// density (like every baseline's figures) the simulator's.
fn baseline_table(p: &Plan, lang: Lang) -> String {
    let t = |m: PlanText| m.text(lang);
    let header = [
        PlanText::ColBaseline,
        PlanText::ColEnd,
        PlanText::ColRatio,
        PlanText::ColQueue,
        PlanText::ColDensity,
    ]
    .map(t);
    let b = &p.baselines;
    let row = |name: String, end: f64, ratio: f64, queue: u32, density: f64| {
        vec![
            name,
            format!("{end:.1}"),
            format!("{ratio:.3}"),
            queue.to_string(),
            format!("{density:.2}"),
        ]
    };
    let ours = &p.staggering.plan;
    let baseline = |name: PlanText, b: &Baseline| {
        row(
            t(name),
            b.predicted_end_s,
            b.ratio,
            b.peak_queue,
            b.peak_density_ppm2,
        )
    };
    let rows = vec![
        row(
            t(PlanText::PlanRow),
            p.predicted_end_s,
            p.ratio,
            ours.peak_queue,
            ours.peak_density_ppm2,
        ),
        baseline(PlanText::AllAtOnce, &b.all_at_once),
        baseline(PlanText::ByGrade, &b.sequential_by_grade),
    ];
    table(
        &header,
        &[
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
        ],
        &rows,
    )
}

/// What staggering costs and buys, against each baseline, in one sentence
/// each.
fn staggering(out: &mut String, p: &Plan, lang: Lang) {
    let s = &p.staggering;
    for (against, c) in [
        (PlanText::AgainstAllAtOnce, &s.all_at_once),
        (PlanText::AgainstByGrade, &s.sequential_by_grade),
    ] {
        line(out, &sentence(&against, c, s.plan.peak_queue, lang));
    }
}

/// "Staggering costs +X s against … and keeps Y people off the stairs and
/// landings (peak density A → B p/m²)", or the saving and the extra queue
/// when those are what the figures say.
fn sentence(against: &PlanText, c: &Comparison, ours: u32, lang: Lang) -> String {
    let time = if c.cost_s > SAME_TIME {
        PlanText::Costs { seconds: c.cost_s }
    } else if c.cost_s < -SAME_TIME {
        PlanText::Saves { seconds: -c.cost_s }
    } else {
        PlanText::SameTime
    };
    let crowd = match c.kept_off {
        0 if ours == 0 => PlanText::NoQueue,
        0 => PlanText::StandsAsMany { people: ours },
        n if n > 0 => PlanText::KeepsOff { people: n },
        n => PlanText::StandsMore { people: -n },
    };
    PlanText::Staggering {
        time: time.text(lang),
        against: against.text(lang),
        crowd: crowd.text(lang),
        before: c.peak_density_before_ppm2,
        after: c.peak_density_after_ppm2,
    }
    .text(lang)
}

fn flag(f: &RedFlag, exit_floor: i32, lang: Lang) -> FlagText {
    match f {
        RedFlag::OverTarget {
            predicted_end_s,
            target_s,
        } => FlagText::OverTarget {
            end: *predicted_end_s,
            target: *target_s,
        },
        RedFlag::Density {
            stairwell,
            density_ppm2,
        } => FlagText::Density {
            id: stairwell.0.clone(),
            density: *density_ppm2,
        },
        RedFlag::UnmanagedCrowding {
            stairwell,
            place,
            queue,
            density_ppm2,
            ..
        } => FlagText::Unmanaged {
            id: stairwell.0.clone(),
            place: evacdrill_core::i18n::sim::place(place, exit_floor, lang),
            queue: *queue,
            density: *density_ppm2,
        },
        RedFlag::GateWithoutMarshal { stairwell } => FlagText::GateWithoutMarshal {
            id: stairwell.0.clone(),
        },
        RedFlag::NoAlternate { stairwell, classes } => FlagText::NoAlternate {
            id: stairwell.0.clone(),
            classes: classes
                .iter()
                .map(|c| c.0.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        },
    }
}

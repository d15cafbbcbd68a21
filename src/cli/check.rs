//! `evacdrill check SCRIPT...`: validate scripts and summarise them.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use evacdrill_core::flow;
use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::ui::CheckText;
use evacdrill_core::i18n::width::{Align, table};
use evacdrill_core::script::{Checked, Gate, Script};

use super::diagnostics::{JsonDiagnostic, render};
use crate::store::script_file;

/// How `check` reports.
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with source lines on stderr, a summary on stdout.
    #[default]
    Text,
    /// Every diagnostic as a JSON array on stdout, for editors and tools.
    Json,
}

/// Checks every script; exit 1 when any has an error.
#[must_use]
pub fn run(paths: &[PathBuf], format: Format, lang: Lang) -> ExitCode {
    let mut failed = false;
    let mut json = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let file = path.display().to_string();
        let checked = script_file::load(path);
        failed |= checked.has_errors();
        match format {
            Format::Json => json.extend(
                checked
                    .diagnostics
                    .iter()
                    .map(|d| JsonDiagnostic::new(&file, &checked.source, d, lang)),
            ),
            Format::Text => {
                if i > 0 {
                    super::print("\n");
                }
                report_text(&file, &checked, lang);
            }
        }
    }
    if let Format::Json = format {
        let text = serde_json::to_string_pretty(&json).unwrap_or_default();
        super::print(&format!("{text}\n"));
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn report_text(file: &str, checked: &Checked, lang: Lang) {
    let color = super::stderr_color();
    for d in &checked.diagnostics {
        eprintln!("{}", render(file, &checked.source, d, lang, color));
    }
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = checked.diagnostics.len() - errors;
    match &checked.script {
        Some(script) => {
            super::print(&summary(file, script, lang));
            if warnings > 0 {
                eprintln!("{}", CheckText::WarningsOnly { warnings }.text(lang));
            }
        }
        None => eprintln!(
            "{}",
            CheckText::Invalid {
                file: file.to_owned(),
                errors,
                warnings
            }
            .text(lang)
        ),
    }
}

/// The summary of a valid script: building, stairwells, people by grade.
#[must_use]
pub fn summary(file: &str, script: &Script, lang: Lang) -> String {
    let mut out = overview(file, script, lang);
    out.push('\n');
    out.push_str(&CheckText::Stairwells.text(lang));
    out.push('\n');
    out.push_str(&stairwell_table(script, lang));
    out.push('\n');
    out.push_str(&CheckText::ByGrade.text(lang));
    out.push('\n');
    out.push_str(&grade_table(script, lang));
    out.push('\n');
    out.push_str(
        &CheckText::Total {
            classes: script.classes.len(),
            people: script.people(),
        }
        .text(lang),
    );
    out.push('\n');
    out
}

/// The script's name, building, target, checklist and waves, a line each.
fn overview(file: &str, script: &Script, lang: Lang) -> String {
    let t = |m: CheckText| m.text(lang);
    let mut out = String::new();
    out.push_str(&t(CheckText::Valid {
        file: file.to_owned(),
        name: script.drill.name.clone(),
    }));
    out.push('\n');
    out.push_str(&t(CheckText::Building {
        name: script.building.name.clone(),
        exit_floor: script.building.exit_floor,
        height: script.building.storey_height.0,
    }));
    out.push('\n');
    out.push_str(&match script.drill.target {
        Some(s) => t(CheckText::Target { seconds: s.0 }),
        None => t(CheckText::NoTarget),
    });
    out.push('\n');
    if !script.drill.checklist.is_empty() {
        out.push_str(&t(CheckText::Checklist {
            count: script.drill.checklist.len(),
        }));
        out.push('\n');
    }
    if !script.waves.is_empty() {
        out.push_str(&t(CheckText::Waves {
            count: script.waves.len(),
        }));
        out.push('\n');
    }
    out
}

/// One row per stairwell: widths, capacity, gate, marshal, its classes and
/// people.
fn stairwell_table(script: &Script, lang: Lang) -> String {
    let t = |m: CheckText| m.text(lang);
    let header = [
        CheckText::ColId,
        CheckText::ColName,
        CheckText::ColWidth,
        CheckText::ColEffective,
        CheckText::ColCapacity,
        CheckText::ColGate,
        CheckText::ColMarshal,
        CheckText::ColClasses,
        CheckText::ColPeople,
    ]
    .map(t);
    let align = [
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Right,
    ];
    let rows: Vec<Vec<String>> = script
        .stairwells
        .iter()
        .map(|s| {
            let classes: Vec<_> = script
                .classes
                .iter()
                .filter(|c| c.stairwell == s.id)
                .collect();
            vec![
                s.id.0.clone(),
                s.name.clone(),
                format!("{:.2}", s.width.0),
                format!("{:.2}", s.effective_width().0),
                format!("{:.2}", flow::stair_capacity(s, &script.safety).0),
                t(match s.gate {
                    Gate::Time => CheckText::GateTime,
                    Gate::Clear => CheckText::GateClear,
                }),
                s.marshal.clone().unwrap_or_else(|| t(CheckText::NoMarshal)),
                classes.len().to_string(),
                classes.iter().map(|c| c.headcount).sum::<u32>().to_string(),
            ]
        })
        .collect();
    table(&header, &align, &rows)
}

/// One row per grade: its classes and people.
fn grade_table(script: &Script, lang: Lang) -> String {
    let mut by_grade: BTreeMap<u8, (usize, u32)> = BTreeMap::new();
    for c in &script.classes {
        let e = by_grade.entry(c.grade).or_default();
        e.0 += 1;
        e.1 += c.headcount;
    }
    let header = [
        CheckText::ColGrade,
        CheckText::ColClasses,
        CheckText::ColPeople,
    ]
    .map(|m| m.text(lang));
    let rows: Vec<Vec<String>> = by_grade
        .iter()
        .map(|(g, (n, p))| vec![g.to_string(), n.to_string(), p.to_string()])
        .collect();
    table(&header, &[Align::Right, Align::Right, Align::Right], &rows)
}

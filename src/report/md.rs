//! The Markdown report, for pasting into the committee's minutes: the same
//! sections as the HTML report, tables in GitHub-flavoured Markdown, no chart.

use std::fmt::Write as _;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::ReviewText as T;
use evacdrill_core::review::Trend;

use super::tables::{self, Table};
use super::{Report, Reviewed};

/// The report as Markdown text.
#[must_use]
pub fn render(report: &Report<'_>) -> String {
    let lang = report.lang;
    let mut out = String::new();
    for s in report.sessions {
        session(&mut out, s, lang);
    }
    for trend in &report.trends {
        trend_section(&mut out, trend, lang);
    }
    let _ = writeln!(
        out,
        "_{}_",
        cell(
            &T::Generated {
                generator: report.generator.clone()
            }
            .text(lang)
        )
    );
    out
}

/// A cell's text with what would break a Markdown table escaped.
#[must_use]
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let header: Vec<String> = t.header.iter().map(|h| cell(h)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let rule: Vec<&str> = t
        .numeric
        .iter()
        .map(|&n| if n { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

fn session(out: &mut String, s: &Reviewed, lang: Lang) {
    let r = &s.review;
    let _ = writeln!(
        out,
        "# {}\n",
        cell(
            &T::ReportTitle {
                drill: r.drill_name.clone()
            }
            .text(lang)
        )
    );
    let _ = writeln!(out, "## {}\n", T::DrillRecord.text(lang));
    let _ = writeln!(out, "| | |\n|---|---|");
    for (label, value) in tables::record(r, lang) {
        let _ = writeln!(out, "| **{}** | {} |", cell(&label), cell(&value));
    }
    out.push('\n');
    let _ = writeln!(out, "## {}\n", T::Stairwells.text(lang));
    table(out, &tables::stairwells(r, lang));
    let _ = writeln!(out, "## {}\n", T::Classes.text(lang));
    table(out, &tables::classes(r, lang));
    let _ = writeln!(out, "## {}\n", T::ProblemsAndActions.text(lang));
    if r.problems.is_empty() {
        let _ = writeln!(out, "{}\n", T::NoProblems.text(lang));
    } else {
        let (cats, places) = tables::problem_counts(r, lang);
        let list = |v: Vec<(String, usize)>| {
            v.into_iter()
                .map(|(k, n)| format!("{} {n}", cell(&k)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(out, "- **{}**: {}", T::ByCategory.text(lang), list(cats));
        let _ = writeln!(out, "- **{}**: {}\n", T::ByPlace.text(lang), list(places));
        table(out, &tables::problems(r, lang));
        if r.problem_counts.withdrawn > 0 {
            let _ = writeln!(out, "_{}_\n", T::WithdrawnNote.text(lang));
        }
    }
}

fn trend_section(out: &mut String, trend: &Trend, lang: Lang) {
    let _ = writeln!(out, "# {}\n", T::TrendAcross.text(lang));
    let _ = writeln!(
        out,
        "{}\n\n{}\n",
        cell(
            &T::TrendOf {
                school: trend.school.clone(),
                count: trend.points.len()
            }
            .text(lang)
        ),
        T::TargetSummary {
            met: trend.target_met,
            missed: trend.target_missed
        }
        .text(lang)
    );
    table(out, &tables::trend_points(trend, lang));
    table(out, &tables::trend_figures(trend, lang));
}

//! The HTML report: one self-contained file (inline CSS and SVG, no script,
//! no font or image from elsewhere) that reads on screen and prints on A4.
//!
//! Print layout: `@page` A4 with 14 mm margins; the drill record fills the
//! first page, and each later section starts a page of its own
//! (`break-before: page`); table header rows repeat on every page and a row
//! is never split across pages. Every piece of user text is escaped.

use std::fmt::Write as _;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::ReviewText as T;
use evacdrill_core::review::{Review, TargetOutcome, Trend, mmss};

use super::tables::{self, Table};
use super::{Report, Reviewed, svg};

const STYLE: &str = r#"
:root { --ink: #1d2430; --muted: #5b6472; --line: #d5d9e0; --accent: #2f6db5; --bad: #c0392b; --good: #1e8449; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; color: var(--ink);
  font: 14px/1.45 "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 22px 0 8px; padding-bottom: 3px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 14px; margin: 14px 0 6px; }
.sub { color: var(--muted); margin: 0 0 12px; }
.headline { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 180px; }
.figure .label { color: var(--muted); font-size: 12px; }
.figure .value { font-size: 22px; font-weight: 600; }
.met { color: var(--good); } .missed { color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 12px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.kv th { width: 34%; }
tr.withdrawn td { color: var(--muted); text-decoration: line-through; }
svg.chart { width: 100%; height: auto; display: block; margin: 6px 0 10px; }
ul.counts { margin: 4px 0 10px; padding-left: 20px; }
footer { color: var(--muted); font-size: 11px; margin-top: 24px; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  section.page, article + article { break-before: page; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, .figure, svg.chart { break-inside: avoid; }
  th { background: #eef1f5 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg.chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// `s` with the five characters HTML gives meaning to escaped.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The report as one HTML document.
#[must_use]
pub fn render(report: &Report<'_>) -> String {
    let lang = report.lang;
    let title = report.sessions.first().map_or_else(
        || T::Title.text(lang),
        |s| {
            T::ReportTitle {
                drill: s.review.drill_name.clone(),
            }
            .text(lang)
        },
    );
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.tag(),
        escape(&title)
    );
    for s in report.sessions {
        session(&mut out, s, lang);
    }
    for trend in &report.trends {
        trend_section(&mut out, trend, lang);
    }
    let _ = write!(
        out,
        "<footer>{}</footer>\n</body>\n</html>\n",
        escape(
            &T::Generated {
                generator: report.generator.clone()
            }
            .text(lang)
        )
    );
    out
}

fn table(out: &mut String, t: &Table, withdrawn: &[bool]) {
    out.push_str("<table>\n<thead><tr>");
    for (h, &num) in t.header.iter().zip(&t.numeric) {
        let class = if num { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, row) in t.rows.iter().enumerate() {
        let class = if withdrawn.get(i).copied().unwrap_or(false) {
            " class=\"withdrawn\""
        } else {
            ""
        };
        let _ = write!(out, "<tr{class}>");
        for (cell, &num) in row.iter().zip(&t.numeric) {
            let class = if num { " class=\"num\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn figure(out: &mut String, label: &str, value: &str, class: &str) {
    let _ = write!(
        out,
        "<div class=\"figure\"><div class=\"label\">{}</div><div class=\"value {class}\">{}</div></div>",
        escape(label),
        escape(value)
    );
}

/// One session's report: its heading, the headline figures, the drill
/// record, the timeline, stairwells and classes, and the problems.
fn session(out: &mut String, s: &Reviewed, lang: Lang) {
    let r = &s.review;
    out.push_str("<article>\n<header>\n");
    let _ = write!(
        out,
        "<h1>{}</h1>\n<p class=\"sub\">{}</p>\n</header>\n",
        escape(
            &T::ReportTitle {
                drill: r.drill_name.clone()
            }
            .text(lang)
        ),
        escape(&format!(
            "{} · {}",
            r.building,
            r.started_wall
                .as_deref()
                .map_or_else(|| T::Dash.text(lang), tables::wall_text)
        ))
    );
    headline(out, r, lang);
    drill_record(out, r, lang);
    let _ = write!(
        out,
        "<section class=\"page\">\n<h2>{}</h2>\n{}\n<h2>{}</h2>\n",
        escape(&T::TabTimeline.text(lang)),
        svg::timeline(r, lang),
        escape(&T::Stairwells.text(lang))
    );
    table(out, &tables::stairwells(r, lang), &[]);
    out.push_str("</section>\n");
    let _ = write!(
        out,
        "<section class=\"page\">\n<h2>{}</h2>\n",
        escape(&T::Classes.text(lang))
    );
    table(out, &tables::classes(r, lang), &[]);
    out.push_str("</section>\n");
    problems(out, r, lang);
    out.push_str("</article>\n");
}

/// The four figures at the top: evacuation and accounting times, the
/// target, the problems found.
fn headline(out: &mut String, r: &Review, lang: Lang) {
    out.push_str("<div class=\"headline\">");
    let not_reached = T::NotReached.text(lang);
    figure(
        out,
        &T::EvacuationTime.text(lang),
        &r.timing.evacuation_ms.map_or(not_reached.clone(), mmss),
        match r.timing.target {
            TargetOutcome::Met { .. } => "met",
            TargetOutcome::Missed { .. } | TargetOutcome::NotReached => "missed",
            TargetOutcome::NoTarget => "",
        },
    );
    figure(
        out,
        &T::AccountingTime.text(lang),
        &r.timing.accounting_ms.map_or(not_reached, mmss),
        "",
    );
    figure(
        out,
        &T::Target.text(lang),
        &evacdrill_core::i18n::review::target(r.timing.target, r.timing.target_ms, lang),
        "",
    );
    figure(
        out,
        &T::ProblemsFound.text(lang),
        &r.problem_counts.total.to_string(),
        "",
    );
    out.push_str("</div>\n");
}

fn drill_record(out: &mut String, r: &Review, lang: Lang) {
    let _ = write!(
        out,
        "<section>\n<h2>{}</h2>\n<table class=\"kv\">\n<tbody>\n",
        escape(&T::DrillRecord.text(lang))
    );
    for (label, value) in tables::record(r, lang) {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(&label),
            escape(&value)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// The problems section: counts by category and place, then the table,
/// withdrawn entries marked.
fn problems(out: &mut String, r: &Review, lang: Lang) {
    let _ = write!(
        out,
        "<section class=\"page\">\n<h2>{}</h2>\n",
        escape(&T::ProblemsAndActions.text(lang))
    );
    if r.problems.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(&T::NoProblems.text(lang)));
    } else {
        let (cats, places) = tables::problem_counts(r, lang);
        for (label, counts) in [(T::ByCategory, cats), (T::ByPlace, places)] {
            let list: Vec<String> = counts
                .iter()
                .map(|(k, n)| format!("{} {n}", escape(k)))
                .collect();
            let _ = writeln!(
                out,
                "<p><strong>{}:</strong> {}</p>",
                escape(&label.text(lang)),
                list.join(", ")
            );
        }
        let withdrawn: Vec<bool> = r.problems.iter().map(|p| p.withdrawn).collect();
        table(out, &tables::problems(r, lang), &withdrawn);
        if r.problem_counts.withdrawn > 0 {
            let _ = writeln!(
                out,
                "<p class=\"sub\">{}</p>",
                escape(&T::WithdrawnNote.text(lang))
            );
        }
    }
    out.push_str("</section>\n");
}

fn trend_section(out: &mut String, trend: &Trend, lang: Lang) {
    let _ = write!(
        out,
        "<section class=\"page\">\n<h2>{}</h2>\n<p>{} — {}</p>\n{}\n",
        escape(&T::TrendAcross.text(lang)),
        escape(
            &T::TrendOf {
                school: trend.school.clone(),
                count: trend.points.len()
            }
            .text(lang)
        ),
        escape(
            &T::TargetSummary {
                met: trend.target_met,
                missed: trend.target_missed
            }
            .text(lang)
        ),
        svg::trend(trend, lang)
    );
    table(out, &tables::trend_points(trend, lang), &[]);
    table(out, &tables::trend_figures(trend, lang), &[]);
    out.push_str("</section>\n");
}

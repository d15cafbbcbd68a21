//! The text tabs (Summary, Classes, Problems, Events, Trend) as lines, from
//! the same tables the reports print.

use std::fmt::Write as _;

use evacdrill_core::i18n::review::{self as words, ReviewText as T};
use evacdrill_core::i18n::width::{Align, pad_right, table, width};
use evacdrill_core::review::{Figure, mmss};
use ratatui::text::{Line, Span};

use super::{App, Tab};
use crate::report::tables::{self, Table};
use crate::tui::theme;

/// How many lines the current tab has (what scrolling is bounded by).
#[must_use]
pub fn line_count(app: &App) -> usize {
    match app.tab {
        Tab::Timeline => super::gantt::line_count(&app.session().review),
        _ => lines(app).len(),
    }
}

/// The lines of the current text tab.
#[must_use]
pub fn lines(app: &App) -> Vec<Line<'static>> {
    match app.tab {
        Tab::Summary => summary(app),
        Tab::Timeline => Vec::new(),
        Tab::Classes => text_table(&tables::classes(&app.session().review, app.lang)),
        Tab::Problems => problems(app),
        Tab::Events => events(app),
        Tab::Trend => trend(app),
    }
}

fn heading(text: String) -> Line<'static> {
    Line::from(text).style(theme::current().heading)
}

fn text_table(t: &Table) -> Vec<Line<'static>> {
    let align: Vec<Align> = t
        .numeric
        .iter()
        .map(|&n| if n { Align::Right } else { Align::Left })
        .collect();
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| evacdrill_core::i18n::width::truncate(c, 40))
                .collect()
        })
        .collect();
    table(&t.header, &align, &rows)
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let line = Line::from(l.to_owned());
            if i < 2 {
                line.patch_style(theme::current().emphasis)
            } else {
                line
            }
        })
        .collect()
}

fn summary(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    let r = &app.session().review;
    let record = tables::record(r, lang);
    let label_w = record.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let mut out = vec![heading(T::DrillRecord.text(lang))];
    for (k, v) in record {
        out.push(Line::from(vec![
            Span::styled(pad_right(&k, label_w), theme::current().label),
            Span::raw("  "),
            Span::raw(v),
        ]));
    }
    out.push(Line::default());
    out.push(heading(T::Stairwells.text(lang)));
    out.extend(text_table(&tables::stairwells(r, lang)));
    out
}

fn problems(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    let r = &app.session().review;
    if r.problems.is_empty() {
        return vec![Line::from(T::NoProblems.text(lang))];
    }
    let (cats, places) = tables::problem_counts(r, lang);
    let list = |v: Vec<(String, usize)>| {
        v.into_iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let mut out = vec![
        Line::from(format!("{}: {}", T::ByCategory.text(lang), list(cats))),
        Line::from(format!("{}: {}", T::ByPlace.text(lang), list(places))),
        Line::default(),
    ];
    let t = tables::problems(r, lang);
    let mut body = text_table(&t);
    for (i, p) in r.problems.iter().enumerate() {
        if p.withdrawn
            && let Some(line) = body.get_mut(i + 2)
        {
            *line = line.clone().style(theme::current().withdrawn);
        }
    }
    out.extend(body);
    if r.problem_counts.withdrawn > 0 {
        out.push(Line::default());
        out.push(Line::from(T::WithdrawnNote.text(lang)).patch_style(theme::current().note));
    }
    out
}

/// One line of text per event, as the Events tab shows it (also what the
/// search looks in).
fn event_texts(app: &App) -> Vec<String> {
    let s = app.session();
    s.review
        .events
        .iter()
        .map(|e| {
            let mut text = format!(
                "#{:<4} {:>6}  {}",
                e.seq,
                mmss(e.drill_ms),
                evacdrill_core::i18n::session::event(&e.event, &s.script, app.lang)
            );
            if e.withdrawn {
                let _ = write!(text, "  [{}]", T::Withdrawn.text(app.lang));
            } else if let Some(by) = e.corrected_by {
                let _ = write!(text, "  [{}]", T::CorrectedBy { seq: by }.text(app.lang));
            }
            text
        })
        .collect()
}

/// Indices of the events whose line contains `query` (case-insensitive).
#[must_use]
pub fn event_hits(app: &App, query: &str) -> Vec<usize> {
    let q = query.to_lowercase();
    event_texts(app)
        .iter()
        .enumerate()
        .filter(|(_, t)| t.to_lowercase().contains(&q))
        .map(|(i, _)| i)
        .collect()
}

fn events(app: &App) -> Vec<Line<'static>> {
    let current = app.search.as_ref().and_then(|s| s.hits.get(s.at).copied());
    let hits: &[usize] = app.search.as_ref().map_or(&[], |s| &s.hits);
    let entries = &app.session().review.events;
    let th = theme::current();
    event_texts(app)
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let mut style = th.plain;
            if entries[i].withdrawn {
                style = style.patch(th.withdrawn);
            }
            if Some(i) == current {
                style = style.patch(th.selected);
            } else if hits.contains(&i) {
                style = style.patch(th.search_hit);
            }
            Line::from(text).style(style)
        })
        .collect()
}

/// A little bar chart of evacuation times, one column per drill.
fn bars(values: &[Option<u64>], target: Option<u64>) -> Vec<Line<'static>> {
    const H: usize = 6;
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let top = values
        .iter()
        .flatten()
        .copied()
        .chain(target)
        .max()
        .unwrap_or(1)
        .max(1);
    let eighths = |v: u64| (v * (H as u64) * 8).div_ceil(top) as usize;
    let th = theme::current();
    (0..H)
        .rev()
        .map(|row| {
            let spans: Vec<Span<'static>> = values
                .iter()
                .map(|v| {
                    let e = v.map_or(0, eighths);
                    let cell = e.saturating_sub(row * 8).min(8);
                    let c = if cell == 0 { ' ' } else { BLOCKS[cell - 1] };
                    let over = matches!((v, target), (Some(v), Some(t)) if v > &t);
                    Span::styled(format!(" {c}{c} "), if over { th.bar_over } else { th.bar })
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

fn trend(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    let Some(trend) = app
        .trends
        .iter()
        .find(|t| t.points.iter().any(|p| p.index == app.current))
        .filter(|t| t.points.len() > 1)
    else {
        return vec![Line::from(T::TrendNeedsMore.text(lang))];
    };
    let mut out = vec![
        heading(
            T::TrendOf {
                school: trend.school.clone(),
                count: trend.points.len(),
            }
            .text(lang),
        ),
        Line::from(
            T::TargetSummary {
                met: trend.target_met,
                missed: trend.target_missed,
            }
            .text(lang),
        ),
        Line::default(),
        Line::from(words::figure(Figure::EvacuationTime, lang))
            .patch_style(theme::current().emphasis),
    ];
    let values: Vec<Option<u64>> = trend.points.iter().map(|p| p.evacuation_ms).collect();
    out.extend(bars(&values, trend.points.iter().find_map(|p| p.target_ms)));
    let labels = (1..=trend.points.len()).fold(String::new(), |mut s, i| {
        let _ = write!(s, "{i:^4}");
        s
    });
    out.push(Line::from(labels).patch_style(theme::current().label));
    out.push(Line::default());
    let mut points = tables::trend_points(trend, lang);
    for (i, row) in points.rows.iter_mut().enumerate() {
        row[0] = format!("{}. {}", i + 1, row[0]);
    }
    out.extend(text_table(&points));
    out.push(Line::default());
    out.extend(text_table(&tables::trend_figures(trend, lang)));
    out
}

//! The Timeline tab: a Gantt chart drawn with Unicode into the buffer.
//!
//! ```text
//!              0:00      0:30      1:00      1:30
//!              ┬─────────┬─────────┬─────────┬───────
//! A East       ┄┄████████ 1-1 ░░░░░┄┄┄┄██████ 2-1  ┆
//!                        ████████ 1-2          ▼   ┆
//! B West       ██████ 1-3                          ┆
//! ┄ plan  █ actual  ░ held  ░ congestion  ░ no marshal  ░ blocked  ▼ problem  ┆ target
//! ```
//!
//! One block of lines per stairwell, one line per lane; the plan is a
//! dashed ghost (`┄`) behind the actual bar (`█`, `▒` while not out);
//! holds shade the stairwell's lines (`░`, coloured by reason); problems are
//! `▼` on the stairwell's first line. The axis and the legend stay put;
//! the stairwells scroll.

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::{self as words, ReviewText as T};
use evacdrill_core::i18n::width::{truncate, width};
use evacdrill_core::review::{HoldReason, Review, TimelineRow, mmss};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use crate::tui::theme;

/// Columns for the stairwell's label.
const LABEL: u16 = 13;

/// Lines the chart scrolls over: one per lane of every stairwell.
#[must_use]
pub fn line_count(r: &Review) -> usize {
    r.timeline.rows.iter().map(|row| row.lanes).sum::<usize>()
}

/// The chart of one review, scrolled down by `scroll` lines.
pub struct Gantt<'a> {
    pub review: &'a Review,
    pub lang: Lang,
    pub scroll: usize,
}

fn put(buf: &mut Buffer, x: u16, y: u16, c: char, style: Style) {
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_char(c).set_style(style);
    }
}

fn symbol_at(buf: &Buffer, x: u16, y: u16) -> Option<String> {
    buf.cell((x, y)).map(|c| c.symbol().to_owned())
}

/// Where a time falls on the chart: the axis from 0 to `end` milliseconds
/// spread over `cols` columns from `x0`.
#[derive(Clone, Copy)]
struct Scale {
    x0: u16,
    cols: u64,
    end: u64,
}

impl Scale {
    /// The scale of `review` in `area`: to the end of the drill or the
    /// target, whichever is later.
    fn new(review: &Review, area: Rect) -> Self {
        let end = review
            .timeline
            .end_ms
            .max(review.timing.target_ms.unwrap_or(0))
            .max(1);
        Self {
            x0: area.x + LABEL,
            cols: u64::from(area.width - LABEL - 1),
            end,
        }
    }

    /// The column of `ms`; times past the end go to the last column.
    fn col(self, ms: u64) -> u16 {
        self.x0 + (ms.min(self.end) * self.cols / self.end) as u16
    }
}

impl Widget for Gantt<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width <= LABEL + 10 || area.height < 4 {
            return;
        }
        let scale = Scale::new(self.review, area);
        axis(scale, area, buf);
        self.stairwells(scale, area, buf);
        let th = theme::current();
        for m in &self.review.timeline.general {
            put(buf, scale.col(m.at_ms), area.y + 1, '▼', th.marker);
        }
        self.legend(area, buf);
    }
}

/// The time labels and the ruler under them, ticked at the coarsest step
/// that leaves room for every label.
fn axis(scale: Scale, area: Rect, buf: &mut Buffer) {
    let th = theme::current();
    let end = scale.end;
    let step = [5u64, 10, 15, 30, 60, 120, 300, 600, 1800]
        .iter()
        .map(|s| s * 1000)
        .find(|s| end / s * 8 <= scale.cols)
        .unwrap_or(3_600_000);
    for col in scale.x0..area.right() {
        put(buf, col, area.y + 1, '─', th.label);
    }
    let mut t = 0;
    while t <= end {
        let label = mmss(t);
        let xt = scale.col(t);
        if xt + width(&label) as u16 <= area.right() {
            buf.set_string(xt, area.y, &label, th.label);
        }
        put(buf, xt, area.y + 1, '┬', th.label);
        t += step;
    }
}

/// The holds of `row`, shading the whole line.
fn holds(scale: Scale, right: u16, row: &TimelineRow, y: u16, buf: &mut Buffer) {
    let th = theme::current();
    for h in &row.holds {
        let style = th.hold(h.reason);
        for col in scale.col(h.from_ms)..=scale.col(h.to_ms).min(right - 1) {
            put(buf, col, y, '░', style);
        }
    }
}

/// Class names after their bars, only where they cover nothing.
fn bar_names(right: u16, labels: Vec<(u16, &str)>, y: u16, buf: &mut Buffer) {
    let th = theme::current();
    for (label_at, id) in labels {
        let fits = (label_at..=label_at + width(id) as u16)
            .all(|col| col < right && matches!(symbol_at(buf, col, y).as_deref(), Some(" " | "░")));
        if fits {
            buf.set_string(label_at + 1, y, id, th.chart_label);
        }
    }
}

impl Gantt<'_> {
    /// One block of lines per stairwell, one line per lane, scrolled.
    fn stairwells(&self, scale: Scale, area: Rect, buf: &mut Buffer) {
        let body_top = area.y + 2;
        let body_h = area.height.saturating_sub(3);
        let mut line = 0usize;
        for row in &self.review.timeline.rows {
            for lane in 0..row.lanes {
                let virtual_line = line;
                line += 1;
                let Some(y) = virtual_line
                    .checked_sub(self.scroll)
                    .and_then(|l| u16::try_from(l).ok())
                    .filter(|l| *l < body_h)
                    .map(|l| body_top + l)
                else {
                    continue;
                };
                self.lane(scale, area, row, lane, y, buf);
            }
        }
    }

    /// Line `y`, lane `lane` of `row`: label and problems on the first lane,
    /// holds, bars and their names, and the target line where it is free.
    fn lane(
        &self,
        scale: Scale,
        area: Rect,
        row: &TimelineRow,
        lane: usize,
        y: u16,
        buf: &mut Buffer,
    ) {
        let th = theme::current();
        if lane == 0 {
            self.label(area.x, row, y, buf);
        }
        holds(scale, area.right(), row, y, buf);
        let labels = self.bars(scale, row, lane, y, buf);
        bar_names(area.right(), labels, y, buf);
        if lane == 0 {
            for m in &row.markers {
                put(buf, scale.col(m.at_ms), y, '▼', th.marker);
            }
        }
        if let Some(target) = self.review.timing.target_ms {
            let xt = scale.col(target);
            if symbol_at(buf, xt, y).as_deref() == Some(" ") {
                put(buf, xt, y, '┆', th.marker);
            }
        }
    }

    /// The stairwell's id and name, the name left out when it is the id.
    fn label(&self, x: u16, row: &TimelineRow, y: u16, buf: &mut Buffer) {
        let name = self
            .review
            .stairwells
            .iter()
            .find(|s| s.summary.id == row.stairwell)
            .map_or_else(String::new, |s| s.name.clone());
        let label = if name.is_empty() || name == row.stairwell.0 {
            row.stairwell.0.clone()
        } else {
            format!("{} {name}", row.stairwell)
        };
        buf.set_string(
            x,
            y,
            truncate(&label, usize::from(LABEL - 1)),
            theme::current().chart_label,
        );
    }

    /// The plan ghosts and actual bars of one lane; returns where each
    /// class's name would go.
    fn bars<'r>(
        &'r self,
        scale: Scale,
        row: &'r TimelineRow,
        lane: usize,
        y: u16,
        buf: &mut Buffer,
    ) -> Vec<(u16, &'r str)> {
        let th = theme::current();
        let mine: Vec<_> = row.bars.iter().filter(|b| b.lane == lane).collect();
        let mut labels = Vec::with_capacity(mine.len());
        for bar in &mine {
            for col in scale.col(bar.planned_ms)..=scale.col(bar.planned_end_ms) {
                put(buf, col, y, '┄', th.plan);
            }
            let mut label_at = scale.col(bar.planned_end_ms) + 1;
            if let Some(rel) = bar.released_ms {
                let (c, out) = match bar.out_ms {
                    Some(out) => ('█', out),
                    None => ('▒', self.review.timeline.end_ms),
                };
                for col in scale.col(rel)..=scale.col(out) {
                    put(buf, col, y, c, th.bar);
                }
                label_at = label_at.max(scale.col(out) + 1);
            }
            labels.push((label_at, bar.class.0.as_str()));
        }
        labels
    }
}

impl Gantt<'_> {
    fn legend(&self, area: Rect, buf: &mut Buffer) {
        let y = area.bottom() - 1;
        let lang = self.lang;
        let th = theme::current();
        let mut items: Vec<(char, Style, String)> = vec![
            ('┄', th.plan, T::LegendPlan.text(lang)),
            ('█', th.bar, T::LegendActual.text(lang)),
        ];
        for reason in [
            HoldReason::Coordinator,
            HoldReason::Congestion,
            HoldReason::MarshalAbsent,
            HoldReason::Blocked,
        ] {
            items.push(('░', th.hold(reason), words::hold_reason(reason, lang)));
        }
        items.push(('▼', th.marker, T::LegendProblem.text(lang)));
        items.push(('┆', th.marker, T::Target.text(lang)));
        let mut col = area.x;
        for (c, style, label) in items {
            let w = 2 + width(&label) as u16 + 2;
            if col + w > area.right() {
                break;
            }
            put(buf, col, y, c, style);
            buf.set_string(col + 2, y, &label, th.label);
            col += w;
        }
    }
}

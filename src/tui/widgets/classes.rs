//! The class table: where every class is, planned against actual.

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Cell, Row, StatefulWidget, Table, TableState, Widget};

use evacdrill_core::i18n::dashboard::Dash;
use evacdrill_core::script::ClassId;
use evacdrill_core::session::{ClassState, ClassStatus, DrillTime};

use super::mmss;
use crate::tui::app::Focus;
use crate::tui::theme;
use crate::tui::view::Screen;

/// The class table.
pub struct Classes<'a>(pub &'a Screen<'a>);

/// When each class is planned to go, by class.
type Planned<'a> = HashMap<&'a ClassId, DrillTime>;

impl Widget for Classes<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = self.0;
        let th = theme::current();
        let session = &screen.session;
        // Grade and floor go first when the table is narrow: the class name
        // usually says the grade.
        let wide = area.width >= 60;
        // Only the rows that fit are built: a campus has hundreds of classes.
        let visible = area.height.saturating_sub(3).max(1) as usize;
        let first = first_visible(screen.app.sel_class, session.classes().len(), visible);
        let planned: Planned<'_> = session
            .schedule()
            .releases
            .iter()
            .map(|r| (&r.class, r.at))
            .collect();
        let rows: Vec<Row> = session
            .classes()
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .map(|(i, c)| class_row(screen, i, c, &planned, wide))
            .collect();
        let focused = screen.app.focus == Focus::Classes;
        let table = Table::new(rows, widths(wide))
            .header(header_row(screen, wide))
            .column_spacing(1)
            .row_highlight_style(th.highlight(focused))
            .highlight_symbol(if focused { "▶" } else { " " })
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .border_style(th.border(focused))
                    .title(format!(" {} ", Dash::Classes.text(screen.app.lang))),
            );
        let mut state =
            TableState::default().with_selected(Some(screen.app.sel_class.saturating_sub(first)));
        StatefulWidget::render(table, area, buf, &mut state);
    }
}

/// The first row to draw so that the selected one of `total` is among the
/// `visible` rows, scrolling as little as possible.
fn first_visible(selected: usize, total: usize, visible: usize) -> usize {
    selected
        .min(total.saturating_sub(1))
        .saturating_sub(visible - 1)
        .min(total.saturating_sub(visible))
}

/// The column headings; grade and floor only when `wide`.
fn header_row(screen: &Screen<'_>, wide: bool) -> Row<'static> {
    let mut heads = vec![Dash::ColClass];
    if wide {
        heads.extend([Dash::ColGrade, Dash::ColFloor]);
    }
    heads.extend([
        Dash::ColStair,
        Dash::ColPlan,
        Dash::ColActual,
        Dash::ColState,
        Dash::ColCount,
    ]);
    Row::new(
        heads
            .into_iter()
            .map(|m| Cell::from(m.text(screen.app.lang))),
    )
    .style(theme::current().emphasis)
}

/// The column widths, matching [`header_row`].
fn widths(wide: bool) -> Vec<Constraint> {
    let mut widths = vec![Constraint::Min(10)];
    if wide {
        widths.extend([Constraint::Length(4), Constraint::Length(4)]);
    }
    widths.extend([
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(6),
        Constraint::Length(8),
        Constraint::Length(8),
    ]);
    widths
}

/// The row of class `c`, the `i`th of the session.
fn class_row(
    screen: &Screen<'_>,
    i: usize,
    c: &ClassStatus,
    planned: &Planned<'_>,
    wide: bool,
) -> Row<'static> {
    let script = screen.session.script();
    // The session keeps the script's order of classes.
    let def = script
        .classes
        .get(i)
        .filter(|d| d.id == c.id)
        .or_else(|| script.class(&c.id));
    let plan = planned
        .get(&c.id)
        .map_or_else(|| "—".to_owned(), |t| mmss(*t));
    let (actual, state) = actual_and_state(screen, &c.state);
    let mut cells = vec![Cell::from(
        def.map_or_else(|| c.id.0.clone(), |d| d.name.clone()),
    )];
    if wide {
        cells.push(Cell::from(def.map_or(0, |d| d.grade).to_string()));
        cells.push(Cell::from(def.map_or(0, |d| d.floor).to_string()));
    }
    cells.extend([
        Cell::from(c.stairwell.0.clone()),
        Cell::from(plan),
        Cell::from(actual),
        Cell::from(state),
        Cell::from(count_span(c, def.map_or(0, |d| d.headcount))),
    ]);
    Row::new(cells)
}

/// When the class actually went, and its state in words and colour.
fn actual_and_state(screen: &Screen<'_>, state: &ClassState) -> (String, Span<'static>) {
    let th = theme::current();
    let t = |m: Dash| m.text(screen.app.lang);
    let (actual, words, style) = match state {
        ClassState::Waiting => ("—".to_owned(), t(Dash::ClassWaiting), th.waiting),
        ClassState::Released { at } => (mmss(*at), t(Dash::ClassReleased), th.released),
        ClassState::Passed { released, .. } => {
            (mmss(*released), t(Dash::ClassOnStairs), th.released)
        }
        ClassState::Out { released, .. } => (mmss(*released), t(Dash::ClassOut), th.out),
        ClassState::Accounted { released, .. } => {
            (mmss(*released), t(Dash::ClassAccounted), th.accounted)
        }
    };
    (actual, Span::styled(words, style))
}

/// Present against expected, flagged when anyone is short, missing or
/// injured; muted until the class is counted.
fn count_span(c: &ClassStatus, expected: u32) -> Span<'static> {
    let th = theme::current();
    match &c.headcount {
        Some((_, h)) => {
            let short = h.present < h.expected.unwrap_or(expected)
                || h.missing.count > 0
                || h.injured.count > 0;
            let text = format!("{}/{}", h.present, h.expected.unwrap_or(expected));
            if short {
                Span::styled(format!("{text} !"), th.danger)
            } else {
                Span::raw(text)
            }
        }
        None => Span::styled(format!("—/{expected}"), th.muted),
    }
}

//! The class table: where every class is, planned against actual.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Cell, Row, StatefulWidget, Table, TableState, Widget};

use evacdrill_core::i18n::dashboard::Dash;
use evacdrill_core::session::ClassState;

use super::mmss;
use crate::tui::app::Focus;
use crate::tui::theme;
use crate::tui::view::Screen;

/// The class table.
pub struct Classes<'a>(pub &'a Screen<'a>);

impl Widget for Classes<'_> {
    #[allow(clippy::too_many_lines)] // split in the dashboard/driver rework
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let lang = app.lang;
        let th = theme::current();
        let t = |m: Dash| m.text(lang);
        let session = &app.session;
        let script = session.script();
        // Grade and floor go first when the table is narrow: the class name
        // usually says the grade.
        let wide = area.width >= 60;
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
        let header = Row::new(heads.into_iter().map(|m| Cell::from(t(m)))).style(th.emphasis);
        // Only the rows that fit are built: a campus has hundreds of classes.
        let visible = area.height.saturating_sub(3).max(1) as usize;
        let total = session.classes().len();
        let first = app
            .sel_class
            .min(total.saturating_sub(1))
            .saturating_sub(visible - 1)
            .min(total.saturating_sub(visible));
        let planned: std::collections::HashMap<
            &evacdrill_core::script::ClassId,
            evacdrill_core::session::DrillTime,
        > = session
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
            .map(|(i, c)| {
                // The session keeps the script's order of classes.
                let def = script
                    .classes
                    .get(i)
                    .filter(|d| d.id == c.id)
                    .or_else(|| script.class(&c.id));
                let plan = planned
                    .get(&c.id)
                    .map_or_else(|| "—".to_owned(), |t| mmss(*t));
                let (actual, state, style) = match &c.state {
                    ClassState::Waiting => ("—".to_owned(), t(Dash::ClassWaiting), th.waiting),
                    ClassState::Released { at } => (mmss(*at), t(Dash::ClassReleased), th.released),
                    ClassState::Out { released, .. } => {
                        (mmss(*released), t(Dash::ClassOut), th.out)
                    }
                    ClassState::Accounted { released, .. } => {
                        (mmss(*released), t(Dash::ClassAccounted), th.accounted)
                    }
                };
                let expected = def.map_or(0, |d| d.headcount);
                let count = match &c.headcount {
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
                };
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
                    Cell::from(Span::styled(state, style)),
                    Cell::from(count),
                ]);
                Row::new(cells)
            })
            .collect();
        let focused = app.focus == Focus::Classes;
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
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .row_highlight_style(th.highlight(focused))
            .highlight_symbol(if focused { "▶" } else { " " })
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .border_style(th.border(focused))
                    .title(format!(" {} ", t(Dash::Classes))),
            );
        let mut state =
            TableState::default().with_selected(Some(app.sel_class.saturating_sub(first)));
        StatefulWidget::render(table, area, buf, &mut state);
    }
}

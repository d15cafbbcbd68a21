//! The event log: what happened, newest at the bottom.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, List, ListItem, ListState, StatefulWidget, Widget};

use evacdrill_core::i18n::dashboard::Dash;
use evacdrill_core::i18n::session::event;
use evacdrill_core::session::{DrillTime, Event};

use super::mmss;
use crate::tui::app::Focus;
use crate::tui::theme;
use crate::tui::view::Screen;

/// Events that matter most stand out.
fn style_of(e: &Event) -> Style {
    let th = theme::current();
    match e {
        Event::CongestionReported { .. }
        | Event::StairwellBlocked { .. }
        | Event::ProblemLogged(_) => th.danger,
        Event::Held { .. } | Event::ChecklistFailed { .. } | Event::MarshalLeftPost { .. } => {
            th.warning
        }
        Event::Started { .. } | Event::AllOut | Event::Ended { .. } => th.emphasis,
        _ => th.plain,
    }
}

/// The event log panel.
pub struct Log<'a>(pub &'a Screen<'a>);

impl Widget for Log<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = self.0;
        let lang = screen.app.lang;
        let th = theme::current();
        let script = screen.session.script();
        let focused = screen.app.focus == Focus::Log;
        // Only the entries that fit are built (a campus drill's log is long).
        // Unfocused, the log follows the newest entry; focused, the selection,
        // for choosing an entry to correct.
        let rows = area.height.saturating_sub(2).max(1) as usize;
        let records = screen.drill.records();
        let total = records.len();
        let selected = screen.app.sel_log.min(total.saturating_sub(1));
        let first = if focused {
            selected.saturating_sub(rows - 1)
        } else {
            total.saturating_sub(rows)
        };
        let items: Vec<ListItem> = records
            .iter()
            .skip(first)
            .take(rows)
            .map(|l| {
                let mut spans = vec![
                    Span::styled(format!("{:>5} ", mmss(DrillTime(l.drill_ms))), th.muted),
                    Span::styled(event(&l.event, script, lang), style_of(&l.event)),
                ];
                if let Some(secs) = screen.app.delays.get(&l.seq).copied().filter(|s| *s > 0) {
                    spans.push(Span::styled(
                        format!(" {}", Dash::Delay { secs }.text(lang)),
                        th.delay,
                    ));
                }
                ListItem::new(Line::from(spans))
            })
            .collect();
        let list = List::new(items)
            .highlight_style(th.highlight(focused))
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .border_style(th.border(focused))
                    .title(format!(" {} ", Dash::Log.text(lang))),
            );
        let mut state = if focused && total > 0 {
            ListState::default().with_selected(Some(selected - first))
        } else {
            ListState::default()
        };
        StatefulWidget::render(list, area, buf, &mut state);
    }
}

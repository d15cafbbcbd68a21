//! The event log: what happened, newest at the bottom.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, List, ListItem, ListState, StatefulWidget, Widget};

use evacdrill::i18n::dashboard::Dash;
use evacdrill::i18n::session::event;
use evacdrill::session::Event;

use super::mmss;
use crate::tui::app::{App, Focus};

/// Events that matter most stand out.
fn style_of(e: &Event) -> Style {
    match e {
        Event::CongestionReported { .. }
        | Event::StairwellBlocked { .. }
        | Event::ProblemLogged(_) => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        Event::Held { .. } | Event::ChecklistFailed { .. } | Event::MarshalLeftPost { .. } => {
            Style::new().fg(Color::Yellow)
        }
        Event::Started { .. } | Event::AllOut | Event::Ended { .. } => {
            Style::new().add_modifier(Modifier::BOLD)
        }
        _ => Style::new(),
    }
}

/// The event log panel.
pub struct Log<'a>(pub &'a App);

impl Widget for Log<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let lang = app.lang;
        let script = app.session.script();
        let items: Vec<ListItem> = app
            .log
            .iter()
            .map(|l| {
                let mut spans = vec![
                    Span::styled(
                        format!("{:>5} ", mmss(l.at)),
                        Style::new().fg(Color::DarkGray),
                    ),
                    Span::styled(event(&l.event, script, lang), style_of(&l.event)),
                ];
                if let Some(secs) = l.delay_s.filter(|s| *s > 0) {
                    spans.push(Span::styled(
                        format!(" {}", Dash::Delay { secs }.text(lang)),
                        Style::new().fg(Color::Magenta),
                    ));
                }
                ListItem::new(Line::from(spans))
            })
            .collect();
        let focused = app.focus == Focus::Log;
        let list = List::new(items)
            .highlight_style(if focused {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            })
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .border_style(if focused {
                        Style::new().fg(Color::Cyan)
                    } else {
                        Style::new()
                    })
                    .title(format!(" {} ", Dash::Log.text(lang))),
            );
        let selected = if app.log.is_empty() {
            None
        } else {
            Some(app.sel_log.min(app.log.len() - 1))
        };
        let mut state = ListState::default().with_selected(selected);
        StatefulWidget::render(list, area, buf, &mut state);
    }
}

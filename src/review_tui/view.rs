//! The review browser's screen, rendered from `&App` and nothing else.
//!
//! ```text
//! ┌──────────────────────────────────────────────────────────────┐
//! │ Drill review — NAME        session 1/3: FILE                 │ header
//! │ 1 Summary  2 Timeline  3 Classes  4 Problems  5 Events  6 …  │ tabs
//! │                                                              │
//! │ the current tab (scrolls)                                    │ body
//! │                                                              │
//! │ key hints, the search being typed, or where the search is    │ footer
//! └──────────────────────────────────────────────────────────────┘
//! ```

use evacdrill_core::i18n::review::ReviewText as T;
use evacdrill_core::i18n::width::width;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::gantt::Gantt;
use super::help::Help;
use super::{App, Mode, Tab, tabs};
use crate::tui::theme;

/// The smallest screen the browser draws on.
const MIN: (u16, u16) = (60, 16);

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN.0 || area.height < MIN.1 {
            Paragraph::new(
                T::TooSmall {
                    w: area.width,
                    h: area.height,
                }
                .text(self.lang),
            )
            .render(area, buf);
            return;
        }
        let [header, tab_bar, body, footer] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        self.header(header, buf);
        self.tab_bar(tab_bar, buf);
        let body = Rect {
            y: body.y + 1,
            height: body.height.saturating_sub(1),
            ..body
        };
        if self.tab == Tab::Timeline {
            Gantt {
                review: &self.session().review,
                lang: self.lang,
                scroll: self.scroll,
            }
            .render(body, buf);
        } else {
            let lines = tabs::lines(self);
            let top = self
                .scroll
                .min(lines.len().saturating_sub(usize::from(body.height)));
            Paragraph::new(lines)
                .scroll((u16::try_from(top).unwrap_or(u16::MAX), self.hscroll))
                .render(body, buf);
        }
        self.footer(footer, buf);
        if self.mode == Mode::Help {
            Help(self).render(area, buf);
        }
    }
}

impl App {
    fn header(&self, area: Rect, buf: &mut Buffer) {
        let r = &self.session().review;
        let left = format!("{} — {}", T::Title.text(self.lang), r.drill_name);
        let right = T::SessionOf {
            index: self.current + 1,
            count: self.sessions.len(),
            source: r.source.clone(),
        }
        .text(self.lang);
        let th = theme::current();
        buf.set_style(area, th.title_bar);
        buf.set_string(area.x + 1, area.y, &left, th.title);
        let w = width(&right) as u16;
        let start = area.right().saturating_sub(w + 1);
        if start > area.x + width(&left) as u16 + 2 {
            buf.set_string(start, area.y, &right, th.title_bar);
        }
    }

    fn tab_bar(&self, area: Rect, buf: &mut Buffer) {
        let th = theme::current();
        let mut spans = vec![Span::raw(" ")];
        for (i, tab) in Tab::ALL.iter().enumerate() {
            let text = format!(" {} {} ", i + 1, tab.title(self.lang));
            spans.push(if *tab == self.tab {
                Span::styled(text, th.tab_active)
            } else {
                Span::styled(text, th.tab)
            });
            spans.push(Span::raw(" "));
        }
        Line::from(spans).render(area, buf);
    }

    fn footer(&self, area: Rect, buf: &mut Buffer) {
        let th = theme::current();
        let line = match (&self.mode, &self.search) {
            (Mode::Search(q), _) => Line::from(vec![
                Span::styled(format!("{} /", T::SearchPrompt.text(self.lang)), th.prompt),
                Span::raw(q.clone()),
                Span::styled("▏", th.prompt),
            ]),
            (_, Some(s)) if self.tab == Tab::Events => {
                let text = if s.hits.is_empty() {
                    T::SearchNone {
                        query: s.query.clone(),
                    }
                } else {
                    T::SearchHit {
                        index: s.at + 1,
                        count: s.hits.len(),
                    }
                };
                Line::from(format!("/{} — {}", s.query, text.text(self.lang)))
                    .patch_style(th.prompt)
            }
            _ => Line::from(self.keymap.footer(self.lang)).patch_style(th.key_hint),
        };
        line.render(area, buf);
    }
}

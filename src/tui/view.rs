//! The whole screen, rendered from the dashboard's state and the drill's,
//! and nothing else.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use evacdrill_core::i18n::dashboard::Dash;
use evacdrill_core::session::Phase;

use super::app::{App, Mode};
use super::keymap::Context;
use super::theme;
use super::widgets::classes::Classes;
use super::widgets::header::Header;
use super::widgets::log::Log;
use super::widgets::overlay::{ConfirmView, FormView, Help, KeyBar, PostsView, hint};
use super::widgets::phases::{Briefing, Ended};
use super::widgets::stairwells::Stairwells;
use crate::drill::Drill;
use evacdrill_core::session::Session;

/// The smallest screen the dashboard draws on.
pub const MIN_WIDTH: u16 = 80;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 24;

/// What one frame is drawn from: the dashboard's own state and, read-only,
/// the drill's (its session, for the widgets' convenience, beside it).
#[derive(Clone, Copy)]
pub struct Screen<'a> {
    pub app: &'a App,
    pub drill: &'a Drill,
    pub session: &'a Session,
}

impl<'a> Screen<'a> {
    /// The frame of `app` over `drill`.
    #[must_use]
    pub fn new(app: &'a App, drill: &'a Drill) -> Self {
        Self {
            app,
            drill,
            session: drill.session(),
        }
    }
}

/// The dashboard.
///
/// ```text
/// ┌────────────────────────────────────────────────────────────────┐
/// │ PHASE  drill name · kind            target / on track   █▀█ ▀█ │ header (3)
/// │ ╭ A stairs ──╮ ╭ B stairs ──╮ ╭ C stairs ──╮                    │ stairwells
/// │ │ marshal    │ │ HELD       │ │ next in …  │                    │ (one line
/// │ ╰────────────╯ ╰────────────╯ ╰────────────╯                    │  each if narrow)
/// │ ╭ Classes ───────────────────────────╮ ╭ Log ─────────────────╮ │ body: checklist in
/// │ │ class gr fl stair plan actual state│ │ 1:02 released 3-2    │ │ the briefing, the
/// │ ╰────────────────────────────────────╯ ╰──────────────────────╯ │ figures at the end
/// │ key bar, or the last notice                                     │ (1)
/// └────────────────────────────────────────────────────────────────┘
/// ```
impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = &self;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = Dash::TooSmall {
                w: area.width,
                h: area.height,
            }
            .text(self.app.lang);
            Paragraph::new(Line::styled(msg, theme::current().emphasis))
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let stair_h = Stairwells::height(screen, area.width).min(area.height / 3);
        let [header, stairs, body, keys] = area.layout(&Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(stair_h),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        Header(screen).render(header, buf);
        Stairwells(screen).render(stairs, buf);
        let [main, side] = body.layout(&Layout::horizontal([
            Constraint::Percentage(62),
            Constraint::Percentage(38),
        ]));
        match self.session.phase() {
            Phase::Briefing => Briefing(screen).render(main, buf),
            Phase::Running | Phase::Accounting => Classes(screen).render(main, buf),
            Phase::Ended => Ended(screen).render(main, buf),
        }
        if self.app.posts.is_empty() || self.session.phase() != Phase::Briefing {
            Log(screen).render(side, buf);
        } else {
            // In the briefing, the phone links sit above the log, so that
            // marshals can be sent them (or scan them: P).
            let inner = usize::from(side.width.saturating_sub(2)).max(1);
            let rows: usize = self
                .app
                .posts
                .iter()
                .map(|p| 1 + evacdrill_core::i18n::width::width(&p.url).div_ceil(inner))
                .sum::<usize>()
                + 3;
            let [urls, log] = side.layout(&Layout::vertical([
                Constraint::Length((rows as u16).min(side.height * 2 / 3)),
                Constraint::Fill(1),
            ]));
            let mut lines: Vec<Line> = Vec::new();
            for p in &self.app.posts {
                lines.push(Line::styled(p.name.clone(), theme::current().emphasis));
                lines.push(Line::from(p.url.clone()));
            }
            lines.push(Line::styled(
                Dash::PhonesHint.text(self.app.lang),
                theme::current().muted,
            ));
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(
                    ratatui::widgets::Block::bordered()
                        .title(format!(" {} ", Dash::Phones.text(self.app.lang))),
                )
                .render(urls, buf);
            Log(screen).render(log, buf);
        }
        KeyBar(screen).render(keys, buf);
        match &self.app.mode {
            Mode::Normal => {}
            Mode::Help => Help(screen).render(area, buf),
            Mode::Posts(i) => {
                if let Some(post) = self.app.posts.get(*i) {
                    PostsView {
                        post,
                        lang: self.app.lang,
                        hint: hint(&self.app.keymap, Context::Posts, self.app.lang),
                    }
                    .render(area, buf);
                }
            }
            Mode::Form(_, form) => FormView {
                form,
                lang: self.app.lang,
                hint: hint(&self.app.keymap, Context::Form, self.app.lang),
            }
            .render(area, buf),
            Mode::Confirm(confirm) => ConfirmView {
                confirm,
                lang: self.app.lang,
                hint: hint(&self.app.keymap, Context::Confirm, self.app.lang),
            }
            .render(area, buf),
        }
    }
}

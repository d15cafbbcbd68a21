//! The review browser: tabs over one or more recorded sessions.
//!
//! Keys become [`ReviewAction`]s through the [`ReviewKeymap`] (the same
//! scheme and keys file as the dashboard's); only [`App::update`] changes
//! the state; the screen is rendered from `&App` (`view.rs`, `help.rs`).
//! Nothing here is live, so the loop is a blocking
//! `crossterm::event::read()`.

mod gantt;
mod help;
pub mod keymap;
mod tabs;
mod view;

#[cfg(test)]
mod tests;

use crossterm::event::Event;
use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::ReviewText as T;
use evacdrill_core::review::{Trend, trends};

use crate::report::Reviewed;
pub use keymap::{ReviewAction, ReviewContext, ReviewKeymap};

/// The tabs, in order (keys 1–6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Summary,
    Timeline,
    Classes,
    Problems,
    Events,
    Trend,
}

impl Tab {
    pub const ALL: [Self; 6] = [
        Self::Summary,
        Self::Timeline,
        Self::Classes,
        Self::Problems,
        Self::Events,
        Self::Trend,
    ];

    fn index(self) -> usize {
        Self::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tab's name in `lang`.
    #[must_use]
    pub fn title(self, lang: Lang) -> String {
        match self {
            Self::Summary => T::TabSummary,
            Self::Timeline => T::TabTimeline,
            Self::Classes => T::TabClasses,
            Self::Problems => T::TabProblems,
            Self::Events => T::TabEvents,
            Self::Trend => T::TabTrend,
        }
        .text(lang)
    }
}

/// What the keyboard is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Browse,
    /// Typing a search of the events.
    Search(String),
    Help,
    Quit,
}

/// A search of the current session's events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// Indices into the events that match.
    pub hits: Vec<usize>,
    /// Which hit is current.
    pub at: usize,
}

/// The browser's whole state.
#[derive(Debug)]
pub struct App {
    pub sessions: Vec<Reviewed>,
    pub trends: Vec<Trend>,
    pub lang: Lang,
    pub current: usize,
    pub tab: Tab,
    pub mode: Mode,
    /// First line shown of the current tab.
    pub scroll: usize,
    /// First column shown of a wide table.
    pub hscroll: u16,
    /// Lines a page scroll moves (the body's height, set by the runtime).
    pub page: usize,
    pub search: Option<Search>,
    /// The keys in force.
    pub keymap: ReviewKeymap,
}

impl App {
    #[must_use]
    pub fn new(sessions: Vec<Reviewed>, lang: Lang) -> Self {
        let reviews: Vec<_> = sessions.iter().map(|s| s.review.clone()).collect();
        Self {
            trends: trends(&reviews),
            sessions,
            lang,
            current: 0,
            tab: Tab::Summary,
            mode: Mode::Browse,
            scroll: 0,
            hscroll: 0,
            page: 20,
            search: None,
            keymap: ReviewKeymap::default(),
        }
    }

    /// The same browser with `keymap`'s keys (a keys file's `[review]`).
    #[must_use]
    pub fn with_keymap(mut self, keymap: ReviewKeymap) -> Self {
        self.keymap = keymap;
        self
    }

    /// The session on screen.
    #[must_use]
    pub fn session(&self) -> &Reviewed {
        &self.sessions[self.current.min(self.sessions.len().saturating_sub(1))]
    }

    /// The one place the state changes.
    pub fn update(&mut self, action: ReviewAction) {
        let lines = tabs::line_count(self);
        let max = lines.saturating_sub(1);
        match action {
            ReviewAction::NextTab => self.go(Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()]),
            ReviewAction::PrevTab => {
                self.go(Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]);
            }
            ReviewAction::Go(tab) => self.go(tab),
            ReviewAction::Up => self.scroll = self.scroll.saturating_sub(1),
            ReviewAction::Down => self.scroll = (self.scroll + 1).min(max),
            ReviewAction::Left => self.hscroll = self.hscroll.saturating_sub(8),
            ReviewAction::Right => self.hscroll = (self.hscroll + 8).min(400),
            ReviewAction::PageUp => self.scroll = self.scroll.saturating_sub(self.page.max(1)),
            ReviewAction::PageDown => self.scroll = (self.scroll + self.page.max(1)).min(max),
            ReviewAction::Home => self.scroll = 0,
            ReviewAction::End => self.scroll = max,
            ReviewAction::NextSession | ReviewAction::PrevSession => {
                let n = self.sessions.len().max(1);
                self.current = if action == ReviewAction::NextSession {
                    (self.current + 1) % n
                } else {
                    (self.current + n - 1) % n
                };
                self.scroll = 0;
                self.search = None;
            }
            ReviewAction::StartSearch => {
                self.tab = Tab::Events;
                self.mode = Mode::Search(String::new());
            }
            ReviewAction::Type(c) => {
                if let Mode::Search(q) = &mut self.mode {
                    q.push(c);
                }
            }
            ReviewAction::Backspace => {
                if let Mode::Search(q) = &mut self.mode {
                    q.pop();
                }
            }
            ReviewAction::Submit => {
                if let Mode::Search(q) = std::mem::replace(&mut self.mode, Mode::Browse) {
                    self.search = (!q.is_empty()).then(|| Search {
                        hits: tabs::event_hits(self, &q),
                        query: q,
                        at: 0,
                    });
                    self.show_hit();
                }
            }
            ReviewAction::Cancel => self.mode = Mode::Browse,
            // Esc closes what is open and never quits: a committee member
            // presses it to close things.
            ReviewAction::Close => match self.mode {
                Mode::Help => self.mode = Mode::Browse,
                _ => self.search = None,
            },
            ReviewAction::NextHit | ReviewAction::PrevHit => {
                if let Some(s) = &mut self.search
                    && !s.hits.is_empty()
                {
                    let n = s.hits.len();
                    s.at = if action == ReviewAction::NextHit {
                        (s.at + 1) % n
                    } else {
                        (s.at + n - 1) % n
                    };
                    self.tab = Tab::Events;
                    self.show_hit();
                }
            }
            ReviewAction::Help => self.mode = Mode::Help,
            ReviewAction::Quit => self.mode = Mode::Quit,
        }
    }

    fn go(&mut self, tab: Tab) {
        if tab != self.tab {
            self.tab = tab;
            self.scroll = 0;
            self.hscroll = 0;
        }
    }

    /// Scrolls the events so that the current hit is in view, a few lines down.
    fn show_hit(&mut self) {
        if let Some(line) = self.search.as_ref().and_then(|s| s.hits.get(s.at).copied()) {
            self.scroll = line.saturating_sub(3);
        }
    }
}

/// Runs the browser until the user quits; the terminal is restored on
/// every way out (ratatui's hook restores it on a panic too).
pub fn run(app: &mut App) -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = (|| -> std::io::Result<()> {
        while app.mode != Mode::Quit {
            terminal.draw(|frame| {
                app.page = usize::from(frame.area().height.saturating_sub(4)).max(1);
                frame.render_widget(&*app, frame.area());
            })?;
            if let Event::Key(key) = crossterm::event::read()?
                && let Some(action) = app.keymap.action_for(&app.mode, key)
            {
                app.update(action);
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result
}

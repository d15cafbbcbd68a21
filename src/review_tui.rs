//! The review browser: tabs over one or more recorded sessions.
//!
//! Keys become [`Action`]s ([`action_for`]); only [`App::update`] changes
//! the state; the screen is rendered from `&App` (`view.rs`). Nothing here
//! is live, so the loop is a blocking `crossterm::event::read()`.

mod gantt;
mod tabs;
mod view;

#[cfg(test)]
mod tests;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::ReviewText as T;
use evacdrill_core::review::{Trend, trends};

use crate::report::Reviewed;

/// The tabs, in order (keys 1–6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Something the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextTab,
    PrevTab,
    Go(Tab),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    NextSession,
    PrevSession,
    StartSearch,
    Type(char),
    Backspace,
    Submit,
    Cancel,
    NextHit,
    PrevHit,
    Help,
    Quit,
}

/// The key's action in `mode`, if it has one.
#[must_use]
pub fn action_for(mode: &Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Quit => None,
        Mode::Help => match key.code {
            KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::Enter => Some(Action::Cancel),
            _ => None,
        },
        Mode::Search(_) => match key.code {
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Char(c) => Some(Action::Type(c)),
            _ => None,
        },
        Mode::Browse => match key.code {
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            KeyCode::Tab => Some(Action::NextTab),
            KeyCode::BackTab => Some(Action::PrevTab),
            KeyCode::Char(c @ '1'..='6') => Some(Action::Go(Tab::ALL[c as usize - '1' as usize])),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Left | KeyCode::Char('h') => Some(Action::Left),
            KeyCode::Right | KeyCode::Char('l') => Some(Action::Right),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::Home),
            KeyCode::End | KeyCode::Char('G') => Some(Action::End),
            KeyCode::Char(']') => Some(Action::NextSession),
            KeyCode::Char('[') => Some(Action::PrevSession),
            KeyCode::Char('/') => Some(Action::StartSearch),
            KeyCode::Char('n') => Some(Action::NextHit),
            KeyCode::Char('N') => Some(Action::PrevHit),
            KeyCode::Char('?') => Some(Action::Help),
            _ => None,
        },
    }
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
        }
    }

    /// The session on screen.
    #[must_use]
    pub fn session(&self) -> &Reviewed {
        &self.sessions[self.current.min(self.sessions.len().saturating_sub(1))]
    }

    /// The one place the state changes.
    pub fn update(&mut self, action: Action) {
        let lines = tabs::line_count(self);
        let max = lines.saturating_sub(1);
        match action {
            Action::NextTab => self.go(Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()]),
            Action::PrevTab => {
                self.go(Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]);
            }
            Action::Go(tab) => self.go(tab),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = (self.scroll + 1).min(max),
            Action::Left => self.hscroll = self.hscroll.saturating_sub(8),
            Action::Right => self.hscroll = (self.hscroll + 8).min(400),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(self.page.max(1)),
            Action::PageDown => self.scroll = (self.scroll + self.page.max(1)).min(max),
            Action::Home => self.scroll = 0,
            Action::End => self.scroll = max,
            Action::NextSession | Action::PrevSession => {
                let n = self.sessions.len().max(1);
                self.current = if action == Action::NextSession {
                    (self.current + 1) % n
                } else {
                    (self.current + n - 1) % n
                };
                self.scroll = 0;
                self.search = None;
            }
            Action::StartSearch => {
                self.tab = Tab::Events;
                self.mode = Mode::Search(String::new());
            }
            Action::Type(c) => {
                if let Mode::Search(q) = &mut self.mode {
                    q.push(c);
                }
            }
            Action::Backspace => {
                if let Mode::Search(q) = &mut self.mode {
                    q.pop();
                }
            }
            Action::Submit => {
                if let Mode::Search(q) = std::mem::replace(&mut self.mode, Mode::Browse) {
                    self.search = (!q.is_empty()).then(|| Search {
                        hits: tabs::event_hits(self, &q),
                        query: q,
                        at: 0,
                    });
                    self.show_hit();
                }
            }
            Action::Cancel => self.mode = Mode::Browse,
            Action::NextHit | Action::PrevHit => {
                if let Some(s) = &mut self.search
                    && !s.hits.is_empty()
                {
                    let n = s.hits.len();
                    s.at = if action == Action::NextHit {
                        (s.at + 1) % n
                    } else {
                        (s.at + n - 1) % n
                    };
                    self.tab = Tab::Events;
                    self.show_hit();
                }
            }
            Action::Help => self.mode = Mode::Help,
            Action::Quit => self.mode = Mode::Quit,
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
                && let Some(action) = action_for(&app.mode, key)
            {
                app.update(action);
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result
}

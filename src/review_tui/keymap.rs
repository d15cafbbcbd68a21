//! The review browser's keys: its actions, their default keys, the
//! overrides of a keys file's `[review]` table, and the footer's key hints,
//! all from one table (the machinery is the dashboard's,
//! [`crate::tui::bindings`]), so that help and hints cannot go stale.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::ReviewKeyText as K;

use super::{Mode, Tab};
use crate::tui::bindings::{Bindings, Key, KeysFile, Table};

/// Something the user asked of the review browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewAction {
    /// Show the key help.
    Help,
    /// Leave the browser.
    Quit,
    /// Close what is open (the help), else clear the search; never quits.
    Close,
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
    /// Start typing a search of the events.
    StartSearch,
    NextHit,
    PrevHit,
    /// Search for what was typed.
    Submit,
    /// Stop typing a search.
    Cancel,
    /// Erase the last character typed.
    Backspace,
    /// A character typed into the search (not bindable: any key without a
    /// binding while searching).
    Type(char),
}

/// Where the browser's keyboard is: each has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewContext {
    Browse,
    Search,
    Help,
}

impl ReviewContext {
    /// The context of `mode` (none once quitting).
    #[must_use]
    pub fn of(mode: &Mode) -> Option<Self> {
        match mode {
            Mode::Browse => Some(Self::Browse),
            Mode::Search(_) => Some(Self::Search),
            Mode::Help => Some(Self::Help),
            Mode::Quit => None,
        }
    }
}

use ReviewAction as A;
use ReviewContext as C;

const B: &[ReviewContext] = &[C::Browse];
const S: &[ReviewContext] = &[C::Search];
const H: &[ReviewContext] = &[C::Help];

/// The default bindings: action, name in the keys file, keys per context.
/// The first key of an action is the one the footer shows.
pub const DEFAULTS: Table<ReviewContext, ReviewAction> = &[
    (A::Help, "help", &[(B, "?"), (B, "f1")]),
    (A::Quit, "quit", &[(B, "q")]),
    (
        A::Close,
        "close",
        &[
            (B, "esc"),
            (H, "esc"),
            (H, "enter"),
            (H, "q"),
            (H, "?"),
            (H, "f1"),
        ],
    ),
    (A::NextTab, "next-tab", &[(B, "tab")]),
    (A::PrevTab, "prev-tab", &[(B, "backtab")]),
    (A::Go(Tab::Summary), "tab-summary", &[(B, "1")]),
    (A::Go(Tab::Timeline), "tab-timeline", &[(B, "2")]),
    (A::Go(Tab::Classes), "tab-classes", &[(B, "3")]),
    (A::Go(Tab::Problems), "tab-problems", &[(B, "4")]),
    (A::Go(Tab::Events), "tab-events", &[(B, "5")]),
    (A::Go(Tab::Trend), "tab-trend", &[(B, "6")]),
    (A::Up, "up", &[(B, "up"), (B, "k")]),
    (A::Down, "down", &[(B, "down"), (B, "j")]),
    (A::Left, "left", &[(B, "left"), (B, "h")]),
    (A::Right, "right", &[(B, "right"), (B, "l")]),
    (A::PageUp, "page-up", &[(B, "pageup")]),
    (A::PageDown, "page-down", &[(B, "pagedown"), (B, "space")]),
    (A::Home, "home", &[(B, "home"), (B, "g")]),
    (A::End, "end", &[(B, "end"), (B, "G")]),
    (A::PrevSession, "prev-session", &[(B, "[")]),
    (A::NextSession, "next-session", &[(B, "]")]),
    (A::StartSearch, "search", &[(B, "/")]),
    (A::NextHit, "next-match", &[(B, "n")]),
    (A::PrevHit, "prev-match", &[(B, "N")]),
    (A::Submit, "submit-search", &[(S, "enter")]),
    (A::Cancel, "cancel-search", &[(S, "esc")]),
    (A::Backspace, "erase", &[(S, "backspace")]),
];

/// The footer's hints: which keys (`{action-name}` is that action's first
/// key in the browse context) and what they do.
const FOOTER: &[(&str, K)] = &[
    ("{next-tab}/{tab-summary}–{tab-trend}", K::FooterTabs),
    ("{up}{down} {page-up}/{page-down}", K::FooterScroll),
    ("{prev-session} {next-session}", K::FooterSession),
    ("{search}", K::FooterSearch),
    ("{help}", K::FooterHelp),
    ("{quit}", K::FooterQuit),
];

/// The review browser's bindings in force.
pub type ReviewKeymap = Bindings<ReviewContext, ReviewAction>;

impl Default for ReviewKeymap {
    fn default() -> Self {
        Bindings::defaults(DEFAULTS)
    }
}

impl ReviewKeymap {
    /// The defaults with the overrides of a keys file's `[review]` table
    /// (the `[keys]` table is the dashboard's): an action named there loses
    /// its default keys and takes the ones given, in the same contexts.
    pub fn with_overrides(text: &str) -> Result<Self, String> {
        Bindings::with_section(DEFAULTS, &KeysFile::parse(text)?.review)
    }

    /// The key's action in `mode`, if it has one. Ctrl-C always quits
    /// (nothing is lost: the browser only reads); while searching, a
    /// character without a binding is typed.
    #[must_use]
    pub fn action_for(&self, mode: &Mode, key: KeyEvent) -> Option<ReviewAction> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return Some(A::Quit);
        }
        let context = ReviewContext::of(mode)?;
        self.action(context, Key::from_event(key))
            .or(match (context, key.code) {
                (C::Search, KeyCode::Char(c)) => Some(A::Type(c)),
                _ => None,
            })
    }

    /// The footer's key hints, e.g. `Tab/1–6 tabs · … · q quit`.
    #[must_use]
    pub fn footer(&self, lang: Lang) -> String {
        FOOTER
            .iter()
            .map(|(keys, what)| format!("{} {}", self.fill(keys), what.text(lang)))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// `template` with every `{name}` replaced by that action's first key.
    fn fill(&self, template: &str) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some((before, after)) = rest.split_once('{') {
            out.push_str(before);
            let (name, tail) = after.split_once('}').unwrap_or((after, ""));
            if let Some(key) = self.first_key(name) {
                out.push_str(&key.label());
            }
            rest = tail;
        }
        out.push_str(rest);
        out
    }

    /// The first key of the action called `name`, in the browse context.
    fn first_key(&self, name: &str) -> Option<Key> {
        let action = self.actions().find(|a| self.name(*a) == name)?;
        self.keys_in_order(C::Browse, action).first().copied()
    }

    /// The help: per context shown, each action with its keys (in table
    /// order) and what it does, in `lang`.
    #[must_use]
    pub fn help_rows(&self, context: ReviewContext, lang: Lang) -> Vec<(String, String)> {
        self.actions()
            .filter_map(|a| {
                let keys = self.keys_in_order(context, a);
                (!keys.is_empty()).then(|| {
                    let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
                    (keys.join(" / "), describe(a, lang))
                })
            })
            .collect()
    }

    /// The keys that close the help, for its last line.
    #[must_use]
    pub fn close_help(&self, lang: Lang) -> String {
        let keys: Vec<String> = self
            .keys_in_order(C::Help, A::Close)
            .iter()
            .map(|k| k.label())
            .collect();
        K::CloseHelp {
            keys: keys.join(" / "),
        }
        .text(lang)
    }
}

/// What `action` does, in `lang`.
#[must_use]
pub fn describe(action: ReviewAction, lang: Lang) -> String {
    match action {
        A::Help => K::Help,
        A::Quit => K::Quit,
        A::Close => K::Close,
        A::NextTab => K::NextTab,
        A::PrevTab => K::PrevTab,
        A::Go(tab) => K::GoTab {
            tab: tab.title(lang),
        },
        A::Up => K::Up,
        A::Down => K::Down,
        A::Left => K::Left,
        A::Right => K::Right,
        A::PageUp => K::PageUp,
        A::PageDown => K::PageDown,
        A::Home => K::Home,
        A::End => K::End,
        A::PrevSession => K::PrevSession,
        A::NextSession => K::NextSession,
        A::StartSearch => K::Search,
        A::NextHit => K::NextMatch,
        A::PrevHit => K::PrevMatch,
        A::Submit => K::SubmitSearch,
        A::Cancel => K::CancelSearch,
        A::Backspace => K::Erase,
        A::Type(_) => return String::new(),
    }
    .text(lang)
}

#[cfg(test)]
mod tests;

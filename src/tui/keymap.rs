//! Keys become actions: the dashboard's default bindings, overrides from
//! the `[keys]` table of a keys file, and the help text, all from one table
//! so that help cannot go stale (the machinery is [`super::bindings`]).

use serde::Deserialize;

pub use super::bindings::Key;
use super::bindings::{Bindings, KeysFile, Table, name_in};

/// Everything the coordinator can ask of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Show or hide the key help.
    Help,
    /// Leave the dashboard (asks first while a drill is live).
    Quit,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move focus to the next panel.
    NextPanel,
    /// Tick the selected checklist item as confirmed.
    ChecklistOk,
    /// Mark the selected checklist item as failed, with a note.
    ChecklistFail,
    /// Record the selected stairwell's marshal as at post (or as having left).
    MarshalPost,
    /// Give the alarm: start the drill clock.
    Start,
    /// Release the selected class now, ahead of its planned time.
    ReleaseEarly,
    /// Hold the selected stairwell's releases.
    Hold,
    /// Resume the selected stairwell's releases.
    Resume,
    /// Hold every stairwell.
    HoldAll,
    /// Resume every stairwell.
    ResumeAll,
    /// The selected stairwell's marshal reports the current class has passed.
    ClassPassed,
    /// The selected stairwell's marshal reports the stairwell clear.
    StairwellClear,
    /// The selected stairwell's marshal reports congestion: hold it.
    Congestion,
    /// The selected stairwell is blocked: re-plan onto alternates.
    Blocked,
    /// Log a problem.
    Problem,
    /// Enter the selected class's headcount at the assembly point.
    Headcount,
    /// Correct a mistaken entry.
    Correct,
    /// End the drill.
    End,
    /// Show the phone posts' links and QR codes (revoke a lost phone there).
    Posts,
    /// Close the help or the phone links.
    Close,
    /// The next post's link and QR code.
    NextPost,
    /// The previous post's link and QR code.
    PrevPost,
    /// Revoke the shown post's link (a lost phone): asks first.
    RevokePost,
    /// Yes: do what the question asks.
    Yes,
    /// No: leave things as they are.
    No,
    /// Save the form.
    Submit,
    /// Abandon the form.
    Cancel,
    /// The form's next field.
    NextField,
    /// The form's previous field.
    PrevField,
}

impl Action {
    /// The name used in the keys config file.
    #[must_use]
    pub fn name(self) -> &'static str {
        name_in(DEFAULTS, self)
    }
}

/// Where the dashboard is: each has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    Briefing,
    Running,
    Accounting,
    Ended,
    /// The key help is open.
    Help,
    /// The phone links are shown.
    Posts,
    /// A yes/no question is asked.
    Confirm,
    /// A form is open: keys not bound here edit the field.
    Form,
}

use Action as A;
use Context as C;

const ALL: &[Context] = &[C::Briefing, C::Running, C::Accounting, C::Ended];
const LIVE: &[Context] = &[C::Running, C::Accounting];

/// The default bindings: action, config name, keys per context.
const DEFAULTS: Table<Context, Action> = &[
    (A::Help, "help", &[(ALL, "?"), (ALL, "f1")]),
    (A::Quit, "quit", &[(ALL, "q")]),
    (A::Up, "up", &[(ALL, "up"), (ALL, "k")]),
    (A::Down, "down", &[(ALL, "down"), (ALL, "j")]),
    (A::NextPanel, "next-panel", &[(ALL, "tab")]),
    (A::ChecklistOk, "checklist-ok", &[(&[C::Briefing], "space")]),
    (A::ChecklistFail, "checklist-fail", &[(&[C::Briefing], "x")]),
    (
        A::MarshalPost,
        "marshal-post",
        &[(&[C::Briefing, C::Running, C::Accounting], "m")],
    ),
    (A::Start, "start", &[(&[C::Briefing], "S")]),
    (A::ReleaseEarly, "release-early", &[(&[C::Running], "r")]),
    (A::Hold, "hold", &[(&[C::Running], "h")]),
    (A::Resume, "resume", &[(&[C::Running], "u")]),
    (A::HoldAll, "hold-all", &[(&[C::Running], "H")]),
    (A::ResumeAll, "resume-all", &[(&[C::Running], "U")]),
    (A::ClassPassed, "class-passed", &[(LIVE, "p")]),
    (A::StairwellClear, "stairwell-clear", &[(LIVE, "c")]),
    (A::Congestion, "congestion", &[(&[C::Running], "g")]),
    (A::Blocked, "blocked", &[(&[C::Running], "b")]),
    (
        A::Problem,
        "problem",
        &[
            (&[C::Briefing, C::Running, C::Accounting], "!"),
            (LIVE, "e"),
        ],
    ),
    (A::Headcount, "headcount", &[(LIVE, "n")]),
    (A::Correct, "correct", &[(LIVE, "z")]),
    (A::End, "end", &[(LIVE, "E")]),
    (A::Posts, "phones", &[(ALL, "P")]),
    (
        A::Close,
        "close",
        &[
            (&[C::Help, C::Posts], "esc"),
            (&[C::Help, C::Posts], "q"),
            (&[C::Help], "?"),
            (&[C::Help], "f1"),
            (&[C::Posts], "P"),
        ],
    ),
    (
        A::NextPost,
        "next-post",
        &[
            (&[C::Posts], "right"),
            (&[C::Posts], "down"),
            (&[C::Posts], "tab"),
            (&[C::Posts], "l"),
            (&[C::Posts], "j"),
        ],
    ),
    (
        A::PrevPost,
        "previous-post",
        &[
            (&[C::Posts], "left"),
            (&[C::Posts], "up"),
            (&[C::Posts], "backtab"),
            (&[C::Posts], "h"),
            (&[C::Posts], "k"),
        ],
    ),
    (A::RevokePost, "revoke-post", &[(&[C::Posts], "r")]),
    (A::Yes, "yes", &[(&[C::Confirm], "y"), (&[C::Confirm], "Y")]),
    (
        A::No,
        "no",
        &[
            (&[C::Confirm], "n"),
            (&[C::Confirm], "N"),
            (&[C::Confirm], "esc"),
        ],
    ),
    (A::Submit, "submit", &[(&[C::Form], "enter")]),
    (A::Cancel, "cancel", &[(&[C::Form], "esc")]),
    (
        A::NextField,
        "next-field",
        &[(&[C::Form], "tab"), (&[C::Form], "down")],
    ),
    (
        A::PrevField,
        "previous-field",
        &[(&[C::Form], "backtab"), (&[C::Form], "up")],
    ),
];

/// The dashboard's bindings in force: defaults, with a keys file's
/// overrides applied.
pub type Keymap = Bindings<Context, Action>;

impl Default for Keymap {
    fn default() -> Self {
        Bindings::defaults(DEFAULTS)
    }
}

impl Keymap {
    /// The defaults with the overrides of a keys file's `[keys]` table
    /// (TOML): an action named there loses its default keys and takes the
    /// ones given, in the same contexts. Ctrl-C is never an action: it must
    /// not end a live drill by accident (the dashboard treats it as a request
    /// to quit, which asks).
    ///
    /// A form's own keys (`submit`, `cancel`, `next-field`, `previous-field`)
    /// cannot be a printable character: it could no longer be typed in any
    /// form.
    pub fn with_overrides(text: &str) -> Result<Self, String> {
        let map: Self = Bindings::with_section(DEFAULTS, &KeysFile::parse(text)?.keys)?;
        for action in [A::Submit, A::Cancel, A::NextField, A::PrevField] {
            if let Some(key) = map
                .keys_for(C::Form, action)
                .into_iter()
                .find(|k| !k.ctrl && matches!(k.code, crossterm::event::KeyCode::Char(_)))
            {
                return Err(format!(
                    "`{}` cannot be `{}`: a character bound in a form could no longer be typed \
                     (use enter, esc, tab, an arrow, a function key or ctrl-…)",
                    action.name(),
                    key.label()
                ));
            }
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn defaults_bind_each_context() {
        let m = Keymap::default();
        assert_eq!(m.action(Context::Running, key("h")), Some(Action::Hold));
        assert_eq!(m.action(Context::Briefing, key("h")), None);
        assert_eq!(m.action(Context::Briefing, key("S")), Some(Action::Start));
        assert_eq!(m.action(Context::Running, key("S")), None);
        assert_eq!(m.action(Context::Running, key("ctrl-c")), None);
    }

    #[test]
    fn overrides_replace_an_actions_keys() {
        let m = Keymap::with_overrides("[keys]\nhold = [\"F5\", \"o\"]\n").unwrap();
        assert_eq!(m.action(Context::Running, key("f5")), Some(Action::Hold));
        assert_eq!(m.action(Context::Running, key("o")), Some(Action::Hold));
        assert_eq!(m.action(Context::Running, key("h")), None);
        let help = m.help(Context::Running);
        assert!(help.iter().any(|(a, k)| *a == Action::Hold && k.len() == 2));
    }

    #[test]
    fn bad_overrides_are_explained() {
        assert!(
            Keymap::with_overrides("[keys]\nhodl = \"h\"\n")
                .unwrap_err()
                .contains("unknown action `hodl`")
        );
        assert!(
            Keymap::with_overrides("[keys]\nhold = \"xyz\"\n")
                .unwrap_err()
                .contains("not a key")
        );
        assert!(
            Keymap::with_overrides("[keys]\nhold = \"u\"\n")
                .unwrap_err()
                .contains("bound to both")
        );
        assert!(Keymap::with_overrides("[keyz]\n").is_err());
        let typed = Keymap::with_overrides("[keys]\nsubmit = \"a\"\n").unwrap_err();
        assert!(typed.contains("could no longer be typed"), "{typed}");
        assert!(Keymap::with_overrides("[keys]\nsubmit = [\"enter\", \"f2\"]\n").is_ok());
    }

    #[test]
    fn labels_read_well() {
        assert_eq!(key("ctrl-c").label(), "Ctrl-c");
        assert_eq!(key("space").label(), "Space");
        assert_eq!(key("f1").label(), "F1");
    }

    #[test]
    fn the_dashboard_docs_name_every_action_of_the_keys_file() {
        let docs = include_str!("../../docs/dashboard.md");
        let names = docs
            .split("Action names:")
            .nth(1)
            .expect("docs/dashboard.md lists the action names");
        let m = Keymap::default();
        for action in m.actions() {
            let name = format!("`{}`", action.name());
            assert!(
                names.contains(&name),
                "docs/dashboard.md does not name {name}"
            );
        }
    }
}

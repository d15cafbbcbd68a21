//! Keys become actions: the default bindings, overrides from a config file,
//! and the help text, all from one table so that help cannot go stale.

use std::collections::{BTreeMap, HashMap};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

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
}

impl Action {
    /// The name used in the keys config file.
    #[must_use]
    pub fn name(self) -> &'static str {
        DEFAULTS
            .iter()
            .find(|(a, _, _)| *a == self)
            .map_or("", |(_, name, _)| name)
    }
}

/// Where the dashboard is: each has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    Briefing,
    Running,
    Accounting,
    Ended,
}

/// A key as written in the config file and shown in help: `h`, `H`,
/// `ctrl-c`, `enter`, `space`, `f1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    /// The key of a terminal key event (shift is carried by the character).
    #[must_use]
    pub fn from_event(e: KeyEvent) -> Self {
        Self {
            code: e.code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    /// Parses `h`, `ctrl-h`, `enter`, `esc`, `tab`, `space`, `up`, `f1`, ….
    pub fn parse(s: &str) -> Result<Self, String> {
        let (ctrl, rest) = match s.strip_prefix("ctrl-").or_else(|| s.strip_prefix("ctrl+")) {
            Some(r) => (true, r),
            None => (false, s),
        };
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "backspace" => KeyCode::Backspace,
            lower => {
                if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    KeyCode::F(n)
                } else {
                    let mut chars = rest.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => KeyCode::Char(c),
                        _ => {
                            return Err(format!(
                                "`{s}` is not a key (try `h`, `ctrl-h`, `enter`, `f1`)"
                            ));
                        }
                    }
                }
            }
        };
        Ok(Self { code, ctrl })
    }

    /// How the key is shown in help and the key bar.
    #[must_use]
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "S-Tab".to_owned(),
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

use Action as A;
use Context as C;

const ALL: &[Context] = &[C::Briefing, C::Running, C::Accounting, C::Ended];
const LIVE: &[Context] = &[C::Running, C::Accounting];

/// The default bindings: action, config name, keys per context.
#[allow(clippy::type_complexity)]
const DEFAULTS: &[(Action, &str, &[(&[Context], &str)])] = &[
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
];

/// The bindings in force: defaults, with a config file's overrides applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<(Context, Key), Action>,
}

/// The keys config file: `[keys]` maps an action name to one key or a list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeysFile {
    #[serde(default)]
    keys: BTreeMap<String, OneOrMany>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl Default for Keymap {
    fn default() -> Self {
        let mut bindings = HashMap::new();
        for (action, _, keys) in DEFAULTS {
            for (contexts, key) in *keys {
                let key = Key::parse(key).unwrap_or_else(|e| unreachable!("default key: {e}"));
                for c in *contexts {
                    bindings.insert((*c, key), *action);
                }
            }
        }
        Self { bindings }
    }
}

impl Keymap {
    /// The defaults with the overrides of a keys file (TOML): an action named
    /// there loses its default keys and takes the ones given, in the same
    /// contexts.
    pub fn with_overrides(text: &str) -> Result<Self, String> {
        let file: KeysFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut map = Self::default();
        for (name, keys) in file.keys {
            let Some((action, _, defaults)) = DEFAULTS.iter().find(|(_, n, _)| *n == name) else {
                let names: Vec<&str> = DEFAULTS.iter().map(|(_, n, _)| *n).collect();
                return Err(format!(
                    "unknown action `{name}`; actions: {}",
                    names.join(", ")
                ));
            };
            let keys = match keys {
                OneOrMany::One(k) => vec![k],
                OneOrMany::Many(k) => k,
            };
            let parsed: Vec<Key> = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<_, _>>()?;
            map.bindings.retain(|_, a| a != action);
            let contexts: Vec<Context> = defaults
                .iter()
                .flat_map(|(c, _)| c.iter().copied())
                .collect();
            for key in parsed {
                for c in &contexts {
                    if let Some(other) = map.bindings.insert((*c, key), *action)
                        && other != *action
                    {
                        return Err(format!(
                            "key `{}` is bound to both `{}` and `{name}`",
                            key.label(),
                            other.name()
                        ));
                    }
                }
            }
        }
        Ok(map)
    }

    /// The action of `key` in `context`, if any. Ctrl-C is never an action:
    /// it must not end a live drill by accident (the dashboard treats it as
    /// a request to quit, which asks).
    #[must_use]
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        self.bindings.get(&(context, key)).copied()
    }

    /// The keys bound to `action` in `context`, for help and the key bar.
    #[must_use]
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .bindings
            .iter()
            .filter(|((c, _), a)| *c == context && **a == action)
            .map(|((_, k), _)| *k)
            .collect();
        // Single characters first, then named keys, each alphabetically.
        keys.sort_by_key(|k| (k.label().chars().count() > 1, k.label()));
        keys
    }

    /// Every action available in `context`, in the order of the defaults
    /// table, with its keys.
    #[must_use]
    pub fn help(&self, context: Context) -> Vec<(Action, Vec<Key>)> {
        DEFAULTS
            .iter()
            .map(|(a, _, _)| (*a, self.keys_for(context, *a)))
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
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
    }

    #[test]
    fn labels_read_well() {
        assert_eq!(key("ctrl-c").label(), "Ctrl-c");
        assert_eq!(key("space").label(), "Space");
        assert_eq!(key("f1").label(), "F1");
    }
}

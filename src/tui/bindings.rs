//! The machinery of a keymap, shared by the dashboard and the review
//! browser: keys as written in the keys file, a defaults table per screen,
//! the overrides of a keys file, and the lookups that help is built from.
//!
//! Each screen names its own actions and contexts and writes one table
//! ([`Table`]); [`Bindings`] does the rest, so both screens read the same
//! keys file the same way and their help cannot go stale.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

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
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
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
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
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

/// A screen's default bindings: each action, its name in the keys file,
/// and its keys, each key in the contexts listed with it. The order is the
/// order of help.
pub type Table<C, A> = &'static [(A, &'static str, &'static [(&'static [C], &'static str)])];

/// One table of a keys file: an action's name to one key or a list.
pub type Section = BTreeMap<String, OneOrMany>;

/// One key or several, as a keys file gives them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// The keys file: `[keys]` for the dashboard, `[review]` for the review
/// browser; each maps an action name to a key or a list of keys.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeysFile {
    #[serde(default)]
    pub keys: Section,
    #[serde(default)]
    pub review: Section,
}

impl KeysFile {
    /// Reads a keys file's text (TOML).
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

/// The bindings in force for one screen: its defaults table, with a keys
/// file's overrides applied.
#[derive(Debug, Clone)]
pub struct Bindings<C: 'static, A: 'static> {
    table: Table<C, A>,
    map: HashMap<(C, Key), A>,
    /// Every binding in the order it was made (the table's, then an
    /// override's), for "the first key of an action".
    order: Vec<(C, Key, A)>,
}

impl<C, A> Bindings<C, A>
where
    C: Copy + Eq + Hash,
    A: Copy + Eq + Hash,
{
    /// The defaults of `table`.
    #[must_use]
    pub fn defaults(table: Table<C, A>) -> Self {
        let mut b = Self {
            table,
            map: HashMap::new(),
            order: Vec::new(),
        };
        for (action, _, keys) in table {
            for (contexts, key) in *keys {
                let key = Key::parse(key).unwrap_or_else(|e| unreachable!("default key: {e}"));
                for c in *contexts {
                    b.map.insert((*c, key), *action);
                    b.order.push((*c, key, *action));
                }
            }
        }
        b
    }

    /// The defaults of `table` with the overrides of one keys-file table:
    /// an action named there loses its default keys and takes the ones
    /// given, in the same contexts.
    pub fn with_section(table: Table<C, A>, section: &Section) -> Result<Self, String> {
        let mut b = Self::defaults(table);
        for (name, keys) in section {
            let Some((action, _, defaults)) = table.iter().find(|(_, n, _)| n == name) else {
                let names: Vec<&str> = table.iter().map(|(_, n, _)| *n).collect();
                return Err(format!(
                    "unknown action `{name}`; actions: {}",
                    names.join(", ")
                ));
            };
            let keys = match keys {
                OneOrMany::One(k) => std::slice::from_ref(k),
                OneOrMany::Many(k) => k.as_slice(),
            };
            let parsed: Vec<Key> = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<_, _>>()?;
            b.map.retain(|_, a| a != action);
            b.order.retain(|(_, _, a)| a != action);
            let mut contexts: Vec<C> = Vec::new();
            for c in defaults.iter().flat_map(|(c, _)| c.iter().copied()) {
                if !contexts.contains(&c) {
                    contexts.push(c);
                }
            }
            for key in parsed {
                for c in &contexts {
                    if let Some(other) = b.map.insert((*c, key), *action)
                        && other != *action
                    {
                        return Err(format!(
                            "key `{}` is bound to both `{}` and `{name}`",
                            key.label(),
                            b.name(other)
                        ));
                    }
                    b.order.push((*c, key, *action));
                }
            }
        }
        Ok(b)
    }

    /// The name of `action` in the keys file.
    #[must_use]
    pub fn name(&self, action: A) -> &'static str {
        name_in(self.table, action)
    }

    /// The action of `key` in `context`, if any.
    #[must_use]
    pub fn action(&self, context: C, key: Key) -> Option<A> {
        self.map.get(&(context, key)).copied()
    }

    /// The keys bound to `action` in `context`: single characters first,
    /// then named keys, each alphabetically.
    #[must_use]
    pub fn keys_for(&self, context: C, action: A) -> Vec<Key> {
        let mut keys = self.keys_in_order(context, action);
        keys.sort_by_key(|k| (k.label().chars().count() > 1, k.label()));
        keys
    }

    /// The keys bound to `action` in `context`, in the order of the table
    /// (or of the override): the first is the one a key hint shows.
    #[must_use]
    pub fn keys_in_order(&self, context: C, action: A) -> Vec<Key> {
        let mut keys: Vec<Key> = Vec::new();
        for (c, k, a) in &self.order {
            if *c == context && *a == action && !keys.contains(k) {
                keys.push(*k);
            }
        }
        keys
    }

    /// Every action available in `context`, in the order of the table,
    /// with its keys (sorted as [`Self::keys_for`] sorts them).
    #[must_use]
    pub fn help(&self, context: C) -> Vec<(A, Vec<Key>)> {
        self.table
            .iter()
            .map(|(a, _, _)| (*a, self.keys_for(context, *a)))
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
    }

    /// Every action of the table, in order, whatever its contexts.
    pub fn actions(&self) -> impl Iterator<Item = A> + '_ {
        self.table.iter().map(|(a, _, _)| *a)
    }
}

/// The name of `action` in `table` (empty when the table lacks it).
#[must_use]
pub fn name_in<C, A: Copy + Eq>(table: Table<C, A>, action: A) -> &'static str {
    table
        .iter()
        .find(|(a, _, _)| *a == action)
        .map_or("", |(_, name, _)| name)
}

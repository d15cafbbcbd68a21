//! A small form: labelled fields of text, whole numbers or a choice, edited
//! with the keyboard. Chinese typed through an input method arrives as
//! ordinary characters and is laid out by display width.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// A whole number, typed as digits.
    Number(String),
    /// One of `options`, by index.
    Choice {
        options: Vec<String>,
        index: usize,
    },
}

/// One labelled field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    pub value: Value,
    /// Shown under the field (units, what to type).
    pub hint: Option<String>,
}

impl Field {
    #[must_use]
    pub fn text(label: String, initial: &str) -> Self {
        Self {
            label,
            value: Value::Text(initial.to_owned()),
            hint: None,
        }
    }

    #[must_use]
    pub fn number(label: String, initial: u32) -> Self {
        Self {
            label,
            value: Value::Number(initial.to_string()),
            hint: None,
        }
    }

    #[must_use]
    pub fn choice(label: String, options: Vec<String>, index: usize) -> Self {
        let index = index.min(options.len().saturating_sub(1));
        Self {
            label,
            value: Value::Choice { options, index },
            hint: None,
        }
    }

    #[must_use]
    pub fn with_hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    /// The text as shown in the form.
    #[must_use]
    pub fn shown(&self) -> String {
        match &self.value {
            Value::Text(s) | Value::Number(s) => s.clone(),
            Value::Choice { options, index } => {
                format!("◀ {} ▶", options.get(*index).map_or("", String::as_str))
            }
        }
    }
}

/// A form being filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Lines shown above the fields (a re-plan preview, expected numbers).
    pub notes: Vec<String>,
    /// A problem with what was typed, shown until the next key.
    pub error: Option<String>,
}

impl Form {
    #[must_use]
    pub fn new(title: String, fields: Vec<Field>) -> Self {
        Self {
            title,
            fields,
            focus: 0,
            notes: Vec::new(),
            error: None,
        }
    }

    /// Moves to the next field (after the last, the first).
    pub fn next_field(&mut self) {
        self.error = None;
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    /// Moves to the previous field (before the first, the last).
    pub fn prev_field(&mut self) {
        self.error = None;
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    /// A key that the keymap does not bind in a form: it edits the field.
    pub fn edit(&mut self, key: KeyEvent) {
        self.error = None;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if let Some(field) = self.fields.get_mut(self.focus) {
            edit(&mut field.value, key.code, ctrl);
        }
    }

    /// The text of field `i` (trimmed), empty when it is not text.
    #[must_use]
    pub fn text(&self, i: usize) -> String {
        match self.fields.get(i).map(|f| &f.value) {
            Some(Value::Text(s) | Value::Number(s)) => s.trim().to_owned(),
            _ => String::new(),
        }
    }

    /// The number in field `i`, or `None` when it is not a whole number.
    #[must_use]
    pub fn number(&self, i: usize) -> Option<u32> {
        match self.fields.get(i).map(|f| &f.value) {
            Some(Value::Number(s)) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The chosen index of field `i`.
    #[must_use]
    pub fn choice(&self, i: usize) -> usize {
        match self.fields.get(i).map(|f| &f.value) {
            Some(Value::Choice { index, .. }) => *index,
            _ => 0,
        }
    }

    /// Names typed into field `i`, split at commas (ASCII or Chinese).
    #[must_use]
    pub fn names(&self, i: usize) -> Vec<String> {
        self.text(i)
            .split([',', '，', '、', ';', '；'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

fn edit(value: &mut Value, code: KeyCode, ctrl: bool) {
    match value {
        Value::Text(s) => match code {
            KeyCode::Backspace => {
                s.pop();
            }
            KeyCode::Char('u') if ctrl => s.clear(),
            KeyCode::Char(c) if !ctrl && !c.is_control() && s.chars().count() < 500 => s.push(c),
            _ => {}
        },
        Value::Number(s) => match code {
            KeyCode::Backspace => {
                s.pop();
            }
            KeyCode::Char(c) if c.is_ascii_digit() && s.len() < 6 => {
                if s == "0" {
                    s.clear();
                }
                s.push(c);
            }
            _ => {}
        },
        Value::Choice { options, index } => {
            let n = options.len().max(1);
            match code {
                KeyCode::Right | KeyCode::Char(' ') => *index = (*index + 1) % n,
                KeyCode::Left => *index = (*index + n - 1) % n,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(form: &mut Form, code: KeyCode) {
        form.edit(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn form() -> Form {
        Form::new(
            "t".into(),
            vec![
                Field::choice("cat".into(), vec!["a".into(), "b".into(), "c".into()], 0),
                Field::number("n".into(), 40),
                Field::text("text".into(), ""),
            ],
        )
    }

    #[test]
    fn typing_chinese_edits_text_by_character() {
        let mut f = form();
        f.focus = 2;
        for c in "楼梯口拥挤".chars() {
            press(&mut f, KeyCode::Char(c));
        }
        press(&mut f, KeyCode::Backspace);
        assert_eq!(f.text(2), "楼梯口拥");
    }

    #[test]
    fn numbers_take_digits_only() {
        let mut f = form();
        f.focus = 1;
        press(&mut f, KeyCode::Backspace);
        press(&mut f, KeyCode::Backspace);
        press(&mut f, KeyCode::Char('x'));
        press(&mut f, KeyCode::Char('3'));
        press(&mut f, KeyCode::Char('8'));
        assert_eq!(f.number(1), Some(38));
    }

    #[test]
    fn choices_wrap_and_field_moves_wrap() {
        let mut f = form();
        press(&mut f, KeyCode::Left);
        assert_eq!(f.choice(0), 2);
        f.next_field();
        assert_eq!(f.focus, 1);
        f.prev_field();
        f.prev_field();
        assert_eq!(f.focus, 2);
        f.error = Some("x".into());
        f.next_field();
        assert_eq!(
            (f.focus, f.error.as_ref()),
            (0, None),
            "a move clears the error"
        );
    }

    #[test]
    fn names_split_on_any_comma() {
        let mut f = form();
        f.fields[2].value = Value::Text("王小明，李华, 张三、".into());
        assert_eq!(f.names(2), vec!["王小明", "李华", "张三"]);
    }
}

//! A problem found in a script: what, where, how bad, and what to do.

use serde::Serialize;

use super::model::Span;
use crate::i18n::Lang;
use crate::i18n::script::{ScriptMsg, SeverityName};

/// How bad a problem is: an error stops the script from being used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word for this severity in `lang`.
    #[must_use]
    pub fn name(self, lang: Lang) -> String {
        match self {
            Self::Error => SeverityName::Error.text(lang),
            Self::Warning => SeverityName::Warning.text(lang),
        }
    }
}

/// One problem in a script.
///
/// The message and hints are typed values, turned into text in the user's
/// language at the edge; `code` is stable across languages and versions so
/// that tools can match on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    /// Where in the source; `None` for problems of the file as a whole.
    pub span: Option<Span>,
    pub message: ScriptMsg,
    pub hints: Vec<ScriptMsg>,
    /// A second place worth showing, such as the first use of a duplicate id.
    pub related: Option<(Span, ScriptMsg)>,
}

impl Diagnostic {
    /// An error at `span`.
    #[must_use]
    pub fn error(code: &'static str, span: Option<Span>, message: ScriptMsg) -> Self {
        Self {
            severity: Severity::Error,
            code,
            span,
            message,
            hints: Vec::new(),
            related: None,
        }
    }

    /// A warning at `span`.
    #[must_use]
    pub fn warning(code: &'static str, span: Option<Span>, message: ScriptMsg) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, span, message)
        }
    }

    /// Adds a hint.
    #[must_use]
    pub fn hint(mut self, hint: ScriptMsg) -> Self {
        self.hints.push(hint);
        self
    }

    /// Adds a related place.
    #[must_use]
    pub fn related(mut self, span: Span, label: ScriptMsg) -> Self {
        self.related = Some((span, label));
        self
    }

    /// The hints as one line in `lang`.
    #[must_use]
    pub fn hint_text(&self, lang: Lang) -> Option<String> {
        if self.hints.is_empty() {
            None
        } else {
            Some(
                self.hints
                    .iter()
                    .map(|h| h.text(lang))
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }
    }

    /// Whether this problem stops the script from being used.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Line and column (both from 1, columns in characters) of byte offsets in a
/// source text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `source`.
    #[must_use]
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// The line and column of byte `offset` (clamped to the text).
    #[must_use]
    pub fn locate(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(source.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        let column = source[start..end].chars().count() + 1;
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn lines_and_columns_count_characters_from_one() {
        let src = "a = 1\n名字 = \"x\"\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.locate(src, 0), (1, 1));
        assert_eq!(idx.locate(src, 4), (1, 5));
        let eq = src.find('=').unwrap();
        assert_eq!(idx.locate(src, eq), (1, 3));
        let second = src.rfind('=').unwrap();
        assert_eq!(idx.locate(src, second), (2, 4));
        assert_eq!(idx.locate(src, 10_000).0, 3);
    }
}

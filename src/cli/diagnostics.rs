//! Diagnostics rendered for people (the source line with a caret, through
//! miette) and for tools (JSON).

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use serde::Serialize;

use evacdrill_core::i18n::Lang;
use evacdrill_core::script::{Diagnostic, LineIndex, Severity};

/// One diagnostic made ready for miette in one language.
#[derive(Debug)]
struct Rendered {
    message: String,
    severity: Severity,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: Option<NamedSource<String>>,
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

/// Renders `diag` for a person: message, `file:line:column`, the source line
/// with a caret under the problem, and the hint.
#[must_use]
pub fn render(file: &str, source: &str, diag: &Diagnostic, lang: Lang, color: bool) -> String {
    let mut labels = Vec::new();
    if let Some(span) = diag.span {
        let len = span
            .end
            .saturating_sub(span.start)
            .min(source.len().saturating_sub(span.start));
        labels.push(LabeledSpan::new_primary_with_span(
            None,
            SourceSpan::new(span.start.min(source.len()).into(), len),
        ));
    }
    if let Some((span, label)) = &diag.related {
        labels.push(LabeledSpan::new_with_span(
            Some(label.text(lang)),
            SourceSpan::new(span.start.min(source.len()).into(), 0),
        ));
    }
    let rendered = Rendered {
        message: diag.message.text(lang),
        severity: diag.severity,
        help: diag.hint_text(lang),
        source: diag
            .span
            .map(|_| NamedSource::new(file, source.to_owned()).with_language("toml")),
        labels,
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_context_lines(1)
        .without_syntax_highlighting();
    let mut out = String::new();
    if handler.render_report(&mut out, &rendered).is_err() {
        out = format!(
            "{file}: {}: {}",
            diag.severity.name(lang),
            diag.message.text(lang)
        );
    }
    if diag.span.is_none() {
        // miette only names the file when it shows a source line.
        out = format!("{file}:\n{out}");
    }
    out
}

/// A diagnostic as tools and editors read it.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl JsonDiagnostic {
    /// `diag` of `file`, its position resolved against `source`.
    #[must_use]
    pub fn new(file: &str, source: &str, diag: &Diagnostic, lang: Lang) -> Self {
        let index = LineIndex::new(source);
        let (start, end) = diag.span.map_or(((1, 1), (1, 1)), |s| {
            (index.locate(source, s.start), index.locate(source, s.end))
        });
        Self {
            file: file.to_owned(),
            line: start.0,
            column: start.1,
            end_line: end.0,
            end_column: end.1,
            severity: diag.severity,
            code: diag.code,
            message: diag.message.text(lang),
            hint: diag.hint_text(lang),
        }
    }
}

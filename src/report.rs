//! The safety committee's report: HTML (one self-contained file with inline
//! CSS and SVG charts, made to print on A4), Markdown for minutes, CSV for
//! spreadsheets. Each format is its own module; the tables they share are
//! built once in `tables`.
//!
//! Rendering is pure (reviews in, text out); `cli::report` writes the file.

pub mod csv;
pub mod html;
pub mod md;
pub mod svg;
pub mod tables;

use evacdrill_core::i18n::Lang;
use evacdrill_core::review::{Review, Trend, trends};
use evacdrill_core::script::Script;

/// A reviewed session with the script it ran (for the events' words).
#[derive(Debug, Clone)]
pub struct Reviewed {
    pub review: Review,
    pub script: Script,
}

/// What a report covers: the sessions, their trends, the language.
#[derive(Debug)]
pub struct Report<'a> {
    pub sessions: &'a [Reviewed],
    /// Trends of the schools with more than one session.
    pub trends: Vec<Trend>,
    pub lang: Lang,
    /// The program that writes it (`evacdrill 0.1.0`).
    pub generator: String,
}

impl<'a> Report<'a> {
    /// A report of `sessions` in `lang`.
    #[must_use]
    pub fn new(sessions: &'a [Reviewed], lang: Lang) -> Self {
        let reviews: Vec<Review> = sessions.iter().map(|s| s.review.clone()).collect();
        Self {
            sessions,
            trends: trends(&reviews)
                .into_iter()
                .filter(|t| t.points.len() > 1)
                .collect(),
            lang,
            generator: format!("evacdrill {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One self-contained HTML file that prints on A4.
    Html,
    /// Markdown, for pasting into minutes.
    Md,
    /// CSV (RFC 4180): one row per class and one per event.
    Csv,
}

impl Format {
    /// The report as text.
    #[must_use]
    pub fn render(self, report: &Report<'_>) -> String {
        match self {
            Self::Html => html::render(report),
            Self::Md => md::render(report),
            Self::Csv => csv::render(report),
        }
    }
}

/// Seconds with one decimal, for spreadsheets.
#[must_use]
pub fn seconds(ms: u64) -> String {
    format!("{}.{}", ms / 1000, (ms % 1000) / 100)
}

/// Signed seconds with one decimal.
#[must_use]
pub fn signed_seconds(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "" };
    format!("{sign}{}", seconds(ms.unsigned_abs()))
}

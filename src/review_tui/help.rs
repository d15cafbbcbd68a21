//! The review browser's key help, generated from the keymap in force.
//!
//! ```text
//! ╔ Keys ═══════════════════════════════════════════════════════╗
//! ║     ? / F1  this help           k / ↑  scroll up            ║
//! ║          q  quit                 ↓ / j  scroll down         ║
//! ║        …                       While typing a search        ║
//! ║                                  Enter  search for what …   ║
//! ║                                                             ║
//! ║ Esc / Enter / q / ? / F1: close this help                   ║
//! ╚═════════════════════════════════════════════════════════════╝
//! ```
//!
//! The browse keys, then the search keys under their heading, in as many
//! columns as the screen's height needs; keys right-aligned by display
//! width, so that Chinese descriptions line up too.

use evacdrill_core::i18n::review::{ReviewKeyText as K, ReviewText as T};
use evacdrill_core::i18n::width::{pad_left, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

use super::{App, ReviewContext};
use crate::tui::theme;
use crate::tui::widgets::centered;

/// Columns between two columns of help.
const GAP: u16 = 3;

/// One line of the help: keys and what they do, or a heading.
enum Row {
    Keys(String, String),
    Heading(String),
    Blank,
}

/// The key help on top of the browser.
pub struct Help<'a>(pub &'a App);

impl Help<'_> {
    fn rows(&self) -> Vec<Row> {
        let app = self.0;
        let mut rows: Vec<Row> = app
            .keymap
            .help_rows(ReviewContext::Browse, app.lang)
            .into_iter()
            .map(|(k, d)| Row::Keys(k, d))
            .collect();
        let search = app.keymap.help_rows(ReviewContext::Search, app.lang);
        if !search.is_empty() {
            rows.push(Row::Blank);
            rows.push(Row::Heading(K::WhileSearching.text(app.lang)));
            rows.extend(search.into_iter().map(|(k, d)| Row::Keys(k, d)));
        }
        rows
    }
}

/// A column of rows as lines, keys right-aligned to the widest.
fn column(rows: &[Row]) -> (Vec<Line<'static>>, u16) {
    let th = theme::current();
    let key_w = rows
        .iter()
        .map(|r| match r {
            Row::Keys(k, _) => width(k),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    let lines: Vec<Line<'static>> = rows
        .iter()
        .map(|r| match r {
            Row::Keys(k, d) => Line::from(vec![
                Span::styled(pad_left(k, key_w), th.help_key),
                Span::raw("  "),
                Span::raw(d.clone()),
            ]),
            Row::Heading(h) => Line::styled(h.clone(), th.emphasis),
            Row::Blank => Line::default(),
        })
        .collect();
    let w = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    (lines, w)
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let th = theme::current();
        let rows = self.rows();
        // Borders and the closing line with the blank above it; as few
        // columns as fit, evenly filled.
        let fits = usize::from(area.height.saturating_sub(4)).max(1);
        let per_column = rows.len().div_ceil(rows.len().div_ceil(fits).max(1)).max(1);
        let columns: Vec<(Vec<Line>, u16)> = rows.chunks(per_column).map(column).collect();
        let close = app.keymap.close_help(app.lang);
        let body_w = columns.iter().map(|(_, w)| *w).sum::<u16>()
            + GAP * (columns.len().saturating_sub(1) as u16);
        let w = body_w.max(width(&close) as u16) + 4;
        let h = columns.iter().map(|(l, _)| l.len()).max().unwrap_or(0) as u16 + 4;
        let popup = centered(area, w, h);
        Clear.render(popup, buf);
        let block = Block::bordered()
            .border_type(BorderType::Double)
            .title(format!(" {} ", T::HelpTitle.text(app.lang)));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let mut x = inner.x + 1;
        for (lines, col_w) in columns {
            let cell = Rect {
                x,
                width: col_w.min(inner.right().saturating_sub(x)),
                height: inner.height.saturating_sub(2),
                ..inner
            };
            Paragraph::new(lines).render(cell, buf);
            x = x.saturating_add(col_w + GAP);
        }
        let last = Rect {
            x: inner.x + 1,
            y: inner.bottom().saturating_sub(1),
            width: inner.width.saturating_sub(1),
            height: 1,
        };
        Line::styled(close, th.muted).render(last, buf);
    }
}

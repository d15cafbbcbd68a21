//! The dashboard's panels, one widget each, all rendered from `&App`.

pub mod classes;
pub mod header;
pub mod log;
pub mod overlay;
pub mod phases;
pub mod stairwells;

use ratatui::layout::{Constraint, Flex, Layout, Rect};

use evacdrill_core::session::DrillTime;

/// `m:ss` of a drill time, as the clock and the tables show it.
#[must_use]
pub fn mmss(t: DrillTime) -> String {
    let s = t.ms() / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// `m:ss` of a number of seconds.
#[must_use]
pub fn mmss_s(seconds: f64) -> String {
    mmss(DrillTime((seconds.max(0.0) * 1000.0) as u64))
}

/// A `w`×`h` rectangle in the middle of `area` (clamped to it).
#[must_use]
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [row] =
        area.layout(&Layout::vertical([Constraint::Length(h.min(area.height))]).flex(Flex::Center));
    let [cell] =
        row.layout(&Layout::horizontal([Constraint::Length(w.min(area.width))]).flex(Flex::Center));
    cell
}

/// Three-row glyphs for the large drill clock.
const GLYPHS: [[&str; 3]; 11] = [
    ["█▀█", "█ █", "▀▀▀"],
    ["▀█ ", " █ ", "▀▀▀"],
    ["▀▀█", "█▀▀", "▀▀▀"],
    ["▀▀█", " ▀█", "▀▀▀"],
    ["█ █", "▀▀█", "  ▀"],
    ["█▀▀", "▀▀█", "▀▀▀"],
    ["█▀▀", "█▀█", "▀▀▀"],
    ["▀▀█", "  █", "  ▀"],
    ["█▀█", "█▀█", "▀▀▀"],
    ["█▀█", "▀▀█", "▀▀▀"],
    [" ", "▀", "▀"],
];

/// `text` (digits and `:`) as three rows of large glyphs.
#[must_use]
pub fn big_text(text: &str) -> [String; 3] {
    let mut rows = [String::new(), String::new(), String::new()];
    for c in text.chars() {
        let glyph = match c {
            '0'..='9' => GLYPHS[c as usize - '0' as usize],
            ':' => GLYPHS[10],
            _ => continue,
        };
        for (row, part) in rows.iter_mut().zip(glyph) {
            if !row.is_empty() {
                row.push(' ');
            }
            row.push_str(part);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_formats() {
        assert_eq!(mmss(DrillTime(0)), "0:00");
        assert_eq!(mmss(DrillTime(754_999)), "12:34");
        assert_eq!(mmss_s(-3.0), "0:00");
    }

    #[test]
    fn big_digits_line_up() {
        let rows = big_text("12:34");
        assert_eq!(rows[0], "▀█  ▀▀█   ▀▀█ █ █");
        assert!(
            rows.iter()
                .all(|r| r.chars().count() == rows[0].chars().count())
        );
    }
}

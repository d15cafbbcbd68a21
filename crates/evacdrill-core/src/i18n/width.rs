//! Laying out text by display width, so that Chinese (two columns a
//! character) lines up with ASCII in tables.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The number of terminal columns `s` takes.
#[must_use]
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns, with `…` where it was cut.
#[must_use]
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` padded with spaces on the right to `cols` columns (cut if longer).
#[must_use]
pub fn pad_right(s: &str, cols: usize) -> String {
    let s = truncate(s, cols);
    let fill = cols.saturating_sub(width(&s));
    format!("{s}{}", " ".repeat(fill))
}

/// `s` padded with spaces on the left to `cols` columns (cut if longer).
#[must_use]
pub fn pad_left(s: &str, cols: usize) -> String {
    let s = truncate(s, cols);
    let fill = cols.saturating_sub(width(&s));
    format!("{}{s}", " ".repeat(fill))
}

/// Column alignment in [`table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A plain-text table, each column as wide as its widest cell in display
/// columns, columns separated by two spaces, a rule under the header.
#[must_use]
pub fn table(header: &[String], align: &[Align], rows: &[Vec<String>]) -> String {
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let line = |cells: &[String]| -> String {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate().take(cols) {
            if i > 0 {
                out.push_str("  ");
            }
            let a = align.get(i).copied().unwrap_or(Align::Left);
            out.push_str(&match a {
                Align::Left => pad_right(cell, widths[i]),
                Align::Right => pad_left(cell, widths[i]),
            });
        }
        out.trim_end().to_owned()
    };
    let mut out = line(header);
    out.push('\n');
    let total: usize = widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
    out.push_str(&"─".repeat(total));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_two_columns() {
        assert_eq!(width("三年级2班"), 9);
        assert_eq!(pad_right("三年级2班", 11), "三年级2班  ");
        assert_eq!(pad_left("ab", 4), "  ab");
    }

    #[test]
    fn truncation_never_splits_a_wide_character() {
        assert_eq!(truncate("三年级2班", 6), "三年…");
        assert_eq!(width(&truncate("三年级2班", 6)), 5);
        assert_eq!(truncate("abc", 3), "abc");
    }

    #[test]
    fn table_aligns_mixed_scripts() {
        let t = table(
            &["班级".into(), "n".into()],
            &[Align::Left, Align::Right],
            &[
                vec!["三年级2班".into(), "45".into()],
                vec!["3-1".into(), "7".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[2], "三年级2班  45");
        assert_eq!(lines[3], "3-1         7");
    }
}

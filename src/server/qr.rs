//! QR codes of the post URLs: for the terminal (Unicode half blocks) and for
//! the printed cards (inline SVG).
//!
//! A phone camera needs dark modules on a light ground and a light margin
//! (the quiet zone, 4 modules in ISO/IEC 18004). A dark terminal gives the
//! opposite, so the terminal lines are meant to be drawn black on white: the
//! caller styles every line with a white background and a black foreground,
//! and the quiet zone is part of the lines.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code (ISO/IEC 18004 asks for 4).
pub const QUIET_ZONE: usize = 4;

/// Why a QR code could not be made (the text is too long for any version).
#[derive(Debug, thiserror::Error)]
#[error("the link cannot be drawn as a QR code: {0}")]
pub struct QrError(String);

/// The dark modules of `data` as rows, the quiet zone included.
fn modules(data: &str) -> Result<Vec<Vec<bool>>, QrError> {
    // Level M: recovers 15 % of damage, which a glare on a laptop screen or
    // a crease in a printed card needs (design assumption).
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| QrError(e.to_string()))?;
    let w = code.width();
    let colors = code.to_colors();
    let side = w + 2 * QUIET_ZONE;
    let mut rows = vec![vec![false; side]; side];
    for y in 0..w {
        for x in 0..w {
            rows[y + QUIET_ZONE][x + QUIET_ZONE] = colors[y * w + x] == Color::Dark;
        }
    }
    Ok(rows)
}

/// `data` as a QR code in lines of Unicode half blocks, two modules per
/// character cell vertically, quiet zone included.
///
/// Dark modules are drawn with the foreground: style each line black on
/// white (`Style::new().fg(Color::Black).bg(Color::White)` in ratatui, or
/// `\x1b[30;47m … \x1b[0m` on a raw terminal). Every line has the same
/// width, in columns equal to its `char` count.
pub fn qr_lines(data: &str) -> Result<Vec<String>, QrError> {
    let rows = modules(data)?;
    let side = rows.len();
    let blank = vec![false; side];
    Ok(rows
        .chunks(2)
        .map(|pair| {
            let top = &pair[0];
            let bottom = pair.get(1).unwrap_or(&blank);
            top.iter()
                .zip(bottom)
                .map(|(&t, &b)| match (t, b) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })
                .collect()
        })
        .collect())
}

/// `data` as a QR code in an inline SVG `size_mm` millimetres wide, dark on a
/// white square, quiet zone included.
pub fn qr_svg(data: &str, size_mm: u32) -> Result<String, QrError> {
    let rows = modules(data)?;
    let side = rows.len();
    let mut path = String::new();
    for (y, row) in rows.iter().enumerate() {
        let mut x = 0;
        while x < side {
            if row[x] {
                let start = x;
                while x < side && row[x] {
                    x += 1;
                }
                let _ = write!(path, "M{start} {y}h{}v1h-{}z", x - start, x - start);
            } else {
                x += 1;
            }
        }
    }
    Ok(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{size_mm}mm" height="{size_mm}mm" viewBox="0 0 {side} {side}" shape-rendering="crispEdges" role="img"><rect width="{side}" height="{side}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
    ))
}

#[cfg(test)]
mod tests {
    use super::{QUIET_ZONE, qr_lines, qr_svg};

    const URL: &str = "http://192.168.1.20:8686/p/0123456789ABCDEF0123456789ABCDEF";

    #[test]
    fn lines_are_square_with_a_light_quiet_zone() {
        let lines = qr_lines(URL).unwrap();
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width));
        // Two modules per line, rounded up.
        assert_eq!(lines.len(), width.div_ceil(2));
        // The quiet zone: the first two lines and the first 4 columns are light.
        for l in &lines[..QUIET_ZONE / 2] {
            assert!(l.chars().all(|c| c == ' '), "{l:?}");
        }
        for l in &lines {
            assert!(l.chars().take(QUIET_ZONE).all(|c| c == ' '));
            assert!(l.chars().rev().take(QUIET_ZONE).all(|c| c == ' '));
        }
        // The top-left finder pattern starts right after the quiet zone.
        let third: Vec<char> = lines[QUIET_ZONE / 2].chars().collect();
        assert_eq!(third[QUIET_ZONE], '█');
        // Small enough to sit beside a dashboard panel.
        assert!(width <= 45, "{width}");
    }

    #[test]
    fn the_svg_starts_with_a_finder_pattern_inside_the_quiet_zone() {
        let svg = qr_svg(URL, 40).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("width=\"40mm\""));
        assert!(svg.contains("<path fill=\"#000\" d=\"M4 4h7"), "{svg}");
    }

    #[test]
    fn too_long_a_text_is_an_error_not_a_panic() {
        assert!(qr_lines(&"x".repeat(5000)).is_err());
    }
}

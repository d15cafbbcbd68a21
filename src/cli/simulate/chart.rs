//! Density over time of one stairwell, as text: one row per flight or
//! landing from the top down, one column per slice of time, a block whose
//! shade says how crowded it was. Fits 80 columns.

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::sim::{SimText, place};
use evacdrill_core::i18n::width::{pad_left, pad_right, width};
use evacdrill_core::script::StairwellId;
use evacdrill_core::sim::{CellSeries, LocationKind, Series};

/// The density limits the shades are cut at.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max: f64,
    pub red: f64,
}

/// The shade of a density.
fn shade(d: f32, limits: Limits) -> char {
    let d = f64::from(d);
    if d < 0.005 {
        ' '
    } else if d < limits.max / 2.0 {
        '░'
    } else if d <= limits.max + 1e-9 {
        '▒'
    } else if d < limits.red {
        '▓'
    } else {
        '█'
    }
}

/// The cells of `stairwell` that are on its way down, top first.
pub fn stair_cells<'a>(series: &'a Series, stairwell: &StairwellId) -> Vec<&'a CellSeries> {
    series
        .cells
        .iter()
        .filter(|c| {
            &c.location.stairwell == stairwell
                && !matches!(c.location.kind, LocationKind::Corridor { .. })
        })
        .collect()
}

/// The chart of `stairwell` over `[0, end_s]`, `cols` wide.
#[must_use]
pub fn render(
    series: &Series,
    stairwell: &StairwellId,
    end_s: f64,
    limits: Limits,
    exit_floor: i32,
    lang: Lang,
    cols: usize,
) -> String {
    let rows = stair_cells(series, stairwell);
    let labels: Vec<String> = rows
        .iter()
        .map(|c| place(&c.location.kind, exit_floor, lang))
        .collect();
    let label_w = labels.iter().map(|l| width(l)).max().unwrap_or(0).min(28);
    let chart_w = cols.saturating_sub(label_w + 3).max(10);
    let bins = (end_s / series.bin_s).ceil().max(1.0) as usize;
    let per_col = bins.div_ceil(chart_w).max(1);
    let used = bins.div_ceil(per_col);
    let mut out = String::new();
    for (row, label) in rows.iter().zip(&labels) {
        out.push_str(&pad_right(label, label_w));
        out.push_str(" │");
        for col in 0..used {
            let from = col * per_col;
            let to = ((col + 1) * per_col).min(row.density.len());
            let d = row
                .density
                .get(from..to)
                .map_or(0.0, |s| s.iter().copied().fold(0.0, f32::max));
            out.push(shade(d, limits));
        }
        out.push_str("│\n");
    }
    // The time axis: start, middle and end.
    let secs = |s: f64| SimText::Seconds { s }.text(lang);
    let span = (used * per_col) as f64 * series.bin_s;
    let start = secs(0.0);
    let middle = secs(span / 2.0);
    let end = secs(span);
    let axis_w = used + 2;
    let mut axis = pad_right(&start, axis_w / 2 - width(&middle) / 2);
    axis.push_str(&middle);
    let rest = axis_w.saturating_sub(width(&axis));
    axis.push_str(&pad_left(&end, rest));
    out.push_str(&" ".repeat(label_w + 1));
    out.push_str(&axis);
    out.push('\n');
    out.push_str(
        &SimText::Legend {
            half: limits.max / 2.0,
            limit: limits.max,
            red: limits.red,
        }
        .text(lang),
    );
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use evacdrill_core::sim::Location;

    fn cell(kind: LocationKind, density: Vec<f32>) -> CellSeries {
        CellSeries {
            location: Location {
                stairwell: StairwellId("A".into()),
                kind,
            },
            queue: vec![0.0; density.len()],
            flow: vec![0.0; density.len()],
            density,
        }
    }

    #[test]
    fn shades_follow_the_limits() {
        let limits = Limits {
            max: 1.88,
            red: 3.5,
        };
        let shades: String = [0.0, 0.5, 1.5, 2.5, 3.6]
            .iter()
            .map(|&d| shade(d, limits))
            .collect();
        assert_eq!(shades, " ░▒▓█");
    }

    #[test]
    fn a_chart_has_a_row_per_place_and_fits_its_width() {
        let series = Series {
            bin_s: 1.0,
            cells: vec![
                cell(LocationKind::Landing { floor: 2 }, vec![0.5, 2.0, 3.6, 0.0]),
                cell(LocationKind::Landing { floor: 1 }, vec![0.0, 0.0, 1.0, 1.0]),
                cell(
                    LocationKind::Corridor {
                        class: evacdrill_core::script::ClassId("x".into()),
                    },
                    vec![9.0; 4],
                ),
            ],
        };
        let limits = Limits {
            max: 1.88,
            red: 3.5,
        };
        let text = render(
            &series,
            &StairwellId("A".into()),
            4.0,
            limits,
            1,
            Lang::En,
            80,
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "floor 2 landing    │░▓█ │");
        assert_eq!(lines[1], "foot of the stairs │  ▒▒│");
        assert!(text.lines().all(|l| width(l) <= 80), "{text}");
        assert!(!text.contains("corridor"));
    }
}

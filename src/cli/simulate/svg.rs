//! Density over time of every stairwell, as one self-contained SVG file: a
//! panel per stairwell, a row per flight or landing, time left to right,
//! colour for how crowded it was.

use std::fmt::Write;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::sim::{SimText, place};
use evacdrill_core::script::Script;
use evacdrill_core::sim::{CellSeries, Outcome, Series, StairwellOutcome};

use super::chart::{Limits, stair_cells};
use crate::report::html::escape;

const WIDTH: f64 = 960.0;
const LABEL_W: f64 = 190.0;
const CHART_W: f64 = WIDTH - LABEL_W - 30.0;
const ROW_H: f64 = 13.0;
const MARGIN: f64 = 20.0;

/// The colour of a density band, or `None` for nobody there.
fn colour(d: f32, limits: Limits) -> Option<&'static str> {
    let d = f64::from(d);
    if d < 0.005 {
        None
    } else if d < limits.max / 2.0 {
        Some("#c7e9c0")
    } else if d <= limits.max + 1e-9 {
        Some("#41ab5d")
    } else if d < limits.red {
        Some("#fd8d3c")
    } else {
        Some("#d7301f")
    }
}

/// A tick spacing that gives five to ten ticks over `span` seconds.
fn tick_step(span: f64) -> f64 {
    [10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0]
        .into_iter()
        .find(|s| span / s <= 10.0)
        .unwrap_or(3600.0)
}

/// The whole SVG document.
#[must_use]
pub fn render(script: &Script, outcome: &Outcome, series: &Series, lang: Lang) -> String {
    let mut chart = Chart {
        body: String::new(),
        y: MARGIN,
        span: outcome.end.0.max(series.bin_s),
        bin_s: series.bin_s,
        limits: Limits {
            max: script.safety.max_density.0,
            red: script.safety.red_flag_density.0,
        },
        exit_floor: script.building.exit_floor,
        lang,
    };
    chart.title_and_legend(&script.drill.name);
    for stair in &outcome.stairwells {
        chart.panel(stair, &stair_cells(series, &stair.stairwell));
    }
    let Chart { body, y, .. } = chart;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{:.0}\" viewBox=\"0 0 {WIDTH} {:.0}\" font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{body}</svg>\n",
        y + MARGIN,
        y + MARGIN
    )
}

/// The SVG body being written, top to bottom; `y` is where the next part
/// goes.
struct Chart {
    body: String,
    y: f64,
    /// Seconds the time axis covers.
    span: f64,
    bin_s: f64,
    limits: Limits,
    exit_floor: i32,
    lang: Lang,
}

impl Chart {
    fn x_of(&self, t: f64) -> f64 {
        LABEL_W + CHART_W * (t / self.span).min(1.0)
    }

    /// The drill's name and the colour legend.
    fn title_and_legend(&mut self, name: &str) {
        let limits = self.limits;
        let title = SimText::SvgTitle {
            name: name.to_owned(),
        }
        .text(self.lang);
        let _ = writeln!(
            self.body,
            r#"<text x="{MARGIN}" y="{:.1}" font-size="16" font-weight="bold">{}</text>"#,
            self.y + 4.0,
            escape(&title)
        );
        self.y += 16.0;
        let bands = [
            ("#c7e9c0", format!("< {}", limits.max / 2.0)),
            ("#41ab5d", format!("≤ {}", limits.max)),
            ("#fd8d3c", format!("> {}", limits.max)),
            ("#d7301f", format!("≥ {}", limits.red)),
        ];
        let mut x = MARGIN;
        let y = self.y;
        for (fill, label) in &bands {
            let _ = writeln!(
                self.body,
                r#"<rect x="{x:.1}" y="{y:.1}" width="14" height="10" fill="{fill}"/><text x="{:.1}" y="{:.1}" font-size="11">{} p/m²</text>"#,
                x + 18.0,
                y + 9.0,
                escape(label)
            );
            x += 110.0;
        }
        self.y += 26.0;
    }

    /// One stairwell: its heading, a row per flight or landing, a frame and
    /// the time axis.
    fn panel(&mut self, stair: &StairwellOutcome, rows: &[&CellSeries]) {
        let heading = match stair.clear {
            Some(clear) => SimText::SvgStair {
                id: stair.stairwell.0.clone(),
                clear: clear.0,
            }
            .text(self.lang),
            None => format!(
                "{} — {}",
                stair.stairwell.0,
                SimText::NoClasses.text(self.lang)
            ),
        };
        let _ = writeln!(
            self.body,
            r#"<text x="{MARGIN}" y="{:.1}" font-size="13" font-weight="bold">{}</text>"#,
            self.y + 10.0,
            escape(&heading)
        );
        self.y += 16.0;
        let top = self.y;
        for row in rows {
            self.density_row(row);
        }
        let _ = writeln!(
            self.body,
            r##"<rect x="{LABEL_W}" y="{top:.1}" width="{CHART_W}" height="{:.1}" fill="none" stroke="#888" stroke-width="0.5"/>"##,
            self.y - top
        );
        self.time_axis();
    }

    /// One flight or landing: its name, and its density over time, a run of
    /// one colour as one rectangle.
    fn density_row(&mut self, row: &CellSeries) {
        let y = self.y;
        let label = place(&row.location.kind, self.exit_floor, self.lang);
        let _ = writeln!(
            self.body,
            r#"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end">{}</text>"#,
            LABEL_W - 6.0,
            y + ROW_H - 3.0,
            escape(&label)
        );
        let mut start = 0;
        while start < row.density.len() {
            let c = colour(row.density[start], self.limits);
            let mut end = start + 1;
            while end < row.density.len() && colour(row.density[end], self.limits) == c {
                end += 1;
            }
            if let Some(fill) = c {
                let x0 = self.x_of(start as f64 * self.bin_s);
                let x1 = self.x_of(end as f64 * self.bin_s);
                let _ = writeln!(
                    self.body,
                    r#"<rect x="{x0:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{fill}"/>"#,
                    (x1 - x0).max(0.5),
                    ROW_H - 1.0
                );
            }
            start = end;
        }
        self.y += ROW_H;
    }

    /// Time ticks under a panel, and the axis's name.
    fn time_axis(&mut self) {
        let y = self.y;
        let step = tick_step(self.span);
        let mut t = 0.0;
        while t <= self.span + 1e-9 {
            let _ = writeln!(
                self.body,
                r##"<line x1="{x:.1}" y1="{y:.1}" x2="{x:.1}" y2="{:.1}" stroke="#888" stroke-width="0.5"/><text x="{x:.1}" y="{:.1}" font-size="9" text-anchor="middle">{t:.0}</text>"##,
                y + 3.0,
                y + 12.0,
                x = self.x_of(t)
            );
            t += step;
        }
        let _ = writeln!(
            self.body,
            r#"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="end">{}</text>"#,
            LABEL_W + CHART_W,
            y + 24.0,
            escape(&SimText::SvgTime.text(self.lang))
        );
        self.y += 36.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
    }

    #[test]
    fn ticks_are_round_and_few() {
        assert!((tick_step(90.0) - 10.0).abs() < 1e-12);
        assert!((tick_step(400.0) - 60.0).abs() < 1e-12);
        assert!(400.0 / tick_step(400.0) <= 10.0);
    }
}

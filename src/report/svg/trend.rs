//! The trend line chart: evacuation and accounting time per drill, and the
//! target.

use std::fmt::Write as _;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::{self as words, ReviewText as T};
use evacdrill_core::review::{Figure, Trend, mmss};

use super::super::html::escape;
use super::{LEFT, RIGHT, TOP, WIDTH, tick_ms};

const H: f64 = 260.0;
/// Points stay clear of the edges so that their date labels fit.
const INSET: f64 = 40.0;
const BOTTOM: f64 = 40.0;

/// Drill number to x and time to y.
#[derive(Clone, Copy)]
struct Plot {
    count: usize,
    /// The time at the top of the plot, ms.
    top_ms: f64,
}

impl Plot {
    fn x(self, i: usize) -> f64 {
        if self.count == 1 {
            LEFT + (WIDTH - LEFT - RIGHT) / 2.0
        } else {
            LEFT + INSET + i as f64 / (self.count - 1) as f64 * (WIDTH - LEFT - RIGHT - 2.0 * INSET)
        }
    }

    fn y(self, ms: u64) -> f64 {
        let plot_h = H - TOP - BOTTOM;
        TOP + plot_h - ms as f64 / self.top_ms * plot_h
    }
}

/// The trend line chart: evacuation and accounting time per drill, and the target.
#[must_use]
pub fn trend(trend: &Trend, lang: Lang) -> String {
    let plot = Plot {
        count: trend.points.len().max(1),
        top_ms: trend
            .points
            .iter()
            .flat_map(|p| [p.evacuation_ms, p.accounting_ms, p.target_ms])
            .flatten()
            .max()
            .unwrap_or(60_000)
            .max(1) as f64
            * 1.1,
    };
    let mut s = String::new();
    let title = T::TrendAcross.text(lang);
    let _ = write!(
        s,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {H}" role="img" aria-label="{}"><title>{}</title>"#,
        escape(&title),
        escape(&title)
    );
    time_axis(&mut s, plot);
    if let Some(target) = trend.points.iter().find_map(|p| p.target_ms) {
        let yt = plot.y(target);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{yt:.1}" x2="{:.1}" y2="{yt:.1}" stroke="#c0392b" stroke-width="1.4" stroke-dasharray="5 3"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#c0392b">{} {}</text>"##,
            WIDTH - RIGHT,
            WIDTH - RIGHT,
            yt - 4.0,
            escape(&T::Target.text(lang)),
            mmss(target)
        );
    }
    let series = [
        (
            "#2f6db5",
            words::figure(Figure::EvacuationTime, lang),
            trend
                .points
                .iter()
                .map(|p| p.evacuation_ms)
                .collect::<Vec<_>>(),
        ),
        (
            "#7f8c8d",
            words::figure(Figure::AccountingTime, lang),
            trend.points.iter().map(|p| p.accounting_ms).collect(),
        ),
    ];
    for (k, (colour, name, values)) in series.iter().enumerate() {
        line(&mut s, trend, plot, k, colour, name, values);
    }
    for (i, p) in trend.points.iter().enumerate() {
        let label = p
            .started_wall
            .as_deref()
            .and_then(|w| w.get(..10))
            .map_or_else(|| format!("#{}", i + 1), str::to_owned);
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#555">{}</text>"##,
            plot.x(i),
            H - BOTTOM + 14.0,
            escape(&label)
        );
    }
    s.push_str("</svg>");
    s
}

/// The time axis and its grid lines.
fn time_axis(s: &mut String, plot: Plot) {
    let step = tick_ms(plot.top_ms as u64);
    let mut tick = 0;
    while (tick as f64) <= plot.top_ms {
        let yt = plot.y(tick);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{yt:.1}" x2="{:.1}" y2="{yt:.1}" stroke="#ddd" stroke-width="0.6"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#555">{}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            yt + 3.0,
            mmss(tick)
        );
        tick += step;
    }
}

/// Series `k`: its line, a dot per drill that has a value, and its legend
/// entry.
fn line(
    s: &mut String,
    trend: &Trend,
    plot: Plot,
    k: usize,
    colour: &str,
    name: &str,
    values: &[Option<u64>],
) {
    let points: Vec<String> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", plot.x(i), plot.y(v))))
        .collect();
    let _ = write!(
        s,
        r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"#,
        points.join(" ")
    );
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{colour}"><title>{} {}: {}</title></circle>"#,
                plot.x(i),
                plot.y(*v),
                escape(&trend.points[i].source),
                escape(name),
                mmss(*v)
            );
        }
    }
    let lx = LEFT + k as f64 * 200.0;
    let _ = write!(
        s,
        r##"<rect x="{lx:.1}" y="{:.1}" width="16" height="4" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="10" fill="#333">{}</text>"##,
        H - 12.0,
        lx + 20.0,
        H - 8.0,
        escape(name)
    );
}

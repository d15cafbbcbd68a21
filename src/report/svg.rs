//! Inline SVG charts for the HTML report: the timeline (a Gantt chart) and
//! the trend across drills (a line chart). Plain SVG 1.1 with no script and
//! no external reference, so the report stays one self-contained file.

use std::fmt::Write as _;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::{self as words, ReviewText as T};
use evacdrill_core::i18n::session::category;
use evacdrill_core::review::{HoldReason, Marker, Review, Trend, mmss};

use super::html::escape;

const WIDTH: f64 = 1000.0;
const LEFT: f64 = 120.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 26.0;
const LANE: f64 = 20.0;
const ROW_PAD: f64 = 8.0;

/// The colour of a hold's shading, by its reason.
#[must_use]
pub const fn hold_colour(r: HoldReason) -> &'static str {
    match r {
        HoldReason::Coordinator => "#f2c94c",
        HoldReason::Congestion => "#eb8c5e",
        HoldReason::MarshalAbsent => "#b9b9c8",
        HoldReason::Blocked => "#7f7f7f",
    }
}

/// A tick spacing that gives at most about ten ticks over `end_ms`.
fn tick_ms(end_ms: u64) -> u64 {
    const STEPS_S: [u64; 9] = [5, 10, 15, 30, 60, 120, 300, 600, 1800];
    STEPS_S
        .iter()
        .map(|s| s * 1000)
        .find(|s| end_ms / s <= 10)
        .unwrap_or(3_600_000)
}

/// The Gantt chart of one drill.
#[must_use]
pub fn timeline(r: &Review, lang: Lang) -> String {
    let tl = &r.timeline;
    let end = tl.end_ms.max(r.timing.target_ms.unwrap_or(0)).max(1);
    let xpos = |ms: u64| LEFT + ms as f64 / end as f64 * (WIDTH - LEFT - RIGHT);
    let rows_h: f64 = tl
        .rows
        .iter()
        .map(|row| row.lanes as f64 * LANE + ROW_PAD)
        .sum();
    let height = TOP + rows_h + 56.0;
    let mut s = String::new();
    let title = T::TabTimeline.text(lang);
    let _ = write!(
        s,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" role="img" aria-label="{}"><title>{}</title>"#,
        escape(&title),
        escape(&title)
    );
    // The time axis and its grid.
    let step = tick_ms(end);
    let mut tick = 0;
    while tick <= end {
        let xt = xpos(tick);
        let _ = write!(
            s,
            r##"<line x1="{xt:.1}" y1="{:.1}" x2="{xt:.1}" y2="{:.1}" stroke="#ddd" stroke-width="0.6"/><text x="{xt:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#555">{}</text>"##,
            TOP - 4.0,
            TOP + rows_h,
            TOP - 8.0,
            mmss(tick)
        );
        tick += step;
    }
    let mut y = TOP;
    for (i, row) in tl.rows.iter().enumerate() {
        let h = row.lanes as f64 * LANE + ROW_PAD;
        if i % 2 == 0 {
            let _ = write!(
                s,
                r##"<rect x="{LEFT}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="#f6f7f9"/>"##,
                WIDTH - LEFT - RIGHT
            );
        }
        let name = r
            .stairwells
            .iter()
            .find(|st| st.summary.id == row.stairwell)
            .map_or_else(|| row.stairwell.0.clone(), |st| st.name.clone());
        let label = if name == row.stairwell.0 {
            name
        } else {
            format!("{} {name}", row.stairwell)
        };
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#222">{}</text>"##,
            LEFT - 6.0,
            y + h / 2.0 + 4.0,
            escape(&evacdrill_core::i18n::width::truncate(&label, 18))
        );
        for hold in &row.holds {
            let (x0, x1) = (xpos(hold.from_ms), xpos(hold.to_ms));
            let _ = write!(
                s,
                r#"<rect x="{x0:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{}" fill-opacity="0.55"><title>{} {}–{}</title></rect>"#,
                (x1 - x0).max(1.0),
                hold_colour(hold.reason),
                escape(&words::hold_reason(hold.reason, lang)),
                mmss(hold.from_ms),
                mmss(hold.to_ms)
            );
        }
        for bar in &row.bars {
            let ly = y + ROW_PAD / 2.0 + bar.lane as f64 * LANE;
            let (g0, g1) = (xpos(bar.planned_ms), xpos(bar.planned_end_ms));
            let _ = write!(
                s,
                r##"<rect x="{g0:.1}" y="{:.1}" width="{:.1}" height="16" fill="#e3e7ee" stroke="#8a94a6" stroke-width="0.8" stroke-dasharray="3 2"/>"##,
                ly + 1.0,
                (g1 - g0).max(2.0)
            );
            let name = r
                .class(&bar.class)
                .map_or_else(|| bar.class.0.clone(), |c| c.name.clone());
            let mut label_x = g1.max(g0 + 2.0);
            if let Some(rel) = bar.released_ms {
                let out = bar.out_ms.unwrap_or(r.timeline.end_ms);
                let (a0, a1) = (xpos(rel), xpos(out));
                let fill = if bar.out_ms.is_some() {
                    "#2f6db5"
                } else {
                    "#8fb3e0"
                };
                let _ = write!(
                    s,
                    r#"<rect x="{a0:.1}" y="{:.1}" width="{:.1}" height="10" fill="{fill}"><title>{} {}–{}</title></rect>"#,
                    ly + 4.0,
                    (a1 - a0).max(2.0),
                    escape(&name),
                    mmss(rel),
                    bar.out_ms.map_or_else(String::new, mmss)
                );
                label_x = label_x.max(a1);
            }
            // The name only where it fits before the next bar of the lane.
            let next = row
                .bars
                .iter()
                .filter(|b| b.lane == bar.lane && b.extent().0 > bar.extent().0)
                .map(|b| xpos(b.extent().0))
                .fold(WIDTH - RIGHT, f64::min);
            let text_w = evacdrill_core::i18n::width::width(&name) as f64 * 5.0 + 6.0;
            if label_x + text_w <= next {
                let _ = write!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" font-size="9" fill="#333">{}</text>"##,
                    label_x + 3.0,
                    ly + 12.5,
                    escape(&name)
                );
            }
        }
        for m in &row.markers {
            marker(&mut s, xpos(m.at_ms), y + 1.0, m, lang);
        }
        y += h;
    }
    for m in &tl.general {
        marker(&mut s, xpos(m.at_ms), TOP - 2.0, m, lang);
    }
    if let Some(target) = r.timing.target_ms {
        let xt = xpos(target);
        let _ = write!(
            s,
            r##"<line x1="{xt:.1}" y1="{:.1}" x2="{xt:.1}" y2="{:.1}" stroke="#c0392b" stroke-width="1.4" stroke-dasharray="5 3"/><text x="{xt:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#c0392b">{} {}</text>"##,
            TOP - 2.0,
            TOP + rows_h + 4.0,
            TOP + rows_h + 15.0,
            escape(&T::Target.text(lang)),
            mmss(target)
        );
    }
    legend(&mut s, TOP + rows_h + 30.0, lang);
    s.push_str("</svg>");
    s
}

fn marker(s: &mut String, x: f64, y: f64, m: &Marker, lang: Lang) {
    let _ = write!(
        s,
        r##"<path d="M{:.1} {y:.1} l5 0 l-5 8 l-5 -8 z" fill="#c0392b"><title>#{} {} {}</title></path>"##,
        x,
        m.seq,
        mmss(m.at_ms),
        escape(&category(m.category, lang))
    );
}

fn legend(s: &mut String, y: f64, lang: Lang) {
    /// What a legend item's swatch looks like.
    enum Swatch {
        Ghost,
        Actual,
        Hold(HoldReason),
        Problem,
    }
    let mut items = vec![
        (Swatch::Ghost, T::LegendPlan.text(lang)),
        (Swatch::Actual, T::LegendActual.text(lang)),
    ];
    for reason in [
        HoldReason::Coordinator,
        HoldReason::Congestion,
        HoldReason::MarshalAbsent,
        HoldReason::Blocked,
    ] {
        items.push((Swatch::Hold(reason), words::hold_reason(reason, lang)));
    }
    items.push((Swatch::Problem, T::LegendProblem.text(lang)));
    let mut x = LEFT;
    for (swatch, label) in items {
        let _ = match swatch {
            Swatch::Ghost => write!(
                s,
                r##"<rect x="{x:.1}" y="{y:.1}" width="16" height="11" fill="#e3e7ee" stroke="#8a94a6" stroke-dasharray="3 2"/>"##
            ),
            Swatch::Actual => write!(
                s,
                r##"<rect x="{x:.1}" y="{:.1}" width="16" height="7" fill="#2f6db5"/>"##,
                y + 2.0
            ),
            Swatch::Hold(reason) => write!(
                s,
                r#"<rect x="{x:.1}" y="{y:.1}" width="16" height="11" fill="{}" fill-opacity="0.55"/>"#,
                hold_colour(reason)
            ),
            Swatch::Problem => write!(
                s,
                r##"<path d="M{:.1} {:.1} l5 0 l-5 8 l-5 -8 z" fill="#c0392b"/>"##,
                x + 8.0,
                y + 1.0
            ),
        };
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#333">{}</text>"##,
            x + 20.0,
            y + 9.0,
            escape(&label)
        );
        x += 30.0 + evacdrill_core::i18n::width::width(&label) as f64 * 5.6;
    }
}

/// The trend line chart: evacuation and accounting time per drill, and the target.
#[must_use]
pub fn trend(trend: &Trend, lang: Lang) -> String {
    const H: f64 = 260.0;
    // Points stay clear of the edges so that their date labels fit.
    const INSET: f64 = 40.0;
    const BOTTOM: f64 = 40.0;
    let count = trend.points.len().max(1);
    let top_ms = trend
        .points
        .iter()
        .flat_map(|p| [p.evacuation_ms, p.accounting_ms, p.target_ms])
        .flatten()
        .max()
        .unwrap_or(60_000)
        .max(1) as f64
        * 1.1;
    let plot_h = H - TOP - BOTTOM;
    let xpos = |i: usize| {
        if count == 1 {
            LEFT + (WIDTH - LEFT - RIGHT) / 2.0
        } else {
            LEFT + INSET + i as f64 / (count - 1) as f64 * (WIDTH - LEFT - RIGHT - 2.0 * INSET)
        }
    };
    let ypos = |ms: u64| TOP + plot_h - ms as f64 / top_ms * plot_h;
    let mut s = String::new();
    let title = T::TrendAcross.text(lang);
    let _ = write!(
        s,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {H}" role="img" aria-label="{}"><title>{}</title>"#,
        escape(&title),
        escape(&title)
    );
    let step = tick_ms(top_ms as u64);
    let mut tick = 0;
    while (tick as f64) <= top_ms {
        let yt = ypos(tick);
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
    if let Some(target) = trend.points.iter().find_map(|p| p.target_ms) {
        let yt = ypos(target);
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
            words::figure(evacdrill_core::review::Figure::EvacuationTime, lang),
            trend
                .points
                .iter()
                .map(|p| p.evacuation_ms)
                .collect::<Vec<_>>(),
        ),
        (
            "#7f8c8d",
            words::figure(evacdrill_core::review::Figure::AccountingTime, lang),
            trend.points.iter().map(|p| p.accounting_ms).collect(),
        ),
    ];
    for (k, (colour, name, values)) in series.iter().enumerate() {
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", xpos(i), ypos(v))))
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
                    xpos(i),
                    ypos(*v),
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
    for (i, p) in trend.points.iter().enumerate() {
        let label = p
            .started_wall
            .as_deref()
            .and_then(|w| w.get(..10))
            .map_or_else(|| format!("#{}", i + 1), str::to_owned);
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#555">{}</text>"##,
            xpos(i),
            H - BOTTOM + 14.0,
            escape(&label)
        );
    }
    s.push_str("</svg>");
    s
}

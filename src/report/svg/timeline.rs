//! The Gantt chart of one drill: a row per stairwell, a lane per class
//! running at once, the plan as a ghost bar behind the actual one, holds
//! shaded, problems marked, the target as a line.

use std::fmt::Write as _;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::{self as words, ReviewText as T};
use evacdrill_core::i18n::session::category;
use evacdrill_core::review::{Bar, HoldReason, Marker, Review, TimelineRow, mmss};

use super::super::html::escape;
use super::{LANE, LEFT, RIGHT, ROW_PAD, TOP, WIDTH, hold_colour, tick_ms};

/// Drill time to x, over `0..=end` ms.
#[derive(Clone, Copy)]
struct Scale {
    end: u64,
}

impl Scale {
    fn x(self, ms: u64) -> f64 {
        LEFT + ms as f64 / self.end as f64 * (WIDTH - LEFT - RIGHT)
    }
}

/// The Gantt chart of one drill.
#[must_use]
pub fn timeline(r: &Review, lang: Lang) -> String {
    let tl = &r.timeline;
    let scale = Scale {
        end: tl.end_ms.max(r.timing.target_ms.unwrap_or(0)).max(1),
    };
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
    time_axis(&mut s, scale, rows_h);
    let mut y = TOP;
    for (i, row) in tl.rows.iter().enumerate() {
        y += stairwell_row(&mut s, r, row, i, y, scale, lang);
    }
    for m in &tl.general {
        marker(&mut s, scale.x(m.at_ms), TOP - 2.0, m, lang);
    }
    if let Some(target) = r.timing.target_ms {
        let xt = scale.x(target);
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

/// The time axis and its grid, over rows `rows_h` high.
fn time_axis(s: &mut String, scale: Scale, rows_h: f64) {
    let step = tick_ms(scale.end);
    let mut tick = 0;
    while tick <= scale.end {
        let xt = scale.x(tick);
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
}

/// Row `index`, one stairwell, at `y`: its band and name, its holds, its bars
/// and its problems; returns its height.
fn stairwell_row(
    s: &mut String,
    r: &Review,
    row: &TimelineRow,
    index: usize,
    y: f64,
    scale: Scale,
    lang: Lang,
) -> f64 {
    let height = row.lanes as f64 * LANE + ROW_PAD;
    if index % 2 == 0 {
        let _ = write!(
            s,
            r##"<rect x="{LEFT}" y="{y:.1}" width="{:.1}" height="{height:.1}" fill="#f6f7f9"/>"##,
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
        y + height / 2.0 + 4.0,
        escape(&evacdrill_core::i18n::width::truncate(&label, 18))
    );
    for hold in &row.holds {
        let (x0, x1) = (scale.x(hold.from_ms), scale.x(hold.to_ms));
        let _ = write!(
            s,
            r#"<rect x="{x0:.1}" y="{y:.1}" width="{:.1}" height="{height:.1}" fill="{}" fill-opacity="0.55"><title>{} {}–{}</title></rect>"#,
            (x1 - x0).max(1.0),
            hold_colour(hold.reason),
            escape(&words::hold_reason(hold.reason, lang)),
            mmss(hold.from_ms),
            mmss(hold.to_ms)
        );
    }
    for bar in &row.bars {
        class_bar(s, r, row, bar, y, scale);
    }
    for m in &row.markers {
        marker(s, scale.x(m.at_ms), y + 1.0, m, lang);
    }
    height
}

/// One class in its lane: the planned ghost, the actual bar (lighter while
/// not out), and its name where it fits before the lane's next bar.
fn class_bar(s: &mut String, r: &Review, row: &TimelineRow, bar: &Bar, y: f64, scale: Scale) {
    let ly = y + ROW_PAD / 2.0 + bar.lane as f64 * LANE;
    let (g0, g1) = (scale.x(bar.planned_ms), scale.x(bar.planned_end_ms));
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
        let (a0, a1) = (scale.x(rel), scale.x(out));
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
    let next = row
        .bars
        .iter()
        .filter(|b| b.lane == bar.lane && b.extent().0 > bar.extent().0)
        .map(|b| scale.x(b.extent().0))
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

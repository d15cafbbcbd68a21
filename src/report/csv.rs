//! The CSV report: one file, RFC 4180, a `record_type` column telling a
//! class row from an event row (docs/review.md lists every column).
//!
//! Column names are fixed English identifiers so that spreadsheets and
//! scripts can rely on them in any language; the cells that are words
//! (event descriptions, categories, places, status) follow `--lang`. Times
//! are seconds after the signal with one decimal. Lines end with CRLF, as
//! RFC 4180 says; a field with a comma, a quote, CR or LF is quoted, with
//! quotes doubled.

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::ReviewText as T;
use evacdrill_core::i18n::session::{category, event};
use evacdrill_core::review::Review;
use evacdrill_core::session::{Event, Place};

use super::{Report, Reviewed, seconds, signed_seconds, tables};

/// The columns, in order.
pub const COLUMNS: [&str; 24] = [
    "record_type",
    "session",
    "seq",
    "drill_s",
    "wall",
    "stairwell",
    "class",
    "class_name",
    "planned_s",
    "released_s",
    "delay_s",
    "gate_delay_s",
    "out_s",
    "release_to_out_s",
    "expected",
    "present",
    "missing",
    "injured",
    "event_type",
    "category",
    "place",
    "text",
    "status",
    "corrected_by",
];

/// The report as CSV text.
#[must_use]
pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    push_row(&mut out, COLUMNS.iter().map(|c| (*c).to_owned()));
    for s in report.sessions {
        for row in class_rows(&s.review, report.lang) {
            push_row(&mut out, row);
        }
        for row in event_rows(s, report.lang) {
            push_row(&mut out, row);
        }
    }
    out
}

/// One RFC 4180 field.
#[must_use]
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let line: Vec<String> = cells.into_iter().map(|c| field(&c)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// A row with every column empty but the first two.
fn blank(kind: &str, session: &str) -> Vec<String> {
    let mut row = vec![String::new(); COLUMNS.len()];
    kind.clone_into(&mut row[0]);
    session.clone_into(&mut row[1]);
    row
}

fn col(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).unwrap_or(0)
}

fn class_rows(r: &Review, lang: Lang) -> Vec<Vec<String>> {
    r.classes
        .iter()
        .map(|c| {
            let s = &c.summary;
            let mut row = blank("class", &r.source);
            let opt = |v: Option<u64>| v.map(seconds).unwrap_or_default();
            row[col("stairwell")].clone_from(&s.stairwell.0);
            row[col("class")].clone_from(&s.id.0);
            row[col("class_name")].clone_from(&c.name);
            row[col("planned_s")] = seconds(s.planned_ms);
            row[col("released_s")] = opt(s.released_ms);
            row[col("delay_s")] = c
                .delay
                .map(|d| signed_seconds(d.total_ms))
                .unwrap_or_default();
            row[col("gate_delay_s")] = c.delay.map(|d| seconds(d.gates_ms)).unwrap_or_default();
            row[col("out_s")] = opt(s.out_ms);
            row[col("release_to_out_s")] = opt(c.release_to_out_ms);
            row[col("expected")] = s.expected.to_string();
            row[col("present")] = s.present.map(|p| p.to_string()).unwrap_or_default();
            row[col("missing")] = s
                .missing
                .as_ref()
                .map(|p| p.count.to_string())
                .unwrap_or_default();
            row[col("injured")] = s
                .injured
                .as_ref()
                .map(|p| p.count.to_string())
                .unwrap_or_default();
            let names: Vec<String> = s
                .missing
                .iter()
                .chain(s.injured.iter())
                .flat_map(|p| p.names.iter().cloned())
                .collect();
            row[col("text")] = names.join("; ");
            if c.headcount_corrected {
                row[col("status")] = T::Corrected.text(lang);
            }
            row
        })
        .collect()
}

fn event_rows(s: &Reviewed, lang: Lang) -> Vec<Vec<String>> {
    let r = &s.review;
    r.events
        .iter()
        .map(|e| {
            let mut row = blank("event", &r.source);
            row[col("seq")] = e.seq.to_string();
            row[col("drill_s")] = seconds(e.drill_ms);
            row[col("wall")] = e.wall.clone().unwrap_or_default();
            row[col("event_type")] = event_type(&e.event);
            let (stairwell, class) = names_in(&e.event);
            row[col("stairwell")] = stairwell;
            row[col("class")] = class;
            if let Some((cat, place)) = problem_of(&e.event) {
                row[col("category")] = category(cat, lang);
                row[col("place")] = tables::place(r, &place, lang);
            }
            row[col("text")] = event(&e.event, &s.script, lang);
            row[col("status")] = if e.withdrawn {
                T::Withdrawn.text(lang)
            } else if e.corrected_by.is_some() {
                T::Corrected.text(lang)
            } else {
                String::new()
            };
            row[col("corrected_by")] = e.corrected_by.map(|c| c.to_string()).unwrap_or_default();
            row
        })
        .collect()
}

/// The event's `type` tag, as in the session file.
fn event_type(e: &Event) -> String {
    serde_json::to_value(e)
        .ok()
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

/// The stairwell and class an event names, if any.
fn names_in(e: &Event) -> (String, String) {
    match e {
        Event::MarshalAtPost { stairwell, .. }
        | Event::MarshalLeftPost { stairwell }
        | Event::StairwellCleared { stairwell, .. }
        | Event::CongestionReported { stairwell, .. }
        | Event::StairwellBlocked { stairwell, .. } => (stairwell.0.clone(), String::new()),
        Event::ClassReleased {
            class, stairwell, ..
        } => (stairwell.0.clone(), class.0.clone()),
        Event::ClassPassed { class } => (String::new(), class.0.clone()),
        Event::HeadcountTaken(h) => (String::new(), h.class.0.clone()),
        Event::Held { stairwells } | Event::Resumed { stairwells } => (
            stairwells
                .iter()
                .map(|s| s.0.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            String::new(),
        ),
        _ => (String::new(), String::new()),
    }
}

fn problem_of(e: &Event) -> Option<(evacdrill_core::session::ProblemCategory, Place)> {
    use evacdrill_core::session::ProblemCategory as C;
    match e {
        Event::ProblemLogged(p) => Some((p.category, p.place.clone())),
        Event::CongestionReported { stairwell, .. } => {
            Some((C::Congestion, Place::Stairwell(stairwell.clone())))
        }
        Event::StairwellBlocked { stairwell, .. } => {
            Some((C::BlockedExit, Place::Stairwell(stairwell.clone())))
        }
        _ => None,
    }
}

//! The review's tables as rows of text in the user's language: what the
//! HTML and Markdown reports and the review browser all show, built once.

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::{self as words, ReviewText as T};
use evacdrill_core::i18n::session::category;
use evacdrill_core::review::{
    ClassReview, Delay, Figure, HeadcountCheck, ProblemReview, Review, Trend, mmss, mmss_or_dash,
    signed_mmss,
};
use evacdrill_core::session::{People, Place};

/// A table: its header and its rows, every cell text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns whose cells are numbers or times (right-aligned).
    pub numeric: Vec<bool>,
}

impl Table {
    fn new(header: Vec<(String, bool)>) -> Self {
        let (header, numeric) = header.into_iter().unzip();
        Self {
            header,
            rows: Vec::new(),
            numeric,
        }
    }
}

fn t(m: &T, lang: Lang) -> String {
    m.text(lang)
}

/// The drill record: label and value, in the order fire codes list them.
#[must_use]
pub fn record(r: &Review, lang: Lang) -> Vec<(String, String)> {
    let rec = &r.record;
    let none = || t(&T::None_, lang);
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            none()
        } else {
            s.to_owned()
        }
    };
    let list = |v: &[String]| {
        if v.is_empty() { none() } else { v.join(", ") }
    };
    let mut source = r.source.clone();
    if r.from_journal {
        source = format!("{source} ({})", t(&T::FromJournal, lang));
    }
    let ending = match (rec.complete, &rec.end_reason) {
        (Some(_), Some(reason)) => T::EndedEarly {
            reason: reason.clone(),
        },
        (Some(true), None) => T::EndedComplete,
        _ => T::NotEnded,
    };
    let mut rows = vec![
        (t(&T::Drill, lang), r.drill_name.clone()),
        (t(&T::Building, lang), or_none(&r.building)),
        (t(&T::Kind, lang), words::kind(rec.kind, lang)),
        (t(&T::Scenario, lang), words::scenario(r.scenario, lang)),
        (t(&T::ConductedBy, lang), or_none(&rec.conducted_by)),
        (
            t(&T::DateTime, lang),
            r.started_wall.as_deref().map_or_else(none, wall_text),
        ),
        (t(&T::Alarm, lang), or_none(&rec.alarm)),
        (t(&T::Staff, lang), list(&rec.staff_on_duty)),
        (
            t(&T::Evacuated, lang),
            t(
                &T::EvacuatedOf {
                    present: rec.people_evacuated,
                    expected: rec.people_expected,
                },
                lang,
            ),
        ),
        (t(&T::Conditions, lang), or_none(&rec.conditions_simulated)),
        (t(&T::Weather, lang), or_none(&rec.weather)),
        (
            t(&T::EvacuationTime, lang),
            time_or_not_reached(r.timing.evacuation_ms, lang),
        ),
        (
            t(&T::AccountingTime, lang),
            time_or_not_reached(r.timing.accounting_ms, lang),
        ),
        (
            t(&T::Target, lang),
            words::target(r.timing.target, r.timing.target_ms, lang),
        ),
        (
            t(&T::LastPlanned, lang),
            mmss_or_dash(r.timing.last_planned_release_ms),
        ),
        (t(&T::MaxGateDelay, lang), mmss(r.timing.max_gate_delay_ms)),
        (
            t(&T::ProblemsFound, lang),
            t(
                &T::ProblemsCount {
                    count: r.problem_counts.total,
                    withdrawn: r.problem_counts.withdrawn,
                },
                lang,
            ),
        ),
        (t(&T::ChecklistFailed, lang), list(&rec.checklist_failed)),
        (t(&T::Ending, lang), t(&ending, lang)),
        (t(&T::Source, lang), source),
    ];
    if !rec.unmanned_at_start.is_empty() {
        let ids: Vec<String> = rec.unmanned_at_start.iter().map(|s| s.0.clone()).collect();
        let reason = rec.override_reason.clone().unwrap_or_default();
        rows.push((
            t(&T::Unmanned, lang),
            format!("{} — {reason}", ids.join(", ")),
        ));
    }
    if !r.crash_gaps.is_empty() {
        rows.push((
            t(&T::Ending, lang),
            t(
                &T::CrashGaps {
                    count: r.crash_gaps.len(),
                    secs: r.crash_gaps.iter().map(|g| g.gap_ms).sum::<u64>() / 1000,
                },
                lang,
            ),
        ));
    }
    rows
}

/// An RFC 3339 time as `YYYY-MM-DD HH:MM (+08:00)`; other text as it is.
#[must_use]
pub fn wall_text(wall: &str) -> String {
    match (
        wall.get(..10),
        wall.get(11..16),
        wall.get(wall.len().saturating_sub(6)..),
    ) {
        (Some(date), Some(time), Some(offset))
            if wall.len() >= 25 && wall.as_bytes().get(10) == Some(&b'T') =>
        {
            format!("{date} {time} ({offset})")
        }
        _ => wall.to_owned(),
    }
}

fn time_or_not_reached(ms: Option<u64>, lang: Lang) -> String {
    ms.map_or_else(|| t(&T::NotReached, lang), mmss)
}

/// Per stairwell.
#[must_use]
pub fn stairwells(r: &Review, lang: Lang) -> Table {
    let mut table = Table::new(vec![
        (t(&T::ColStairwell, lang), false),
        (t(&T::ColMarshal, lang), false),
        (t(&T::ColAtPost, lang), false),
        (t(&T::ColPeople, lang), true),
        (t(&T::ColFirstRelease, lang), true),
        (t(&T::ColLastRelease, lang), true),
        (t(&T::ColClear, lang), true),
        (t(&T::ColHold, lang), true),
        (t(&T::ColCongestion, lang), true),
        (t(&T::ColMarshalAbsent, lang), true),
        (t(&T::ColClearWait, lang), true),
        (t(&T::ColProblems, lang), true),
    ]);
    for s in &r.stairwells {
        let mut name = if s.name == s.summary.id.0 {
            s.name.clone()
        } else {
            format!("{} {}", s.summary.id, s.name)
        };
        if s.summary.blocked {
            name = format!("{name} ({})", t(&T::Blocked, lang));
        }
        table.rows.push(vec![
            name,
            s.marshal.clone().unwrap_or_else(|| t(&T::Dash, lang)),
            words::marshal_post(s.at_post, lang),
            s.people.to_string(),
            mmss_or_dash(s.summary.first_release_ms),
            mmss_or_dash(s.last_release_ms),
            mmss_or_dash(s.summary.cleared_ms),
            mmss(s.held_for.coordinator_ms),
            mmss(s.held_for.congestion_ms),
            mmss(s.held_for.marshal_absent_ms),
            mmss(s.held_for.clear_ms),
            s.problems.to_string(),
        ]);
    }
    table
}

/// Per class.
#[must_use]
pub fn classes(r: &Review, lang: Lang) -> Table {
    let mut table = Table::new(vec![
        (t(&T::ColClass, lang), false),
        (t(&T::ColStairwell, lang), false),
        (t(&T::ColPlan, lang), true),
        (t(&T::ColRelease, lang), true),
        (t(&T::ColDelay, lang), true),
        (t(&T::ColGates, lang), true),
        (t(&T::ColRest, lang), true),
        (t(&T::ColOut, lang), true),
        (t(&T::ColReleaseToOut, lang), true),
        (t(&T::ColExpected, lang), true),
        (t(&T::ColPresent, lang), true),
        (t(&T::ColMissing, lang), false),
        (t(&T::ColInjured, lang), false),
    ]);
    for c in &r.classes {
        table.rows.push(class_row(c, lang));
    }
    table
}

fn class_row(c: &ClassReview, lang: Lang) -> Vec<String> {
    let s = &c.summary;
    let release = match s.released_ms {
        None => t(&T::NotReleased, lang),
        Some(ms) if s.manual => format!("{} ({})", mmss(ms), t(&T::ByHand, lang)),
        Some(ms) => mmss(ms),
    };
    let (delay, gates, rest) = c.delay.map_or_else(
        || (t(&T::Dash, lang), t(&T::Dash, lang), t(&T::Dash, lang)),
        |d: Delay| {
            (
                signed_mmss(d.total_ms),
                mmss(d.gates_ms),
                signed_mmss(d.rest_ms),
            )
        },
    );
    let mut present = s
        .present
        .map_or_else(|| t(&T::Dash, lang), |p| p.to_string());
    if let HeadcountCheck::Short { by } = c.headcount {
        present = format!("{present} (−{by})");
    }
    if c.headcount_corrected {
        present = format!("{present} ({})", t(&T::Corrected, lang));
    }
    let name = if c.name == s.id.0 {
        c.name.clone()
    } else {
        format!("{} {}", s.id, c.name)
    };
    vec![
        name,
        s.stairwell.0.clone(),
        mmss(s.planned_ms),
        release,
        delay,
        gates,
        rest,
        mmss_or_dash(s.out_ms),
        mmss_or_dash(c.release_to_out_ms),
        s.expected.to_string(),
        present,
        people(s.missing.as_ref(), lang),
        people(s.injured.as_ref(), lang),
    ]
}

/// A count with its names: `2: Li Ming, Wang Fang`.
#[must_use]
pub fn people(p: Option<&People>, lang: Lang) -> String {
    match p {
        None => t(&T::Dash, lang),
        Some(p) if p.names.is_empty() => p.count.to_string(),
        Some(p) => format!("{}: {}", p.count, p.names.join(", ")),
    }
}

/// A place in words, with a class's name from the review.
#[must_use]
pub fn place(r: &Review, p: &Place, lang: Lang) -> String {
    words::place(
        p,
        |id| {
            r.classes
                .iter()
                .find(|c| c.summary.id.0 == id)
                .map_or_else(|| id.to_owned(), |c| c.name.clone())
        },
        lang,
    )
}

/// Every problem with its action, in log order; withdrawn ones marked.
#[must_use]
pub fn problems(r: &Review, lang: Lang) -> Table {
    let mut table = Table::new(vec![
        (t(&T::ColTime, lang), true),
        (t(&T::ColCategory, lang), false),
        (t(&T::ColPlace, lang), false),
        (t(&T::ColDescription, lang), false),
        (t(&T::ColAction, lang), false),
        (t(&T::ColStatus, lang), false),
    ]);
    for p in &r.problems {
        table.rows.push(problem_row(r, p, lang));
    }
    table
}

fn problem_row(r: &Review, p: &ProblemReview, lang: Lang) -> Vec<String> {
    let where_ = place(r, &p.place, lang);
    let status = if p.withdrawn {
        T::Withdrawn
    } else if p.corrected {
        T::Corrected
    } else {
        T::Counts
    };
    vec![
        mmss(p.drill_ms),
        category(p.category, lang),
        where_.clone(),
        p.text.clone(),
        if p.withdrawn {
            t(&T::Dash, lang)
        } else {
            words::action(p.action, where_, lang)
        },
        t(&status, lang),
    ]
}

/// Names with how many of each.
pub type Counts = Vec<(String, usize)>;

/// Problems counted by category, then by place.
#[must_use]
pub fn problem_counts(r: &Review, lang: Lang) -> (Counts, Counts) {
    let cats = r
        .problem_counts
        .by_category
        .iter()
        .map(|c| (category(c.category, lang), c.count))
        .collect();
    let places = r
        .problem_counts
        .by_place
        .iter()
        .map(|c| (place(r, &c.place, lang), c.count))
        .collect();
    (cats, places)
}

/// The drills of a trend, one row each.
#[must_use]
pub fn trend_points(trend: &Trend, lang: Lang) -> Table {
    let mut table = Table::new(vec![
        (t(&T::ColDrill, lang), false),
        (t(&T::ColDate, lang), false),
        (words::figure(Figure::EvacuationTime, lang), true),
        (words::figure(Figure::AccountingTime, lang), true),
        (words::figure(Figure::Problems, lang), true),
        (words::figure(Figure::MaxGateDelay, lang), true),
        (t(&T::FigTargetMet, lang), false),
    ]);
    for p in &trend.points {
        table.rows.push(vec![
            p.source.clone(),
            p.started_wall
                .as_deref()
                .map_or_else(|| t(&T::Dash, lang), wall_text),
            mmss_or_dash(p.evacuation_ms),
            mmss_or_dash(p.accounting_ms),
            p.problems.to_string(),
            mmss(p.max_gate_delay_ms),
            match p.target_met {
                Some(true) => t(&T::Met, lang),
                Some(false) => t(&T::Missed, lang),
                None => t(&T::NoTarget, lang),
            },
        ]);
    }
    table
}

/// Each figure's trend, best and worst.
#[must_use]
pub fn trend_figures(trend: &Trend, lang: Lang) -> Table {
    let mut table = Table::new(vec![
        (t(&T::ColFigure, lang), false),
        (t(&T::ColTrend, lang), false),
        (t(&T::ColBest, lang), false),
        (t(&T::ColWorst, lang), false),
    ]);
    let at = |f: Figure, e: Option<evacdrill_core::review::Extreme>| {
        e.map_or_else(
            || t(&T::Dash, lang),
            |e| {
                let source = trend.points.get(e.point).map_or("", |p| p.source.as_str());
                format!("{} ({source})", words::figure_value(f, Some(e.value)))
            },
        )
    };
    for f in &trend.figures {
        table.rows.push(vec![
            words::figure(f.figure, lang),
            words::direction(f.direction, lang),
            at(f.figure, f.best),
            at(f.figure, f.worst),
        ]);
    }
    table
}

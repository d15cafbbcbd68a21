//! Several drills of one school compared: the trend of each figure, the
//! best and the worst drill, and how often the target was met.
//!
//! Sessions belong to the same school when their scripts name the same
//! building (`[building] name`, compared after trimming spaces); a script
//! whose building has no name is grouped by its drill name instead. Within
//! a group, drills are ordered by the wall-clock time of their signal;
//! drills that never started keep their given order, after the others.

use serde::Serialize;

use super::Review;

/// One drill's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendPoint {
    /// The review's index in the slice given to [`trends`].
    pub index: usize,
    pub source: String,
    pub started_wall: Option<String>,
    pub evacuation_ms: Option<u64>,
    pub accounting_ms: Option<u64>,
    /// Problems that count (withdrawn ones do not).
    pub problems: usize,
    pub max_gate_delay_ms: u64,
    pub target_ms: Option<u64>,
    /// `None` when the script sets no target.
    pub target_met: Option<bool>,
}

/// A figure followed across drills; lower is better for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    EvacuationTime,
    AccountingTime,
    Problems,
    MaxGateDelay,
}

impl Figure {
    pub const ALL: [Self; 4] = [
        Self::EvacuationTime,
        Self::AccountingTime,
        Self::Problems,
        Self::MaxGateDelay,
    ];

    /// This figure of a drill, if it has one.
    #[must_use]
    pub fn of(self, p: &TrendPoint) -> Option<u64> {
        match self {
            Self::EvacuationTime => p.evacuation_ms,
            Self::AccountingTime => p.accounting_ms,
            Self::Problems => Some(p.problems as u64),
            Self::MaxGateDelay => Some(p.max_gate_delay_ms),
        }
    }
}

/// Which way a figure is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Going down (better).
    Improving,
    /// Within 5 % of its mean over the drills.
    Steady,
    /// Going up (worse).
    Worsening,
    /// Fewer than two drills have the figure.
    NotEnoughData,
}

/// A drill at an extreme of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Extreme {
    /// Position in [`Trend::points`].
    pub point: usize,
    pub value: u64,
}

/// One figure across the drills of a school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureTrend {
    pub figure: Figure,
    /// The value per drill, in [`Trend::points`] order.
    pub values: Vec<Option<u64>>,
    /// The lowest value (the earliest drill on a tie).
    pub best: Option<Extreme>,
    /// The highest value (the latest drill on a tie).
    pub worst: Option<Extreme>,
    pub direction: Direction,
}

/// The drills of one school, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trend {
    /// The building name (or drill name) the drills share.
    pub school: String,
    pub points: Vec<TrendPoint>,
    pub figures: Vec<FigureTrend>,
    /// Drills that met the target, and those that did not.
    pub target_met: usize,
    pub target_missed: usize,
}

/// A relative change smaller than this share of the mean is "steady"
/// (design assumption: drills vary by a few percent for no reason at all).
const STEADY_SHARE: f64 = 0.05;

/// One trend per school among `reviews`, schools in order of first appearance.
#[must_use]
pub fn trends(reviews: &[Review]) -> Vec<Trend> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, r) in reviews.iter().enumerate() {
        let key = school(r);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    groups
        .into_iter()
        .map(|(school, members)| trend(school, reviews, members))
        .collect()
}

fn school(r: &Review) -> String {
    let building = r.building.trim();
    if building.is_empty() {
        r.drill_name.trim().to_owned()
    } else {
        building.to_owned()
    }
}

fn trend(school: String, reviews: &[Review], mut members: Vec<usize>) -> Trend {
    let started = |i: usize| {
        reviews[i]
            .started_wall
            .as_deref()
            .and_then(|w| w.parse::<jiff::Timestamp>().ok())
    };
    // Stable: drills without a start keep their order, after the others.
    members.sort_by_key(|&i| (started(i).is_none(), started(i)));
    let points: Vec<TrendPoint> = members
        .into_iter()
        .map(|index| {
            let r = &reviews[index];
            TrendPoint {
                index,
                source: r.source.clone(),
                started_wall: r.started_wall.clone(),
                evacuation_ms: r.timing.evacuation_ms,
                accounting_ms: r.timing.accounting_ms,
                problems: r.problem_counts.total,
                max_gate_delay_ms: r.timing.max_gate_delay_ms,
                target_ms: r.timing.target_ms,
                target_met: r.timing.target.met(),
            }
        })
        .collect();
    let figures = Figure::ALL
        .iter()
        .map(|&figure| figure_trend(figure, &points))
        .collect();
    Trend {
        school,
        target_met: points.iter().filter(|p| p.target_met == Some(true)).count(),
        target_missed: points
            .iter()
            .filter(|p| p.target_met == Some(false))
            .count(),
        points,
        figures,
    }
}

fn figure_trend(figure: Figure, points: &[TrendPoint]) -> FigureTrend {
    let values: Vec<Option<u64>> = points.iter().map(|p| figure.of(p)).collect();
    let known: Vec<(usize, u64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    let best = known
        .iter()
        .min_by_key(|&&(i, v)| (v, i))
        .map(|&(point, value)| Extreme { point, value });
    let worst = known
        .iter()
        .max_by_key(|&&(i, v)| (v, i))
        .map(|&(point, value)| Extreme { point, value });
    FigureTrend {
        figure,
        direction: direction(&known),
        values,
        best,
        worst,
    }
}

/// The sign of the least-squares slope, unless the change it predicts over
/// the drills is within [`STEADY_SHARE`] of the mean.
fn direction(known: &[(usize, u64)]) -> Direction {
    if known.len() < 2 {
        return Direction::NotEnoughData;
    }
    let n = known.len() as f64;
    let mean_x = known.iter().map(|&(i, _)| i as f64).sum::<f64>() / n;
    let mean_y = known.iter().map(|&(_, v)| v as f64).sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for &(i, v) in known {
        let dx = i as f64 - mean_x;
        sxy += dx * (v as f64 - mean_y);
        sxx += dx * dx;
    }
    let span = known[known.len() - 1].0 as f64 - known[0].0 as f64;
    let change = if sxx > 0.0 { sxy / sxx * span } else { 0.0 };
    if mean_y <= 0.0 || change.abs() <= STEADY_SHARE * mean_y {
        Direction::Steady
    } else if change < 0.0 {
        Direction::Improving
    } else {
        Direction::Worsening
    }
}

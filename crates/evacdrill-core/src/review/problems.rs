//! Problems: every one logged, with its time and place, whether it was
//! withdrawn or corrected, the action the committee should consider, and
//! the counts by category and by place.

use serde::Serialize;

use crate::session::{Amendment, Event, Place, ProblemCategory, Session};

use super::Recorded;

/// One problem in the review (the session's entry, corrections applied).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProblemReview {
    /// The seq of the entry that logged it.
    pub seq: u64,
    pub drill_ms: u64,
    pub wall: Option<String>,
    pub category: ProblemCategory,
    pub place: Place,
    pub text: String,
    /// Withdrawn by a correction: listed, never counted.
    pub withdrawn: bool,
    /// Its category, place or text was corrected.
    pub corrected: bool,
    /// What to do about it.
    pub action: ActionKind,
}

/// The action a report recommends for a problem, by its category.
///
/// A short, standard answer the committee can accept or change; the words
/// (in both languages) are in `i18n::review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Congestion: review the stagger at the stairwell, add a marshal at the landing.
    ReviewStagger,
    /// A fall or injury: check the stair surface and handrails, brief the
    /// classes on not pushing, review first aid.
    CheckStairSafety,
    /// A blocked exit or stair: keep it free, check it before each drill,
    /// rehearse the alternate route.
    KeepRouteClear,
    /// Lighting: repair it, add it to the pre-drill checklist.
    FixLighting,
    /// A late class: go over readiness with the teacher, practise leaving.
    ClassReadiness,
    /// Equipment (alarm, public address, doors): repair or replace, test before the next drill.
    FixEquipment,
    /// Anything else: discuss it and name someone to follow it up.
    AssignOwner,
}

impl ActionKind {
    /// The action for a category of problem.
    #[must_use]
    pub const fn for_category(category: ProblemCategory) -> Self {
        match category {
            ProblemCategory::Congestion => Self::ReviewStagger,
            ProblemCategory::FallOrInjury => Self::CheckStairSafety,
            ProblemCategory::BlockedExit => Self::KeepRouteClear,
            ProblemCategory::Lighting => Self::FixLighting,
            ProblemCategory::LateClass => Self::ClassReadiness,
            ProblemCategory::Equipment => Self::FixEquipment,
            ProblemCategory::Other => Self::AssignOwner,
        }
    }
}

/// Every category, in the order reports list them.
pub const CATEGORIES: [ProblemCategory; 7] = [
    ProblemCategory::Congestion,
    ProblemCategory::FallOrInjury,
    ProblemCategory::BlockedExit,
    ProblemCategory::Lighting,
    ProblemCategory::LateClass,
    ProblemCategory::Equipment,
    ProblemCategory::Other,
];

/// How many problems of a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    pub category: ProblemCategory,
    pub count: usize,
}

/// How many problems at a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaceCount {
    pub place: Place,
    pub count: usize,
}

/// Problems counted by category and by place; withdrawn ones apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemCounts {
    /// Problems that count (not withdrawn).
    pub total: usize,
    pub withdrawn: usize,
    /// Categories with at least one problem, in [`CATEGORIES`] order.
    pub by_category: Vec<CategoryCount>,
    /// Places with at least one problem: stairwells and classes in script
    /// order, then floors, then nowhere in particular.
    pub by_place: Vec<PlaceCount>,
}

impl ProblemCounts {
    pub(super) fn of(problems: &[ProblemReview], session: &Session) -> Self {
        let counted: Vec<&ProblemReview> = problems.iter().filter(|p| !p.withdrawn).collect();
        let by_category = CATEGORIES
            .iter()
            .map(|&category| CategoryCount {
                category,
                count: counted.iter().filter(|p| p.category == category).count(),
            })
            .filter(|c| c.count > 0)
            .collect();
        let script = session.script();
        let mut floors: Vec<i32> = counted
            .iter()
            .filter_map(|p| match p.place {
                Place::Floor(f) => Some(f),
                _ => None,
            })
            .collect();
        floors.sort_unstable();
        floors.dedup();
        let places = script
            .stairwells
            .iter()
            .map(|s| Place::Stairwell(s.id.clone()))
            .chain(script.classes.iter().map(|c| Place::Class(c.id.clone())))
            .chain(floors.into_iter().map(Place::Floor))
            .chain(std::iter::once(Place::Unspecified));
        let by_place = places
            .map(|place| PlaceCount {
                count: counted.iter().filter(|p| p.place == place).count(),
                place,
            })
            .filter(|c| c.count > 0)
            .collect();
        Self {
            total: counted.len(),
            withdrawn: problems.len() - counted.len(),
            by_category,
            by_place,
        }
    }
}

pub(super) fn review(session: &Session, events: &[Recorded<'_>]) -> Vec<ProblemReview> {
    session
        .problems()
        .iter()
        .map(|p| ProblemReview {
            seq: p.seq,
            drill_ms: p.at.ms(),
            wall: events
                .iter()
                .find(|r| r.seq == p.seq)
                .and_then(|r| r.wall.map(str::to_owned)),
            category: p.report.category,
            place: p.report.place.clone(),
            text: p.report.text.clone(),
            withdrawn: p.withdrawn,
            corrected: events.iter().any(|r| {
                matches!(r.event, Event::Corrected { seq, amendment: Amendment::Problem(_), .. } if *seq == p.seq)
            }),
            action: ActionKind::for_category(p.report.category),
        })
        .collect()
}

//! Schedules built straight from the script, without the planner: the two
//! baselines every plan is shown beside, and a simple staggered schedule.

use std::cmp::Ordering;

use super::{Release, ReleaseRule, Schedule, SimError, with_blocked};
use crate::flow;
use crate::script::{Class, Policy, Script, StairwellId};
use crate::time::DrillTime;
use crate::units::PersonsPerSecond;

/// Every class released at the signal at its door's rate, each into its own
/// stairwell (or its alternate when that is `blocked`): the unmanaged alarm,
/// so no marshal gates it.
pub fn all_at_once(script: &Script, blocked: &[StairwellId]) -> Result<Schedule, SimError> {
    let releases = own_stairwells(script, |_, _| Ordering::Equal);
    Ok(Schedule {
        releases: with_blocked(&releases, script, blocked)?,
        rule: ReleaseRule::AtPlannedTimes,
        gated: false,
        metered: Vec::new(),
    })
}

/// Grade by grade, lowest first: a grade goes when every class of the grade
/// before it is out. Safe-looking, and 1.5 to 3 times the bound
/// (docs/flow-model.md, "Benchmarks").
pub fn sequential_by_grade(script: &Script, blocked: &[StairwellId]) -> Result<Schedule, SimError> {
    let releases = own_stairwells(script, |a, b| a.grade.cmp(&b.grade));
    Ok(Schedule {
        releases: with_blocked(&releases, script, blocked)?,
        rule: ReleaseRule::AfterPreviousGrade,
        gated: false,
        metered: Vec::new(),
    })
}

/// A simple staggered schedule the simulator times by itself: per stairwell,
/// one class at a time in the order of `policy` (`auto` = lower floors
/// first, the usual practice in Chinese schools), each filing out at its door
/// rate capped at the stair's safe capacity, the next class leaving so that
/// its first person reaches the stair as the previous class's last person
/// enters it.
///
/// No two streams ever meet on a stair, so it keeps the merge rule by
/// construction, at the price of never running two classes side by side.
/// It is not the planner (which finds far better plans); it is what
/// `evacdrill simulate` plays for `--plan auto` until the planner's plan is
/// connected.
pub fn one_at_a_time(
    script: &Script,
    policy: Policy,
    blocked: &[StairwellId],
) -> Result<Schedule, SimError> {
    let order = |a: &Class, b: &Class| match policy {
        Policy::Auto | Policy::FloorAscending => a
            .floor
            .cmp(&b.floor)
            .then(a.corridor.0.total_cmp(&b.corridor.0)),
        Policy::GradeAscending => a.grade.cmp(&b.grade).then(a.floor.cmp(&b.floor)),
        Policy::GradeDescending => b.grade.cmp(&a.grade).then(b.floor.cmp(&a.floor)),
    };
    let moved = with_blocked(&own_stairwells(script, order), script, blocked)?;
    let releases = moved
        .into_iter()
        .map(|mut r| {
            let capacity = script
                .stairwell(&r.stairwell)
                .map_or(f64::INFINITY, |s| flow::stair_capacity(s, &script.safety).0);
            let door = script
                .class(&r.class)
                .map_or(script.speeds.door_rate.0, |c| script.door_rate(c).0);
            r.pace = Some(PersonsPerSecond(door.min(capacity)));
            r
        })
        .collect();
    Ok(Schedule {
        releases,
        rule: ReleaseRule::OneStreamPerStairwell,
        gated: true,
        metered: Vec::new(),
    })
}

/// Every class at time zero in its own stairwell, in the given order (stable:
/// ties keep script order).
fn own_stairwells(script: &Script, order: impl Fn(&Class, &Class) -> Ordering) -> Vec<Release> {
    let mut classes: Vec<&Class> = script.classes.iter().collect();
    classes.sort_by(|a, b| order(a, b));
    classes
        .into_iter()
        .map(|c| Release {
            class: c.id.clone(),
            stairwell: c.stairwell.clone(),
            at: DrillTime::ZERO,
            pace: None,
        })
        .collect()
}

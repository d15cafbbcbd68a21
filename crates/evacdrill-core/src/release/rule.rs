//! The release rule (docs/flow-model.md, *The release rule*): one definition,
//! used by the planner, the live session, the rehearsal's simulated marshals,
//! the simulator and the marshal's card.
//!
//! A class is **released** at its release time: it is told to go and starts
//! to leave its classroom at its pace, or when it is ready if that is later
//! (readiness runs from the signal: a class waiting for its turn is lined up
//! at its door). At a `gate = "clear"` stairwell the next **release group**
//! (the classes planned for the same moment in the same stairwell) also
//! waits until every class of the previous group has **passed** — its last
//! person has stepped onto the stair at its own floor, past the marshal's
//! post at the stair head — plus the marshal's confirmation. "Stairwell
//! clear" is a different report: the stair is empty after its last class.
//!
//! If any two users of this rule kept their own copy, a drill that follows
//! the plan would miss it and the marshal would be blamed for the model's
//! error; so every one of them calls these functions.

use super::Release;
use crate::script::Gate;
use crate::time::DrillTime;
use crate::units::{PersonsPerSecond, Seconds};

/// When a released class starts to file out: at its release, or when it is
/// ready if that is later.
#[must_use]
pub fn starts_at(release: Seconds, ready: Seconds) -> Seconds {
    Seconds(release.0.max(ready.0))
}

/// When a class has **passed**: its last person has stepped onto the stair
/// at its own floor. It starts filing out at `start`, its first person walks
/// `to_stair` (the corridor) and `people` file out at `pace`.
#[must_use]
pub fn passed_at(
    start: Seconds,
    to_stair: Seconds,
    people: f64,
    pace: PersonsPerSecond,
) -> Seconds {
    let filing = if pace.0 > 0.0 {
        people / pace.0
    } else {
        f64::INFINITY
    };
    Seconds(start.0 + to_stair.0 + filing)
}

/// Whether two releases belong to one release group: the same stairwell
/// and the same planned moment.
#[must_use]
pub fn same_group(a: &Release, b: &Release) -> bool {
    a.stairwell == b.stairwell && a.at == b.at
}

/// The group released before `release`'s own in its stairwell: the
/// releases of that stairwell planned for the latest moment before it.
/// Empty for the first group.
#[must_use]
pub fn previous_group<'a>(releases: &'a [Release], release: &Release) -> Vec<&'a Release> {
    let before = releases
        .iter()
        .filter(|r| r.stairwell == release.stairwell && r.at < release.at)
        .map(|r| r.at)
        .max();
    match before {
        Some(at) => releases
            .iter()
            .filter(|r| r.stairwell == release.stairwell && r.at == at)
            .collect(),
        None => Vec::new(),
    }
}

/// Where a stairwell's gate stands for its next group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GateState {
    /// Open from this moment on (`None`: no gate holds it at all).
    OpenFrom(Option<Seconds>),
    /// Closed until the marshal reports the previous group passed.
    WaitingForPassed,
}

/// The gate of a stairwell for its next group, from when each class of the
/// previous group passed (`None`: not yet) and the marshal's confirmation.
///
/// At `gate = "time"` nothing waits; at `gate = "clear"` the gate opens
/// `confirm` after the last of the previous group has passed. A live
/// session passes `confirm = 0`: the marshal's report is the confirmation.
#[must_use]
pub fn gate(gate: Gate, previous: &[Option<Seconds>], confirm: Seconds) -> GateState {
    if gate == Gate::Time || previous.is_empty() {
        return GateState::OpenFrom(None);
    }
    let mut last = f64::NEG_INFINITY;
    for p in previous {
        match p {
            Some(t) => last = last.max(t.0),
            None => return GateState::WaitingForPassed,
        }
    }
    GateState::OpenFrom(Some(Seconds(last + confirm.0)))
}

/// The moment a group planned for `planned` is released, once its gate is
/// open: the planned time, or the gate's opening if that is later. `None`
/// while the gate waits for "passed".
#[must_use]
pub fn release_moment(planned: Seconds, gate: GateState) -> Option<Seconds> {
    match gate {
        GateState::OpenFrom(None) => Some(planned),
        GateState::OpenFrom(Some(t)) => Some(Seconds(planned.0.max(t.0))),
        GateState::WaitingForPassed => None,
    }
}

/// [`release_moment`] on the session's clock.
#[must_use]
pub fn due(planned: DrillTime, gate: GateState, now: DrillTime) -> bool {
    release_moment(planned.seconds(), gate).is_some_and(|t| t.0 <= now.seconds().0 + 1e-9)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::{ClassId, StairwellId};

    fn r(class: &str, stair: &str, at_ms: u64) -> Release {
        Release {
            class: ClassId(class.into()),
            stairwell: StairwellId(stair.into()),
            at: DrillTime(at_ms),
            pace: None,
        }
    }

    #[test]
    fn passed_is_the_last_person_onto_the_stair() {
        // Starts at 10 s, walks 8 s of corridor, 35 people at 0.7 p/s.
        let t = passed_at(Seconds(10.0), Seconds(8.0), 35.0, PersonsPerSecond(0.7));
        assert!((t.0 - 68.0).abs() < 1e-9);
        // Readiness runs from the signal: ready at 20 s, released at 30 s.
        assert!((starts_at(Seconds(30.0), Seconds(20.0)).0 - 30.0).abs() < 1e-12);
        assert!((starts_at(Seconds(10.0), Seconds(20.0)).0 - 20.0).abs() < 1e-12);
    }

    #[test]
    fn the_previous_group_is_every_class_of_the_latest_earlier_moment() {
        let all = [
            r("1", "A", 0),
            r("2", "A", 0),
            r("3", "B", 5_000),
            r("4", "A", 60_000),
            r("5", "A", 60_000),
            r("6", "A", 90_000),
        ];
        assert!(previous_group(&all, &all[0]).is_empty());
        let ids = |v: Vec<&Release>| v.iter().map(|r| r.class.0.clone()).collect::<Vec<_>>();
        assert_eq!(ids(previous_group(&all, &all[3])), ["1", "2"]);
        assert_eq!(ids(previous_group(&all, &all[5])), ["4", "5"]);
        assert!(previous_group(&all, &all[2]).is_empty());
        assert!(same_group(&all[3], &all[4]));
        assert!(!same_group(&all[3], &all[5]));
    }

    #[test]
    fn a_clear_gate_waits_for_every_class_of_the_group() {
        let c = Seconds(5.0);
        assert_eq!(gate(Gate::Clear, &[], c), GateState::OpenFrom(None));
        assert_eq!(
            gate(Gate::Clear, &[Some(Seconds(40.0)), None], c),
            GateState::WaitingForPassed
        );
        assert_eq!(
            gate(Gate::Clear, &[Some(Seconds(40.0)), Some(Seconds(52.0))], c),
            GateState::OpenFrom(Some(Seconds(57.0)))
        );
        assert_eq!(gate(Gate::Time, &[None], c), GateState::OpenFrom(None));
        let open = GateState::OpenFrom(Some(Seconds(57.0)));
        assert_eq!(release_moment(Seconds(60.0), open), Some(Seconds(60.0)));
        assert_eq!(release_moment(Seconds(50.0), open), Some(Seconds(57.0)));
        assert_eq!(
            release_moment(Seconds(50.0), GateState::WaitingForPassed),
            None
        );
        assert!(due(DrillTime(57_000), open, DrillTime(57_000)));
        assert!(!due(DrillTime(50_000), open, DrillTime(56_999)));
    }
}

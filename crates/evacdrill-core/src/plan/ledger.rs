//! The reservation ledger of one stairwell: which streams pass each node
//! when, and where a new stream could still go.
//!
//! The nodes of a stairwell (docs/flow-model.md, "Nodes of a stairwell"):
//! node 0 the foot of the stair (stair users only), node `j` the landing of
//! the floor `j` storeys above the exit floor, and the exit door last, which
//! the exit floor's classes reach without touching the stair. A class
//! released at `r` with pace `p` (persons per second) passes each of its
//! nodes during `[r + o, r + o + N/p)`, where `o` is its free travel from the
//! classroom to the node ([`Route::passes`]). Where it enters — its own
//! floor's landing, or the door for an exit-floor class — it is a *floor*
//! stream; further down, a *stair* stream. At any moment a node carries at
//! most its capacity, and at most `merge_factor ×` capacity while a floor
//! stream and a stair stream meet there (docs/flow-model.md, "The program's
//! rule").
//!
//! For a given pace the releases that would break a limit form a union of
//! open intervals; the earliest safe release is the first point outside them.

use super::problem::Route;
use crate::release::rule::{self, GateState};
use crate::script::Gate;
use crate::units::Seconds;

/// Releases are planned on a grid of a tenth of a second: a time a marshal
/// can read off a stopwatch, and one that prints exactly.
pub const RELEASE_GRID: f64 = 10.0;
/// Paces are planned on a grid of a hundredth of a person per second.
pub const PACE_GRID: f64 = 100.0;
/// Tolerance on loads, persons per second.
const LOAD_EPS: f64 = 1e-9;
/// Overlaps shorter than this (floating-point noise) are not overlaps.
pub const TIME_EPS: f64 = 1e-7;

/// `r` rounded up to the release grid.
#[must_use]
pub fn ceil_release(r: f64) -> f64 {
    // `+ 0.0` turns the -0.0 that rounding 0 gives into 0.
    (r * RELEASE_GRID - 1e-6).ceil() / RELEASE_GRID + 0.0
}

/// `p` rounded down to the pace grid.
#[must_use]
pub fn floor_pace(p: f64) -> f64 {
    (p * PACE_GRID + 1e-6).floor() / PACE_GRID
}

/// One stream's use of one node.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Seg {
    start: f64,
    end: f64,
    usage: f64,
    floor: bool,
}

/// A stretch of time with a constant load at a node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    pub start: f64,
    pub end: f64,
    /// Capacity used, persons per second (density-weighted).
    pub load: f64,
    /// Whether a floor stream enters here during the stretch.
    pub floor: bool,
    /// Whether a stair stream passes here during the stretch.
    pub stair: bool,
}

/// The last release group of a stairwell with `gate = "clear"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group {
    pub release: f64,
    /// When its last person has stepped onto the stair.
    pub passed: f64,
}

/// The reservations of one stairwell.
#[derive(Debug, Clone)]
pub struct Ledger {
    caps: Vec<f64>,
    merge: f64,
    segs: Vec<Vec<Seg>>,
    levels: Vec<Vec<Level>>,
    /// The last group released into this stairwell (gate = "clear" only).
    pub group: Option<Group>,
    /// Seconds kept free on the stair between one stream's tail and the
    /// next stream's head (the robustness control "gaps between groups"):
    /// a class a little faster than the one before it does not catch it up
    /// on the stair.
    pub gap: f64,
}

impl Ledger {
    /// An empty ledger for a stairwell with these node capacities
    /// (`caps[0]` the foot, the exit door last) and merge factor.
    #[must_use]
    pub fn new(caps: Vec<f64>, merge: f64) -> Self {
        let n = caps.len();
        Self {
            caps,
            merge,
            segs: vec![Vec::new(); n],
            levels: vec![Vec::new(); n],
            group: None,
            gap: 0.0,
        }
    }

    /// The limit a stream of kind `floor` meets at node `j` during `level`.
    fn limit(&self, j: usize, level: &Level, floor: bool) -> f64 {
        let meets = (level.floor || floor) && (level.stair || !floor);
        if meets {
            self.merge * self.caps[j]
        } else {
            self.caps[j]
        }
    }

    /// The open intervals of releases at which `route` at pace `p` would
    /// break a limit, unsorted.
    pub fn forbidden(&self, route: &Route, p: f64, out: &mut Vec<(f64, f64)>) {
        out.clear();
        let d = route.people / p;
        let door = self.caps.len() - 1;
        for pass in route.passes() {
            let usage = p * pass.weight;
            let (j, o) = (pass.node, pass.offset);
            for level in &self.levels[j] {
                if level.load + usage > self.limit(j, level, pass.floor) + LOAD_EPS {
                    out.push((level.start - o - d + TIME_EPS, level.end - o - TIME_EPS));
                }
            }
            if self.gap > 0.0 && j != door {
                // Neither just behind another stream nor just ahead of it.
                for seg in &self.segs[j] {
                    out.push((seg.end - o + TIME_EPS, seg.end + self.gap - o - TIME_EPS));
                    out.push((
                        seg.start - self.gap - o - d + TIME_EPS,
                        seg.start - o - d - TIME_EPS,
                    ));
                }
            }
        }
    }

    /// The earliest release on the grid, not before `r_min`, at which
    /// `route` at pace `p` keeps every limit.
    #[must_use]
    pub fn earliest(&self, route: &Route, p: f64, r_min: f64, buf: &mut Vec<(f64, f64)>) -> f64 {
        self.forbidden(route, p, buf);
        buf.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut r = ceil_release(r_min);
        loop {
            let mut moved = false;
            for &(a, b) in buf.iter() {
                if a >= r {
                    break;
                }
                if b > r {
                    r = b;
                    moved = true;
                }
            }
            if !moved {
                return r;
            }
            r = ceil_release(r);
        }
    }

    /// Whether `route` at pace `p` released exactly at `r` keeps every limit.
    #[must_use]
    pub fn fits_at(&self, route: &Route, p: f64, r: f64, buf: &mut Vec<(f64, f64)>) -> bool {
        self.forbidden(route, p, buf);
        !buf.iter().any(|&(a, b)| a < r && r < b)
    }

    /// The first place and time at which `route` at pace `p` released at
    /// `r` breaks a limit: `(node, time, merge)`.
    #[must_use]
    pub fn conflict(&self, route: &Route, pace: f64, r: f64) -> Option<(usize, f64, bool)> {
        let duration = route.people / pace;
        let mut first: Option<(usize, f64, bool)> = None;
        for pass in route.passes() {
            let usage = pace * pass.weight;
            let j = pass.node;
            let (start, end) = (r + pass.offset, r + pass.offset + duration);
            for level in &self.levels[j] {
                let limit = self.limit(j, level, pass.floor);
                if level.load + usage > limit + LOAD_EPS
                    && level.start < end - TIME_EPS
                    && start < level.end - TIME_EPS
                {
                    let at = level.start.max(start);
                    let merge = limit < self.caps[j];
                    if first.is_none_or(|f| at < f.1) {
                        first = Some((j, at, merge));
                    }
                }
            }
        }
        first
    }

    /// The residual capacities `route` would meet along its way, floored to
    /// the pace grid: candidate paces that fill a gap exactly.
    pub fn residuals(&self, route: &Route, out: &mut Vec<f64>) {
        for pass in route.passes() {
            let j = pass.node;
            for level in &self.levels[j] {
                let free = (self.limit(j, level, pass.floor) - level.load) / pass.weight;
                if free > 0.0 {
                    out.push(floor_pace(free));
                }
            }
        }
    }

    /// Books `route` released at `r` with pace `p`.
    pub fn book(&mut self, route: &Route, r: f64, p: f64) {
        let d = route.people / p;
        for pass in route.passes() {
            let j = pass.node;
            let start = r + pass.offset;
            self.segs[j].push(Seg {
                start,
                end: start + d,
                usage: p * pass.weight,
                floor: pass.floor,
            });
            self.levels[j] = levels(&self.segs[j]);
        }
    }

    /// Notes, at a `gate = "clear"` stairwell, that `route` was released at
    /// `r` with pace `p`: it joins the last group when released with it,
    /// else starts a new one (a release earlier than the last group's, as a
    /// fixed class booked out of order can be, leaves the group as it is).
    pub fn join_group(&mut self, route: &Route, r: f64, p: f64) {
        let passed = route.passed(r, p);
        self.group = Some(match self.group {
            Some(g) if (g.release - r).abs() < 1e-9 => Group {
                release: g.release,
                passed: g.passed.max(passed),
            },
            Some(g) if g.release > r => g,
            _ => Group { release: r, passed },
        });
    }

    /// When the gate of a stairwell with `gate` opens for its next group,
    /// by the release rule (`release::rule::gate`), with the marshal's
    /// confirmation `confirm`: minus infinity when nothing waits.
    #[must_use]
    pub fn gate_opens(&self, gate: Gate, confirm: f64) -> f64 {
        let previous = self.group.map(|g| Some(Seconds(g.passed)));
        match rule::gate(gate, previous.as_slice(), Seconds(confirm)) {
            GateState::OpenFrom(Some(t)) => t.0,
            GateState::OpenFrom(None) | GateState::WaitingForPassed => f64::NEG_INFINITY,
        }
    }

    /// When the last booked stream has passed every node.
    #[must_use]
    pub fn horizon(&self) -> f64 {
        self.levels
            .iter()
            .filter_map(|ls| ls.last().map(|l| l.end))
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// The highest load at any node relative to its capacity.
    #[must_use]
    pub fn peak_share(&self) -> f64 {
        self.levels
            .iter()
            .zip(&self.caps)
            .flat_map(|(ls, c)| ls.iter().map(move |l| l.load / c))
            .fold(0.0, f64::max)
    }
}

/// The constant-load stretches of a node's segments.
fn levels(segs: &[Seg]) -> Vec<Level> {
    // (time, is_start, usage, floor); ends sort before starts at equal times,
    // so streams that only touch do not overlap.
    let mut events: Vec<(f64, bool, f64, bool)> = Vec::with_capacity(segs.len() * 2);
    for s in segs {
        events.push((s.start, true, s.usage, s.floor));
        events.push((s.end, false, s.usage, s.floor));
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out = Vec::new();
    let (mut load, mut floors, mut stairs) = (0.0_f64, 0_u32, 0_u32);
    let mut prev = f64::NEG_INFINITY;
    for (t, start, usage, floor) in events {
        if t - prev > TIME_EPS && (floors > 0 || stairs > 0) {
            out.push(Level {
                start: prev,
                end: t,
                load: load.max(0.0),
                floor: floors > 0,
                stair: stairs > 0,
            });
        }
        prev = t;
        let sign = if start { 1.0 } else { -1.0 };
        load += sign * usage;
        match (floor, start) {
            (true, true) => floors += 1,
            (true, false) => floors -= 1,
            (false, true) => stairs += 1,
            (false, false) => stairs -= 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(top: usize, people: f64, door: usize) -> Route {
        Route {
            class: 0,
            stair: 0,
            top,
            people,
            max_pace: 0.78,
            min_pace: 0.25,
            weight: 1.0,
            offsets: (0..=top).map(|j| 10.0 + 20.0 * (top - j) as f64).collect(),
            exit_walk: 10.0,
            door,
            earliest: 0.0,
            speed: 0.5,
            fixed: None,
            alternate: false,
        }
    }

    #[test]
    fn grids() {
        assert!((ceil_release(12.31) - 12.4).abs() < 1e-12);
        assert!((ceil_release(12.3) - 12.3).abs() < 1e-12);
        assert!(ceil_release(0.0).is_sign_positive());
        assert!((floor_pace(0.789) - 0.78).abs() < 1e-12);
    }

    #[test]
    fn a_second_stream_waits_until_capacity_is_free() {
        let mut l = Ledger::new(vec![1.2, 1.2, 1.5], 0.75);
        let a = route(1, 39.0, 2);
        l.book(&a, 0.0, 0.78); // node 1: [10, 60), node 0: [30, 80)
        let mut buf = Vec::new();
        // Same floor: both floor streams, 0.78 + 0.42 fits at once.
        assert!((l.earliest(&a, 0.42, 0.0, &mut buf) - 0.0).abs() < 1e-9);
        // 0.78 + 0.78 does not: it waits until the first has passed.
        let r = l.earliest(&a, 0.78, 0.0, &mut buf);
        assert!((r - 50.0).abs() < 1e-9, "{r}");
        assert!(l.fits_at(&a, 0.78, 50.0, &mut buf));
        assert!(!l.fits_at(&a, 0.78, 49.9, &mut buf));
    }

    #[test]
    fn a_stair_stream_meeting_a_floor_stream_keeps_the_merge_rule() {
        let mut l = Ledger::new(vec![1.2, 1.2, 1.2, 1.5], 0.75);
        let low = route(1, 39.0, 3);
        l.book(&low, 0.0, 0.6); // floor stream at node 1 during [10, 75)
        let high = route(2, 30.0, 3); // passes node 1 at r + 30
        let mut buf = Vec::new();
        // 0.6 + 0.3 = 0.9 = 0.75 × 1.2: allowed alongside.
        assert!(l.fits_at(&high, 0.3, 0.0, &mut buf));
        // 0.6 + 0.4 = 1.0 is within capacity but breaks the merge rule.
        assert!(!l.fits_at(&high, 0.4, 0.0, &mut buf));
        let (node, at, merge) = l.conflict(&high, 0.4, 0.0).expect("a conflict");
        assert_eq!(node, 1);
        assert!(merge);
        assert!((at - 30.0).abs() < 1e-9);
    }
}

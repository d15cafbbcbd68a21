//! Tests of the simulator: the verification cases of docs/simulate.md, the
//! engine's behaviour and hooks, conservation, and Monte Carlo.

mod behaviour;
mod conservation;
mod monte_carlo;
mod nodes;
mod verification;

use std::fmt::Write;

use crate::script::{Script, check_str};

/// The benchmark B1 as shipped.
pub(super) fn b1() -> Script {
    parse(include_str!("../../../../drills/b1.toml"))
}

/// The benchmark B2 as shipped.
pub(super) fn b2() -> Script {
    parse(include_str!("../../../../drills/b2.toml"))
}

pub(super) fn parse(text: &str) -> Script {
    let checked = check_str(text);
    match checked.script {
        Some(s) => s,
        None => panic!("test script is invalid: {:?}\n{text}", checked.diagnostics),
    }
}

/// A stairwell of a test building.
pub(super) struct Stair {
    pub id: &'static str,
    pub width: f64,
    pub exit_width: f64,
    pub gate: &'static str,
}

impl Stair {
    pub fn new(id: &'static str, width: f64) -> Self {
        Self {
            id,
            width,
            exit_width: 1.8,
            gate: "time",
        }
    }
}

/// A class of a test building.
pub(super) struct Room {
    pub id: String,
    pub grade: u8,
    pub floor: i32,
    pub headcount: u32,
    pub stair: &'static str,
    pub alternate: Option<&'static str>,
    pub corridor: f64,
    pub door_rate: Option<f64>,
}

impl Room {
    pub fn new(id: &str, grade: u8, floor: i32, headcount: u32, stair: &'static str) -> Self {
        Self {
            id: id.to_owned(),
            grade,
            floor,
            headcount,
            stair,
            alternate: None,
            corridor: 8.0,
            door_rate: None,
        }
    }
}

/// A script in the benchmarks' common assumptions (docs/flow-model.md).
pub(super) fn building(stairs: &[Stair], rooms: &[Room]) -> Script {
    let mut t = String::from(
        "schema = 1\n[drill]\nname = \"test\"\n[building]\nname = \"b\"\nexit_floor = 1\n\
         storey_height_m = 3.6\n[speeds]\nstair_by_grade = [0.50, 0.55, 0.60, 0.65, 0.70, 0.75]\n\
         corridor = 1.0\ndoor_rate_pps = 0.78\nreadiness_s = 0\n",
    );
    for s in stairs {
        let _ = write!(
            t,
            "[[stairwell]]\nid = \"{}\"\nwidth_m = {}\nexit_width_m = {}\nexit_walk_m = 10\n\
             gate = \"{}\"\nmarshal = \"m\"\n",
            s.id, s.width, s.exit_width, s.gate
        );
    }
    for r in rooms {
        let _ = write!(
            t,
            "[[class]]\nid = \"{}\"\ngrade = {}\nfloor = {}\nheadcount = {}\nstairwell = \"{}\"\n\
             corridor_m = {}\nteacher = \"t\"\n",
            r.id, r.grade, r.floor, r.headcount, r.stair, r.corridor
        );
        if let Some(a) = r.alternate {
            let _ = writeln!(t, "alternate = \"{a}\"");
        }
        if let Some(q) = r.door_rate {
            let _ = writeln!(t, "door_rate_pps = {q}");
        }
    }
    parse(&t)
}

//! The drill script as the rest of the program sees it: validated, typed, with
//! the defaults of docs/drill-script.md filled in.

use serde::Serialize;

use crate::units::{Density, Metres, MetresPerSecond, PersonsPerSecond, Seconds, SpecificFlow};

/// A byte range in the script's source, kept so that later stages (the planner,
/// for an explicit wave it cannot honour) can point at the line that caused it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Self::new(r.start, r.end)
    }
}

/// The identifier of a stairwell, as written in the script (`"A"`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct StairwellId(pub String);

/// The identifier of a class, as written in the script (`"3-2"`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ClassId(pub String);

impl std::fmt::Display for StairwellId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for ClassId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the drill simulates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scenario {
    Fire,
    Earthquake,
    Other,
}

/// What opens a stairwell for its next release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Gate {
    /// The planned time alone (and the marshal being at post).
    Time,
    /// The planned time and the marshal's "previous group has passed".
    Clear,
}

/// The order in which the planner releases classes when no waves are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Policy {
    /// The best safe plan the planner finds.
    Auto,
    /// Lower floors first: the usual practice in Chinese schools.
    FloorAscending,
    /// Youngest grades first.
    GradeAscending,
    /// Oldest grades first.
    GradeDescending,
}

impl Policy {
    /// Every policy with its name in scripts and on the command line.
    pub const ALL: [(&'static str, Policy); 4] = [
        ("auto", Policy::Auto),
        ("floor-ascending", Policy::FloorAscending),
        ("grade-ascending", Policy::GradeAscending),
        ("grade-descending", Policy::GradeDescending),
    ];

    /// The name used in scripts and on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("auto", |(n, _)| n)
    }

    /// The policy named `name` in a script or on the command line.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
    }
}

/// A whole drill script.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Script {
    pub schema: u32,
    pub drill: Drill,
    pub building: Building,
    pub safety: Safety,
    pub speeds: Speeds,
    pub stairwells: Vec<Stairwell>,
    pub classes: Vec<Class>,
    pub waves: Vec<Wave>,
}

/// `[drill]`: what this drill is and what it aims for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drill {
    pub name: String,
    pub scenario: Scenario,
    /// The school's own target, signal to all out.
    pub target: Option<Seconds>,
    pub assembly_point: Option<String>,
    pub checklist: Vec<String>,
    pub policy: Policy,
    /// How long a marshal takes to confirm "passed" at a `gate = "clear"` stairwell.
    pub confirm_delay: Seconds,
}

/// `[building]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Building {
    pub name: String,
    /// The floor the exits are on, in the building's own numbering.
    pub exit_floor: i32,
    pub storey_height: Metres,
}

/// `[safety]`: the limits the planner must keep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Safety {
    /// Persons per second per metre of effective stair width.
    pub flow_limit: SpecificFlow,
    /// Persons per second per metre of effective width through an exit door.
    pub door_flow: SpecificFlow,
    /// Share of capacity left where a floor stream meets a stair stream.
    pub merge_factor: f64,
    /// Largest share of simulated drills allowed over `max_density`.
    pub risk: f64,
    /// No standing queue on any stair or landing.
    pub strict: bool,
    /// Adult-equivalent density no stair or landing may exceed.
    pub max_density: Density,
    /// Adult-equivalent density that is a red flag in every output.
    pub red_flag_density: Density,
    /// Children's share of an adult's space (φ).
    pub child_factor: f64,
}

/// `[speeds]`: free walking speeds and door rates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speeds {
    /// Stair speed for grades 1 to 6, in that order.
    pub stair_by_grade: [MetresPerSecond; 6],
    /// Stair speed for grades 7 to 12 and adults.
    pub stair_older: MetresPerSecond,
    pub corridor: MetresPerSecond,
    /// Rate at which people pass a classroom door of `door_width`.
    pub door_rate: PersonsPerSecond,
    /// Time from the signal until a class is ready to leave.
    pub readiness: Seconds,
}

impl Speeds {
    /// The stair speed of a grade (1–12; anything above 6 uses the older speed).
    #[must_use]
    pub fn stair_speed(&self, grade: u8) -> MetresPerSecond {
        match grade {
            1..=6 => self.stair_by_grade[usize::from(grade - 1)],
            _ => self.stair_older,
        }
    }
}

/// `[[stairwell]]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stairwell {
    pub id: StairwellId,
    pub name: String,
    /// Clear width between walls or rails.
    pub width: Metres,
    /// Boundary layer on each side (stair walls 0.15 m, handrails 0.09 m).
    pub boundary: Metres,
    pub exit_width: Metres,
    /// From the foot of the stair to outside.
    pub exit_walk: Metres,
    pub riser: Metres,
    pub tread: Metres,
    pub landing: Metres,
    pub gate: Gate,
    pub marshal: Option<String>,
    /// Floors the stairwell serves, besides the exit floor; `None` = all.
    pub floors: Option<Vec<i32>>,
    #[serde(skip)]
    pub span: Span,
}

impl Stairwell {
    /// Clear width minus the boundary layer on both sides.
    #[must_use]
    pub fn effective_width(&self) -> Metres {
        Metres(self.width.0 - 2.0 * self.boundary.0)
    }

    /// Whether a class on `floor` can use this stairwell.
    #[must_use]
    pub fn serves(&self, floor: i32, exit_floor: i32) -> bool {
        floor == exit_floor
            || self
                .floors
                .as_ref()
                .is_none_or(|floors| floors.contains(&floor))
    }
}

/// `[[class]]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Class {
    pub id: ClassId,
    pub name: String,
    pub grade: u8,
    pub floor: i32,
    pub headcount: u32,
    pub stairwell: StairwellId,
    pub alternate: Option<StairwellId>,
    /// From the classroom door to the stairwell.
    pub corridor: Metres,
    pub teacher: Option<String>,
    /// Overrides `[speeds] readiness_s` for this class.
    pub readiness: Option<Seconds>,
    /// Overrides `[speeds] door_rate_pps` for this class.
    pub door_rate: Option<PersonsPerSecond>,
    #[serde(skip)]
    pub span: Span,
}

/// `[[wave]]`: classes released together, pinned by hand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wave {
    pub name: Option<String>,
    pub classes: Vec<ClassId>,
    /// Release time; `None` = as soon as safe after the previous wave.
    pub at: Option<Seconds>,
    #[serde(skip)]
    pub span: Span,
}

impl Script {
    /// The stairwell with this id.
    #[must_use]
    pub fn stairwell(&self, id: &StairwellId) -> Option<&Stairwell> {
        self.stairwells.iter().find(|s| &s.id == id)
    }

    /// The class with this id.
    #[must_use]
    pub fn class(&self, id: &ClassId) -> Option<&Class> {
        self.classes.iter().find(|c| &c.id == id)
    }

    /// Everyone the drill moves.
    #[must_use]
    pub fn people(&self) -> u32 {
        self.classes.iter().map(|c| c.headcount).sum()
    }

    /// The door rate of a class, its own or the script's default.
    #[must_use]
    pub fn door_rate(&self, class: &Class) -> PersonsPerSecond {
        class.door_rate.unwrap_or(self.speeds.door_rate)
    }

    /// The readiness time of a class, its own or the script's default.
    #[must_use]
    pub fn readiness(&self, class: &Class) -> Seconds {
        class.readiness.unwrap_or(self.speeds.readiness)
    }
}

#[cfg(test)]
mod tests {
    use super::Policy;

    #[test]
    fn every_policy_parses_from_its_name() {
        for (name, policy) in Policy::ALL {
            assert_eq!(Policy::parse(name), Some(policy));
            assert_eq!(policy.name(), name);
        }
        assert_eq!(Policy::parse("fastest"), None);
    }
}

//! Every key a drill script may hold: its type, range, default and meaning.
//!
//! This table is the single source of truth for the parser (unknown keys,
//! missing keys, types, ranges), the JSON Schema (`evacdrill schema script`)
//! and docs/drill-script.md, which must agree with it.

/// The type of a key's value, with the range a sensible script stays within.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Str,
    /// An integer within `min..=max`.
    Int {
        min: i64,
        max: i64,
    },
    /// A number (integer or float) within `min..=max`, in `unit`.
    Num {
        min: f64,
        max: f64,
        unit: &'static str,
    },
    Bool,
    /// One of a fixed set of strings.
    Enum(&'static [&'static str]),
    StrList,
    IntList {
        min: i64,
        max: i64,
    },
    /// A list of exactly `len` numbers within `min..=max`, in `unit`.
    NumList {
        len: usize,
        min: f64,
        max: f64,
        unit: &'static str,
    },
}

/// One key of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// The default as written in a script, when the key is optional and has one.
    pub default: Option<&'static str>,
    /// What the key means, and where its default comes from.
    pub doc: &'static str,
}

/// A table of the script: `[drill]` or `[[class]]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Section {
    pub name: &'static str,
    /// `[[name]]`, an array of tables.
    pub array: bool,
    pub required: bool,
    pub keys: &'static [Key],
    pub doc: &'static str,
}

const fn req(name: &'static str, kind: Kind, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        required: true,
        default: None,
        doc,
    }
}

const fn opt(name: &'static str, kind: Kind, default: &'static str, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        required: false,
        default: Some(default),
        doc,
    }
}

const fn maybe(name: &'static str, kind: Kind, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        required: false,
        default: None,
        doc,
    }
}

const fn num(min: f64, max: f64, unit: &'static str) -> Kind {
    Kind::Num { min, max, unit }
}

/// The one key outside any table.
pub const SCHEMA: Key = req(
    "schema",
    Kind::Int { min: 1, max: 1 },
    "Version of the script format. This program reads `schema = 1`.",
);

/// Scenarios of `[drill] scenario`.
pub const SCENARIOS: &[&str] = &["fire", "earthquake", "other"];
/// Gates of `[[stairwell]] gate`.
pub const GATES: &[&str] = &["time", "clear"];
/// Policies of `[drill] policy`.
pub const POLICIES: &[&str] = &[
    "auto",
    "floor-ascending",
    "grade-ascending",
    "grade-descending",
];

const DRILL: &[Key] = &[
    req(
        "name",
        Kind::Str,
        "The drill's name, shown on every screen and report.",
    ),
    opt(
        "scenario",
        Kind::Enum(SCENARIOS),
        "fire",
        "What the drill simulates.",
    ),
    maybe(
        "target_s",
        num(10.0, 7200.0, "s"),
        "The school's own target, signal to the last person out. Without it, nothing is judged against a target.",
    ),
    maybe(
        "assembly_point",
        Kind::Str,
        "Where classes gather and are counted.",
    ),
    opt(
        "checklist",
        Kind::StrList,
        "[]",
        "The pre-drill checklist the coordinator goes through before the alarm.",
    ),
    opt(
        "policy",
        Kind::Enum(POLICIES),
        "auto",
        "Release order when no [[wave]] is given: auto (the best safe plan), floor-ascending (lower floors first), grade-ascending, grade-descending.",
    ),
    opt(
        "confirm_delay_s",
        num(0.0, 300.0, "s"),
        "10",
        "At a `gate = \"clear\"` stairwell, the time a marshal takes to confirm that the previous group has passed (design assumption).",
    ),
];

const BUILDING: &[Key] = &[
    req("name", Kind::Str, "The building's name."),
    opt(
        "exit_floor",
        Kind::Int { min: -5, max: 100 },
        "1",
        "The floor the exits are on, in the building's own numbering (1 in China, 0 where the ground floor is 0).",
    ),
    opt(
        "storey_height_m",
        num(2.0, 10.0, "m"),
        "3.6",
        "Floor-to-floor height; sets the stair length between floors (flow model: 3.6 m gives 10.6 m of travel).",
    ),
];

const SAFETY: &[Key] = &[
    opt(
        "flow_limit",
        num(0.1, 2.0, "p/(s·m)"),
        "1.0",
        "Persons per second per metre of effective stair width allowed onto a stair: between SFPE's 0.94–1.16, IMO MSC.1/Circ.1533's 1.1 and CIBSE Guide E's 1.2.",
    ),
    opt(
        "door_flow",
        num(0.3, 1.8, "p/(s·m)"),
        "1.3",
        "Persons per second per metre of effective width through an exit door: SFPE's doorway maximum (0.94 × 1.40 ≈ 1.3) and IMO MSC.1/Circ.1533's 1.3 for doors.",
    ),
    opt(
        "merge_factor",
        num(0.1, 1.0, ""),
        "0.75",
        "Share of capacity left where a floor stream meets a stair stream at a landing (Campbell 2012: real merges deliver about 75 % of the hydraulic prediction).",
    ),
    opt(
        "risk",
        num(0.0, 0.5, ""),
        "0.05",
        "Largest share of simulated drills (default variation) in which any flight or landing may go over max_density; the planner adds the cheapest control that keeps it there.",
    ),
    opt(
        "strict",
        Kind::Bool,
        "true",
        "No standing queue on any stair or landing: people wait in classrooms and corridors.",
    ),
    opt(
        "max_density",
        num(0.5, 3.76, "p/m²"),
        "1.88",
        "Adult-equivalent density no stair or landing may exceed: the density of maximum flow, 1/(2a) with a = 0.266 (SFPE eq. 59.7).",
    ),
    opt(
        "red_flag_density",
        num(1.0, 6.4, "p/m²"),
        "3.5",
        "Adult-equivalent density flagged red in every output (IMO MSC.1/Circ.1533 congestion criterion).",
    ),
    opt(
        "child_factor",
        num(0.3, 1.0, ""),
        "0.7",
        "φ: a child's share of an adult's space, for adult-equivalent density (design assumption).",
    ),
];

const SPEEDS: &[Key] = &[
    opt(
        "stair_by_grade",
        Kind::NumList {
            len: 6,
            min: 0.1,
            max: 2.0,
            unit: "m/s",
        },
        "[0.50, 0.55, 0.60, 0.65, 0.70, 0.75]",
        "Free stair speed of grades 1 to 6: a design interpolation between Fang et al. 2019 (ages 5–6, 0.63 m/s) and Peacock et al. 2017 (adults, 0.44 m/s), not a measurement.",
    ),
    opt(
        "stair_older",
        num(0.1, 2.0, "m/s"),
        "0.75",
        "Free stair speed of grades 7 to 12 and adults (design assumption).",
    ),
    opt(
        "corridor",
        num(0.1, 3.0, "m/s"),
        "1.0",
        "Free corridor speed (Hamilton et al. 2017: 0.99 m/s in Irish primary schools).",
    ),
    opt(
        "door_rate_pps",
        num(0.1, 5.0, "p/s"),
        "0.78",
        "Rate at which a class files out of a 0.9 m classroom door (design assumption: 1.3 p/(s·m) over 0.6 m effective width).",
    ),
    opt(
        "readiness_s",
        num(0.0, 900.0, "s"),
        "0",
        "Time from the signal until a class is ready to leave.",
    ),
];

const STAIRWELL: &[Key] = &[
    req(
        "id",
        Kind::Str,
        "Short identifier used by classes and on screen (\"A\").",
    ),
    maybe(
        "name",
        Kind::Str,
        "Descriptive name (\"East stairs\"); the id when absent.",
    ),
    req(
        "width_m",
        num(0.0, 100.0, "m"),
        "Clear width between walls or rails; at most 10 m.",
    ),
    opt(
        "boundary_m",
        num(0.0, 0.5, "m"),
        "0.15",
        "Boundary layer on each side: 0.15 m for stair walls, 0.09 m for handrails (SFPE).",
    ),
    opt(
        "exit_width_m",
        num(0.5, 20.0, "m"),
        "1.8",
        "Clear width of the exit door at the foot of the stairwell.",
    ),
    opt(
        "exit_walk_m",
        num(0.0, 500.0, "m"),
        "10",
        "From the foot of the stair to outside.",
    ),
    opt(
        "riser_mm",
        num(100.0, 250.0, "mm"),
        "150",
        "Height of one step.",
    ),
    opt(
        "tread_mm",
        num(200.0, 500.0, "mm"),
        "280",
        "Depth of one step.",
    ),
    opt(
        "landing_m",
        num(0.5, 10.0, "m"),
        "1.5",
        "Walking length across each landing (two per storey).",
    ),
    opt(
        "gate",
        Kind::Enum(GATES),
        "time",
        "What releases the next class: the planned time (time), or the planned time and the marshal's confirmation that the previous group has passed (clear).",
    ),
    maybe(
        "marshal",
        Kind::Str,
        "The staff member posted at this stairwell; a warning when absent.",
    ),
    maybe(
        "floors",
        Kind::IntList { min: -5, max: 200 },
        "Floors this stairwell serves besides the exit floor; all floors when absent.",
    ),
];

const CLASS: &[Key] = &[
    req("id", Kind::Str, "Short identifier (\"3-2\")."),
    maybe(
        "name",
        Kind::Str,
        "Name as people say it (\"三年级2班\"); the id when absent.",
    ),
    req(
        "grade",
        Kind::Int { min: 1, max: 12 },
        "Grade 1 to 12; sets the stair speed.",
    ),
    req(
        "floor",
        Kind::Int { min: -5, max: 200 },
        "Floor of the classroom, in the building's numbering.",
    ),
    req(
        "headcount",
        Kind::Int {
            min: -1_000_000,
            max: 1_000_000,
        },
        "People in the class, 1 to 200, teacher included.",
    ),
    req("stairwell", Kind::Str, "The stairwell the class uses."),
    maybe(
        "alternate",
        Kind::Str,
        "The stairwell it uses when its own is blocked.",
    ),
    opt(
        "corridor_m",
        num(0.0, 300.0, "m"),
        "10",
        "From the classroom door to the stairwell.",
    ),
    maybe(
        "teacher",
        Kind::Str,
        "The teacher who leads the class out; a warning when absent.",
    ),
    maybe(
        "readiness_s",
        num(0.0, 900.0, "s"),
        "This class's own readiness time.",
    ),
    maybe(
        "door_rate_pps",
        num(0.1, 5.0, "p/s"),
        "This class's own door rate.",
    ),
];

const WAVE: &[Key] = &[
    maybe("name", Kind::Str, "A name for the wave (\"Grade 1\")."),
    req(
        "classes",
        Kind::StrList,
        "The classes released together, by id.",
    ),
    maybe(
        "at_s",
        num(0.0, 7200.0, "s"),
        "Release time after the signal; when absent, as soon as safe after the previous wave.",
    ),
];

/// Keys whose range the validator checks itself, with a message of its own
/// (a stair too narrow for its boundary layers, a headcount a class cannot
/// have); the parser only checks their type.
pub const VALIDATED_LATER: &[&str] = &["width_m", "headcount"];

/// The tables of a script, in the order the reference documents them.
pub const SECTIONS: &[Section] = &[
    Section {
        name: "drill",
        array: false,
        required: true,
        keys: DRILL,
        doc: "What this drill is and what it aims for.",
    },
    Section {
        name: "building",
        array: false,
        required: true,
        keys: BUILDING,
        doc: "The building.",
    },
    Section {
        name: "safety",
        array: false,
        required: false,
        keys: SAFETY,
        doc: "The limits every plan keeps.",
    },
    Section {
        name: "speeds",
        array: false,
        required: false,
        keys: SPEEDS,
        doc: "Walking speeds and door rates.",
    },
    Section {
        name: "stairwell",
        array: true,
        required: true,
        keys: STAIRWELL,
        doc: "One per stairwell.",
    },
    Section {
        name: "class",
        array: true,
        required: true,
        keys: CLASS,
        doc: "One per class.",
    },
    Section {
        name: "wave",
        array: true,
        required: false,
        keys: WAVE,
        doc: "Releases pinned by hand, in order.",
    },
];

/// The section called `name`.
#[must_use]
pub fn section(name: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.name == name)
}

/// The closest of `candidates` to `word`, when it is close enough to be a
/// likely typo.
#[must_use]
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        let keys = CLASS.iter().map(|k| k.name);
        assert_eq!(did_you_mean("headcout", keys.clone()), Some("headcount"));
        assert_eq!(did_you_mean("stairwel", keys.clone()), Some("stairwell"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn every_optional_key_with_a_range_has_a_default_inside_it() {
        for s in SECTIONS {
            for k in s.keys {
                if let (Some(d), Kind::Num { min, max, .. }) = (k.default, k.kind) {
                    let v: f64 = d.parse().unwrap();
                    assert!((min..=max).contains(&v), "{}.{}", s.name, k.name);
                }
            }
        }
    }
}

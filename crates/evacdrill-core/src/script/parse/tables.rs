//! Reading each table of a script into the model, with the spans of its
//! values.

use toml::de::DeTable;

use super::super::diagnostic::Diagnostic;
use super::super::model::{
    Building, Class, ClassId, Drill, Gate, Policy, Safety, Scenario, Span, Speeds, Stairwell,
    StairwellId, Wave,
};
use super::super::reader::TableReader;
use super::{FieldSpans, section};
use crate::units::{Density, Metres, MetresPerSecond, PersonsPerSecond, Seconds, SpecificFlow};

fn label(name: &str, index: Option<usize>, id: Option<&str>) -> String {
    match (index, id) {
        (_, Some(id)) => format!("[[{name}]] \"{id}\""),
        (Some(i), None) => format!("[[{name}]] #{}", i + 1),
        (None, _) => format!("[{name}]"),
    }
}

pub(super) fn read_drill(
    t: &DeTable<'_>,
    header: Option<Span>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Drill> {
    let header = header?;
    let mut r = TableReader::new(
        t,
        section("drill"),
        header,
        label("drill", None, None),
        diags,
    );
    let name = r.str("name");
    let scenario = r.choice("scenario").map(|s| match s {
        "earthquake" => Scenario::Earthquake,
        "other" => Scenario::Other,
        _ => Scenario::Fire,
    });
    let target = r.num("target_s").map(Seconds);
    let assembly_point = r.str("assembly_point");
    let checklist = r.str_list("checklist");
    let policy = r
        .choice("policy")
        .map(|p| Policy::parse(p).unwrap_or(Policy::Auto));
    let confirm = r.num("confirm_delay_s").map(Seconds);
    let checklist = match (t.get("checklist"), checklist) {
        (None, _) => Some(Vec::new()),
        (Some(_), list) => list.map(|l| l.into_iter().map(|(s, _)| s).collect()),
    };
    Some(Drill {
        name: name?,
        scenario: scenario?,
        target,
        assembly_point,
        checklist: checklist?,
        policy: policy?,
        confirm_delay: confirm?,
    })
}

pub(super) fn read_building(
    t: &DeTable<'_>,
    header: Option<Span>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Building> {
    let header = header?;
    let mut r = TableReader::new(
        t,
        section("building"),
        header,
        label("building", None, None),
        diags,
    );
    let name = r.str("name");
    let exit_floor = if t.contains_key("exit_floor") {
        r.int("exit_floor")
    } else {
        Some(1)
    };
    let height = r.num("storey_height_m");
    Some(Building {
        name: name?,
        exit_floor: i32::try_from(exit_floor?).ok()?,
        storey_height: Metres(height?),
    })
}

pub(super) fn read_safety(
    t: &DeTable<'_>,
    header: Option<Span>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Safety> {
    let header = header?;
    let mut r = TableReader::new(
        t,
        section("safety"),
        header,
        label("safety", None, None),
        diags,
    );
    let flow_limit = r.num("flow_limit");
    let door_flow = r.num("door_flow");
    let merge_factor = r.num("merge_factor");
    let risk = r.num("risk");
    let strict = r.bool("strict");
    let max_density = r.num("max_density");
    let red = r.num("red_flag_density");
    let child = r.num("child_factor");
    Some(Safety {
        flow_limit: SpecificFlow(flow_limit?),
        door_flow: SpecificFlow(door_flow?),
        merge_factor: merge_factor?,
        risk: risk?,
        strict: strict?,
        max_density: Density(max_density?),
        red_flag_density: Density(red?),
        child_factor: child?,
    })
}

/// Stair speeds of grades 1–6 when the script gives none (flow model, design
/// interpolation between the measured children's and adults' speeds).
pub const DEFAULT_STAIR_BY_GRADE: [f64; 6] = [0.50, 0.55, 0.60, 0.65, 0.70, 0.75];

pub(super) fn read_speeds(
    t: &DeTable<'_>,
    header: Option<Span>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Speeds> {
    let header = header?;
    let mut r = TableReader::new(
        t,
        section("speeds"),
        header,
        label("speeds", None, None),
        diags,
    );
    let by_grade = if t.contains_key("stair_by_grade") {
        r.num_list("stair_by_grade")
    } else {
        Some(DEFAULT_STAIR_BY_GRADE.to_vec())
    };
    let older = r.num("stair_older");
    let corridor = r.num("corridor");
    let door = r.num("door_rate_pps");
    let readiness = r.num("readiness_s");
    let by_grade = by_grade?;
    let mut grades = [MetresPerSecond(0.0); 6];
    for (g, v) in grades.iter_mut().zip(by_grade) {
        *g = MetresPerSecond(v);
    }
    Some(Speeds {
        stair_by_grade: grades,
        stair_older: MetresPerSecond(older?),
        corridor: MetresPerSecond(corridor?),
        door_rate: PersonsPerSecond(door?),
        readiness: Seconds(readiness?),
    })
}

fn item_id(t: &DeTable<'_>) -> Option<String> {
    t.get("id")
        .and_then(|v| v.get_ref().as_str())
        .map(str::to_owned)
}

pub(super) fn read_stairwell(
    t: &DeTable<'_>,
    header: Span,
    index: usize,
    diags: &mut Vec<Diagnostic>,
) -> (Option<Stairwell>, FieldSpans) {
    let id_text = item_id(t);
    let mut r = TableReader::new(
        t,
        section("stairwell"),
        header,
        label("stairwell", Some(index), id_text.as_deref()),
        diags,
    );
    let id = r.str("id");
    let name = r.str("name");
    let width = r.num("width_m");
    let boundary = r.num("boundary_m");
    let exit_width = r.num("exit_width_m");
    let exit_walk = r.num("exit_walk_m");
    let riser = r.num("riser_mm");
    let tread = r.num("tread_mm");
    let landing = r.num("landing_m");
    let gate = r.choice("gate").map(|g| {
        if g == "clear" {
            Gate::Clear
        } else {
            Gate::Time
        }
    });
    let marshal = r.str("marshal");
    let floors = if t.contains_key("floors") {
        r.int_list("floors").map(|f| {
            Some(
                f.into_iter()
                    .filter_map(|x| i32::try_from(x).ok())
                    .collect(),
            )
        })
    } else {
        Some(None)
    };
    let spans = std::mem::take(&mut r.spans);
    let built = (|| {
        let id = id?;
        Some(Stairwell {
            name: name.unwrap_or_else(|| id.clone()),
            id: StairwellId(id),
            width: Metres(width?),
            boundary: Metres(boundary?),
            exit_width: Metres(exit_width?),
            exit_walk: Metres(exit_walk?),
            riser: Metres(riser? / 1000.0),
            tread: Metres(tread? / 1000.0),
            landing: Metres(landing?),
            gate: gate?,
            marshal: marshal.filter(|m| !m.trim().is_empty()),
            floors: floors?,
            span: header,
        })
    })();
    (built, spans)
}

pub(super) fn read_class(
    t: &DeTable<'_>,
    header: Span,
    index: usize,
    diags: &mut Vec<Diagnostic>,
) -> (Option<Class>, FieldSpans) {
    let id_text = item_id(t);
    let mut r = TableReader::new(
        t,
        section("class"),
        header,
        label("class", Some(index), id_text.as_deref()),
        diags,
    );
    let id = r.str("id");
    let name = r.str("name");
    let grade = r.int("grade");
    let floor = r.int("floor");
    let headcount = r.int("headcount");
    let stairwell = r.str("stairwell");
    let alternate = r.str("alternate");
    let corridor = r.num("corridor_m");
    let teacher = r.str("teacher");
    let readiness = if t.contains_key("readiness_s") {
        r.num("readiness_s").map(|x| Some(Seconds(x)))
    } else {
        Some(None)
    };
    let door = if t.contains_key("door_rate_pps") {
        r.num("door_rate_pps").map(|x| Some(PersonsPerSecond(x)))
    } else {
        Some(None)
    };
    let spans = std::mem::take(&mut r.spans);
    let built = (|| {
        let id = id?;
        Some(Class {
            name: name.unwrap_or_else(|| id.clone()),
            id: ClassId(id),
            grade: u8::try_from(grade?).ok()?,
            floor: i32::try_from(floor?).ok()?,
            // Out-of-range headcounts are kept here (saturated) and reported by
            // validation with a message of their own.
            headcount: u32::try_from(headcount?.clamp(0, i64::from(u32::MAX))).ok()?,
            stairwell: StairwellId(stairwell?),
            alternate: alternate.map(StairwellId),
            corridor: Metres(corridor?),
            teacher: teacher.filter(|t| !t.trim().is_empty()),
            readiness: readiness?,
            door_rate: door?,
            span: header,
        })
    })();
    (built, spans)
}

pub(super) fn read_wave(
    t: &DeTable<'_>,
    header: Span,
    index: usize,
    diags: &mut Vec<Diagnostic>,
) -> (Option<Wave>, FieldSpans, Vec<Span>) {
    let mut r = TableReader::new(
        t,
        section("wave"),
        header,
        label("wave", Some(index), None),
        diags,
    );
    let name = r.str("name");
    let classes = r.str_list("classes");
    let at = if t.contains_key("at_s") {
        r.num("at_s").map(|x| Some(Seconds(x)))
    } else {
        Some(None)
    };
    let spans = std::mem::take(&mut r.spans);
    let id_spans = classes
        .as_ref()
        .map(|c| c.iter().map(|(_, s)| *s).collect())
        .unwrap_or_default();
    let built = (|| {
        Some(Wave {
            name,
            classes: classes?.into_iter().map(|(c, _)| ClassId(c)).collect(),
            at: at?,
            span: header,
        })
    })();
    (built, spans, id_spans)
}

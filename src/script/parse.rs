//! From TOML text to a [`Script`], every problem reported in one pass.

use std::collections::HashMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Diagnostic;
use super::keys::{self, SECTIONS, Section, did_you_mean};
use super::model::{
    Building, Class, ClassId, Drill, Gate, Policy, Safety, Scenario, Script, Span, Speeds,
    Stairwell, StairwellId, Wave,
};
use super::reader::{TableReader, as_i64, found_type, span_of};
use crate::i18n::script::{ScriptMsg, TypeName};
use crate::units::{Density, Metres, MetresPerSecond, PersonsPerSecond, Seconds, SpecificFlow};

/// Where each value of an item (a stairwell, class or wave) was written.
pub type FieldSpans = HashMap<&'static str, Span>;

/// What the parser found: the script (when it could be built) and the spans
/// of every item's values, for the semantic checks that follow.
pub struct Parsed {
    pub script: Option<Script>,
    pub stairwell_spans: Vec<FieldSpans>,
    pub class_spans: Vec<FieldSpans>,
    pub wave_spans: Vec<FieldSpans>,
    /// The span of each class id inside each wave's list, in order.
    pub wave_class_spans: Vec<Vec<Span>>,
    /// Some stairwell could not be read (its problems are already reported).
    pub incomplete_stairwells: bool,
    /// Some class could not be read.
    pub incomplete_classes: bool,
}

/// Parses `source`, appending every problem to `diags`.
pub fn parse(source: &str, diags: &mut Vec<Diagnostic>) -> Parsed {
    let mut parsed = Parsed {
        script: None,
        stairwell_spans: Vec::new(),
        class_spans: Vec::new(),
        wave_spans: Vec::new(),
        wave_class_spans: Vec::new(),
        incomplete_stairwells: false,
        incomplete_classes: false,
    };
    if source.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty-file", Some(Span::new(0, 0)), ScriptMsg::Empty)
                .hint(ScriptMsg::EmptyHint),
        );
        return parsed;
    }
    let (root, errors) = DeTable::parse_recoverable(source);
    if !errors.is_empty() {
        for e in errors {
            diags.push(
                Diagnostic::error(
                    "syntax",
                    e.span().map(Span::from),
                    ScriptMsg::Syntax {
                        detail: e.message().trim().to_owned(),
                    },
                )
                .hint(ScriptMsg::SyntaxHint),
            );
        }
        return parsed;
    }
    let root = root.get_ref();
    if !schema_ok(root, diags) {
        return parsed;
    }
    for (key, _) in root {
        let name: &str = key.get_ref();
        if name != "schema" && keys::section(name).is_none() {
            let names = std::iter::once("schema").chain(SECTIONS.iter().map(|s| s.name));
            let mut d = Diagnostic::error(
                "unknown-key",
                Some(span_of(key)),
                ScriptMsg::UnknownTable {
                    table: name.to_owned(),
                },
            );
            if let Some(m) = did_you_mean(name, names.clone()) {
                d = d.hint(ScriptMsg::DidYouMean { key: m.to_owned() });
            }
            diags.push(d.hint(ScriptMsg::UnknownTableHint {
                tables: names.collect::<Vec<_>>().join(", "),
            }));
        }
    }

    let empty = DeTable::default();
    let drill = {
        let (t, header) = single(root, "drill", &empty, diags);
        read_drill(t, header, diags)
    };
    let building = {
        let (t, header) = single(root, "building", &empty, diags);
        read_building(t, header, diags)
    };
    let safety = {
        let (t, header) = single(root, "safety", &empty, diags);
        read_safety(t, header, diags)
    };
    let speeds = {
        let (t, header) = single(root, "speeds", &empty, diags);
        read_speeds(t, header, diags)
    };
    let mut stairwells = Vec::new();
    for (i, (t, header)) in array(root, "stairwell", diags).into_iter().enumerate() {
        let (s, spans) = read_stairwell(t, header, i, diags);
        stairwells.push(s);
        parsed.stairwell_spans.push(spans);
    }
    let mut classes = Vec::new();
    for (i, (t, header)) in array(root, "class", diags).into_iter().enumerate() {
        let (c, spans) = read_class(t, header, i, diags);
        classes.push(c);
        parsed.class_spans.push(spans);
    }
    let mut waves = Vec::new();
    for (i, (t, header)) in array(root, "wave", diags).into_iter().enumerate() {
        let (w, spans, ids) = read_wave(t, header, i, diags);
        waves.push(w);
        parsed.wave_spans.push(spans);
        parsed.wave_class_spans.push(ids);
    }
    parsed.incomplete_stairwells = stairwells.iter().any(Option::is_none);
    parsed.incomplete_classes = classes.iter().any(Option::is_none);
    if let (Some(drill), Some(building), Some(safety), Some(speeds)) =
        (drill, building, safety, speeds)
    {
        // Items that could not be read are left out; validation is told, so
        // that it does not report references to them as unknown.
        let keep = |spans: &mut Vec<FieldSpans>, ok: Vec<bool>| {
            let mut it = ok.into_iter();
            spans.retain(|_| it.next().unwrap_or(false));
        };
        keep(
            &mut parsed.stairwell_spans,
            stairwells.iter().map(Option::is_some).collect(),
        );
        keep(
            &mut parsed.class_spans,
            classes.iter().map(Option::is_some).collect(),
        );
        let waves_ok: Vec<bool> = waves.iter().map(Option::is_some).collect();
        keep(&mut parsed.wave_spans, waves_ok.clone());
        let mut it = waves_ok.into_iter();
        parsed
            .wave_class_spans
            .retain(|_| it.next().unwrap_or(false));
        parsed.script = Some(Script {
            schema: 1,
            drill,
            building,
            safety,
            speeds,
            stairwells: stairwells.into_iter().flatten().collect(),
            classes: classes.into_iter().flatten().collect(),
            waves: waves.into_iter().flatten().collect(),
        });
    }
    parsed
}

/// Checks `schema`; false when the rest must not be read.
fn schema_ok(root: &DeTable<'_>, diags: &mut Vec<Diagnostic>) -> bool {
    let Some(v) = root.get("schema") else {
        diags.push(
            Diagnostic::error(
                "missing-key",
                Some(Span::new(0, 0)),
                ScriptMsg::MissingKey {
                    key: "schema".into(),
                    table: "the script".into(),
                },
            )
            .hint(ScriptMsg::MissingKeyHint {
                key: "schema".into(),
                example: "1".into(),
            }),
        );
        return true;
    };
    match as_i64(v.get_ref()) {
        Some(1) => true,
        Some(other) => {
            diags.push(
                Diagnostic::error(
                    "unknown-schema",
                    Some(span_of(v)),
                    ScriptMsg::UnknownSchema {
                        found: other.to_string(),
                    },
                )
                .hint(ScriptMsg::UnknownSchemaHint),
            );
            false
        }
        None => {
            diags.push(
                Diagnostic::error(
                    "unknown-schema",
                    Some(span_of(v)),
                    ScriptMsg::UnknownSchema {
                        found: source_text(v.get_ref()),
                    },
                )
                .hint(ScriptMsg::UnknownSchemaHint),
            );
            false
        }
    }
}

fn source_text(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("\"{s}\""),
        DeValue::Float(f) => f.as_str().to_owned(),
        DeValue::Boolean(b) => b.to_string(),
        _ => "…".to_owned(),
    }
}

fn section(name: &str) -> &'static Section {
    keys::section(name).unwrap_or_else(|| unreachable!("section `{name}` missing from the spec"))
}

/// A single table such as `[drill]`; an empty one (and an error if required)
/// when absent.
fn single<'t, 's>(
    root: &'t DeTable<'s>,
    name: &str,
    empty: &'t DeTable<'s>,
    diags: &mut Vec<Diagnostic>,
) -> (&'t DeTable<'s>, Option<Span>) {
    let spec = section(name);
    let Some(v) = root.get(name) else {
        if spec.required {
            diags.push(
                Diagnostic::error(
                    "missing-table",
                    Some(Span::new(0, 0)),
                    ScriptMsg::MissingTable {
                        table: format!("[{name}]"),
                    },
                )
                .hint(ScriptMsg::MissingTableHint {
                    table: format!("[{name}]"),
                }),
            );
        }
        return (empty, (!spec.required).then_some(Span::new(0, 0)));
    };
    if let DeValue::Table(t) = v.get_ref() {
        (t, Some(header_span(v)))
    } else {
        diags.push(Diagnostic::error(
            "wrong-type",
            Some(span_of(v)),
            ScriptMsg::WrongType {
                key: name.to_owned(),
                expected: TypeName::Table,
                found: found_type(v.get_ref()),
            },
        ));
        (empty, None)
    }
}

/// The tables of an array such as `[[class]]`.
fn array<'t, 's>(
    root: &'t DeTable<'s>,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(&'t DeTable<'s>, Span)> {
    let spec = section(name);
    let Some(v) = root.get(name) else {
        if spec.required {
            diags.push(
                Diagnostic::error(
                    "missing-table",
                    Some(Span::new(0, 0)),
                    ScriptMsg::MissingTable {
                        table: format!("[[{name}]]"),
                    },
                )
                .hint(ScriptMsg::MissingTableHint {
                    table: format!("[[{name}]]"),
                }),
            );
        }
        return Vec::new();
    };
    let DeValue::Array(items) = v.get_ref() else {
        diags.push(Diagnostic::error(
            "wrong-type",
            Some(span_of(v)),
            ScriptMsg::WrongType {
                key: name.to_owned(),
                expected: TypeName::TableList,
                found: found_type(v.get_ref()),
            },
        ));
        return Vec::new();
    };
    if items.is_empty() && spec.required {
        diags.push(
            Diagnostic::error(
                "missing-table",
                Some(span_of(v)),
                ScriptMsg::MissingTable {
                    table: format!("[[{name}]]"),
                },
            )
            .hint(ScriptMsg::MissingTableHint {
                table: format!("[[{name}]]"),
            }),
        );
    }
    let mut out = Vec::new();
    for item in &**items {
        if let DeValue::Table(t) = item.get_ref() {
            out.push((t, header_span(item)));
        } else {
            diags.push(Diagnostic::error(
                "wrong-type",
                Some(span_of(item)),
                ScriptMsg::WrongType {
                    key: name.to_owned(),
                    expected: TypeName::Table,
                    found: found_type(item.get_ref()),
                },
            ));
        }
    }
    out
}

/// The span to point at for a table as a whole: its header line.
fn header_span(v: &Spanned<DeValue<'_>>) -> Span {
    let s = v.span();
    Span::new(s.start, s.start)
}

fn label(name: &str, index: Option<usize>, id: Option<&str>) -> String {
    match (index, id) {
        (_, Some(id)) => format!("[[{name}]] \"{id}\""),
        (Some(i), None) => format!("[[{name}]] #{}", i + 1),
        (None, _) => format!("[{name}]"),
    }
}

fn read_drill(t: &DeTable<'_>, header: Option<Span>, diags: &mut Vec<Diagnostic>) -> Option<Drill> {
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
    let policy = r.choice("policy").map(|p| {
        Policy::ALL
            .iter()
            .find(|(n, _)| *n == p)
            .map_or(Policy::Auto, |(_, p)| *p)
    });
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

fn read_building(
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

fn read_safety(
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
    let merge_factor = r.num("merge_factor");
    let strict = r.bool("strict");
    let max_density = r.num("max_density");
    let red = r.num("red_flag_density");
    let child = r.num("child_factor");
    Some(Safety {
        flow_limit: SpecificFlow(flow_limit?),
        merge_factor: merge_factor?,
        strict: strict?,
        max_density: Density(max_density?),
        red_flag_density: Density(red?),
        child_factor: child?,
    })
}

/// Stair speeds of grades 1–6 when the script gives none (flow model, design
/// interpolation between the measured children's and adults' speeds).
pub const DEFAULT_STAIR_BY_GRADE: [f64; 6] = [0.50, 0.55, 0.60, 0.65, 0.70, 0.75];

fn read_speeds(
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

fn read_stairwell(
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

fn read_class(
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

fn read_wave(
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

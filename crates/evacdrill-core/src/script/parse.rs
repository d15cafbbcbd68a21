//! From TOML text to a [`Script`], every problem reported in one pass.

use std::collections::HashMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

mod tables;

use super::diagnostic::Diagnostic;
use super::keys::{self, SECTIONS, Section, did_you_mean};
use super::model::{Script, Span};
use super::reader::{as_i64, found_type, span_of};
use crate::i18n::script::{ScriptMsg, TypeName};

/// Where each value of an item (a stairwell, class or wave) was written.
pub type FieldSpans = HashMap<&'static str, Span>;

/// What the parser found: the script (when it could be built) and the spans
/// of every item's values, for the semantic checks that follow.
#[derive(Default)]
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
    let mut parsed = Parsed::default();
    let Some(root) = read_toml(source, diags) else {
        return parsed;
    };
    let root = root.get_ref();
    if !schema_ok(root, diags) {
        return parsed;
    }
    report_unknown_tables(root, diags);
    read_script(root, &mut parsed, diags);
    parsed
}

/// The TOML document, or `None` when the file is empty or not TOML (every
/// syntax error reported).
fn read_toml<'s>(source: &'s str, diags: &mut Vec<Diagnostic>) -> Option<Spanned<DeTable<'s>>> {
    if source.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty-file", Some(Span::new(0, 0)), ScriptMsg::Empty)
                .hint(ScriptMsg::EmptyHint),
        );
        return None;
    }
    let (root, errors) = DeTable::parse_recoverable(source);
    if errors.is_empty() {
        return Some(root);
    }
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
    None
}

/// Reports every top-level table that is not a section of a script.
fn report_unknown_tables(root: &DeTable<'_>, diags: &mut Vec<Diagnostic>) {
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
}

/// Reads every section and item into `parsed`: the script when the single
/// sections could be read, and the spans of the items that could.
fn read_script(root: &DeTable<'_>, parsed: &mut Parsed, diags: &mut Vec<Diagnostic>) {
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

pub(super) fn section(name: &str) -> &'static Section {
    keys::section(name).unwrap_or_else(|| unreachable!("section `{name}` missing from the spec"))
}

/// A required table (`[drill]`, `[[class]]`) that the script lacks.
fn missing_table(diags: &mut Vec<Diagnostic>, table: &str) {
    diags.push(
        Diagnostic::error(
            "missing-table",
            Some(Span::new(0, 0)),
            ScriptMsg::MissingTable {
                table: table.to_owned(),
            },
        )
        .hint(ScriptMsg::MissingTableHint {
            table: table.to_owned(),
        }),
    );
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
            missing_table(diags, &format!("[{name}]"));
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
            missing_table(diags, &format!("[[{name}]]"));
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

use tables::{
    read_building, read_class, read_drill, read_safety, read_speeds, read_stairwell, read_wave,
};

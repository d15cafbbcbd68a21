//! Checks across a parsed script: ids, references, floors, numbers that parse
//! but make no sense, and the warnings a coordinator should see.

use std::collections::HashMap;

use super::diagnostic::Diagnostic;
use super::model::{Class, Script, Span, StairwellId};
use super::parse::{FieldSpans, Parsed};
use crate::flow;
use crate::i18n::script::ScriptMsg;

/// The most people a class may have: more is a group that should be split.
pub const MAX_HEADCOUNT: u32 = 200;
/// The widest plausible stair, in metres.
pub const MAX_STAIR_WIDTH_M: f64 = 10.0;

/// Appends to `diags` every problem of `script` that needs more than one key
/// to see.
pub fn validate(script: &Script, parsed: &Parsed, diags: &mut Vec<Diagnostic>) {
    validate_stairwells(script, parsed, diags);
    validate_classes(script, parsed, diags);
    validate_waves(script, parsed, diags);
    warn_over_target(script, diags);
}

/// Where `key` of item `i` was written, else `fallback` (the item's span).
fn at(spans: &[FieldSpans], i: usize, key: &str, fallback: Span) -> Span {
    spans
        .get(i)
        .and_then(|m| m.get(key))
        .copied()
        .unwrap_or(fallback)
}

/// An id is not empty and not used before; `seen` has where each id was
/// first used.
fn check_id<'s>(
    id: &'s str,
    span: Span,
    seen: &mut HashMap<&'s str, Span>,
    duplicate: impl FnOnce() -> ScriptMsg,
    diags: &mut Vec<Diagnostic>,
) {
    if id.trim().is_empty() {
        diags.push(Diagnostic::error(
            "empty-id",
            Some(span),
            ScriptMsg::EmptyId,
        ));
    } else if let Some(first) = seen.get(id) {
        diags.push(
            Diagnostic::error("duplicate-id", Some(span), duplicate())
                .hint(ScriptMsg::DuplicateHint)
                .related(*first, ScriptMsg::FirstUse),
        );
    } else {
        seen.insert(id, span);
    }
}

/// Ids, widths and marshals of the stairwells.
fn validate_stairwells(script: &Script, parsed: &Parsed, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for (i, s) in script.stairwells.iter().enumerate() {
        let span = at(&parsed.stairwell_spans, i, "id", s.span);
        check_id(
            &s.id.0,
            span,
            &mut seen,
            || ScriptMsg::DuplicateStairwell { id: s.id.0.clone() },
            diags,
        );
        let width_span = at(&parsed.stairwell_spans, i, "width_m", s.span);
        let layers = 2.0 * s.boundary.0;
        if s.width.0 <= layers {
            diags.push(
                Diagnostic::error(
                    "stair-too-narrow",
                    Some(width_span),
                    ScriptMsg::TooNarrow {
                        id: s.id.0.clone(),
                        width: s.width.0,
                        boundary: layers,
                    },
                )
                .hint(ScriptMsg::TooNarrowHint),
            );
        } else if s.width.0 > MAX_STAIR_WIDTH_M {
            diags.push(
                Diagnostic::error(
                    "stair-too-wide",
                    Some(width_span),
                    ScriptMsg::TooWide {
                        id: s.id.0.clone(),
                        width: s.width.0,
                    },
                )
                .hint(ScriptMsg::TooWideHint),
            );
        }
        if s.marshal.is_none() {
            diags.push(
                Diagnostic::warning(
                    "no-marshal",
                    Some(s.span),
                    ScriptMsg::NoMarshal { id: s.id.0.clone() },
                )
                .hint(ScriptMsg::NoMarshalHint),
            );
        }
    }
}

/// Ids, headcounts, floors, stairwell references and teachers of the
/// classes.
fn validate_classes(script: &Script, parsed: &Parsed, diags: &mut Vec<Diagnostic>) {
    let exit_floor = script.building.exit_floor;
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for (i, c) in script.classes.iter().enumerate() {
        let span = |key: &str| at(&parsed.class_spans, i, key, c.span);
        check_id(
            &c.id.0,
            span("id"),
            &mut seen,
            || ScriptMsg::DuplicateClass { id: c.id.0.clone() },
            diags,
        );
        if c.headcount == 0 || c.headcount > MAX_HEADCOUNT {
            diags.push(
                Diagnostic::error(
                    "headcount",
                    Some(span("headcount")),
                    ScriptMsg::Headcount {
                        class: c.id.0.clone(),
                        value: i64::from(c.headcount),
                    },
                )
                .hint(ScriptMsg::HeadcountHint),
            );
        }
        if c.floor < exit_floor {
            diags.push(
                Diagnostic::error(
                    "floor-below-exit",
                    Some(span("floor")),
                    ScriptMsg::FloorBelowExit {
                        class: c.id.0.clone(),
                        floor: c.floor,
                        exit_floor,
                    },
                )
                .hint(ScriptMsg::FloorBelowExitHint),
            );
        }
        let routes = [
            ("stairwell", Some(&c.stairwell)),
            ("alternate", c.alternate.as_ref()),
        ];
        for (key, id) in routes {
            if let Some(id) = id {
                check_route(script, parsed, c, key, id, span(key), diags);
            }
        }
        if c.alternate.as_ref() == Some(&c.stairwell) {
            diags.push(
                Diagnostic::error(
                    "alternate-is-own",
                    Some(span("alternate")),
                    ScriptMsg::AlternateIsOwn {
                        class: c.id.0.clone(),
                    },
                )
                .hint(ScriptMsg::AlternateIsOwnHint),
            );
        }
        if c.teacher.is_none() {
            diags.push(
                Diagnostic::warning(
                    "no-teacher",
                    Some(c.span),
                    ScriptMsg::NoTeacher { id: c.id.0.clone() },
                )
                .hint(ScriptMsg::NoTeacherHint),
            );
        }
    }
}

/// A class's `stairwell` or `alternate` (`key`) names a stairwell of the
/// script that serves the class's floor.
fn check_route(
    script: &Script,
    parsed: &Parsed,
    c: &Class,
    key: &str,
    id: &StairwellId,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) {
    let exit_floor = script.building.exit_floor;
    match script.stairwell(id) {
        None if parsed.incomplete_stairwells => {}
        None => {
            let msg = if key == "stairwell" {
                ScriptMsg::UnknownStairwell {
                    class: c.id.0.clone(),
                    id: id.0.clone(),
                }
            } else {
                ScriptMsg::UnknownAlternate {
                    class: c.id.0.clone(),
                    id: id.0.clone(),
                }
            };
            let code = if key == "stairwell" {
                "unknown-stairwell"
            } else {
                "unknown-alternate"
            };
            let mut d = Diagnostic::error(code, Some(span), msg);
            let names = script.stairwells.iter().map(|s| s.id.0.as_str());
            if let Some(m) = super::keys::did_you_mean(&id.0, names.clone()) {
                d = d.hint(ScriptMsg::DidYouMean { key: m.to_owned() });
            }
            diags.push(d.hint(ScriptMsg::StairwellsDefined {
                ids: names.collect::<Vec<_>>().join(", "),
            }));
        }
        Some(s) if c.floor >= exit_floor && !s.serves(c.floor, exit_floor) => {
            let floors = s
                .floors
                .as_ref()
                .map(|f| {
                    f.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    "floor-not-served",
                    Some(span),
                    ScriptMsg::FloorNotServed {
                        class: c.id.0.clone(),
                        floor: c.floor,
                        stairwell: s.id.0.clone(),
                    },
                )
                .hint(ScriptMsg::FloorNotServedHint { floors }),
            );
        }
        Some(_) => {}
    }
}

fn validate_waves(script: &Script, parsed: &Parsed, diags: &mut Vec<Diagnostic>) {
    if script.waves.is_empty() {
        return;
    }
    let mut named: HashMap<&str, Span> = HashMap::new();
    let mut last_at: Option<f64> = None;
    for (w, wave) in script.waves.iter().enumerate() {
        if wave.classes.is_empty() {
            let span = parsed
                .wave_spans
                .get(w)
                .and_then(|m| m.get("classes"))
                .copied();
            diags.push(
                Diagnostic::error(
                    "wave-empty",
                    Some(span.unwrap_or(wave.span)),
                    ScriptMsg::WaveEmpty,
                )
                .hint(ScriptMsg::WaveEmptyHint),
            );
        }
        for (k, id) in wave.classes.iter().enumerate() {
            let span = parsed
                .wave_class_spans
                .get(w)
                .and_then(|s| s.get(k))
                .copied()
                .unwrap_or(wave.span);
            if script.class(id).is_none() {
                if parsed.incomplete_classes {
                    continue;
                }
                let class_ids = script.classes.iter().map(|c| c.id.0.as_str());
                let mut d = Diagnostic::error(
                    "wave-unknown-class",
                    Some(span),
                    ScriptMsg::WaveUnknownClass { id: id.0.clone() },
                );
                if let Some(m) = super::keys::did_you_mean(&id.0, class_ids) {
                    d = d.hint(ScriptMsg::DidYouMean { key: m.to_owned() });
                }
                diags.push(d);
            } else if let Some(first) = named.get(id.0.as_str()) {
                diags.push(
                    Diagnostic::error(
                        "wave-duplicate-class",
                        Some(span),
                        ScriptMsg::WaveDuplicateClass { id: id.0.clone() },
                    )
                    .hint(ScriptMsg::WaveDuplicateHint)
                    .related(*first, ScriptMsg::FirstUse),
                );
            } else {
                named.insert(&id.0, span);
            }
        }
        if let Some(at) = wave.at {
            if last_at.is_some_and(|l| at.0 < l) {
                let span = parsed
                    .wave_spans
                    .get(w)
                    .and_then(|m| m.get("at_s"))
                    .copied();
                diags.push(
                    Diagnostic::error(
                        "wave-time-backwards",
                        Some(span.unwrap_or(wave.span)),
                        ScriptMsg::WaveTimeBackwards,
                    )
                    .hint(ScriptMsg::WaveTimeBackwardsHint),
                );
            }
            last_at = Some(at.0);
        }
    }
    let missing: Vec<&str> = script
        .classes
        .iter()
        .filter(|c| !named.contains_key(c.id.0.as_str()))
        .map(|c| c.id.0.as_str())
        .collect();
    if !missing.is_empty() && !parsed.incomplete_classes {
        diags.push(
            Diagnostic::error(
                "waves-incomplete",
                Some(script.waves[0].span),
                ScriptMsg::WavesIncomplete {
                    ids: missing.join(", "),
                },
            )
            .hint(ScriptMsg::WavesIncompleteHint),
        );
    }
}

fn warn_over_target(script: &Script, diags: &mut Vec<Diagnostic>) {
    let Some(target) = script.drill.target else {
        return;
    };
    for s in &script.stairwells {
        let people: u32 = script
            .classes
            .iter()
            .filter(|c| c.stairwell == s.id && c.floor != script.building.exit_floor)
            .map(|c| c.headcount)
            .sum();
        let capacity = flow::stair_capacity(s, &script.safety).0;
        if capacity <= 0.0 || people == 0 {
            continue;
        }
        let seconds = f64::from(people) / capacity;
        if seconds > target.0 {
            diags.push(
                Diagnostic::warning(
                    "stairwell-over-target",
                    Some(s.span),
                    ScriptMsg::OverTarget {
                        id: s.id.0.clone(),
                        people,
                        capacity,
                        seconds,
                        target: target.0,
                    },
                )
                .hint(ScriptMsg::OverTargetHint),
            );
        }
    }
}

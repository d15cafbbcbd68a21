//! Typed access to one TOML table against its [`Section`] spec, collecting
//! every problem instead of stopping at the first.

use std::collections::HashMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Diagnostic;
use super::keys::{Key, Kind, Section, VALIDATED_LATER, did_you_mean};
use super::model::Span;
use crate::i18n::script::{ScriptMsg, TypeName};

/// The span of a spanned TOML item.
pub fn span_of<T>(s: &Spanned<T>) -> Span {
    s.span().into()
}

/// The kind of value found, for "must be X, not Y".
pub fn found_type(v: &DeValue<'_>) -> TypeName {
    match v {
        DeValue::String(_) => TypeName::Text,
        DeValue::Integer(_) => TypeName::Integer,
        DeValue::Float(_) => TypeName::Number,
        DeValue::Boolean(_) => TypeName::Boolean,
        DeValue::Datetime(_) => TypeName::DateTime,
        DeValue::Array(_) => TypeName::TextList,
        DeValue::Table(_) => TypeName::Table,
    }
}

fn expected_type(kind: Kind) -> TypeName {
    match kind {
        Kind::Str | Kind::Enum(_) => TypeName::Text,
        Kind::Int { .. } => TypeName::Integer,
        Kind::Num { .. } => TypeName::Number,
        Kind::Bool => TypeName::Boolean,
        Kind::StrList => TypeName::TextList,
        Kind::IntList { .. } => TypeName::IntegerList,
        Kind::NumList { .. } => TypeName::NumberList,
    }
}

/// A TOML integer as `i64`, when it fits.
pub fn as_i64(v: &DeValue<'_>) -> Option<i64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// A TOML number (integer or float) as `f64`.
fn as_f64(v: &DeValue<'_>) -> Option<f64> {
    match v {
        DeValue::Integer(_) => as_i64(v).map(|i| i as f64),
        DeValue::Float(f) => parse_float(f.as_str()),
        _ => None,
    }
}

fn parse_float(s: &str) -> Option<f64> {
    let cleaned = s.replace('_', "");
    cleaned.parse().ok()
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A list value, its spec, and its items.
type ListParts<'t, 's> = (
    &'t Spanned<DeValue<'s>>,
    &'static Key,
    Vec<&'t Spanned<DeValue<'s>>>,
);

/// Reads one table of a script against its section spec.
pub struct TableReader<'t, 's, 'd> {
    table: &'t DeTable<'s>,
    section: &'static Section,
    /// Where a missing key is reported: the table's header.
    header: Span,
    label: String,
    diags: &'d mut Vec<Diagnostic>,
    /// The span of every value read, by key, for later checks.
    pub spans: HashMap<&'static str, Span>,
}

impl<'t, 's, 'd> TableReader<'t, 's, 'd> {
    /// Starts reading `table`, reporting every key the section does not know.
    pub fn new(
        table: &'t DeTable<'s>,
        section: &'static Section,
        header: Span,
        label: String,
        diags: &'d mut Vec<Diagnostic>,
    ) -> Self {
        for (key, _) in table {
            let name: &str = key.get_ref();
            if !section.keys.iter().any(|k| k.name == name) {
                let names = section.keys.iter().map(|k| k.name);
                let mut d = Diagnostic::error(
                    "unknown-key",
                    Some(span_of(key)),
                    ScriptMsg::UnknownKey {
                        key: name.to_owned(),
                        table: label.clone(),
                    },
                );
                if let Some(s) = did_you_mean(name, names.clone()) {
                    d = d.hint(ScriptMsg::DidYouMean { key: s.to_owned() });
                }
                d = d.hint(ScriptMsg::UnknownKeyHint {
                    keys: names.collect::<Vec<_>>().join(", "),
                });
                diags.push(d);
            }
        }
        Self {
            table,
            section,
            header,
            label,
            diags,
            spans: HashMap::new(),
        }
    }

    fn spec(&self, name: &str) -> &'static Key {
        self.section
            .keys
            .iter()
            .find(|k| k.name == name)
            .unwrap_or_else(|| unreachable!("key `{name}` missing from the spec"))
    }

    /// The raw value of `name`, reporting it when required and absent.
    fn value(&mut self, name: &str) -> Option<(&'t Spanned<DeValue<'s>>, &'static Key)> {
        let spec = self.spec(name);
        let Some(v) = self.table.get(name) else {
            if spec.required {
                self.diags.push(
                    Diagnostic::error(
                        "missing-key",
                        Some(self.header),
                        ScriptMsg::MissingKey {
                            key: spec.name.to_owned(),
                            table: self.label.clone(),
                        },
                    )
                    .hint(ScriptMsg::MissingKeyHint {
                        key: spec.name.to_owned(),
                        example: example(spec),
                    }),
                );
            }
            return None;
        };
        self.spans.insert(spec.name, span_of(v));
        Some((v, spec))
    }

    fn wrong_type(&mut self, v: &Spanned<DeValue<'_>>, spec: &Key) {
        self.diags.push(Diagnostic::error(
            "wrong-type",
            Some(span_of(v)),
            ScriptMsg::WrongType {
                key: spec.name.to_owned(),
                expected: expected_type(spec.kind),
                found: found_type(v.get_ref()),
            },
        ));
    }

    fn out_of_range(&mut self, span: Span, spec: &Key, value: f64, min: f64, max: f64, unit: &str) {
        self.diags.push(
            Diagnostic::error(
                "out-of-range",
                Some(span),
                ScriptMsg::OutOfRange {
                    key: spec.name.to_owned(),
                    value: fmt_num(value),
                    min: fmt_num(min),
                    max: fmt_num(max),
                    unit: if unit.is_empty() {
                        String::new()
                    } else {
                        format!(" {unit}")
                    },
                },
            )
            .hint(ScriptMsg::OutOfRangeHint),
        );
    }

    /// A text value.
    pub fn str(&mut self, name: &str) -> Option<String> {
        let (v, spec) = self.value(name)?;
        if let DeValue::String(s) = v.get_ref() {
            Some(s.to_string())
        } else {
            self.wrong_type(v, spec);
            None
        }
    }

    /// An integer value, within the spec's range.
    pub fn int(&mut self, name: &str) -> Option<i64> {
        let (v, spec) = self.value(name)?;
        let Some(i) = as_i64(v.get_ref()) else {
            self.wrong_type(v, spec);
            return None;
        };
        if let Kind::Int { min, max } = spec.kind
            && !VALIDATED_LATER.contains(&spec.name)
            && !(min..=max).contains(&i)
        {
            self.out_of_range(span_of(v), spec, i as f64, min as f64, max as f64, "");
            return None;
        }
        Some(i)
    }

    /// A number, within the spec's range; the spec's default when absent.
    ///
    /// A wrong value is reported and replaced by the default (when there is
    /// one), so that the checks that need the rest of the item still run.
    pub fn num(&mut self, name: &str) -> Option<f64> {
        let fallback = self.spec(name).default.and_then(parse_float);
        let Some((v, spec)) = self.value(name) else {
            return fallback;
        };
        let Some(x) = as_f64(v.get_ref()) else {
            self.wrong_type(v, spec);
            return fallback;
        };
        if let Kind::Num { min, max, unit } = spec.kind
            // NaN and the infinities are never a measurement, even for the
            // keys whose range is checked later against other keys.
            && (!x.is_finite()
                || (!VALIDATED_LATER.contains(&spec.name) && !(min..=max).contains(&x)))
        {
            self.out_of_range(span_of(v), spec, x, min, max, unit);
            return fallback;
        }
        Some(x)
    }

    /// A boolean; the spec's default when absent.
    pub fn bool(&mut self, name: &str) -> Option<bool> {
        let Some((v, spec)) = self.value(name) else {
            return self.spec(name).default.map(|d| d == "true");
        };
        if let DeValue::Boolean(b) = v.get_ref() {
            Some(*b)
        } else {
            self.wrong_type(v, spec);
            None
        }
    }

    /// One of the spec's allowed strings; the default when absent.
    pub fn choice(&mut self, name: &str) -> Option<&'static str> {
        let Some((v, spec)) = self.value(name) else {
            let spec = self.spec(name);
            return match spec.kind {
                Kind::Enum(allowed) => allowed.iter().copied().find(|a| Some(*a) == spec.default),
                _ => None,
            };
        };
        let Kind::Enum(allowed) = spec.kind else {
            return None;
        };
        let DeValue::String(s) = v.get_ref() else {
            self.wrong_type(v, spec);
            return None;
        };
        if let Some(a) = allowed.iter().copied().find(|a| *a == s.as_ref()) {
            return Some(a);
        }
        let mut d = Diagnostic::error(
            "not-one-of",
            Some(span_of(v)),
            ScriptMsg::NotOneOf {
                key: spec.name.to_owned(),
                value: s.to_string(),
                allowed: allowed.join(", "),
            },
        );
        if let Some(m) = did_you_mean(s, allowed.iter().copied()) {
            d = d.hint(ScriptMsg::DidYouMean { key: m.to_owned() });
        }
        self.diags.push(d);
        None
    }

    fn list(&mut self, name: &str) -> Option<ListParts<'t, 's>> {
        let (v, spec) = self.value(name)?;
        if let DeValue::Array(items) = v.get_ref() {
            Some((v, spec, items.iter().collect()))
        } else {
            self.wrong_type(v, spec);
            None
        }
    }

    /// A list of texts, each with its span.
    pub fn str_list(&mut self, name: &str) -> Option<Vec<(String, Span)>> {
        let (_, spec, items) = self.list(name)?;
        let mut out = Vec::new();
        let mut ok = true;
        for item in items {
            if let DeValue::String(s) = item.get_ref() {
                out.push((s.to_string(), span_of(item)));
            } else {
                self.wrong_type(item, spec);
                ok = false;
            }
        }
        ok.then_some(out)
    }

    /// A list of integers within the spec's range.
    pub fn int_list(&mut self, name: &str) -> Option<Vec<i64>> {
        let (_, spec, items) = self.list(name)?;
        let Kind::IntList { min, max } = spec.kind else {
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for item in items {
            match as_i64(item.get_ref()) {
                Some(i) if (min..=max).contains(&i) => out.push(i),
                Some(i) => {
                    self.out_of_range(span_of(item), spec, i as f64, min as f64, max as f64, "");
                    ok = false;
                }
                None => {
                    self.wrong_type(item, spec);
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    /// A list of exactly the spec's number of numbers, each within range.
    pub fn num_list(&mut self, name: &str) -> Option<Vec<f64>> {
        let (v, spec, items) = self.list(name)?;
        let Kind::NumList {
            len,
            min,
            max,
            unit,
        } = spec.kind
        else {
            return None;
        };
        if items.len() != len {
            self.diags.push(Diagnostic::error(
                "wrong-length",
                Some(span_of(v)),
                ScriptMsg::WrongLength {
                    key: spec.name.to_owned(),
                    expected: len,
                    found: items.len(),
                },
            ));
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for item in items {
            match as_f64(item.get_ref()) {
                Some(x) if (min..=max).contains(&x) => out.push(x),
                Some(x) => {
                    self.out_of_range(span_of(item), spec, x, min, max, unit);
                    ok = false;
                }
                None => {
                    self.wrong_type(item, spec);
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }
}

/// A value to suggest for a missing key.
fn example(spec: &Key) -> String {
    let typical = match spec.name {
        "headcount" => Some("40"),
        "grade" => Some("3"),
        "floor" => Some("2"),
        "width_m" => Some("1.5"),
        "id" | "stairwell" => Some("\"A\""),
        "classes" => Some("[\"1-1\", \"1-2\"]"),
        _ => None,
    };
    if let Some(t) = typical {
        return t.to_owned();
    }
    match spec.kind {
        Kind::Str => "\"…\"".to_owned(),
        Kind::Int { min, max } => fmt_num(((min + max) / 2).clamp(min.max(1), max) as f64),
        Kind::Num { min, .. } => fmt_num(min.max(1.0)),
        Kind::Bool => "true".to_owned(),
        Kind::Enum(allowed) => format!("\"{}\"", allowed.first().copied().unwrap_or("")),
        Kind::StrList => "[\"…\"]".to_owned(),
        Kind::IntList { .. } => "[2, 3]".to_owned(),
        Kind::NumList { .. } => "[…]".to_owned(),
    }
}

//! The JSON Schema of the drill script, generated from [`super::keys`] so
//! that it cannot disagree with the parser.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::keys::{Key, Kind, SCHEMA, SECTIONS};

fn key_schema(key: &Key) -> Value {
    let mut v = match key.kind {
        Kind::Str => json!({ "type": "string" }),
        Kind::Int { min, max } => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Kind::Num { min, max, .. } => json!({ "type": "number", "minimum": min, "maximum": max }),
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::Enum(allowed) => json!({ "type": "string", "enum": allowed }),
        Kind::StrList => json!({ "type": "array", "items": { "type": "string" } }),
        Kind::IntList { min, max } => json!({
            "type": "array", "items": { "type": "integer", "minimum": min, "maximum": max }
        }),
        Kind::NumList { len, min, max, .. } => json!({
            "type": "array", "minItems": len, "maxItems": len,
            "items": { "type": "number", "minimum": min, "maximum": max }
        }),
    };
    let mut doc = key.doc.to_owned();
    if let Kind::Num { unit, .. } | Kind::NumList { unit, .. } = key.kind
        && !unit.is_empty()
    {
        let _ = write!(doc, " Unit: {unit}.");
    }
    if let Some(d) = key.default {
        let _ = write!(doc, " Default: {d}.");
        if let Ok(parsed) = serde_json::from_str::<Value>(d) {
            v["default"] = parsed;
        } else {
            v["default"] = Value::String(d.to_owned());
        }
    }
    v["description"] = Value::String(doc);
    v
}

fn table_schema(keys: &[Key], doc: &str) -> Value {
    let mut props = Map::new();
    for k in keys {
        props.insert(k.name.to_owned(), key_schema(k));
    }
    let required: Vec<&str> = keys.iter().filter(|k| k.required).map(|k| k.name).collect();
    json!({
        "type": "object",
        "description": doc,
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

/// The JSON Schema (draft 2020-12) of a drill script.
#[must_use]
pub fn json_schema() -> Value {
    let mut props = Map::new();
    props.insert(SCHEMA.name.to_owned(), key_schema(&SCHEMA));
    let mut required = vec![SCHEMA.name];
    for s in SECTIONS {
        let table = table_schema(s.keys, s.doc);
        let v = if s.array {
            json!({ "type": "array", "description": s.doc, "items": table, "minItems": usize::from(s.required) })
        } else {
            table
        };
        props.insert(s.name.to_owned(), v);
        if s.required {
            required.push(s.name);
        }
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "evacdrill drill script",
        "description": "A school evacuation drill: the building, its stairwells and its classes. See docs/drill-script.md.",
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

#[cfg(test)]
mod tests {
    use super::json_schema;

    #[test]
    fn schema_names_every_section_and_requires_the_core() {
        let s = json_schema();
        for t in [
            "drill",
            "building",
            "safety",
            "speeds",
            "stairwell",
            "class",
            "wave",
        ] {
            assert!(s["properties"][t].is_object(), "{t}");
        }
        assert_eq!(
            s["required"],
            serde_json::json!(["schema", "drill", "building", "stairwell", "class"])
        );
        assert_eq!(s["properties"]["class"]["items"]["required"][0], "id");
        assert_eq!(
            s["properties"]["safety"]["properties"]["flow_limit"]["default"],
            1.0
        );
    }
}

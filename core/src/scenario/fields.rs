//! Strict reading of a JSON object field by field, with the field's path in every error
//! (`network.latency_ms: ...`, `events[3].node: ...`, `params.ids: ...`).
//!
//! The scenario, its events and every protocol's `params` are read with this one reader over
//! `serde_json::Value`: serde derives per type cost the web bundle a deserializer each, and a
//! second pass to find where an error was. The readers of plain types (`u32`, `[u64; 2]`,
//! `Vec<u32>`, ...) are shared by all.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// An object (or nothing, for an absent or `null` value) whose fields are all known.
pub struct Fields<'a> {
    map: Option<&'a Map<String, Value>>,
    /// Where the object is: "" for the document, `events[2]`, `params`.
    path: String,
}

impl<'a> Fields<'a> {
    /// `value` as an object with no field outside `known`.
    pub fn of(value: &'a Value, path: &str, known: &[&str]) -> Result<Self, String> {
        let fields = Self::any(value, path)?;
        if let Some(unknown) = fields.map.into_iter().flat_map(|m| m.keys()).find(|k| !known.contains(&k.as_str())) {
            let names: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            return Err(format!("{}: unknown field `{unknown}`, expected one of {}", fields.at(unknown), names.join(", ")));
        }
        Ok(fields)
    }

    /// `value` as an object, whatever its fields.
    pub fn any(value: &'a Value, path: &str) -> Result<Self, String> {
        let map = match value {
            Value::Null => None,
            Value::Object(m) => Some(m),
            other => return Err(format!("{}: expected an object {{...}}, found {}", name_of(path), kind(other))),
        };
        Ok(Fields { map, path: path.to_string() })
    }

    /// The path of field `name`.
    fn at(&self, name: &str) -> String {
        if self.path.is_empty() { name.to_string() } else { format!("{}.{name}", self.path) }
    }

    /// Field `name` as it is in the document, `None` when absent or `null`.
    pub fn raw(&self, name: &str) -> Option<&'a Value> {
        self.map.and_then(|m| m.get(name)).filter(|v| !v.is_null())
    }

    /// Field `name` as a `T`, `None` when absent or `null`.
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, String> {
        match self.raw(name) {
            None => Ok(None),
            Some(v) => T::deserialize(v).map(Some).map_err(|e| format!("{}: {e}", self.at(name))),
        }
    }

    /// Field `name` as a `T`; its absence is an error.
    pub fn need<T: DeserializeOwned>(&self, name: &str) -> Result<T, String> {
        self.get(name)?.ok_or_else(|| format!("{}: missing field `{name}`", name_of(&self.path)))
    }

    /// Field `name` as one of `choices`, by its JSON string.
    pub fn choice(&self, name: &str, choices: &[&str]) -> Result<Option<usize>, String> {
        let Some(given) = self.get::<String>(name)? else { return Ok(None) };
        one_of(&given, choices).map(Some).map_err(|e| format!("{}: {e}", self.at(name)))
    }
}

/// The position of `given` in `choices`, or serde's words for a name that is not there.
pub fn one_of(given: &str, choices: &[&str]) -> Result<usize, String> {
    choices.iter().position(|c| *c == given).ok_or_else(|| {
        let names: Vec<String> = choices.iter().map(|c| format!("`{c}`")).collect();
        format!("unknown variant `{given}`, expected one of {}", names.join(", "))
    })
}

/// How errors name a place: the document itself is "scenario".
fn name_of(path: &str) -> &str {
    if path.is_empty() { "scenario" } else { path }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn errors_name_the_field_by_its_path() {
        let doc = json!({"a": 1, "b": [1, 2], "c": "x"});
        let f = Fields::of(&doc, "events[2]", &["a", "b", "c"]).unwrap();
        assert_eq!(f.need::<u32>("a"), Ok(1));
        assert_eq!(f.get::<[u64; 2]>("b"), Ok(Some([1, 2])));
        assert_eq!(f.get::<u32>("z"), Ok(None));
        assert!(f.need::<u32>("c").unwrap_err().starts_with("events[2].c: invalid type: string \"x\""));
        assert_eq!(f.need::<u32>("z").unwrap_err(), "events[2]: missing field `z`");
        assert!(f.choice("c", &["y"]).unwrap_err().starts_with("events[2].c: unknown variant `x`"));
        let unknown = Fields::of(&doc, "", &["a", "b"]).err().unwrap();
        assert_eq!(unknown, "c: unknown field `c`, expected one of `a`, `b`");
        assert_eq!(Fields::any(&json!([1]), "network").err().unwrap(), "network: expected an object {...}, found a list");
        assert_eq!(Fields::any(&json!(3), "").err().unwrap(), "scenario: expected an object {...}, found a number");
    }
}

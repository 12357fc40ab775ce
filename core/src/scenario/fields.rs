//! Strict reading of a JSON object field by field, with the field's path in every error
//! (`network.latency_ms: ...`, `events[3].node: ...`, `params.ids: ...`).
//!
//! The scenario, its events and every protocol's `params` are read with this one reader over
//! `serde_json::Value`: serde derives per type cost the web bundle a deserializer each, and a
//! second pass to find where an error was. The readers of plain types (`u32`, `[u64; 2]`,
//! `Vec<u32>`, ...) are shared by all.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{at, says, ScenarioError};
use crate::say;
use crate::sim::say::Say;

/// An object (or nothing, for an absent or `null` value) whose fields are all known.
pub struct Fields<'a> {
    map: Option<&'a Map<String, Value>>,
    /// Where the object is: "" for the document, `events[2]`, `params`.
    path: String,
}

impl<'a> Fields<'a> {
    /// `value` as an object with no field outside `known`.
    pub fn of(value: &'a Value, path: &str, known: &[&str]) -> Result<Self, ScenarioError> {
        let fields = Self::any(value, path)?;
        if let Some(unknown) = fields.map.into_iter().flat_map(|m| m.keys()).find(|k| !known.contains(&k.as_str())) {
            let names: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            return Err(at(&fields.at(unknown), say!(says::UNKNOWN_FIELD, field = unknown, names = names.join(", "))));
        }
        Ok(fields)
    }

    /// `value` as an object, whatever its fields.
    pub fn any(value: &'a Value, path: &str) -> Result<Self, ScenarioError> {
        let map = match value {
            Value::Null => None,
            Value::Object(m) => Some(m),
            other => return Err(at(path, say!(says::OBJECT_FOUND, example = "{...}", found = kind(other)))),
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
    #[inline(never)]
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, ScenarioError> {
        match self.raw(name) {
            None => Ok(None),
            Some(v) => T::deserialize(v).map(Some).map_err(|e| self.mistyped(name, e)),
        }
    }

    /// The refusal of a field of the wrong type, in serde's words. Not generic, so that the
    /// bundle holds it once rather than once per type read.
    #[inline(never)]
    fn mistyped(&self, name: &str, e: serde_json::Error) -> ScenarioError {
        let serde = e.to_string();
        let shape = |prefix| serde.strip_prefix(prefix).and_then(|rest| rest.rsplit_once(", expected "));
        let problem = if let Some((got, expected)) = shape("invalid type: ") {
            say!(says::INVALID_TYPE, got, expected)
        } else if let Some((got, expected)) = shape("invalid value: ") {
            say!(says::INVALID_VALUE, got, expected)
        } else {
            say!(says::MISTYPED, serde)
        };
        at(&self.at(name), problem)
    }

    #[inline(never)]
    fn missing(&self, name: &str) -> ScenarioError {
        at(&self.path, say!(says::MISSING_FIELD, field = name))
    }

    /// Field `name` as a `T`; its absence is an error. Out of line, as `get`: one copy per
    /// type read rather than one per field read (the scenario and five protocols read many).
    #[inline(never)]
    pub fn need<T: DeserializeOwned>(&self, name: &str) -> Result<T, ScenarioError> {
        self.get(name)?.ok_or_else(|| self.missing(name))
    }

    /// Field `name` as one of `choices`, by its JSON string.
    pub fn choice(&self, name: &str, choices: &[&str]) -> Result<Option<usize>, ScenarioError> {
        let Some(given) = self.get::<String>(name)? else { return Ok(None) };
        one_of(&given, choices).map(Some).map_err(|e| at(&self.at(name), e))
    }
}

/// The position of `given` in `choices`, or serde's words for a name that is not there.
pub fn one_of(given: &str, choices: &[&str]) -> Result<usize, Say> {
    choices.iter().position(|c| *c == given).ok_or_else(|| {
        let names: Vec<String> = choices.iter().map(|c| format!("`{c}`")).collect();
        say!(says::UNKNOWN_VARIANT, given, names = names.join(", "))
    })
}

/// What a value is, in words of the reader's language.
fn kind(v: &Value) -> crate::sim::say::Sentence {
    match v {
        Value::Null => says::KIND_NULL,
        Value::Bool(_) => says::KIND_BOOLEAN,
        Value::Number(_) => says::KIND_NUMBER,
        Value::String(_) => says::KIND_STRING,
        Value::Array(_) => says::KIND_LIST,
        Value::Object(_) => says::KIND_OBJECT,
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
        assert!(f.need::<u32>("c").unwrap_err().to_string().starts_with("events[2].c: invalid type: string \"x\""));
        assert_eq!(f.need::<u32>("z").unwrap_err().to_string(), "events[2]: missing field `z`");
        assert!(f.choice("c", &["y"]).unwrap_err().to_string().starts_with("events[2].c: unknown variant `x`"));
        let unknown = Fields::of(&doc, "", &["a", "b"]).err().unwrap().to_string();
        assert_eq!(unknown, "c: unknown field `c`, expected one of `a`, `b`");
        assert_eq!(Fields::any(&json!([1]), "network").err().unwrap().to_string(), "network: expected an object {...}, found a list");
        assert_eq!(Fields::any(&json!(3), "").err().unwrap().to_string(), "scenario: expected an object {...}, found a number");
    }
}

//! Strict parsing of a protocol's `params` object, field by field.
//!
//! Each protocol names the fields it knows and reads each with the type it wants. This reader
//! is written once for every protocol: a serde-derived params struct per protocol cost the web
//! bundle a deserializer of its own each, and the readers of plain types (`u64`, `[u64; 2]`,
//! `Vec<u32>`, ...) are shared by all protocols.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// A `params` object whose fields are all known to the protocol.
pub struct Params<'a> {
    fields: Option<&'a Map<String, Value>>,
}

/// Check that `params` is an object (or absent: `null`) with no field outside `known`;
/// errors read `params: problem` or `params.field: problem`.
pub fn read_params<'a>(params: &'a Value, known: &[&str]) -> Result<Params<'a>, String> {
    let fields = match params {
        Value::Null => None,
        Value::Object(m) => Some(m),
        _ => return Err("params: expected an object like {\"name\": value}".into()),
    };
    if let Some(unknown) = fields.into_iter().flat_map(|m| m.keys()).find(|k| !known.contains(&k.as_str())) {
        let names: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        return Err(format!("params.{unknown}: unknown field `{unknown}`, expected one of {}", names.join(", ")));
    }
    Ok(Params { fields })
}

impl Params<'_> {
    /// Field `name` as a `T`, `None` when absent or `null`; errors read `params.name: problem`.
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, String> {
        match self.fields.and_then(|m| m.get(name)) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => T::deserialize(v).map(Some).map_err(|e| format!("params.{name}: {e}")),
        }
    }

    /// Field `name` as one of `choices`, by its JSON string.
    pub fn choice(&self, name: &str, choices: &[&str]) -> Result<Option<usize>, String> {
        let Some(given) = self.get::<String>(name)? else { return Ok(None) };
        one_of(&given, choices).map(Some).map_err(|e| format!("params.{name}: {e}"))
    }

    /// Field `name` as it is in the document, `None` when absent or `null`.
    pub fn raw(&self, name: &str) -> Option<&Value> {
        self.fields.and_then(|m| m.get(name)).filter(|v| !v.is_null())
    }
}

/// The position of `given` in `choices`, or serde's words for a name that is not there.
pub fn one_of(given: &str, choices: &[&str]) -> Result<usize, String> {
    choices.iter().position(|c| *c == given).ok_or_else(|| {
        let names: Vec<String> = choices.iter().map(|c| format!("`{c}`")).collect();
        format!("unknown variant `{given}`, expected one of {}", names.join(", "))
    })
}

/// Check an `[lo, hi]` millisecond range parameter and convert it to µs.
pub fn ms_range(field: &str, r: [u64; 2], min: u64, max: u64) -> Result<(u64, u64), String> {
    let [lo, hi] = r;
    if lo > hi || lo < min || hi > max {
        return Err(format!("params.{field}: [{lo}, {hi}] is not a range {min} <= lo <= hi <= {max}"));
    }
    Ok((lo * 1000, hi * 1000))
}

/// Check a millisecond parameter and convert it to µs.
pub fn ms_value(field: &str, v: u64, min: u64, max: u64) -> Result<u64, String> {
    if v < min || v > max {
        return Err(format!("params.{field}: {v} is out of range {min}..={max}"));
    }
    Ok(v * 1000)
}

//! Reading the tour files' JSON. By hand over a borrowed `serde_json::Value` rather than with
//! serde's derive: `Value` parsing is already in the wasm for scenarios and links, while
//! derived deserializers for the tour types cost ~15 KB gzipped (measured), half of what the
//! tours' own texts weigh. Unknown and missing fields are refused with their path, as derive's
//! `deny_unknown_fields` would. Values are borrowed from the document: the loader copies only
//! what the finished `Tour` keeps.

use std::fmt;

use serde_json::{Map, Value};

use super::error::TourError;

/// A JSON object being read, with its file and path for messages (`steps[2].highlight`).
pub struct Obj<'a> {
    pub file: &'a str,
    path: String,
    map: &'a Map<String, Value>,
}

/// `file: path.key: problem` (path and key may be empty).
#[inline(never)]
fn fail_at(file: &str, path: &str, key: &str, problem: fmt::Arguments) -> TourError {
    let dot = if path.is_empty() || key.is_empty() { "" } else { "." };
    let colon = if path.is_empty() && key.is_empty() { "" } else { ": " };
    TourError::at(file, "", format_args!("{path}{dot}{key}{colon}{problem}"))
}

/// A whole file as JSON.
pub fn document(file: &str, text: &str) -> Result<Value, TourError> {
    serde_json::from_str(text).map_err(|e| TourError::at(file, "", format_args!("not valid JSON: {e}")))
}

impl<'a> Obj<'a> {
    /// `v` as an object with no field outside `allowed`.
    pub fn new(file: &'a str, path: String, v: &'a Value, allowed: &[&str]) -> Result<Obj<'a>, TourError> {
        let Some(map) = v.as_object() else {
            return Err(fail_at(file, &path, "", format_args!("expected a JSON object {{...}}")));
        };
        if let Some(k) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(fail_at(file, &path, k, format_args!("unknown field; expected one of {}", allowed.join(", "))));
        }
        Ok(Obj { file, path, map })
    }

    pub fn fail(&self, key: &str, problem: fmt::Arguments) -> TourError {
        fail_at(self.file, &self.path, key, problem)
    }

    /// Field `key`, if present.
    pub fn opt(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    pub fn get(&self, key: &str) -> Result<&'a Value, TourError> {
        self.opt(key).ok_or_else(|| self.fail(key, format_args!("missing field")))
    }

    pub fn text(&self, key: &str) -> Result<&'a str, TourError> {
        self.get(key)?.as_str().ok_or_else(|| self.fail(key, format_args!("expected a string")))
    }

    pub fn opt_text(&self, key: &str) -> Result<Option<&'a str>, TourError> {
        self.opt(key).map(|_| self.text(key)).transpose()
    }

    pub fn list(&self, key: &str) -> Result<&'a [Value], TourError> {
        self.get(key)?.as_array().map(Vec::as_slice).ok_or_else(|| self.fail(key, format_args!("expected a list [...]")))
    }

    /// Field `key` as a list, empty when absent.
    pub fn opt_list(&self, key: &str) -> Result<&'a [Value], TourError> {
        if self.opt(key).is_some() { self.list(key) } else { Ok(&[]) }
    }

    pub fn child(&self, key: &str, allowed: &[&str]) -> Result<Obj<'a>, TourError> {
        let path = if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) };
        Obj::new(self.file, path, self.get(key)?, allowed)
    }
}

//! Reading the two kinds of tour file from JSON. By hand over `serde_json::Value` rather than
//! with serde's derive: `Value` parsing is already in the wasm for scenarios and links, while
//! derived deserializers for these types cost ~15 KB gzipped (measured), half of what the
//! tours' own texts weigh. Unknown and missing fields are refused with their path, as derive's
//! `deny_unknown_fields` would.

use consenso_core::sorted::SortedMap;

use serde_json::{Map, Value};

use super::error::TourError;
use super::model::{Highlight, ScenarioRef, StepSpec, StepText, TourSpec, TourTexts};

/// A JSON object being read, with its path for messages (`steps[2].highlight`).
struct Obj<'a> {
    file: &'a str,
    path: String,
    map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    fn new(file: &'a str, path: String, v: &'a Value, allowed: &[&str]) -> Result<Obj<'a>, TourError> {
        let Some(map) = v.as_object() else {
            return Err(fail_at(file, &path, "", "expected a JSON object {...}"));
        };
        if let Some(k) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(fail_at(file, &path, k, &format!("unknown field; expected one of {}", allowed.join(", "))));
        }
        Ok(Obj { file, path, map })
    }

    fn fail(&self, key: &str, problem: &str) -> TourError {
        fail_at(self.file, &self.path, key, problem)
    }

    fn get(&self, key: &str) -> Result<&'a Value, TourError> {
        self.map.get(key).ok_or_else(|| self.fail(key, "missing field"))
    }

    fn text(&self, key: &str) -> Result<String, TourError> {
        self.get(key)?.as_str().map(str::to_string).ok_or_else(|| self.fail(key, "expected a string"))
    }

    fn opt_text(&self, key: &str) -> Result<Option<String>, TourError> {
        self.map.get(key).map(|_| self.text(key)).transpose()
    }

    fn list(&self, key: &str) -> Result<&'a [Value], TourError> {
        self.get(key)?.as_array().map(Vec::as_slice).ok_or_else(|| self.fail(key, "expected a list [...]"))
    }

    fn child(&self, key: &str, allowed: &[&str]) -> Result<Obj<'a>, TourError> {
        Obj::new(self.file, self.join(key), self.get(key)?, allowed)
    }

    fn join(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }
}


/// A `Format` error naming where in the file: `steps[2].pause_ms: expected ...`.
fn fail_at(file: &str, path: &str, key: &str, problem: &str) -> TourError {
    let at = match (path.is_empty(), key.is_empty()) {
        (true, true) => String::new(),
        (true, false) => format!("{key}: "),
        (false, true) => format!("{path}: "),
        (false, false) => format!("{path}.{key}: "),
    };
    TourError::in_file(file, &format!("{at}{problem}"))
}

fn document(file: &str, text: &str) -> Result<Value, TourError> {
    serde_json::from_str(text).map_err(|e| TourError::in_file(file, &format!("not valid JSON: {e}")))
}

/// `tours/<tour>.json`.
pub fn spec(file: &str, text: &str) -> Result<TourSpec, TourError> {
    let doc = document(file, text)?;
    let top = Obj::new(file, String::new(), &doc, &["id", "protocol", "steps"])?;
    let mut steps = Vec::new();
    for (i, v) in top.list("steps")?.iter().enumerate() {
        let s = Obj::new(file, format!("steps[{i}]"), v, &["id", "scenario", "pause_ms", "highlight", "expect_violation"])?;
        let pause_ms = s.get("pause_ms")?.as_u64().ok_or_else(|| s.fail("pause_ms", "expected a whole number of ms, 0 or more"))?;
        steps.push(StepSpec {
            id: s.text("id")?,
            scenario: scenario_ref(&s.child("scenario", &["example", "inline", "patch", "add_events"])?)?,
            pause_ms,
            highlight: match s.map.get("highlight") {
                Some(_) => highlight(&s.child("highlight", &["nodes", "message_kind", "invariant"])?)?,
                None => Highlight::default(),
            },
            expect_violation: s.opt_text("expect_violation")?,
        });
    }
    Ok(TourSpec { id: top.text("id")?, protocol: top.text("protocol")?, steps })
}

fn scenario_ref(o: &Obj) -> Result<ScenarioRef, TourError> {
    Ok(ScenarioRef {
        example: o.opt_text("example")?,
        inline: o.map.get("inline").cloned(),
        patch: o.map.get("patch").cloned(),
        add_events: match o.map.get("add_events") {
            Some(_) => o.list("add_events")?.to_vec(),
            None => Vec::new(),
        },
    })
}

fn highlight(o: &Obj) -> Result<Highlight, TourError> {
    let nodes = match o.map.get("nodes") {
        None => Vec::new(),
        Some(_) => o
            .list("nodes")?
            .iter()
            .map(|n| n.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| o.fail("nodes", "expected node ids 1..=n")))
            .collect::<Result<_, _>>()?,
    };
    Ok(Highlight { nodes, message_kind: o.opt_text("message_kind")?, invariant: o.opt_text("invariant")? })
}

/// `tours/<tour>.<lang>.json`.
pub fn texts(file: &str, text: &str) -> Result<TourTexts, TourError> {
    let doc = document(file, text)?;
    let top = Obj::new(file, String::new(), &doc, &["title", "summary", "steps"])?;
    let all = top.get("steps")?.as_object().ok_or_else(|| top.fail("steps", "expected an object {\"step-id\": {...}}"))?;
    let mut steps = SortedMap::new();
    for (id, v) in all {
        let s = Obj::new(file, format!("steps.{id}"), v, &["title", "text"])?;
        let text = s
            .list("text")?
            .iter()
            .map(|p| p.as_str().map(str::to_string).ok_or_else(|| s.fail("text", "expected a list of paragraphs (strings)")))
            .collect::<Result<_, _>>()?;
        steps.insert(id.clone(), StepText { title: s.text("title")?, text });
    }
    Ok(TourTexts { title: top.text("title")?, summary: top.text("summary")?, steps })
}

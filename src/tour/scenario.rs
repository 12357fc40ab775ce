//! A step's scenario text: its catalog example (or inline scenario) with the step's merge patch
//! and added events applied. Pure JSON work; the core checks the result.

use serde_json::{Map, Value};

use crate::catalog;

/// Where a step's scenario comes from (`"scenario"` of a step in `tours/<tour>.json`), borrowed
/// from the file: a catalog example (examples/, `src/catalog.rs`) or a scenario written out in
/// full, then optionally changed.
#[derive(Clone, Copy, Debug, Default)]
pub struct ScenarioRef<'a> {
    /// A catalog id, e.g. `"raft-basic"`.
    pub example: Option<&'a str>,
    /// A whole scenario document (the format of docs/scenarios.md).
    pub inline: Option<&'a Value>,
    /// A JSON merge patch (RFC 7386) applied to the scenario: `{"params": {"bugs": [...]}}`
    /// changes one field and keeps the rest; `null` removes a field.
    pub patch: Option<&'a Value>,
    /// Events added to the scenario's own, merged in time order (after existing events of
    /// the same instant).
    pub add_events: &'a [Value],
}

/// The scenario document a step runs, or the problem in words (the loader adds file and
/// step). An example used unchanged is returned byte for byte, so the page can recognise it
/// as that catalog entry.
pub fn scenario_text(r: ScenarioRef) -> Result<String, String> {
    let mut doc = match (r.example, r.inline) {
        (Some(id), None) => {
            let entry = catalog::by_id(id).ok_or_else(|| format!("example '{id}' is not in the catalog (src/catalog.rs)"))?;
            if r.patch.is_none() && r.add_events.is_empty() {
                return Ok(entry.text.to_string());
            }
            serde_json::from_str(entry.text).map_err(|e| format!("scenario refused: example '{id}' is not JSON: {e}"))?
        }
        (None, Some(inline)) => inline.clone(),
        _ => return Err("scenario needs exactly one of \"example\" (a catalog id) or \"inline\"".into()),
    };
    if let Some(patch) = r.patch {
        merge_patch(&mut doc, patch);
    }
    add_events(&mut doc, r.add_events)?;
    Ok(serde_json::to_string(&doc).unwrap_or_default())
}

/// RFC 7386: objects merge key by key, `null` deletes, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(fields) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(t) = target else { unreachable!("made an object above") };
    for (key, value) in fields {
        if value.is_null() {
            t.remove(key);
        } else {
            merge_patch(t.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

/// Insert each event after the last existing event at or before its time, keeping the list
/// in time order (the core refuses out-of-order events).
fn add_events(doc: &mut Value, extra: &[Value]) -> Result<(), String> {
    if extra.is_empty() {
        return Ok(());
    }
    let Some(list) = doc.as_object_mut().map(|d| d.entry("events").or_insert_with(|| Value::Array(Vec::new()))) else {
        return Err("scenario refused: the scenario is not a JSON object".into());
    };
    let Value::Array(list) = list else {
        return Err("scenario refused: the scenario's events is not a list".into());
    };
    for (i, e) in extra.iter().enumerate() {
        let at = e.get("at_ms").and_then(Value::as_u64).ok_or_else(|| format!("scenario refused: add_events[{i}]: needs at_ms, a whole number of ms"))?;
        let pos = list.partition_point(|old| old.get("at_ms").and_then(Value::as_u64).is_some_and(|t| t <= at));
        list.insert(pos, e.clone());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(v: Value) -> Result<String, String> {
        scenario_text(ScenarioRef {
            example: v.get("example").and_then(Value::as_str),
            inline: v.get("inline"),
            patch: v.get("patch"),
            add_events: v.get("add_events").and_then(Value::as_array).map_or(&[], Vec::as_slice),
        })
    }

    #[test]
    fn an_unchanged_example_is_its_catalog_text() {
        assert_eq!(text(json!({"example": "ring-basic"})).unwrap(), catalog::by_id("ring-basic").unwrap().text);
    }

    #[test]
    fn patches_change_only_what_they_name() {
        let r = json!({"example": "raft-figure8", "patch": {"params": {"bugs": ["commit_old_terms_by_count"]}, "seed": 99}});
        let v: Value = serde_json::from_str(&text(r).unwrap()).unwrap();
        assert_eq!(v["params"]["bugs"], json!(["commit_old_terms_by_count"]));
        assert_eq!(v["params"]["heartbeat_ms"], 50, "sibling params are kept");
        assert_eq!(v["seed"], 99);
        let mut t = json!({"a": 1, "b": {"c": 2}});
        merge_patch(&mut t, &json!({"a": null, "b": {"d": 3}}));
        assert_eq!(t, json!({"b": {"c": 2, "d": 3}}));
    }

    #[test]
    fn added_events_keep_time_order() {
        let r = json!({"inline": {"protocol": "ring", "nodes": 3, "seed": 1, "duration_ms": 100,
            "events": [{"at_ms": 10, "action": "start_election", "node": 1}, {"at_ms": 50, "action": "crash", "node": 2}]},
            "add_events": [{"at_ms": 50, "action": "recover", "node": 3}, {"at_ms": 0, "action": "crash", "node": 3}]});
        let v: Value = serde_json::from_str(&text(r).unwrap()).unwrap();
        let times: Vec<u64> = v["events"].as_array().unwrap().iter().map(|e| e["at_ms"].as_u64().unwrap()).collect();
        assert_eq!(times, vec![0, 10, 50, 50]);
        assert_eq!(v["events"][3]["action"], "recover", "after the existing event of the same instant");
    }

    #[test]
    fn bad_references_are_named() {
        let source = "scenario needs exactly one of \"example\" (a catalog id) or \"inline\"";
        assert_eq!(text(json!({"example": "nope"})).unwrap_err(), "example 'nope' is not in the catalog (src/catalog.rs)");
        assert_eq!(text(json!({})).unwrap_err(), source);
        assert_eq!(text(json!({"example": "ring-basic", "inline": {}})).unwrap_err(), source);
        let e = text(json!({"example": "ring-basic", "add_events": [{"action": "heal"}]})).unwrap_err();
        assert_eq!(e, "scenario refused: add_events[0]: needs at_ms, a whole number of ms");
    }
}

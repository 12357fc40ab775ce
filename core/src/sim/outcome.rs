//! Building a report's `outcome` object (see `Protocol::outcome`) from `serde_json::Value`'s
//! own conversions. `json!` passes every field through `serde_json::to_value(..).unwrap()`,
//! that is a serializer per field type and a panic path per field, in the page's bundle,
//! which asks for an outcome on every step of its timeline's run ahead.

use serde_json::{Map, Value};

/// An object of `fields` (`Map` keeps its keys sorted, as `json!`'s did). Inserted one by
/// one: collecting into the map would bring a sort into the bundle.
pub fn object(fields: Vec<(&str, Value)>) -> Value {
    let mut map = Map::new();
    for (k, v) in fields {
        map.insert(k.to_string(), v);
    }
    Value::Object(map)
}

/// An object keyed by node id ("1", "2", ...) for a per-node field such as who each node
/// believes leads.
pub fn by_node(entries: impl Iterator<Item = (super::NodeId, Value)>) -> Value {
    let mut map = Map::new();
    for (id, v) in entries {
        map.insert(id.to_string(), v);
    }
    Value::Object(map)
}

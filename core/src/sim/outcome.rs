//! Building a report's `outcome` object (see `Protocol::outcome`) from `serde_json::Value`'s
//! own conversions. `json!` passes every field through `serde_json::to_value(..).unwrap()`,
//! that is a serializer per field type and a panic path per field, in the page's bundle,
//! which asks for an outcome on every step of its timeline's run ahead.

use serde_json::{Map, Value};

/// An object built field by field: `Object::new().with("leader", 3.into()).into()` (`Map`
/// keeps its keys sorted, as `json!`'s did). Each field is one out-of-line call: a list of
/// name and value pairs written in place cost the bundle more, as did collecting into the map
/// (that brings a sort).
pub struct Object(Map<String, Value>);

impl Object {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Object {
        Object(Map::new())
    }

    #[inline(never)]
    pub fn with(mut self, name: &str, value: Value) -> Object {
        self.0.insert(name.to_string(), value);
        self
    }
}

impl From<Object> for Value {
    fn from(o: Object) -> Value {
        Value::Object(o.0)
    }
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

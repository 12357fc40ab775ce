//! `params.values` and the params that name one of them (`order`, `default`), refused with
//! the field named when they do not fit together.

use crate::say;
use crate::scenario::{at, Params, ScenarioError};

use super::msg::{Value, Values, MAX_VALUES, NAME_LEN};
use super::says;

/// `params.values`: a list of 1..=8 different order names; the notes' [attack, retreat]
/// when absent.
pub fn values(p: &Params) -> Result<Values, ScenarioError> {
    let Some(given) = p.raw("values") else { return Ok(Values::ATTACK_RETREAT) };
    let Some(list) = given.as_array() else { return Err(at("params.values", says::VALUES_LIST)) };
    if list.is_empty() || list.len() > MAX_VALUES {
        return Err(at("params.values", say!(says::VALUES_COUNT, count = list.len(), max = MAX_VALUES)));
    }
    let mut out: Vec<Value> = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let field = format!("params.values[{i}]");
        let text = item.as_str().map_or_else(|| item.to_string(), str::to_string);
        let Some(v) = item.as_str().and_then(Value::new) else {
            return Err(at(&field, say!(says::NOT_AN_ORDER_NAME, given = text, max = NAME_LEN)));
        };
        if out.contains(&v) {
            return Err(at(&field, say!(says::LISTED_TWICE, given = text)));
        }
        out.push(v);
    }
    Ok(Values::new(&out).expect("checked above: 1..=8 different names"))
}

/// `params.<name>`: one of `values`; `fallback` when absent, which then must be listed too.
pub fn order(p: &Params, name: &str, fallback: Value, values: &Values) -> Result<Value, ScenarioError> {
    let field = format!("params.{name}");
    let listed = || values.as_slice().iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
    match p.get::<String>(name)? {
        Some(given) => match Value::new(&given).filter(|v| values.contains(*v)) {
            Some(v) => Ok(v),
            None => Err(at(&field, say!(says::NOT_AN_ORDER, given, values = listed()))),
        },
        None if values.contains(fallback) => Ok(fallback),
        None => Err(at(&field, say!(says::ORDER_NEEDED, fallback = fallback.name().to_string(), values = listed()))),
    }
}

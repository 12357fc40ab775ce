//! A protocol's `params`, read field by field: each protocol names the fields it knows and
//! reads each with the type it wants (fields.rs), then checks ranges with these helpers.

use serde_json::Value;

use super::fields::Fields;
use super::{at_field, says, ScenarioError};
use crate::say;

/// A protocol's `params`: `get`, `choice` and `raw` read its fields.
pub type Params<'a> = Fields<'a>;

/// Check that `params` is an object (or absent: `null`) with no field outside `known`;
/// errors read `params: problem` or `params.field: problem`.
pub fn read_params<'a>(params: &'a Value, known: &[&str]) -> Result<Params<'a>, ScenarioError> {
    Fields::of(params, "params", known)
}

/// Check an `[lo, hi]` millisecond range parameter and convert it to µs.
pub fn ms_range(field: &str, r: [u64; 2], min: u64, max: u64) -> Result<(u64, u64), ScenarioError> {
    let [lo, hi] = r;
    if lo > hi || lo < min || hi > max {
        return Err(at_field("params", field, say!(says::NOT_A_RANGE, lo, hi, min, max)));
    }
    Ok((lo * 1000, hi * 1000))
}

/// Check a millisecond parameter and convert it to µs.
pub fn ms_value(field: &str, v: u64, min: u64, max: u64) -> Result<u64, ScenarioError> {
    if v < min || v > max {
        return Err(at_field("params", field, say!(says::OUT_OF_RANGE, value = v, min, max)));
    }
    Ok(v * 1000)
}

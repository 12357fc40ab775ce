//! Typed, strict parsing of a protocol's `params` object.

use serde::de::DeserializeOwned;

/// Parse `params` into a protocol's params struct (which should `deny_unknown_fields`);
/// errors read `params.field: problem`.
pub fn parse_params<T: DeserializeOwned>(params: &serde_json::Value) -> Result<T, String> {
    super::path::from_json(&params.to_string()).map_err(|(path, msg)| {
        if path.is_empty() {
            format!("params: {msg}")
        } else {
            format!("params.{path}: {msg}")
        }
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

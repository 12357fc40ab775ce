//! The core compiled to WebAssembly gives the same trace hashes as native.
//!
//! Runs in headless Chromium (wasm-bindgen-test; see scripts/test):
//! `cargo test --target wasm32-unknown-unknown -p consenso --test wasm_determinism`.
//! The table is the one the native test `core/tests/determinism.rs` checks; when a change
//! to the trace is intended, regenerate it with
//! `CONSENSO_BLESS=1 cargo test -p consenso-core --test determinism`.

use consenso_core::{build, Scenario};
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TABLE: &str = include_str!("../core/tests/fixtures/determinism.json");
const REGENERATE: &str = "CONSENSO_BLESS=1 cargo test -p consenso-core --test determinism";

#[wasm_bindgen_test]
fn wasm_trace_hashes_equal_the_native_ones() {
    let entries: Vec<Value> = serde_json::from_str(TABLE).expect("core/tests/fixtures/determinism.json is a JSON array");
    assert!(!entries.is_empty(), "core/tests/fixtures/determinism.json has no entries; regenerate with `{REGENERATE}`");
    for entry in &entries {
        let name = entry["name"].as_str().expect("each entry has a string \"name\"");
        let native = entry["trace_hash"].as_str().expect("each entry has a string \"trace_hash\"");
        let text = serde_json::to_string(&entry["scenario"]).unwrap();
        let scenario = Scenario::parse(&text).unwrap_or_else(|e| panic!("{name}: scenario refused in wasm: {e}"));
        let mut sim = build(&scenario).unwrap_or_else(|e| panic!("{name}: scenario refused in wasm: {e}"));
        sim.run_to_end();
        let wasm = sim.report().trace_hash;
        if let Some(problem) = mismatch(name, &wasm, native) {
            panic!("{problem}");
        }
    }
}

/// Why a wasm hash that differs from the table fails, and how to regenerate the table.
fn mismatch(name: &str, wasm: &str, native: &str) -> Option<String> {
    (wasm != native).then(|| {
        format!(
            "{name}: the trace hash in wasm ({wasm}) differs from the native one in \
             core/tests/fixtures/determinism.json ({native}). If the native hash is stale, \
             regenerate the table with `{REGENERATE}`; otherwise the simulator is not deterministic \
             across targets."
        )
    })
}

#[wasm_bindgen_test]
fn a_changed_hash_fails_with_a_message_saying_how_to_regenerate_the_table() {
    assert_eq!(mismatch("examples/x.json", "abc", "abc"), None);
    let message = mismatch("examples/x.json", "abc", "0000").expect("differing hashes fail");
    assert!(message.contains("examples/x.json") && message.contains("abc") && message.contains("0000"), "{message}");
    assert!(message.contains("CONSENSO_BLESS=1 cargo test -p consenso-core --test determinism"), "{message}");
}

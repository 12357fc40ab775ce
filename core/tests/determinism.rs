//! Same scenario, same trace, byte for byte. The committed table
//! `fixtures/determinism.json` is checked here natively and, by tests/wasm_determinism.rs at
//! the repo root, in headless Chromium.
//!
//! When a change to the trace is intended, regenerate the table with
//! `CONSENSO_BLESS=1 cargo test -p consenso-core --test determinism`.

mod common;

use consenso_core::{build, Scenario};
use serde_json::{json, Value};

const FIXTURE: &str = "tests/fixtures/determinism.json";

fn fixture_path() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)
}

#[test]
fn examples_match_the_committed_trace_hashes() {
    let fresh: Vec<Value> = common::examples()
        .into_iter()
        .map(|(name, text)| {
            let scenario: Value = serde_json::from_str(&text).unwrap();
            let hash = common::run_json(&text).trace_hash;
            json!({ "name": name, "scenario": scenario, "trace_hash": hash })
        })
        .collect();
    if std::env::var_os("CONSENSO_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&fresh).unwrap() + "\n";
        std::fs::write(fixture_path(), text).unwrap();
        eprintln!("wrote {FIXTURE} with {} entries", fresh.len());
        return;
    }
    let committed: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(fixture_path()).unwrap()).unwrap();
    if let Some(problem) = stale(&committed, &fresh) {
        panic!("{problem}");
    }
}

const HOW: &str = "if the change is intended, regenerate with `CONSENSO_BLESS=1 cargo test -p consenso-core --test determinism`";

/// How the committed table differs from the fresh runs, and how to regenerate it.
fn stale(committed: &[Value], fresh: &[Value]) -> Option<String> {
    if committed.len() != fresh.len() {
        return Some(format!("{FIXTURE} does not cover exactly the files in examples/; {HOW}"));
    }
    committed.iter().zip(fresh).find_map(|(c, f)| {
        let name = &f["name"];
        if c["name"] != f["name"] {
            Some(format!("{FIXTURE} lists other examples ({} where examples/ has {name}); {HOW}", c["name"]))
        } else if c["scenario"] != f["scenario"] {
            Some(format!("{name} changed since {FIXTURE} was written; {HOW}"))
        } else if c["trace_hash"] != f["trace_hash"] {
            Some(format!("trace hash of {name} changed: {FIXTURE} has {}, the run gives {}; {HOW}", c["trace_hash"], f["trace_hash"]))
        } else {
            None
        }
    })
}

#[test]
fn a_changed_hash_fails_with_a_message_saying_how_to_regenerate_the_table() {
    let table: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(fixture_path()).unwrap()).unwrap();
    assert_eq!(stale(&table, &table), None);
    let mut changed = table.clone();
    let last = changed.len() - 1;
    changed[last]["trace_hash"] = json!("0000");
    let message = stale(&table, &changed).expect("a changed hash is found");
    assert!(message.contains("CONSENSO_BLESS=1 cargo test -p consenso-core --test determinism"), "{message}");
    assert!(message.contains(table[last]["name"].as_str().unwrap()) && message.contains("0000"), "{message}");
    changed.pop();
    assert!(stale(&table, &changed).unwrap().contains("CONSENSO_BLESS=1"));
}

/// A random but valid ring scenario for `seed`.
fn ring_scenario(seed: u64) -> String {
    let n = 2 + seed % 7;
    json!({
        "protocol": "ring", "nodes": n, "seed": seed, "duration_ms": 3000,
        "network": { "latency_ms": [5 + seed % 20, 30 + seed % 50], "loss": (seed % 4) as f64 * 0.05,
                     "duplicate": (seed % 3) as f64 * 0.1, "fifo": seed.is_multiple_of(2) },
        "events": [
            { "at_ms": 10, "action": "start_election", "node": 1 },
            { "at_ms": 10 + seed % 40, "action": "start_election", "node": n },
            { "at_ms": 500, "action": "crash", "node": 1 + seed % n },
            { "at_ms": 1500, "action": "recover", "node": 1 + seed % n }
        ]
    })
    .to_string()
}

#[test]
fn a_thousand_seeds_run_twice_give_the_same_trace() {
    for seed in 0..1000 {
        let text = ring_scenario(seed);
        let run = || {
            let mut sim = build(&Scenario::parse(&text).unwrap()).unwrap();
            sim.run_to_end();
            (sim.report().trace_hash, sim.trace().len())
        };
        let (a, b) = (run(), run());
        assert_eq!(a, b, "seed {seed} is not deterministic: {text}");
    }
}

#[test]
fn different_seeds_give_different_runs() {
    let hashes: std::collections::BTreeSet<String> =
        (0..20).map(|s| common::run_json(&ring_scenario(s)).trace_hash).collect();
    assert!(hashes.len() >= 19, "seeds barely change the run: {hashes:?}");
}

//! Same scenario, same trace, byte for byte. The committed table
//! `fixtures/determinism.json` is checked here natively and, by tests/wasm_determinism.rs at
//! the repo root, in headless Chromium.
//!
//! A changed hash must not be waved through (issue 19: a broken invariant checker once showed
//! only as a changed hash whose message invited re-blessing). So the failure names the example
//! and its first differing trace event, found with `fixtures/determinism-events.txt`: per
//! example, the low 16 bits of the running trace hash after each event (4 hex digits an event,
//! ~54 KB in all). The running hash covers every event up to there, so the first position where
//! the digits differ is the first changed, added or removed event (a 1-in-65,536 chance of
//! naming a later one), and the failure prints that event as the run makes it now.
//!
//! Only when a change to the trace is intended, regenerate both files with
//! `CONSENSO_BLESS=1 cargo test -p consenso-core --test determinism`.

mod common;

use std::collections::BTreeMap;

use consenso_core::sim::trace::{TraceEvent, TraceHash};
use consenso_core::{build, Scenario};
use serde_json::{json, Value};

const FIXTURE: &str = "tests/fixtures/determinism.json";
const EVENTS: &str = "tests/fixtures/determinism-events.txt";

fn path(file: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file)
}

/// One example run now: its table entry and every record of its trace.
struct Fresh {
    entry: Value,
    events: Vec<TraceEvent>,
}

fn run(name: &str, text: &str) -> Fresh {
    let mut sim = build(&Scenario::parse(text).unwrap()).unwrap();
    sim.run_to_end();
    let mut events = Vec::new();
    sim.for_each_record(sim.steps(), &mut |e| events.push(e.clone()));
    let hash = sim.report().trace_hash;
    let scenario: Value = serde_json::from_str(text).unwrap();
    Fresh { entry: json!({ "name": name, "scenario": scenario, "trace_hash": hash }), events }
}

/// The low 16 bits of the running trace hash after each record, 4 hex digits each; the last
/// one's full hash is the trace hash (checked, so no record is missed).
fn chain(events: &[TraceEvent]) -> (String, String) {
    let mut hash = TraceHash::default();
    let mut out = String::with_capacity(4 * events.len());
    for e in events {
        hash.add(e);
        out.push_str(&hash.hex()[12..]);
    }
    (out, hash.hex())
}

/// `fixtures/determinism-events.txt`: a line `name digits` per example.
fn read_chains(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(name, digits)| (name.to_string(), digits.to_string()))
        .collect()
}

fn write_chains(fresh: &[Fresh]) -> String {
    fresh.iter().map(|f| format!("{} {}\n", f.entry["name"].as_str().unwrap(), chain(&f.events).0)).collect()
}

#[test]
fn examples_match_the_committed_trace_hashes() {
    let fresh: Vec<Fresh> = common::examples().iter().map(|(name, text)| run(name, text)).collect();
    for f in &fresh {
        assert_eq!(chain(&f.events).1, f.entry["trace_hash"], "{}: the records hash to the report's hash", f.entry["name"]);
    }
    let table: Vec<Value> = fresh.iter().map(|f| f.entry.clone()).collect();
    if std::env::var_os("CONSENSO_BLESS").is_some() {
        std::fs::write(path(FIXTURE), serde_json::to_string_pretty(&table).unwrap() + "\n").unwrap();
        std::fs::write(path(EVENTS), write_chains(&fresh)).unwrap();
        eprintln!("wrote {FIXTURE} and {EVENTS} with {} examples", fresh.len());
        return;
    }
    let committed: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path(FIXTURE)).unwrap()).unwrap();
    let chains = read_chains(&std::fs::read_to_string(path(EVENTS)).unwrap_or_default());
    if let Some(problem) = stale(&committed, &chains, &fresh) {
        panic!("{problem}");
    }
}

const HOW: &str = "re-bless ONLY if this change of behaviour is intended (a protocol rule, the simulator or a \
    scenario changed on purpose, and the new trace is right): `CONSENSO_BLESS=1 cargo test -p consenso-core --test \
    determinism`. A change you did not mean (a broken invariant checker, a fault handled differently) is a \
    regression that re-blessing would hide: find out first why the trace changed from that event on";

/// How the committed table differs from the fresh runs: which example, its first differing
/// trace event, and when (only) to regenerate the table.
fn stale(committed: &[Value], chains: &BTreeMap<String, String>, fresh: &[Fresh]) -> Option<String> {
    let table: Vec<&Value> = fresh.iter().map(|f| &f.entry).collect();
    if committed.len() != table.len() {
        return Some(format!("{FIXTURE} does not cover exactly the files in examples/; {HOW}"));
    }
    committed.iter().zip(fresh).find_map(|(c, f)| {
        let name = &f.entry["name"];
        if c["name"] != *name {
            Some(format!("{FIXTURE} lists other examples ({} where examples/ has {name}); {HOW}", c["name"]))
        } else if c["scenario"] != f.entry["scenario"] {
            Some(format!("{name} changed since {FIXTURE} was written; {HOW}"))
        } else if c["trace_hash"] != f.entry["trace_hash"] {
            let at = first_difference(chains.get(name.as_str().unwrap()), &f.events);
            let all: Vec<&str> = committed
                .iter()
                .zip(fresh)
                .filter(|(c, f)| c["trace_hash"] != f.entry["trace_hash"])
                .map(|(_, f)| f.entry["name"].as_str().unwrap())
                .collect();
            Some(format!(
                "the trace of {name} changed: {FIXTURE} has hash {}, the run gives {}.\n{at}\n\
                 examples whose trace changed ({}): {}\n{HOW}",
                c["trace_hash"], f.entry["trace_hash"], all.len(), all.join(", ")
            ))
        } else {
            None
        }
    })
}

/// Where the run's records first leave the committed running hashes, told with the record.
fn first_difference(committed: Option<&String>, events: &[TraceEvent]) -> String {
    let Some(old) = committed else {
        return format!("{EVENTS} has no line for it, so the first differing event is unknown");
    };
    let new = chain(events).0;
    let (old, new) = (old.as_bytes().chunks(4), new.as_bytes().chunks(4));
    let (recorded, now) = (old.len(), new.len());
    match old.zip(new).position(|(a, b)| a != b) {
        Some(i) => {
            let before = i.checked_sub(1).map_or("(none: it is the first)".to_string(), |j| events[j].to_json());
            format!(
                "first differing trace event: #{i} (of {now}; the table had {recorded}):\n  now:  {}\n  the event before, unchanged: {before}",
                events[i].to_json()
            )
        }
        None if now > recorded => format!(
            "the first {recorded} events are unchanged; the run now goes on with #{recorded}: {}",
            events[recorded].to_json()
        ),
        None if now < recorded => {
            format!("the first {now} events are unchanged, but the run now ends there; the table had {recorded} events")
        }
        None => format!("every event's running hash in {EVENTS} agrees: that file is stale; {HOW}"),
    }
}

#[test]
fn a_changed_trace_fails_naming_the_example_and_its_first_differing_event() {
    let (name, text) = common::examples().into_iter().find(|(n, _)| n.ends_with("raft-basic.json")).unwrap();
    let old = run(&name, &text);
    let chains = BTreeMap::from([(name.clone(), chain(&old.events).0)]);
    let table = vec![old.entry.clone()];
    assert_eq!(stale(&table, &chains, &[run(&name, &text)]), None);

    // A behaviour change from event #k on: one record says something else, and so the hash.
    let k = old.events.len() / 3;
    let mut now = run(&name, &text);
    now.events[k].at += 1;
    now.entry["trace_hash"] = json!(chain(&now.events).1);
    let changed = now.events[k].to_json();
    let message = stale(&table, &chains, &[now]).expect("a changed trace is found");
    assert!(message.contains(&name), "{message}");
    assert!(message.contains(&format!("first differing trace event: #{k} ")), "{message}");
    assert!(message.contains(&changed), "the changed record is printed: {message}");
    assert!(message.contains(&old.events[k - 1].to_json()), "{message}");
    assert!(message.contains("ONLY if this change of behaviour is intended"), "{message}");
    assert!(message.contains("CONSENSO_BLESS=1 cargo test -p consenso-core --test determinism"), "{message}");

    // An event removed: the next one is the first to differ.
    let mut now = run(&name, &text);
    now.events.remove(k);
    now.entry["trace_hash"] = json!(chain(&now.events).1);
    let message = stale(&table, &chains, &[now]).unwrap();
    assert!(message.contains(&format!("#{k} ")), "{message}");

    // The run ending early, or going on longer.
    let mut now = run(&name, &text);
    now.events.truncate(k);
    now.entry["trace_hash"] = json!(chain(&now.events).1);
    assert!(stale(&table, &chains, &[now]).unwrap().contains(&format!("the first {k} events are unchanged, but the run now ends there")));
    let mut longer = old.events.clone();
    longer.push(old.events[0].clone());
    let short = BTreeMap::from([(name.clone(), chain(&old.events[..k]).0)]);
    let now = Fresh { entry: json!({ "name": name, "scenario": old.entry["scenario"], "trace_hash": "0" }), events: longer };
    assert!(stale(&table, &short, &[now]).unwrap().contains(&format!("the run now goes on with #{k}:")));

    // A different example list, or a changed scenario, still fails with the way to regenerate.
    assert!(stale(&[], &chains, &[run(&name, &text)]).unwrap().contains("CONSENSO_BLESS=1"));
    let mut edited = run(&name, &text);
    edited.entry["scenario"]["seed"] = json!(12345);
    assert!(stale(&table, &chains, &[edited]).unwrap().contains("changed since"));
}

#[test]
fn the_running_hash_file_covers_every_example_and_event() {
    let chains = read_chains(&std::fs::read_to_string(path(EVENTS)).expect("fixtures/determinism-events.txt exists"));
    let examples = common::examples();
    assert_eq!(chains.len(), examples.len(), "{EVENTS} has a line per example; regenerate with CONSENSO_BLESS=1");
    for (name, _) in &examples {
        let digits = chains.get(name).unwrap_or_else(|| panic!("{EVENTS} has no line for {name}"));
        assert!(!digits.is_empty() && digits.len() % 4 == 0, "{name}: 4 hex digits an event");
    }
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

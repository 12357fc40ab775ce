//! Fuzzing of scenario parsing and running (proptest; cargo-fuzz would need a nightly
//! toolchain, which CI does not have). Whatever a pasted scenario says, consenso must refuse
//! it with a message or run it to the end or to a cap: no panic, no hang (runs are bounded
//! by `MAX_STEPS` and `MAX_IN_FLIGHT`) and bounded memory.
//!
//! Inputs: arbitrary JSON-ish text, arbitrary JSON documents with the format's field names,
//! byte-level edits of the example scenarios, structured mutations of them (a field set to
//! a boundary or absurd value, removed, an event duplicated or added), and the committed
//! corpus in fuzz_corpus/scenarios/ (tricky inputs, replayed every time).
//!
//! `FUZZ_CASES=n` sets the cases per property (default 64; `scripts/soak` runs thousands).
//! A failure is shrunk and saved under proptest-regressions/ (commit it: it is replayed).

mod common;

use std::time::{Duration, Instant};

use consenso_core::sim::runner::{MAX_IN_FLIGHT, MAX_STEPS};
use consenso_core::{build, Scenario};
use proptest::prelude::*;
use serde_json::{json, Value};

#[global_allocator]
static ALLOC: common::alloc::Counting = common::alloc::Counting;

/// Heap one run may hold at its peak (trace, checkpoints, network). The worst scenarios
/// within the caps (64 nodes, 1 ms timers, every message duplicated) stay below it.
const MAX_HEAP: usize = 1 << 30;
/// A run that takes longer than this is taken for a hang.
const MAX_WALL: Duration = Duration::from_secs(60);

fn config() -> ProptestConfig {
    let cases = std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, max_shrink_iters: 200, ..ProptestConfig::default() }
}

/// What happened to one input.
#[derive(Debug, PartialEq)]
enum Fate {
    Refused,
    Ran,
    Capped,
}

/// Parse, build and run `text` like the page and the CLI do; panics (failing the property)
/// on a refusal without a message, a run past a cap, a hang or too much memory.
fn exercise(text: &str) -> Fate {
    let started = Instant::now();
    let (fate, heap) = common::alloc::peak_during(|| {
        let scenario = match Scenario::parse(text) {
            Ok(s) => s,
            Err(e) => {
                one_line(&e.to_string(), text);
                return Fate::Refused;
            }
        };
        let mut sim = match build(&scenario) {
            Ok(sim) => sim,
            Err(e) => {
                one_line(&e.to_string(), text);
                return Fate::Refused;
            }
        };
        sim.run_to_end();
        let report = sim.report();
        assert!(report.events <= MAX_STEPS, "{} steps: {text}", report.events);
        // The report serialises (the CLI prints it, the page shows parts of it).
        serde_json::to_string(&report).expect("a report serialises");
        match report.stopped_early {
            Some(why) => {
                assert!(why.contains("limit") || why.contains("in flight"), "{why}");
                Fate::Capped
            }
            None => Fate::Ran,
        }
    });
    let took = started.elapsed();
    assert!(took < MAX_WALL, "took {took:?} (a hang?): {text}");
    assert!(heap < MAX_HEAP, "peak heap {heap} bytes: {text}");
    fate
}

/// A refusal is one line of text naming the problem (the CLI prints it on stderr, the page
/// in its error panel): not empty, and no control character smuggled in from the input.
fn one_line(message: &str, text: &str) {
    assert!(!message.trim().is_empty(), "refused without a message: {text}");
    assert!(!message.chars().any(char::is_control), "control character in the refusal {message:?} of {text:?}");
}

/// JSON-ish text: the format's punctuation, digits and a few words.
fn jsonish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"".to_string()),
        Just("null".to_string()),
        Just("\\u0000".to_string()),
        Just("1e999".to_string()),
        Just("-0".to_string()),
        "[0-9]{1,25}",
        "\"(protocol|nodes|seed|duration_ms|network|params|events|at_ms|action|node|groups|raft|paxos|bully|ring|om)\"",
        "[ -~]{0,8}",
    ];
    prop::collection::vec(token, 0..80).prop_map(|t| t.concat())
}

const KEYS: &[&str] = &[
    "protocol", "nodes", "seed", "duration_ms", "network", "params", "events", "latency_ms", "loss", "duplicate",
    "fifo", "at_ms", "action", "node", "value", "groups", "from", "to", "message", "by_ms", "bugs", "mode", "m",
];

/// Any JSON document whose object keys are the format's field names.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        "[a-z_0-9=]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// Values worth trying in any field: boundaries of the caps, wrong types, absurd sizes.
fn interesting() -> Vec<Value> {
    vec![
        json!(0), json!(1), json!(2), json!(3), json!(7), json!(63), json!(64), json!(65), json!(1000),
        json!(60_000), json!(60_001), json!(600_000), json!(86_400_000), json!(86_400_001), json!(u32::MAX),
        json!(u64::MAX), json!(-1), json!(0.5), json!(1.0), json!(1.5), json!(1e300), json!(""), json!("x=1"),
        json!("é".repeat(65)), json!(null), json!(true), json!([]), json!([1, 2]), json!([0, 0]), json!([5, 1]),
        json!([0, 60_000]), json!([[1, 2], [3]]), json!([[1], [1]]), json!({}), json!({ "3": "flip" }),
        json!(["commit_old_terms_by_count"]), json!("raft"), json!("paxos"), json!("bully"), json!("ring"), json!("om"),
        json!("multi"), json!("all"), json!("two_faced"),
    ]
}

const TOP: &[&str] = &["protocol", "nodes", "seed", "duration_ms", "network", "params", "events", "unknown"];
const NETWORK: &[&str] = &["latency_ms", "loss", "duplicate", "fifo", "jitter"];
const PARAMS: &[&str] = &[
    "election_timeout_ms", "heartbeat_ms", "bugs", "mode", "proposers", "acceptors", "learners", "roles", "nacks",
    "tmax_ms", "tprocess_ms", "ids", "m", "commander", "order", "traitors", "signed", "random_seed",
];
const EVENT: &[&str] = &["at_ms", "action", "node", "value", "groups", "from", "to", "message", "by_ms"];
const ACTIONS: &[&str] = &[
    "client_request", "crash", "recover", "timeout", "start_election", "partition", "heal", "cut", "restore",
    "drop", "delay", "explode",
];

/// One structured edit; the numbers pick what to edit and the value to put.
#[derive(Clone, Debug)]
struct Mutation {
    place: u8,
    key: usize,
    index: usize,
    value: usize,
    remove: bool,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (0u8..6, any::<usize>(), any::<usize>(), any::<usize>(), prop::bool::weighted(0.15))
        .prop_map(|(place, key, index, value, remove)| Mutation { place, key, index, value, remove })
}

fn set(obj: &mut Value, key: &str, v: Value, remove: bool) {
    if let Some(map) = obj.as_object_mut() {
        if remove {
            map.remove(key);
        } else {
            map.insert(key.to_string(), v);
        }
    }
}

fn apply(doc: &mut Value, m: &Mutation) {
    let vals = interesting();
    let v = vals[m.value % vals.len()].clone();
    let pick = |keys: &[&'static str]| keys[m.key % keys.len()];
    match m.place {
        0 => set(doc, pick(TOP), v, m.remove),
        1 => {
            if !doc["network"].is_object() {
                doc["network"] = json!({});
            }
            set(&mut doc["network"], pick(NETWORK), v, m.remove)
        }
        2 => {
            if !doc["params"].is_object() {
                doc["params"] = json!({});
            }
            set(&mut doc["params"], pick(PARAMS), v, m.remove)
        }
        3 | 4 => {
            let Some(events) = doc.get_mut("events").and_then(Value::as_array_mut) else { return };
            if events.is_empty() {
                return;
            }
            let i = m.index % events.len();
            if m.place == 3 {
                set(&mut events[i], pick(EVENT), v, m.remove);
            } else if m.remove {
                events.remove(i);
            } else {
                let copy = events[i].clone();
                events.insert(i, copy);
            }
        }
        _ => {
            // A new event of any action, at a time taken from the interesting values.
            let Some(events) = doc.get_mut("events").and_then(Value::as_array_mut) else { return };
            let at = if v.is_u64() { v.clone() } else { json!(m.index % 5000) };
            let e = json!({ "at_ms": at, "action": ACTIONS[m.key % ACTIONS.len()], "node": 1 + m.index % 6,
                            "value": "v", "groups": [[1, 2]], "from": 1, "to": 2, "message": m.index % 50, "by_ms": 10 });
            let mut e = e;
            // Keep only the fields the action takes, most of the time, so it gets past parsing.
            if !m.value.is_multiple_of(4) {
                let keep: &[&str] = match e["action"].as_str().unwrap() {
                    "client_request" => &["at_ms", "action", "node", "value"],
                    "crash" | "recover" | "timeout" | "start_election" => &["at_ms", "action", "node"],
                    "partition" => &["at_ms", "action", "groups"],
                    "heal" => &["at_ms", "action"],
                    "cut" | "restore" => &["at_ms", "action", "from", "to"],
                    "drop" => &["at_ms", "action", "message"],
                    _ => &["at_ms", "action", "message", "by_ms"],
                };
                e.as_object_mut().unwrap().retain(|k, _| keep.contains(&k.as_str()));
            }
            let i = m.index % (events.len() + 1);
            events.insert(i, e);
        }
    }
}

fn example(i: usize) -> (String, String) {
    let all = common::examples();
    all[i % all.len()].clone()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn jsonish_text_is_refused_or_run(text in jsonish()) {
        exercise(&text);
    }

    #[test]
    fn any_bytes_are_refused_or_run(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        exercise(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn any_json_document_is_refused_or_run(doc in any_json()) {
        exercise(&doc.to_string());
    }

    #[test]
    fn byte_edits_of_the_examples_are_refused_or_run(i in any::<usize>(), edits in prop::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..6)) {
        let (_, text) = example(i);
        let mut bytes = text.into_bytes();
        for (at, b, op) in edits {
            let at = at % (bytes.len() + 1);
            match op {
                0 => bytes.insert(at, b),
                1 if at < bytes.len() => { bytes.remove(at); }
                _ => bytes.truncate(at),
            }
        }
        exercise(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn structured_mutations_of_the_examples_are_refused_or_run(i in any::<usize>(), ms in prop::collection::vec(mutation(), 1..5)) {
        let (_, text) = example(i);
        let mut doc: Value = serde_json::from_str(&text).unwrap();
        for m in &ms {
            apply(&mut doc, m);
        }
        exercise(&doc.to_string());
    }
}

/// Every input of the committed corpus: a refusal with a message, or a run within the caps.
/// Files named `refused-*` must be refused, `capped-*` must hit a cap, `runs-*` must run.
#[test]
fn the_corpus_is_refused_or_run_as_its_names_say() {
    let dir = common::repo_root().join("core/tests/fuzz_corpus/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus in {} is missing", dir.display());
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).to_string();
        let fate = exercise(&text);
        let want = match name.split('-').next().unwrap() {
            "refused" => Fate::Refused,
            "capped" => Fate::Capped,
            _ => Fate::Ran,
        };
        assert_eq!(fate, want, "{name}");
    }
}

#[test]
fn the_caps_are_what_the_fuzzing_relies_on() {
    // A scenario made to storm: every message duplicated, 64 nodes, 1-2 ms timers.
    let storm = json!({
        "protocol": "raft", "nodes": 64, "seed": 1, "duration_ms": 86_400_000,
        "network": { "latency_ms": [0, 0], "duplicate": 1.0 },
        "params": { "election_timeout_ms": [2, 3], "heartbeat_ms": 1 }
    });
    assert_eq!(exercise(&storm.to_string()), Fate::Capped);
    assert!(MAX_IN_FLIGHT < MAX_STEPS as usize);
}

/// Found by this fuzzing: a field name or value with a newline or an ANSI escape came back
/// verbatim in the refusal, so `consenso run` printed several lines (or coloured the
/// terminal) instead of one line naming the field.
#[test]
fn control_characters_in_a_refused_document_are_shown_escaped() {
    let text = r#"{"protocol":"raft","nodes":5,"seed":1,"duration_ms":10,"params":{"x\nfake line\u001b[31m":1}}"#;
    let msg = common::refusal(text);
    assert!(msg.contains(r"x\nfake line\u{1b}[31m"), "{msg}");
    one_line(&msg, text);
    let msg = common::refusal(r#"{"protocol":"raft\u0000","nodes":5,"seed":1,"duration_ms":10}"#);
    assert!(msg.contains(r"'raft\u{0}' is not a protocol"), "{msg}");
}

/// A shared scenario is refused for its size before any parsing work: a 10 MB document
/// (here nested brackets, which the JSON parser would reject only after reading them) is
/// refused as too large, and the refusal allocates next to nothing.
#[test]
fn an_oversized_scenario_is_refused_before_parsing() {
    use consenso_core::scenario::limits::MAX_BYTES;
    let huge = "[".repeat(10 * MAX_BYTES);
    let (refusal, heap) = common::alloc::peak_during(|| Scenario::parse(&huge).unwrap_err().to_string());
    assert!(refusal.contains("too large") && refusal.contains(&MAX_BYTES.to_string()), "{refusal}");
    assert!(heap < 4096, "refusing an oversized document allocated {heap} bytes");
    // Just under the cap the same brackets are parsed, and refused for what they are.
    let under = "[".repeat(MAX_BYTES);
    assert!(Scenario::parse(&under).unwrap_err().to_string().contains("not valid JSON"));
}

//! Fuzzing of scenario parsing and running (proptest; cargo-fuzz would need a nightly
//! toolchain, which CI does not have). Whatever a pasted scenario says, consenso must refuse
//! it with a message or run it to the end or to a cap: no panic, no hang (runs are bounded
//! by `MAX_STEPS` and `MAX_IN_FLIGHT`) and bounded memory.
//!
//! Inputs: arbitrary JSON-ish text, arbitrary JSON documents with the format's field names,
//! byte-level edits of the example scenarios, structured mutations of them (a field set to
//! a value for that field or to a boundary or absurd one, removed, an event duplicated or
//! added), scenarios valid by construction (fuzz_gen/: every protocol and param, every
//! action, recover of a live node, duplicated events), and the committed corpus in
//! fuzz_corpus/scenarios/ (tricky inputs, replayed every time).
//!
//! Most inputs of the first four kinds are refused by the parser; the last two reach the
//! simulator (issue 19: a fuzzer that only exercises refusals cannot find a panic in fault
//! handling). Asserted: at least 30% of structured mutations run, every generated scenario runs.
//!
//! `FUZZ_CASES=n` sets the cases per property (default 256; `scripts/soak` runs thousands).
//! A failure is shrunk and saved under proptest-regressions/ (commit it: it is replayed).

mod common;
mod fuzz_gen;

use std::cell::RefCell;

use consenso_core::sim::runner::{MAX_IN_FLIGHT, MAX_STEPS};
use consenso_core::{build, Scenario};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};

#[global_allocator]
static ALLOC: common::alloc::Counting = common::alloc::Counting;

/// Heap one run may hold at its peak (trace, checkpoints, network). The worst scenarios
/// within the caps (64 nodes, 1 ms timers, every message duplicated) stay below it.
const MAX_HEAP: usize = 1 << 30;

fn config() -> ProptestConfig {
    let cases = std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    ProptestConfig {
        cases,
        max_shrink_iters: 200,
        // The properties run by hand (below) save failures where the macro's do.
        source_file: Some(file!()),
        ..ProptestConfig::default()
    }
}

/// What happened to one input.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fate {
    Refused = 0,
    Ran = 1,
    Capped = 2,
}

/// Parse, build and run `text` like the page and the CLI do; panics (failing the property)
/// on a refusal without a message, a run past a cap or too much memory. A hang is caught by
/// the caps (every run stops at `MAX_STEPS`), not by a wall clock: timed assertions fail on a
/// busy machine (a 60 s limit did, during a soak).
fn exercise(text: &str) -> Fate {
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
    "drop", "delay", "set_network", "explode",
];

/// One structured edit; the numbers pick what to edit and the value to put. `fitting`: the
/// value is one the field takes (from fuzz_gen, for the document's protocol and node count),
/// else one of `interesting()`.
#[derive(Clone, Debug)]
struct Mutation {
    place: u8,
    key: usize,
    index: usize,
    value: usize,
    remove: bool,
    fitting: bool,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (0u8..6, any::<usize>(), any::<usize>(), any::<usize>(), prop::bool::weighted(0.1), prop::bool::weighted(0.8))
        .prop_map(|(place, key, index, value, remove, fitting)| Mutation { place, key, index, value, remove, fitting })
}

/// A valid scenario like `doc` (same protocol and node count, when it has them) built from
/// the mutation's numbers: its fields are values that `doc`'s fields can take.
fn fitting(doc: &Value, m: &Mutation) -> Value {
    let raw = [m.value as u32, (m.value >> 32) as u32, m.key as u32, m.index as u32, m.place as u32];
    let protocol = doc["protocol"].as_str().unwrap_or("raft");
    let n = doc["nodes"].as_u64().unwrap_or(5);
    // Re-roll the generator's protocol and node count until they are the document's (the
    // dice are rotated each time); a few tries, then whatever came out.
    let mut seed = raw;
    let mut out = fuzz_gen::scenario(&mut fuzz_gen::Dice::new(&seed));
    for k in 0..64 {
        if out["protocol"] == protocol && out["nodes"] == n {
            break;
        }
        seed[4] = seed[4].wrapping_add(k * 7919 + 1);
        seed[0] = seed[0].rotate_left(5) ^ k;
        out = fuzz_gen::scenario(&mut fuzz_gen::Dice::new(&seed));
    }
    out
}

/// A field of `from` (chosen by `m.key`) if it has any.
fn field_of(from: &Value, m: &Mutation) -> Option<(String, Value)> {
    let map = from.as_object()?;
    if map.is_empty() {
        return None;
    }
    let (k, v) = map.iter().nth(m.key % map.len())?;
    Some((k.clone(), v.clone()))
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
    if m.fitting {
        apply_fitting(doc, m);
        return;
    }
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
                            "value": "v", "groups": [[1, 2]], "from": 1, "to": 2, "message": m.index % 50, "by_ms": 10,
                            "latency_ms": [1, 9], "loss": 0.1 });
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
                    "set_network" => &["at_ms", "action", "latency_ms", "loss"],
                    _ => &["at_ms", "action", "message", "by_ms"],
                };
                e.as_object_mut().unwrap().retain(|k, _| keep.contains(&k.as_str()));
            }
            let i = m.index % (events.len() + 1);
            events.insert(i, e);
        }
    }
}

/// The same edits with values the field takes: a network or params field, a field of an
/// event, or a whole event, copied from a valid scenario of the same protocol and size; an
/// event duplicated or removed; top-level numbers within range.
fn apply_fitting(doc: &mut Value, m: &Mutation) {
    let like = fitting(doc, m);
    match m.place {
        0 => {
            let key = ["seed", "duration_ms", "nodes"][m.key % 3];
            let v = match key {
                "seed" => json!(m.value as u64),
                "duration_ms" => json!(1 + m.value as u64 % 4000),
                // Another node count: refused when a param or event names a node it no longer has.
                _ => json!(1 + m.value as u64 % 9),
            };
            set(doc, key, v, false);
        }
        1 | 2 => {
            let part = if m.place == 1 { "network" } else { "params" };
            if !doc[part].is_object() {
                doc[part] = json!({});
            }
            match field_of(&like[part], m) {
                Some((k, v)) => set(&mut doc[part], &k, v, false),
                None => {
                    let keys: Vec<String> = doc[part].as_object().unwrap().keys().cloned().collect();
                    if !keys.is_empty() {
                        set(&mut doc[part], &keys[m.key % keys.len()], Value::Null, true);
                    }
                }
            }
        }
        3 | 4 => {
            let Some(events) = doc.get_mut("events").and_then(Value::as_array_mut) else { return };
            if events.is_empty() {
                return;
            }
            let i = m.index % events.len();
            if m.place == 4 {
                if m.remove {
                    events.remove(i);
                } else {
                    let copy = events[i].clone();
                    events.insert(i, copy);
                }
                return;
            }
            // A field of the event set from a generated event of the same action.
            let action = events[i]["action"].clone();
            let same = like["events"].as_array().and_then(|l| l.iter().find(|e| e["action"] == action)).cloned();
            if let Some((k, v)) = same.as_ref().and_then(|e| field_of(e, m)) {
                if k != "at_ms" {
                    set(&mut events[i], &k, v, false);
                }
            }
        }
        _ => {
            // A generated event, at a time that keeps the list in order.
            let Some(e) = like["events"].as_array().filter(|l| !l.is_empty()).map(|l| l[m.index % l.len()].clone()) else {
                return;
            };
            let end = doc["duration_ms"].as_u64().unwrap_or(1);
            let Some(events) = doc.get_mut("events").and_then(Value::as_array_mut) else { return };
            let i = m.index % (events.len() + 1);
            let lo = if i == 0 { 0 } else { events[i - 1]["at_ms"].as_u64().unwrap_or(0) };
            let hi = events.get(i).and_then(|e| e["at_ms"].as_u64()).unwrap_or(end).max(lo);
            let mut e = e;
            e["at_ms"] = json!(lo + m.value as u64 % (hi - lo + 1));
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
    fn generated_scenarios_run_within_the_caps(raw in prop::collection::vec(any::<u32>(), 1..160)) {
        // Valid by construction: a refusal is a bug of the generator or of the validation.
        let doc = fuzz_gen::scenario(&mut fuzz_gen::Dice::new(&raw));
        let fate = exercise(&doc.to_string());
        prop_assert_ne!(fate, Fate::Refused, "refused: {}\n{}", common::refusal(&doc.to_string()), doc);
    }
}

/// Structured mutations: no panic, no hang, and (issue 19) most of them reach the simulator:
/// at least 30% run, or the property tests the parser's refusals only.
#[test]
fn structured_mutations_of_the_examples_are_refused_or_run() {
    let fates = RefCell::new([0usize; 3]);
    let mut runner = TestRunner::new(config());
    let cases = runner.config().cases as usize;
    let result = runner.run(&(any::<usize>(), prop::collection::vec(mutation(), 1..5)), |(i, ms)| {
        let (_, text) = example(i);
        let mut doc: Value = serde_json::from_str(&text).unwrap();
        for m in &ms {
            apply(&mut doc, m);
        }
        let fate = exercise(&doc.to_string());
        fates.borrow_mut()[fate as usize] += 1;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // Saved failures (proptest-regressions) are replayed on top of the `cases` new ones.
    let [refused, ran, capped] = *fates.borrow();
    let total = refused + ran + capped;
    assert!(total >= cases);
    eprintln!("structured mutations: {ran} ran, {capped} capped, {refused} refused of {total}");
    assert!(
        (ran + capped) * 100 >= 30 * total,
        "only {} of {total} structured mutations reached the simulator ({refused} refused)",
        ran + capped
    );
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

/// The names a refusal lists after "expected one of": `a`, `b`.
fn expected_names(refusal: &str) -> Vec<String> {
    let list = refusal.split("expected one of").nth(1).unwrap_or_else(|| panic!("no list in {refusal}"));
    list.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// Issue 19: the generators produce every action and every param of every protocol. The
/// lists come from the parser's own refusals (an unknown field or action is refused with the
/// known ones), so a param or action added later fails here until fuzz_gen produces it.
#[test]
fn the_generators_produce_every_action_and_every_param() {
    let actions = expected_names(&common::refusal(
        r#"{"protocol":"raft","nodes":3,"seed":1,"duration_ms":10,"events":[{"at_ms":1,"action":"zzz"}]}"#,
    ));
    assert!(actions.len() >= 12 && actions.contains(&"set_network".to_string()), "{actions:?}");
    let mut params = std::collections::BTreeMap::new();
    for (protocol, ..) in fuzz_gen::PROTOCOLS {
        let text = format!(r#"{{"protocol":"{protocol}","nodes":5,"seed":1,"duration_ms":10,"params":{{"zzz":1}}}}"#);
        params.insert(protocol, expected_names(&common::refusal(&text)));
    }
    let mut runner = TestRunner::deterministic();
    let raw = prop::collection::vec(any::<u32>(), 1..160);
    let (mut seen_actions, mut seen_params) = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
    let (mut live_recoveries, mut duplicates, mut total) = (0, 0, 0);
    for _ in 0..2000 {
        let doc = fuzz_gen::scenario(&mut fuzz_gen::Dice::new(&raw.new_tree(&mut runner).unwrap().current()));
        let protocol = doc["protocol"].as_str().unwrap().to_string();
        for k in doc["params"].as_object().into_iter().flat_map(|m| m.keys()) {
            seen_params.insert((protocol.clone(), k.clone()));
        }
        let events = doc["events"].as_array().unwrap();
        total += 1;
        let mut down = std::collections::BTreeSet::new();
        let mut live_recovery = false;
        for (i, e) in events.iter().enumerate() {
            seen_actions.insert(e["action"].as_str().unwrap().to_string());
            let node = e["node"].as_u64();
            match e["action"].as_str().unwrap() {
                "crash" => {
                    down.insert(node);
                }
                "recover" => live_recovery |= !down.remove(&node),
                _ => {}
            }
            duplicates += usize::from(i > 0 && *e == events[i - 1]);
        }
        live_recoveries += usize::from(live_recovery);
    }
    for a in &actions {
        assert!(seen_actions.contains(a), "fuzz_gen never produces action {a}");
    }
    for (protocol, names) in &params {
        for name in names {
            assert!(seen_params.contains(&(protocol.to_string(), name.clone())), "fuzz_gen never sets {protocol} param {name}");
        }
    }
    assert!(live_recoveries * 10 >= total, "recover of a live node in only {live_recoveries} of {total} scenarios");
    assert!(duplicates * 10 >= total, "a duplicated event in only {duplicates} of {total} scenarios");
}

//! Bad input is refused with a message that names the field and what is allowed; never a
//! panic. Each case is a malformed scenario and a fragment its message must contain.

mod common;

const GOOD: &str = r#"{"protocol":"ring","nodes":5,"seed":1,"duration_ms":1000}"#;

/// `GOOD` with `key` replaced (or added) by raw JSON `value`.
fn with(key: &str, value: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    v[key] = serde_json::from_str(value).unwrap();
    v.to_string()
}

fn without(key: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    v.as_object_mut().unwrap().remove(key);
    v.to_string()
}

fn refused_with(json: &str, fragments: &[&str]) {
    let msg = common::refusal(json);
    assert!(!msg.contains('\n'), "refusal is not one line: {msg}");
    for f in fragments {
        assert!(msg.contains(f), "refusal of {json}\n  says: {msg}\n  missing: {f}");
    }
}

#[test]
fn the_good_scenario_is_accepted() {
    common::run_json(GOOD);
}

#[test]
fn syntax_errors_say_so() {
    refused_with("{\"protocol\": ", &["not valid JSON"]);
    refused_with("", &["not valid JSON"]);
    refused_with("[1, 2]", &["scenario"]);
}

#[test]
fn unknown_missing_and_mistyped_fields_are_named() {
    refused_with(&with("colour", "\"red\""), &["unknown field `colour`"]);
    refused_with(&without("seed"), &["missing field `seed`"]);
    refused_with(&with("nodes", "\"five\""), &["nodes", "invalid type"]);
    refused_with(&with("seed", "-1"), &["seed", "invalid value"]);
    refused_with(&with("network", r#"{"latency": [1, 2]}"#), &["network", "unknown field `latency`"]);
    refused_with(&with("network", r#"{"latency_ms": [1]}"#), &["network.latency_ms"]);
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "explode", "node": 1}]"#), &["events[0]", "unknown variant `explode`"]);
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "crash"}]"#), &["events[0]", "missing field `node`"]);
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "crash", "node": 1, "why": 2}]"#), &["events[0]", "unknown field `why`"]);
    refused_with(&with("params", r#"{"idz": [1]}"#), &["params", "unknown field `idz`"]);
    refused_with(&with("params", r#"{"ids": "1,2"}"#), &["params.ids", "invalid type"]);
}

#[test]
fn out_of_range_values_name_the_field_and_the_range() {
    refused_with(&with("nodes", "100000"), &["nodes", "100000", "2..=64"]);
    refused_with(&with("nodes", "1"), &["nodes", "2..=64"]);
    refused_with(&with("duration_ms", "3153600000000"), &["duration_ms", "1..=86400000"]);
    refused_with(&with("duration_ms", "0"), &["duration_ms"]);
    refused_with(&with("protocol", "\"pbft\""), &["protocol", "'pbft'", "ring"]);
    refused_with(&with("network", r#"{"latency_ms": [50, 10]}"#), &["network.latency_ms", "lo <= hi"]);
    refused_with(&with("network", r#"{"latency_ms": [1, 9999999]}"#), &["network.latency_ms", "60000"]);
    refused_with(&with("network", r#"{"loss": 1.5}"#), &["network.loss", "0.0..=1.0"]);
    refused_with(&with("network", r#"{"duplicate": -0.1}"#), &["network.duplicate"]);
    refused_with(&with("params", r#"{"ids": [1, 2, 3]}"#), &["params.ids", "3 ids for 5 nodes"]);
    refused_with(&with("params", r#"{"ids": [1, 2, 3, 4, 4]}"#), &["params.ids[4]", "twice"]);
    refused_with(&with("params", r#"{"ids": [1, 2, 3, 4, 0]}"#), &["params.ids[4]", "1..=1000000"]);
    refused_with(&with("params", r#"{"ack_timeout_ms": 0}"#), &["params.ack_timeout_ms", "1..=600000"]);
    refused_with(&with("params", r#"{"bugs": ["forget_vote_on_restart"]}"#), &["params.bugs[0]", "not a bug of ring"]);
}

#[test]
fn events_must_name_existing_nodes_in_time_order_within_the_run() {
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "crash", "node": 9}]"#), &["events[0].node", "node 9 does not exist", "1..=5"]);
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "crash", "node": 0}]"#), &["events[0].node", "1..=5"]);
    refused_with(
        &with("events", r#"[{"at_ms": 500, "action": "heal"}, {"at_ms": 100, "action": "heal"}]"#),
        &["events[1].at_ms", "earlier", "time order"],
    );
    refused_with(&with("events", r#"[{"at_ms": 5000, "action": "heal"}]"#), &["events[0].at_ms", "after the end"]);
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "cut", "from": 2, "to": 2}]"#), &["events[0].to"]);
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "partition", "groups": [[1, 2], [2, 3]]}]"#), &["events[0].groups[1][0]", "two groups"]);
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "partition", "groups": [[1, 7]]}]"#), &["events[0].groups[0][1]", "node 7"]);
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "timeout", "node": 1}]"#), &["events[0].action", "'timeout' is not supported by ring"]);
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "delay", "message": 1, "by_ms": 0}]"#), &["events[0].by_ms"]);
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "set_network"}]"#), &["events[0]", "set_network needs latency_ms, loss"]);
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "set_network", "loss": 1.5}]"#), &["events[0].loss", "1.5 is not a probability"]);
    refused_with(
        &with("events", r#"[{"at_ms": 1, "action": "set_network", "latency_ms": [50, 10]}]"#),
        &["events[0].latency_ms", "[50, 10] is not a range"],
    );
    refused_with(&with("events", r#"[{"at_ms": 1, "action": "set_network", "loss": 0.1, "jitter": 3}]"#), &["jitter"]);
}

#[test]
fn absurd_sizes_are_refused_before_running() {
    let many: Vec<String> = (0..10_001).map(|_| r#"{"at_ms": 1, "action": "heal"}"#.to_string()).collect();
    refused_with(&with("events", &format!("[{}]", many.join(","))), &["events", "10000"]);
    let huge = format!("{{\"protocol\": \"{}\"}}", "x".repeat(1_000_001));
    refused_with(&huge, &["too large", "1000000 bytes"]);
}

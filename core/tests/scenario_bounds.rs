//! The scenario caps are inclusive: a value at a cap runs, one past it is refused, and a
//! probability reaches the simulator as parts per million (mutation testing of
//! scenario/validate.rs, issue 19, found these boundaries untested).

mod common;

use consenso_core::scenario::limits::{MAX_EVENTS, MAX_LATENCY_MS};
use consenso_core::{build, Scenario};
use serde_json::json;

fn accepted(doc: &serde_json::Value) -> bool {
    Scenario::parse(&doc.to_string()).and_then(|s| build(&s).map(|_| ())).is_ok()
}

#[test]
fn exactly_the_maximum_number_of_events_is_accepted() {
    let events = |k: usize| vec![json!({ "at_ms": 1, "action": "heal" }); k];
    let doc = |k| json!({ "protocol": "ring", "nodes": 3, "seed": 1, "duration_ms": 10, "events": events(k) });
    assert!(accepted(&doc(MAX_EVENTS)));
    assert!(common::refusal(&doc(MAX_EVENTS + 1).to_string()).contains("events"));
}

#[test]
fn the_slowest_latency_allowed_is_accepted() {
    let doc = |hi: u64| json!({ "protocol": "ring", "nodes": 3, "seed": 1, "duration_ms": 10, "network": { "latency_ms": [1, hi] } });
    assert!(accepted(&doc(MAX_LATENCY_MS)));
    assert!(common::refusal(&doc(MAX_LATENCY_MS + 1).to_string()).contains("latency_ms"));
}

#[test]
fn a_loss_probability_loses_about_that_share_of_messages() {
    let doc = json!({ "protocol": "raft", "nodes": 5, "seed": 3, "duration_ms": 3000, "network": { "loss": 0.5 } });
    let r = common::run_json(&doc.to_string());
    let (sent, dropped) = (r.messages.sent, r.messages.dropped);
    assert!(sent > 50 && dropped * 4 > sent && dropped * 4 < 3 * sent, "{dropped} of {sent} lost at loss 0.5");
}

//! A quick throughput figure per protocol for the budget table of `scripts/test`: each
//! protocol's busy scenario run through the full run API (trace and checkpoints kept, as
//! the page does) again and again for a short wall time. A report, not an assertion; the
//! criterion benches in core/benches/ are the careful measurements.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::{build, Scenario};

/// Virtual seconds simulated and simulator events (steps) per wall second.
pub struct Speed {
    pub protocol: &'static str,
    pub virtual_per_wall: f64,
    pub events_per_s: f64,
}

/// 5-node Raft, P1 leads, a client request every 100 ms, 60 virtual s (as benches/raft.rs).
fn raft() -> Value {
    let mut events = vec![json!({ "at_ms": 0, "action": "timeout", "node": 1 })];
    events.extend((1..600).map(|k| json!({ "at_ms": k * 100, "action": "client_request", "node": 1, "value": format!("k{}={k}", k % 8) })));
    json!({ "protocol": "raft", "nodes": 5, "seed": 1, "duration_ms": 60_000, "events": events })
}

/// Multi-Paxos on 8 nodes, 200 commands from two proposers, a leader crash (as benches/paxos.rs).
fn paxos() -> Value {
    let mut events: Vec<Value> =
        (0..200).map(|i| json!({ "at_ms": 10 + i * 40, "action": "client_request", "node": 1 + i % 2, "value": format!("c{i}") })).collect();
    events.push(json!({ "at_ms": 4001, "action": "crash", "node": 1 }));
    events.push(json!({ "at_ms": 6001, "action": "recover", "node": 1 }));
    events.sort_by_key(|e| e["at_ms"].as_u64());
    json!({ "protocol": "paxos", "nodes": 8, "seed": 1, "duration_ms": 10_000,
            "network": { "latency_ms": [5, 20], "loss": 0.02 }, "params": { "mode": "multi" }, "events": events })
}

/// 8 processes, the coordinator crashes and recovers every second, for 60 virtual s.
fn bully() -> Value {
    let mut events = Vec::new();
    for s in 0..60u64 {
        let node = 8 - s % 3;
        events.push(json!({ "at_ms": s * 1000 + 100, "action": "crash", "node": node }));
        events.push(json!({ "at_ms": s * 1000 + 600, "action": "recover", "node": node }));
    }
    json!({ "protocol": "bully", "nodes": 8, "seed": 1, "duration_ms": 60_000,
            "network": { "latency_ms": [5, 15] }, "params": { "tmax_ms": 20, "tprocess_ms": 5, "heartbeat_ms": 100 }, "events": events })
}

/// 8 nodes, an election every 50 ms with crashes and recoveries (as benches/throughput.rs).
fn ring() -> Value {
    let mut events = Vec::new();
    for i in 0..1200u64 {
        events.push(json!({ "at_ms": i * 50, "action": "start_election", "node": 1 + i % 8 }));
        if i % 40 == 10 {
            events.push(json!({ "at_ms": i * 50 + 1, "action": "crash", "node": 1 + (i / 40) % 8 }));
        }
        if i % 40 == 30 {
            events.push(json!({ "at_ms": i * 50 + 1, "action": "recover", "node": 1 + (i / 40) % 8 }));
        }
    }
    json!({ "protocol": "ring", "nodes": 8, "seed": 3, "duration_ms": 60_000, "network": { "latency_ms": [5, 15], "fifo": true }, "events": events })
}

/// OM(2) among 7 generals with two traitors: one run is a few virtual ms of many messages.
fn om() -> Value {
    json!({ "protocol": "om", "nodes": 7, "seed": 1, "duration_ms": 100, "network": { "latency_ms": [5, 15] },
            "params": { "m": 2, "traitors": { "3": "two_faced", "6": "random" } } })
}

/// Run each protocol's scenario for about `budget` of wall time.
pub fn measure(budget: Duration) -> Vec<Speed> {
    let all: [(&'static str, Value); 5] = [("raft", raft()), ("paxos", paxos()), ("bully", bully()), ("ring", ring()), ("om", om())];
    all.into_iter()
        .map(|(protocol, doc)| {
            let s = Scenario::parse(&doc.to_string()).expect("the speed scenarios are valid");
            let (mut runs, mut steps, mut virt) = (0u64, 0u64, 0u64);
            let start = Instant::now();
            while runs == 0 || start.elapsed() < budget {
                let mut sim = build(&s).expect("the speed scenarios are valid");
                sim.run_to_end();
                runs += 1;
                steps += sim.steps();
                virt += sim.now();
            }
            let wall = start.elapsed().as_secs_f64();
            Speed { protocol, virtual_per_wall: virt as f64 / 1e6 / wall, events_per_s: steps as f64 / wall }
        })
        .collect()
}

//! Events per second of Paxos runs through the public run API (trace and history included,
//! as the CLI and the web page run them): the Synod with two proposers duelling for 10 s of
//! virtual time, and Multi-Paxos with 200 commands and a leader change.
//! `cargo bench -p consenso-core --bench paxos`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::json;

use consenso_core::{build, Scenario};

fn synod() -> String {
    json!({
        "protocol": "paxos", "nodes": 8, "seed": 1, "duration_ms": 10_000,
        "network": { "latency_ms": [10, 10] },
        "params": { "mode": "synod", "retry_timeout_ms": [35, 35] },
        "events": [
            { "at_ms": 0, "action": "client_request", "node": 1, "value": "x" },
            { "at_ms": 17, "action": "client_request", "node": 2, "value": "y" }
        ]
    })
    .to_string()
}

fn multi() -> String {
    let mut events: Vec<serde_json::Value> = (0..200)
        .map(|i| json!({ "at_ms": 10 + i * 40, "action": "client_request", "node": 1 + i % 2, "value": format!("c{i}") }))
        .collect();
    events.push(json!({ "at_ms": 4001, "action": "crash", "node": 1 }));
    events.push(json!({ "at_ms": 6001, "action": "recover", "node": 1 }));
    events.sort_by_key(|e| e["at_ms"].as_u64());
    json!({
        "protocol": "paxos", "nodes": 8, "seed": 1, "duration_ms": 10_000,
        "network": { "latency_ms": [5, 20], "loss": 0.02 },
        "params": { "mode": "multi" },
        "events": events
    })
    .to_string()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("paxos");
    for (name, text) in [("synod_duel_10s", synod()), ("multi_200_commands", multi())] {
        let scenario = Scenario::parse(&text).unwrap();
        let mut probe = build(&scenario).unwrap();
        probe.run_to_end();
        let report = probe.report();
        assert!(report.all_hold(), "{name}: {:?}", report.invariants);
        group.throughput(Throughput::Elements(report.events));
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut sim = build(&scenario).unwrap();
                sim.run_to_end();
                sim.steps()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

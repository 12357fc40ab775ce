//! Simulator throughput: steps (events) per wall second for a busy ring election run.
//! `cargo bench -p consenso-core --bench throughput`; criterion reports events/s.

use std::hint::black_box;

use consenso_core::{build, Scenario};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::json;

/// 8 nodes, an election started every 50 ms for 60 virtual seconds, crashes and recoveries.
fn busy_ring() -> Scenario {
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
    let s = json!({ "protocol": "ring", "nodes": 8, "seed": 3, "duration_ms": 60_000,
                    "network": { "latency_ms": [5, 15], "fifo": true }, "events": events });
    Scenario::parse(&s.to_string()).unwrap()
}

fn throughput(c: &mut Criterion) {
    let s = busy_ring();
    let steps = {
        let mut sim = build(&s).unwrap();
        sim.run_to_end();
        sim.steps()
    };
    let mut g = c.benchmark_group("simulator");
    g.throughput(Throughput::Elements(steps));
    g.sample_size(20);
    g.bench_function(format!("ring 8 nodes, 60 virtual s ({steps} events)"), |b| {
        b.iter(|| {
            let mut sim = build(black_box(&s)).unwrap();
            sim.run_to_end();
            black_box(sim.steps())
        })
    });
    g.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);

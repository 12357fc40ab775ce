//! Events per second of bully runs through the public run API (trace and history kept, as
//! the CLI and the page run them): 8 nodes for 60 virtual seconds with heartbeats, the
//! leader crashing every 2 s and recovering 1 s later (an election each time).
//! `cargo bench -p consenso-core --bench bully`

use consenso_core::{build, Scenario};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::json;

fn scenario() -> Scenario {
    let mut events = vec![json!({ "at_ms": 0, "action": "start_election", "node": 1 })];
    for k in 1..30u64 {
        // The highest live id leads; crash it, then bring it back (and it bullies its way in).
        events.push(json!({ "at_ms": k * 2000, "action": "crash", "node": 8 }));
        events.push(json!({ "at_ms": k * 2000 + 1000, "action": "recover", "node": 8 }));
    }
    let s = json!({ "protocol": "bully", "nodes": 8, "seed": 1, "duration_ms": 60_000, "events": events });
    Scenario::parse(&s.to_string()).unwrap()
}

fn bench(c: &mut Criterion) {
    let s = scenario();
    let mut probe = build(&s).unwrap();
    probe.run_to_end();
    let report = probe.report();
    assert!(report.all_hold(), "{:?}", report.invariants);
    let mut g = c.benchmark_group("bully");
    g.throughput(Throughput::Elements(report.events));
    g.sample_size(20);
    g.bench_function(format!("8 nodes, leader crash every 2 s, 60 virtual s ({} events)", report.events), |b| {
        b.iter(|| {
            let mut sim = build(&s).unwrap();
            sim.run_to_end();
            sim.steps()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

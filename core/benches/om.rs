//! Events per second of Byzantine agreement runs through the public run API: OM(2) and
//! SM(2) with 10 generals and two traitors. The message count grows as n^(m+1), so one run
//! is a burst of a few hundred to a few thousand messages.
//! `cargo bench -p consenso-core --bench om`

use consenso_core::{build, Scenario};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::json;

fn scenario(signed: bool) -> Scenario {
    let s = json!({
        "protocol": "om", "nodes": 10, "seed": 1, "duration_ms": 1000,
        "network": { "latency_ms": [5, 15] },
        "params": { "m": 2, "order": "attack", "traitors": { "4": "two_faced", "9": "random" }, "signed": signed }
    });
    Scenario::parse(&s.to_string()).unwrap()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("om");
    g.sample_size(20);
    for (name, signed) in [("OM(2), 10 generals, 2 traitors", false), ("SM(2), 10 generals, 2 traitors", true)] {
        let s = scenario(signed);
        let mut probe = build(&s).unwrap();
        probe.run_to_end();
        let report = probe.report();
        assert!(report.all_hold(), "{name}: {:?}", report.invariants);
        g.throughput(Throughput::Elements(report.events));
        g.bench_function(format!("{name} ({} events)", report.events), |b| {
            b.iter(|| {
                let mut sim = build(&s).unwrap();
                sim.run_to_end();
                sim.steps()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Raft throughput: a 5-node cluster, 10 client requests per virtual second, 60 virtual
//! seconds (issue 3, point 7). Reports virtual seconds simulated per wall second and
//! simulator events per second, both through the full run API (trace and history
//! checkpoints kept, as the CLI and the page use it) and for the bare world (no trace kept,
//! as the property runs use it). Invariants are checked after every step in both.
//!
//! `cargo bench -p consenso-core --bench raft`

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use consenso_core::protocols::raft::Raft;
use consenso_core::scenario::prepare;
use consenso_core::sim::engine::World;
use consenso_core::{build, Scenario};
use criterion::{criterion_group, Criterion, Throughput};
use serde_json::json;

const VIRTUAL_S: u64 = 60;

/// P1 is made to time out at once and leads throughout; a client sends it a request every
/// 100 ms. Default Raft params (election timeout 100–200 ms, heartbeat 50 ms) and RaftScope's
/// latency (10–15 ms).
fn scenario() -> Scenario {
    let mut events = vec![json!({ "at_ms": 0, "action": "timeout", "node": 1 })];
    for k in 1..(VIRTUAL_S * 10) {
        events.push(json!({ "at_ms": k * 100, "action": "client_request", "node": 1, "value": format!("k{}={k}", k % 8) }));
    }
    let s = json!({ "protocol": "raft", "nodes": 5, "seed": 1, "duration_ms": VIRTUAL_S * 1000, "events": events });
    Scenario::parse(&s.to_string()).unwrap()
}

/// One run through the public run API; returns its step count.
fn full_run(s: &Scenario) -> u64 {
    let mut sim = build(s).unwrap();
    sim.run_to_end();
    assert!(sim.report().all_hold());
    sim.steps()
}

/// One run of the bare world, the trace thrown away as it is made.
fn world_run(s: &Scenario) -> u64 {
    let p = prepare::<Raft>(s).unwrap();
    let mut out = Vec::new();
    let mut w = World::<Raft>::new(p.cfg, p.nodes, p.net, p.seed, Arc::from(p.script), p.end, &mut out);
    while w.step(&mut out) {
        out.clear();
    }
    assert!(w.violations.is_empty());
    w.steps()
}

/// A plain measurement printed in the units the issue asks for.
fn summary(name: &str, s: &Scenario, f: fn(&Scenario) -> u64) {
    let runs = 20;
    let start = Instant::now();
    let mut steps = 0;
    for _ in 0..runs {
        steps = black_box(f(s));
    }
    let wall = start.elapsed().as_secs_f64() / runs as f64;
    println!(
        "raft {name}: {steps} events per run of {VIRTUAL_S} virtual s; {:.0} virtual s per wall s; {:.2} M events per wall s",
        VIRTUAL_S as f64 / wall,
        steps as f64 / wall / 1e6
    );
}

fn bench(c: &mut Criterion) {
    let s = scenario();
    summary("full run (trace + history)", &s, full_run);
    summary("bare world", &s, world_run);
    if std::env::var_os("RAFT_BENCH_SUMMARY_ONLY").is_some() {
        return;
    }
    let events = world_run(&s);
    for (unit, per_run) in [("events", events), ("virtual_seconds", VIRTUAL_S)] {
        let mut g = c.benchmark_group(format!("raft_5_nodes_10_req_per_s_60s/{unit}"));
        g.throughput(Throughput::Elements(per_run));
        g.sample_size(20);
        g.bench_function("full_run", |b| b.iter(|| full_run(black_box(&s))));
        g.bench_function("bare_world", |b| b.iter(|| world_run(black_box(&s))));
        g.finish();
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    criterion::Criterion::default().configure_from_args().final_summary();
}

//! A run long enough that the history thins its checkpoints and drops old trace records
//! still seeks exactly, keeps its memory under the caps, and hashes its whole trace.

use consenso_core::protocols::raft::Raft;
use consenso_core::scenario::prepare;
use consenso_core::sim::engine::World;
use consenso_core::sim::history::History;
use consenso_core::sim::trace::{TraceEvent, TraceHash, What};
use consenso_core::sim::window::{CAP, KEEP_AFTER, KEEP_BEFORE};
use consenso_core::sim::{checkpoints, Time};
use consenso_core::{build, Scenario, Simulation};
use serde_json::json;

/// 20 virtual minutes of a 5-node Raft cluster with a client and a leader crash now and
/// then: about 220,000 steps and 410,000 records.
fn scenario() -> Scenario {
    let mut events = Vec::new();
    for k in 0..20u64 {
        let at = k * 60_000;
        events.push(json!({ "at_ms": at + 1_000, "action": "client_request", "node": 1 + k % 5, "value": format!("x={k}") }));
        events.push(json!({ "at_ms": at + 20_000, "action": "crash", "node": 1 + k % 5 }));
        events.push(json!({ "at_ms": at + 30_000, "action": "recover", "node": 1 + k % 5 }));
    }
    let s = json!({ "protocol": "raft", "nodes": 5, "seed": 3, "duration_ms": 1_200_000, "events": events });
    Scenario::parse(&s.to_string()).unwrap()
}

fn straight_to(step: u64) -> Box<dyn Simulation> {
    let mut sim = build(&scenario()).unwrap();
    while sim.steps() < step && sim.step() {}
    sim
}

/// The records of steps `from..=to` in the sim's window (with `position`, the caller checks
/// that the window holds them all).
fn records(sim: &dyn Simulation, from: u64, to: u64) -> Vec<TraceEvent> {
    let t = sim.trace();
    t[t.partition_point(|e| e.step < from)..t.partition_point(|e| e.step <= to)].to_vec()
}

/// The position in the whole trace of the first record of `step`.
fn position(sim: &dyn Simulation, step: u64) -> u64 {
    let t = sim.trace();
    t.first + t.partition_point(|e| e.step < step) as u64
}

/// The latest note up to the current step, as the caption finds it.
fn latest_note(sim: &dyn Simulation) -> Option<TraceEvent> {
    let t = sim.trace();
    let past = &t[..t.partition_point(|e| e.step <= sim.steps())];
    past.iter().rev().chain(t.note_before).find(|e| matches!(e.what, What::Note { .. })).cloned()
}

fn assert_same_moment(wandering: &dyn Simulation, straight: &mut dyn Simulation, what: &str) {
    let q = straight.steps();
    assert_eq!(wandering.steps(), q, "{what}: steps");
    assert_eq!(wandering.view(wandering.now()), straight.view(straight.now()), "{what}: world");
    assert_eq!(wandering.invariants(), straight.invariants(), "{what}: invariants");
    assert_eq!(latest_note(wandering), latest_note(straight), "{what}: latest note");
    // What the event log scans (the records before the step) and the positions they have.
    let from = wandering.trace().iter().rev().filter(|e| e.step <= q).nth(KEEP_BEFORE - 1).map_or(0, |e| e.step);
    assert_eq!(records(wandering, from, q), records(straight, from, q), "{what}: records before");
    assert_eq!(position(wandering, from), position(straight, from), "{what}: positions");
    // What the space-time diagram draws after the cursor: the records of the next steps.
    let ahead = records(wandering, q + 1, q + 1000);
    for _ in 0..1000 {
        straight.step();
    }
    assert_eq!(ahead, records(straight, q + 1, q + 1000), "{what}: records after");
}

#[test]
fn a_long_run_seeks_exactly_to_early_middle_and_late_steps_and_times() {
    let mut wandering = build(&scenario()).unwrap();
    wandering.run_to_end();
    let end = wandering.steps();
    assert!(end > checkpoints::EVERY * checkpoints::MAX as u64 * 3 / 2, "{end} steps: too few to thin checkpoints");
    for q in [end - 5, 3_000, end / 2, 0, end - 40_000, 150, end / 3] {
        wandering.seek(q);
        assert_same_moment(&*wandering, &mut *straight_to(q), &format!("step {q}"));
    }
    let end_t = wandering.end();
    for t in [end_t / 50, end_t * 9 / 10, end_t / 2, end_t / 7] {
        wandering.seek_time(t);
        let mut straight = build(&scenario()).unwrap();
        straight.run_until(t);
        assert_same_moment(&*wandering, &mut *straight, &format!("time {t} µs"));
    }
}

#[test]
fn the_report_hashes_the_whole_trace_after_its_start_left_memory() {
    let mut sim = build(&scenario()).unwrap();
    let mut hash = TraceHash::default();
    sim.trace().iter().for_each(|e| hash.add(e));
    let mut records = sim.trace().len();
    while sim.step() {
        let new = sim.trace().of_step(sim.steps());
        records += new.len();
        new.iter().for_each(|e| hash.add(e));
    }
    assert!(sim.trace().first > 0 && sim.trace().len() < records, "the start of the trace is still in memory");
    assert_eq!(sim.report().trace_hash, hash.hex());
    // The CLI's way: the records hashed as they are made.
    assert_eq!(build(&scenario()).unwrap().run_to_end_and_report(), sim.report());
    // And at a step in the middle, after a seek back.
    let mid = sim.steps() / 2;
    sim.seek(mid);
    let mut hash = TraceHash::default();
    sim.for_each_record(mid, &mut |e| hash.add(e));
    let straight = straight_to(mid);
    assert_eq!(straight.report().trace_hash, hash.hex());
    assert_eq!(sim.report().trace_hash, hash.hex());
}

#[test]
fn checkpoints_and_records_in_memory_stay_under_their_caps() {
    let p = prepare::<Raft>(&scenario()).unwrap();
    let mut startup = Vec::new();
    let mut world = World::<Raft>::new(p.cfg, p.nodes, p.net, p.seed, p.script.into(), p.end, &mut startup);
    let mut h = History::new(&world, startup);
    // One step's records at most on top of the cap (a Raft step makes a handful).
    let records_cap = CAP + 64;
    let mut most = (0, 0);
    let mut check = |h: &History, world: &World<Raft>| {
        assert!(h.checkpoints() <= checkpoints::MAX, "{} checkpoints at step {}", h.checkpoints(), world.steps());
        assert!(h.resident() <= records_cap, "{} records at step {}", h.resident(), world.steps());
        most = (most.0.max(h.checkpoints()), most.1.max(h.resident()));
    };
    while h.step(&mut world) {
        check(&h, &world);
    }
    let end = h.recorded();
    for q in [10, end / 2, end / 4, end - 1, end / 2 + 5_000, 0] {
        h.seek(&mut world, q);
        check(&h, &world);
        let t: Time = world.now();
        h.seek_back_to(&mut world, t.saturating_sub(5_000_000));
        check(&h, &world);
    }
    // Replaying a stretch recorded before, the window runs ahead of the world.
    h.seek(&mut world, end / 4);
    for _ in 0..60_000 {
        h.step(&mut world);
        check(&h, &world);
    }
    // The caps were reached: this run is long enough to exercise them.
    assert_eq!(most.0, checkpoints::MAX);
    assert!(most.1 > CAP - KEEP_AFTER, "at most {} records in memory", most.1);
}

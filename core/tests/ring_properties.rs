//! Property runs of ring election: thousands of seeds with random crashes, recoveries and
//! concurrent initiators, under the ring's assumptions (reliable FIFO links, latency within
//! the ack timeout, no partition). Every invariant must hold, and once faults stop and one
//! more election runs, every live node must name the highest live id (progress: a run cannot
//! pass because nothing happened). With the leader check on, no one calls the last election
//! and the leader check's liveness property must hold. The message counts Chang & Roberts
//! (1979) state are checked on fixed arrangements. A failing seed is printed so the run can
//! be replayed with `consenso run`.

mod common;

use consenso_core::soak::ring::{checked, leader_check_plan, partitioned, scenario, LEADER_CHECK_LIVENESS};
use consenso_core::soak::Live;
use serde_json::{json, Value};

/// Every invariant held, and the highest live election id leads with every live node
/// knowing it.
fn assert_holds_and_settles(seed: u64, s: &Value) {
    let text = s.to_string();
    let r = common::run_json(&text);
    let broken: Vec<_> = r.invariants.iter().filter(|i| !i.ok).collect();
    assert!(broken.is_empty(), "seed {seed}: {broken:?}\nscenario: {text}");
    let ids = s["params"]["ids"].as_array().unwrap();
    let believed = r.outcome["believed"].as_object().unwrap();
    let top = believed.keys().map(|k| k.parse::<usize>().unwrap()).max_by_key(|&node| ids[node - 1].as_u64().unwrap()).unwrap();
    assert_eq!(r.outcome["leader"], json!(top), "seed {seed}: no agreement on P{top}: {}\nscenario: {text}", r.outcome);
    // Progress: the last election really ran (Election and Elected messages were sent).
    assert!(r.outcome["messages"]["elected"].as_u64().unwrap() > 0, "seed {seed}: nobody was ever elected");
}

#[test]
fn invariants_and_liveness_hold_for_2000_seeds_with_crashes() {
    for seed in 0..2000 {
        assert_holds_and_settles(seed, &scenario(seed));
    }
}

#[test]
fn soak_seed_744567_ends_with_one_leader() {
    // Issue 18: before election numbers this seed of `soak --protocol ring` ended with a node
    // naming a leader that had crashed after announcing itself, and the log told it "already
    // knows the later leader" about an older, dead leader (the old rule 7, "stale news", which
    // judged news by id, not by election). The scenario is pinned as a fixture (the soak
    // generator made it from the seed); the generator must still make the same one.
    let text = std::fs::read_to_string(common::repo_root().join("core/tests/fixtures/ring-soak-seed-744567.json")).unwrap();
    let s: Value = serde_json::from_str(&text).unwrap();
    if std::env::var("CONSENSO_PRINT_SEED").is_ok() {
        println!("{}", scenario(744_567));
    }
    assert_eq!(s, scenario(744_567), "the soak generator changed; the fixture keeps the issue's scenario");
    assert_holds_and_settles(744_567, &s);
}

#[test]
fn a_partition_breaks_the_ring_and_both_invariants_say_so() {
    // The ring assumes a connected ring; a partition lets each side elect its own leader.
    let r = common::run_json(&std::fs::read_to_string(common::repo_root().join("examples/ring-partition.json")).unwrap());
    let names: Vec<&str> = r.invariants.iter().filter(|i| !i.ok).map(|i| i.name).collect();
    assert_eq!(names, vec!["Unique leader", "Agreement"]);
    // And in a property run: each arc elects its own leader, so once both elections are
    // over the live nodes name two leaders (Agreement), on every seed.
    for seed in 0..200 {
        let text = partitioned(seed).to_string();
        let r = common::run_json(&text);
        let broken: Vec<&str> = r.invariants.iter().filter(|i| !i.ok).map(|i| i.name).collect();
        assert!(broken.contains(&"Unique leader") && broken.contains(&"Agreement"), "seed {seed}: {broken:?}\n{text}");
    }
}

#[test]
fn the_leader_check_keeps_one_live_leader_for_500_seeds_with_crashes() {
    // docs/protocols/ring.md, "The leader check": its liveness property, and progress (the
    // highest live id leads at the end, though no one was told to start an election).
    for seed in 0..500 {
        let plan = leader_check_plan(seed);
        let o = checked(&plan);
        assert!(o.broken.is_empty(), "seed {seed}: {:?}\nscenario: {}", o.broken, plan.scenario);
        assert!(matches!(o.live[0], Live::After(_)), "seed {seed}: the highest live id never led\nscenario: {}", plan.scenario);
    }
}

#[test]
fn without_the_leader_check_a_dead_leader_stays_named_and_the_property_says_so() {
    // The property is the leader check's: switched off, nobody notices the crash, and the
    // checker must report it (it cannot pass because nothing happened).
    let mut caught = 0;
    for seed in 0..200 {
        let mut plan = leader_check_plan(seed);
        if !plan.scenario["events"].as_array().unwrap().iter().any(|e| e["action"] == "crash") {
            continue;
        }
        plan.scenario["params"]["leader_check_ms"] = json!(0);
        plan.scenario["events"].as_array_mut().unwrap().insert(0, json!({ "at_ms": 0, "action": "start_election", "node": 1 }));
        if checked(&plan).broken.iter().any(|b| b.name == LEADER_CHECK_LIVENESS) {
            caught += 1;
        }
    }
    assert!(caught >= 20, "only {caught} runs without the leader check broke its liveness property");
}

/// One run on a fixed latency; `starters` start at 0 ms.
fn counts(ids: &[u64], starters: &[u64]) -> (u64, u64, Value) {
    let events: Vec<Value> = starters.iter().map(|&s| json!({ "at_ms": 0, "action": "start_election", "node": s })).collect();
    let text = json!({
        "protocol": "ring", "nodes": ids.len(), "seed": 1, "duration_ms": 5000,
        "network": { "latency_ms": [10, 10], "fifo": true }, "params": { "ids": ids },
        "events": events,
    })
    .to_string();
    let r = common::run_json(&text);
    assert!(r.all_hold(), "{text}");
    let m = &r.outcome["messages"];
    let c = &r.outcome["crash_handling"];
    let (e, d) = (m["election"].as_u64().unwrap(), m["elected"].as_u64().unwrap());
    // Acknowledgements are crash handling's, counted apart: one per ring message.
    assert_eq!(c["ack"].as_u64().unwrap(), e + d, "{text}");
    assert_eq!(c["leader_check"], json!(0));
    assert_eq!(r.messages.by_kind["election"], e);
    (e, d, r.outcome["leader"].clone())
}

#[test]
fn one_initiator_sends_n_to_2n_minus_1_election_messages_as_chang_and_roberts_count() {
    // Chang & Roberts (1979): the initiator's id travels to the highest id (d hops), which
    // replaces it, and the highest id goes once round (n hops): d + n Election messages, then
    // n Elected. Best arrangement: the initiator holds the highest id (n, 2n in all); worst:
    // the highest id sits just before it (2n − 1 Election, 3n − 1 in all).
    for n in 3..=8u64 {
        let ids: Vec<u64> = (1..=n).collect();
        assert_eq!(counts(&ids, &[n]), (n, n, json!(n)), "best, n = {n}");
        assert_eq!(counts(&ids, &[1]), (2 * n - 1, n, json!(n)), "worst, n = {n}");
    }
}

#[test]
fn all_initiating_at_once_costs_n_n_plus_1_over_2_election_messages_in_the_worst_arrangement() {
    // Chang & Roberts (1979): with every node initiating and the ids decreasing clockwise,
    // the id k travels k hops before a higher id stops it (the highest goes round: n hops),
    // n(n+1)/2 in all; increasing clockwise, every id but the highest is stopped at once:
    // (n − 1) + n = 2n − 1. Equal election numbers make them one election, so the counts are
    // the classic ones.
    for n in 3..=8u64 {
        let all: Vec<u64> = (1..=n).collect();
        let decreasing: Vec<u64> = (1..=n).rev().collect();
        assert_eq!(counts(&decreasing, &all), (n * (n + 1) / 2, n, json!(1)), "worst, n = {n}");
        assert_eq!(counts(&all, &all), (2 * n - 1, n, json!(n)), "best, n = {n}");
    }
}

//! Property runs of ring election: thousands of seeds with random crashes, recoveries and
//! concurrent initiators, under the ring's assumptions (reliable FIFO links, latency within
//! the ack timeout, no partition). Every invariant must hold, and once faults stop and one
//! more election runs, every live node must name the highest live id (liveness).
//! A failing seed is printed so the run can be replayed with `consenso run`.

mod common;

use consenso_core::soak::ring::scenario;
use serde_json::json;

#[test]
fn invariants_and_liveness_hold_for_2000_seeds_with_crashes() {
    for seed in 0..2000 {
        let s = scenario(seed);
        let text = s.to_string();
        let r = common::run_json(&text);
        let broken: Vec<_> = r.invariants.iter().filter(|i| !i.ok).collect();
        assert!(broken.is_empty(), "seed {seed}: {broken:?}\nscenario: {text}");
        // Liveness: the highest live election id leads and every live node knows it.
        let ids = s["params"]["ids"].as_array().unwrap();
        let believed = r.outcome["believed"].as_object().unwrap();
        let top = believed.keys().map(|k| k.parse::<usize>().unwrap()).max_by_key(|&node| ids[node - 1].as_u64().unwrap()).unwrap();
        assert_eq!(r.outcome["leader"], json!(top), "seed {seed}: no agreement on P{top}: {}\nscenario: {text}", r.outcome);
    }
}

#[test]
fn a_partition_breaks_the_ring_and_the_invariants_say_so() {
    // The ring assumes a connected ring; a partition lets each side elect its own leader.
    let r = common::run_json(&std::fs::read_to_string(common::repo_root().join("examples/ring-partition.json")).unwrap());
    let names: Vec<&str> = r.invariants.iter().filter(|i| !i.ok).map(|i| i.name).collect();
    assert!(names.contains(&"Unique leader"), "violations found: {names:?}");
}

#[test]
fn message_count_of_one_election_matches_chang_and_roberts() {
    // One initiator with ids in increasing order clockwise from it: Election messages travel
    // n - 1 hops to the maximum... here the highest id sits just before the initiator, the
    // worst case for the initiator's own message: n + (n - 1) + n Election+Elected hops.
    for n in 3..=8u64 {
        let ids: Vec<u64> = (1..=n).collect();
        let text = json!({
            "protocol": "ring", "nodes": n, "seed": 1, "duration_ms": 5000,
            "network": { "latency_ms": [10, 10], "fifo": true }, "params": { "ids": ids },
            "events": [{ "at_ms": 0, "action": "start_election", "node": 1 }]
        })
        .to_string();
        let r = common::run_json(&text);
        // P1 sends id 1; every node replaces it with its own larger id (n - 1 hops up to Pn),
        // then id n goes round once more (n hops) to come back: 2n - 1 Election messages,
        // then n Elected messages.
        assert_eq!(r.messages.by_kind["election"], 2 * n - 1, "n = {n}");
        assert_eq!(r.messages.by_kind["elected"], n, "n = {n}");
        assert_eq!(r.outcome["leader"], json!(n));
    }
}

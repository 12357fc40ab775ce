//! Random ring-election scenarios under the ring's assumptions (reliable FIFO links, latency
//! within the ack timeout, no partition), moved from ring_properties.rs; and the same with
//! a partition, which breaks the ring.

use serde_json::{json, Value};

use super::{Case, Live, Outcome};
use crate::protocols::ring::Ring;
use crate::sim::rng::SimRng;
use crate::sim::time::ms;

/// A ring run, when its last election starts, and the node with the highest live id.
pub struct RingRun {
    pub scenario: Value,
    pub last_election_ms: u64,
    pub top: u64,
}

pub fn run_plan(seed: u64) -> RingRun {
    let mut rng = SimRng::new(seed);
    let n = rng.range(2, 9);
    let mut ids: Vec<u64> = (1..=n).map(|i| i * 7 % 97 + rng.range(0, 3) * 100).collect();
    ids.sort_unstable();
    ids.dedup();
    let ids: Vec<u64> = if ids.len() == n as usize {
        // Shuffle into ring order deterministically.
        let mut v = ids;
        for i in (1..v.len()).rev() {
            v.swap(i, rng.range(0, i as u64) as usize);
        }
        v
    } else {
        (1..=n).collect()
    };
    let mut events = Vec::new();
    let mut down = vec![false; n as usize + 1];
    let mut t = 0;
    for _ in 0..rng.range(1, 12) {
        t += rng.range(1, 400);
        let node = rng.range(1, n);
        let ev = match rng.range(0, 2) {
            0 => json!({ "at_ms": t, "action": "start_election", "node": node }),
            1 if !down[node as usize] && down.iter().filter(|d| !**d).count() > 2 => {
                down[node as usize] = true;
                json!({ "at_ms": t, "action": "crash", "node": node })
            }
            _ if down[node as usize] => {
                down[node as usize] = false;
                json!({ "at_ms": t, "action": "recover", "node": node })
            }
            _ => json!({ "at_ms": t, "action": "start_election", "node": node }),
        };
        events.push(ev);
    }
    // Faults stop; a last election settles who leads.
    let live: Vec<u64> = (1..=n).filter(|&i| !down[i as usize]).collect();
    let starter = live[rng.range(0, live.len() as u64 - 1) as usize];
    events.push(json!({ "at_ms": t + 2000, "action": "start_election", "node": starter }));
    let top = *live.iter().max_by_key(|&&i| ids[i as usize - 1]).unwrap();
    let scenario = json!({
        "protocol": "ring", "nodes": n, "seed": seed, "duration_ms": t + 8000,
        "network": { "latency_ms": [rng.range(1, 20), rng.range(20, 60)], "fifo": true },
        "params": { "ids": ids },
        "events": events,
    });
    RingRun { scenario, last_election_ms: t + 2000, top }
}

pub fn scenario(seed: u64) -> Value {
    run_plan(seed).scenario
}

/// The same run on at least four nodes, but the ring is cut in two arcs before the last
/// election, and each arc starts one: each may crown its own leader.
pub fn partitioned(seed: u64) -> Value {
    let mut s = scenario(seed);
    let n = s["nodes"].as_u64().unwrap().max(4);
    if n > s["nodes"].as_u64().unwrap() {
        s["nodes"] = json!(n);
        s["params"]["ids"] = json!((1..=n).collect::<Vec<_>>());
    }
    let events = s["events"].as_array_mut().unwrap();
    let last = events.pop().unwrap();
    let at = last["at_ms"].as_u64().unwrap();
    let mut rng = SimRng::new(seed ^ 0x41);
    let cut = rng.range(2, n - 2);
    let (a, b): (Vec<u64>, Vec<u64>) = (1..=n).partition(|&i| i <= cut);
    // Everyone comes back so both arcs have live nodes, then the cut, then two elections.
    for i in 1..=n {
        events.push(json!({ "at_ms": at - 1, "action": "recover", "node": i }));
    }
    events.push(json!({ "at_ms": at, "action": "partition", "groups": [a.clone(), b.clone()] }));
    events.push(json!({ "at_ms": at, "action": "start_election", "node": a[0] }));
    events.push(json!({ "at_ms": at, "action": "start_election", "node": b[0] }));
    s
}

/// Time from the last election's start until every live node names the highest live id
/// (which it must still do at the end).
fn measured(r: &RingRun) -> Outcome {
    let leads = |o: &Value| o["leader"] == json!(r.top);
    let (w, at) = super::drive::<Ring>(&r.scenario.to_string(), ms(r.last_election_ms), |w| leads(&w.outcome()));
    let live = match at {
        Some(t) if leads(&w.outcome()) => Live::After(t),
        _ => Live::Never,
    };
    Outcome { broken: super::broken(&w), live: vec![live] }
}

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            protocol: "ring",
            variant: None,
            measures: &["last election starts -> all live name the highest id"],
            run: |s| measured(&run_plan(s)),
            scenario: |s| scenario(s).to_string(),
        },
        Case {
            protocol: "ring",
            variant: Some("partitioned ring"),
            measures: &[],
            run: |s| Outcome { broken: super::broken(&super::drive::<Ring>(&partitioned(s).to_string(), 0, |_| false).0), live: vec![] },
            scenario: |s| partitioned(s).to_string(),
        },
    ]
}

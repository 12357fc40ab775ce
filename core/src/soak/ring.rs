//! Random ring-election scenarios under the ring's assumptions (reliable FIFO links, latency
//! within the ack timeout, no partition), moved from ring_properties.rs; the same with a
//! partition, which breaks the ring; and runs with the leader check on (`leader_check_ms`),
//! where no one calls the last election and the leader check's liveness property is checked.

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

/// The leader check's liveness property. It is this extension's (docs/protocols/ring.md), not
/// Chang & Roberts', who assume no crash: once the ring is quiet — no Election or Elected
/// message sent, no crash and no recovery for Q = 2·`leader_check_ms` + n·(slowest latency),
/// and no live node taking part in an election — every live node names the same live leader.
pub const LEADER_CHECK_LIVENESS: &str = "Leader check liveness (this extension's, not Chang-Roberts')";

/// A run with the leader check on: random crashes and recoveries (at least two nodes stay
/// up), no `start_election` at all (the leader check starts every election), the fault
/// times, and the node with the highest live id at the end.
pub struct CheckedRun {
    pub scenario: Value,
    pub faults_ms: Vec<u64>,
    pub top: u64,
    /// Q in µs.
    pub quiet: u64,
}

pub fn leader_check_plan(seed: u64) -> CheckedRun {
    let mut rng = SimRng::new(seed ^ 0x1eade2);
    let n = rng.range(2, 8);
    let mut ids: Vec<u64> = (1..=n).map(|i| i * 100 + rng.range(0, 99)).collect();
    for i in (1..ids.len()).rev() {
        ids.swap(i, rng.range(0, i as u64) as usize);
    }
    let check = rng.range(20, 300);
    let hi = rng.range(2, 40);
    let lo = rng.range(1, hi);
    let mut down = vec![false; n as usize + 1];
    let (mut events, mut faults_ms, mut t) = (Vec::new(), Vec::new(), 0);
    for _ in 0..rng.range(0, 10) {
        t += rng.range(1, 4 * check);
        let node = rng.range(1, n);
        let live = down.iter().skip(1).filter(|d| !**d).count();
        let ev = if down[node as usize] {
            down[node as usize] = false;
            json!({ "at_ms": t, "action": "recover", "node": node })
        } else if live > 2 {
            down[node as usize] = true;
            json!({ "at_ms": t, "action": "crash", "node": node })
        } else {
            continue;
        };
        faults_ms.push(t);
        events.push(ev);
    }
    let top = (1..=n).filter(|&i| !down[i as usize]).max_by_key(|&i| ids[i as usize - 1]).expect("two nodes stay up");
    // Long enough after the last fault for a check, its timeout, a stalled election's round
    // timeout (2·n ack timeouts) and two elections, twice over.
    let ack = 2 * hi + 5;
    let settle = 2 * (2 * check + ack + 2 * n * ack + 6 * n * hi);
    let scenario = json!({
        "protocol": "ring", "nodes": n, "seed": seed, "duration_ms": t + settle,
        "network": { "latency_ms": [lo, hi], "fifo": true },
        "params": { "ids": ids, "leader_check_ms": check },
        "events": events,
    });
    CheckedRun { scenario, faults_ms, top, quiet: ms(2 * check + n * hi) }
}

/// Whether every live node names the same live leader.
fn one_live_leader(w: &crate::sim::engine::World<Ring>) -> bool {
    let mut named = (1..=w.nodes().len() as u32).filter(|&id| w.is_up(id)).map(|id| w.nodes()[id as usize - 1].elected.map(|c| c.node));
    let Some(Some(first)) = named.next() else { return false };
    w.is_up(first) && named.all(|c| c == Some(first))
}

/// Run a leader-check scenario: the invariants, the liveness property (checked on every
/// stretch between two events, so a bad state that lasts past Q is caught even if the next
/// event mends it), and the time from the last fault until every live node names the
/// highest live id.
pub fn checked(r: &CheckedRun) -> Outcome {
    let text = r.scenario.to_string();
    let mut w = super::start::<Ring>(&text);
    let last_fault = ms(r.faults_ms.last().copied().unwrap_or(0));
    let faults: Vec<u64> = r.faults_ms.iter().map(|&f| ms(f)).collect();
    let end = ms(r.scenario["duration_ms"].as_u64().unwrap_or(0));
    let quiet_since = |w: &crate::sim::engine::World<Ring>| {
        let sent = w.nodes().iter().filter_map(|n| n.last_election_sent).max().unwrap_or(0);
        let fault = faults.iter().copied().filter(|&f| f <= w.now()).max().unwrap_or(0);
        sent.max(fault)
    };
    let electing = |w: &crate::sim::engine::World<Ring>| (1..=w.nodes().len() as u32).any(|id| w.is_up(id) && w.nodes()[id as usize - 1].electing());
    let mut broken = Vec::new();
    let (mut out, mut at) = (Vec::new(), None);
    loop {
        let bad = !one_live_leader(&w) && !electing(&w);
        let since = quiet_since(&w);
        let more = w.step(&mut out);
        out.clear();
        let until = if more { w.now() } else { end };
        if bad && until > since + r.quiet && broken.is_empty() {
            broken.push(super::Broken {
                name: LEADER_CHECK_LIVENESS.to_string(),
                at_ms: (since + r.quiet) / 1000,
                explanation: "the ring was quiet, yet the live nodes did not all name one live leader".to_string(),
            });
        }
        if !more {
            break;
        }
        if at.is_none() && w.now() >= last_fault && w.outcome()["leader"] == json!(r.top) {
            at = Some(w.now() - last_fault);
        }
    }
    broken.extend(super::broken(&w));
    let live = match at {
        Some(t) if w.outcome()["leader"] == json!(r.top) => Live::After(t),
        _ => Live::Never,
    };
    Outcome { broken, live: vec![live] }
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
            variant: None,
            measures: &["leader check: last fault -> all live name the highest id"],
            run: |s| checked(&leader_check_plan(s)),
            scenario: |s| leader_check_plan(s).scenario.to_string(),
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

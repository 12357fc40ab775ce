//! Random bully scenarios under the notes' synchronous model (and with it broken), moved
//! from bully_properties.rs so the soak runs the same ones.

use serde_json::{json, Value};

use super::{Case, Live, Outcome};
use crate::protocols::bully::Bully;
use crate::sim::rng::SimRng;
use crate::sim::time::ms;

/// Random crashes, recoveries, elections and forced timeouts; at least one process always
/// stays up.
/// Returns the events, which processes are down at the end, and the time of the last one.
pub fn events(rng: &mut SimRng, n: u64, span_ms: u64) -> (Vec<Value>, Vec<bool>, u64) {
    let mut events = Vec::new();
    let mut down = vec![false; n as usize + 1];
    let mut t = 0;
    for _ in 0..rng.range(1, 14) {
        t += rng.range(1, span_ms);
        let node = rng.range(1, n);
        let live = down.iter().skip(1).filter(|d| !**d).count();
        let ev = match rng.range(0, 4) {
            0 | 1 if !down[node as usize] && live > 1 => {
                down[node as usize] = true;
                json!({ "at_ms": t, "action": "crash", "node": node })
            }
            _ if down[node as usize] => {
                down[node as usize] = false;
                json!({ "at_ms": t, "action": "recover", "node": node })
            }
            // A wrong suspicion (or a right one, if its coordinator is down): with Election
            // sent to every higher id, the suspect included, it must break nothing (issue 18).
            3 => json!({ "at_ms": t, "action": "timeout", "node": node }),
            _ => json!({ "at_ms": t, "action": "start_election", "node": node }),
        };
        events.push(ev);
    }
    (events, down, t)
}

/// A synchronous run, the time its faults stop, and the highest id up after them.
pub struct Sync {
    pub scenario: Value,
    pub last_fault_ms: u64,
    pub top: u64,
}

/// A synchronous run: latency at most Tmax, no loss (the notes assume reliable channels);
/// duplicates and reordering are allowed, they break no assumption of the algorithm.
pub fn synchronous_run(seed: u64) -> Sync {
    let mut rng = SimRng::new(seed);
    let n = rng.range(2, 8);
    let hi = rng.range(1, 40);
    let lo = rng.range(0, hi);
    let tmax = hi + rng.range(0, 10);
    let tprocess = rng.range(0, 10);
    let heartbeat = rng.range(5, 150);
    let t = 2 * tmax + tprocess;
    // Sometimes faults come faster than elections finish (a crash mid-election), sometimes
    // slower than failure detection.
    let span = [t, heartbeat + t, 4 * (heartbeat + t)][rng.range(0, 2) as usize];
    let (events, down, last) = events(&mut rng, n, span);
    // Faults stop at `last`; leave time for a crash to be noticed (heartbeat + T), an
    // election (T, then T' = T + 2·Tmax) and its Coordinator message, several times over.
    let settle = 4 * (heartbeat + t + t + t + 2 * tmax + tmax);
    let duplicate = if rng.range(0, 1) == 1 { 0.1 } else { 0.0 };
    let fifo = rng.range(0, 1) == 1;
    let scenario = json!({
        "protocol": "bully", "nodes": n, "seed": seed, "duration_ms": last + settle,
        "network": { "latency_ms": [lo, hi], "duplicate": duplicate, "fifo": fifo },
        "params": { "tmax_ms": tmax, "tprocess_ms": tprocess, "heartbeat_ms": heartbeat },
        "events": events,
    });
    let top = (1..=n).rev().find(|&i| !down[i as usize]).expect("one process always stays up");
    Sync { scenario, last_fault_ms: last, top }
}

pub fn synchronous(seed: u64) -> Value {
    synchronous_run(seed).scenario
}

/// The same faults, but every message takes longer than Tmax: the timeouts of the
/// synchronous model now fire on live processes.
pub fn too_slow(seed: u64) -> Value {
    let mut s = synchronous(seed);
    let mut rng = SimRng::new(seed ^ 0x5eed);
    let tmax = s["params"]["tmax_ms"].as_u64().unwrap();
    let lo = tmax + rng.range(1, 2 * tmax + 10);
    s["network"]["latency_ms"] = json!([lo, lo + rng.range(0, 40)]);
    s
}

/// Time from the last fault until every live process names the highest live id (which it
/// must still do at the end).
fn measured(text: &str, last_fault_ms: u64, top: u64) -> Outcome {
    let leads = |o: &Value| o["leader"] == json!(top);
    let (w, at) = super::drive::<Bully>(text, ms(last_fault_ms), |w| leads(&w.outcome()));
    let live = match at {
        Some(t) if leads(&w.outcome()) => Live::After(t),
        _ => Live::Never,
    };
    Outcome { broken: super::broken(&w), live: vec![live] }
}

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            protocol: "bully",
            variant: None,
            measures: &["last fault -> all live name the highest live id"],
            run: |s| {
                let r = synchronous_run(s);
                measured(&r.scenario.to_string(), r.last_fault_ms, r.top)
            },
            scenario: |s| synchronous(s).to_string(),
        },
        Case {
            protocol: "bully",
            variant: Some("latency > Tmax"),
            measures: &[],
            run: |s| Outcome { broken: super::broken(&super::drive::<Bully>(&too_slow(s).to_string(), 0, |_| false).0), live: vec![] },
            scenario: |s| too_slow(s).to_string(),
        },
    ]
}

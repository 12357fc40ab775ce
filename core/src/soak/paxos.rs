//! Random Paxos scenarios for the property runs, and a driver that watches the god's-eye
//! chosen log step by step (for liveness timings).

use serde_json::{json, Value};

use super::{Broken, Case, Live, Outcome};
use crate::protocols::paxos::{chosen, ChosenMap, Paxos, PaxosConfig};
use crate::sim::engine::World;
use crate::sim::rng::SimRng;

/// When the generated faults end (every node recovered, every partition healed).
pub const FAULTS_END_MS: u64 = 1500;
/// How long after that the run goes on: the liveness budget.
pub const AFTER_MS: u64 = 6000;

pub struct Gen {
    pub scenario: Value,
    /// No quorum could form before FAULTS_END_MS: the whole decision happens after it.
    pub blocked: bool,
    /// Values sent to a proposer that was up at the time (the engine drops the others).
    pub submitted: Vec<String>,
}

/// A random scenario: 2-3 proposers (or every node playing every role), crashes and
/// recoveries of any node, partitions, loss and duplication, until FAULTS_END_MS.
pub fn scenario(seed: u64, multi: bool, bugs: &[&str]) -> Gen {
    let mut rng = SimRng::new(seed ^ 0x5eed_9a05);
    let all_roles = rng.range(0, 3) == 0;
    let (n, proposers, params) = if all_roles {
        let n = rng.range(3, 5);
        (n, n, json!({ "roles": "all" }))
    } else {
        let (p, a, l) = (rng.range(2, 3), rng.range(3, 5), rng.range(1, 2));
        (p + a + l, p, json!({ "proposers": p, "acceptors": a, "learners": l }))
    };
    let mut params = params;
    params["mode"] = json!(if multi { "multi" } else { "synod" });
    params["nacks"] = json!(rng.range(0, 3) != 0);
    params["bugs"] = json!(bugs);
    let lo = rng.range(1, 10);
    let latency = [lo, lo + rng.range(0, 30)];
    let loss = [0.0, 0.0, 0.05, 0.1, 0.2][rng.range(0, 4) as usize];
    let duplicate = [0.0, 0.05, 0.1][rng.range(0, 2) as usize];

    let mut events: Vec<(u64, Value)> = Vec::new();
    // Half the runs keep every proposer away from a majority of acceptors until the faults
    // end, so that the time to a decision afterwards measures recovery, not luck.
    let blocked = rng.range(0, 1) == 1;
    if blocked {
        events.push((0, json!({ "at_ms": 0, "action": "partition", "groups": minority_groups(&params, n) })));
    }
    let mut down = vec![false; n as usize + 1];
    let mut submitted = Vec::new();
    // Client requests: the Synod gets one per proposer (they compete); Multi-Paxos a stream.
    let requests = if multi { rng.range(3, 8) } else { rng.range(2, proposers.min(3)) };
    let mut req_times: Vec<(u64, u64)> = (0..requests)
        .map(|i| {
            let at = if i == 0 { rng.range(0, 20) } else if multi { rng.range(0, FAULTS_END_MS) } else { rng.range(0, 300) };
            let node = if multi { rng.range(1, proposers) } else { (i % proposers) + 1 };
            (at, node)
        })
        .collect();
    req_times.sort();
    let mut faults: Vec<(u64, u64, u64)> = (0..rng.range(2, 10)).map(|_| (rng.range(25, FAULTS_END_MS - 1), rng.range(0, 3), rng.range(1, n))).collect();
    faults.sort();
    let (mut ri, mut fi) = (0, 0);
    while ri < req_times.len() || fi < faults.len() {
        let take_req = fi == faults.len() || (ri < req_times.len() && req_times[ri].0 <= faults[fi].0);
        if take_req {
            let (at, node) = req_times[ri];
            let value = format!("v{}", ri + 1);
            if !down[node as usize] {
                submitted.push(value.clone());
            }
            events.push((at, json!({ "at_ms": at, "action": "client_request", "node": node, "value": value })));
            ri += 1;
            continue;
        }
        let (at, kind, node) = faults[fi];
        fi += 1;
        let kind = if blocked { kind % 2 } else { kind };
        let ev = match kind {
            0 | 1 if !down[node as usize] => {
                down[node as usize] = true;
                json!({ "at_ms": at, "action": "crash", "node": node })
            }
            0 | 1 => {
                down[node as usize] = false;
                json!({ "at_ms": at, "action": "recover", "node": node })
            }
            2 => {
                let cut = rng.range(1, n - 1);
                let mut ids: Vec<u64> = (1..=n).collect();
                for i in (1..ids.len()).rev() {
                    ids.swap(i, rng.range(0, i as u64) as usize);
                }
                json!({ "at_ms": at, "action": "partition", "groups": [ids[..cut as usize].to_vec()] })
            }
            _ => json!({ "at_ms": at, "action": "heal" }),
        };
        events.push((at, ev));
    }
    events.push((FAULTS_END_MS, json!({ "at_ms": FAULTS_END_MS, "action": "heal" })));
    for (id, d) in down.iter().enumerate() {
        if *d {
            events.push((FAULTS_END_MS, json!({ "at_ms": FAULTS_END_MS, "action": "recover", "node": id })));
        }
    }
    let scenario = json!({
        "protocol": "paxos", "nodes": n, "seed": seed, "duration_ms": FAULTS_END_MS + AFTER_MS,
        "network": { "latency_ms": latency, "loss": loss, "duplicate": duplicate },
        "params": params,
        "events": events.into_iter().map(|(_, e)| e).collect::<Vec<_>>(),
    });
    Gen { scenario, blocked, submitted }
}

/// Partition groups in which no proposer can reach a majority of acceptors.
fn minority_groups(params: &Value, n: u64) -> Value {
    if params.get("roles").is_some() {
        let size = ((n - 1) / 2).max(1);
        let ids: Vec<u64> = (1..=n).collect();
        return json!(ids.chunks(size as usize).map(|c| c.to_vec()).collect::<Vec<_>>());
    }
    let (p, a, l) = (params["proposers"].as_u64().unwrap(), params["acceptors"].as_u64().unwrap(), params["learners"].as_u64().unwrap());
    let m = a / 2 + 1;
    let mut with_proposers: Vec<u64> = (1..=p).collect();
    with_proposers.extend(p + 1..p + m);
    with_proposers.extend(p + a + 1..=p + a + l);
    json!([with_proposers])
}

/// A run driven step by step, so tests can watch the chosen log as it grows.
pub struct Driven {
    pub world: World<Paxos>,
    pub text: String,
}

impl Driven {
    pub fn new(scenario: &Value) -> Driven {
        let text = scenario.to_string();
        let world = super::start::<Paxos>(&text);
        Driven { world, text }
    }

    pub fn step(&mut self) -> bool {
        let mut out = Vec::new();
        self.world.step(&mut out)
    }

    pub fn cfg(&self) -> &PaxosConfig {
        self.world.cfg()
    }

    pub fn chosen(&self) -> ChosenMap {
        chosen(self.world.nodes(), self.world.cfg())
    }

    /// Run to the end; return the first time (µs) at which `done` held on the chosen log at
    /// or after `from_us`, if it ever did.
    pub fn run_watching(&mut self, from_us: u64, done: impl Fn(&ChosenMap) -> bool) -> Option<u64> {
        let mut at = None;
        while self.step() {
            if at.is_none() && self.world.now() >= from_us && done(&self.chosen()) {
                at = Some(self.world.now());
            }
        }
        at
    }

    pub fn violations(&self) -> Vec<String> {
        self.world.violations.iter().map(|(name, v)| format!("{name} at {} ms: {}", v.at_ms, v.explanation)).collect()
    }
}

/// Median, 90th percentile and maximum of some ms figures.
pub fn spread(mut v: Vec<u64>) -> (u64, u64, u64) {
    if v.is_empty() {
        return (0, 0, 0);
    }
    v.sort_unstable();
    (v[v.len() / 2], v[v.len() * 9 / 10], v[v.len() - 1])
}

/// Every command sent to a live proposer is in the applied log exactly once.
pub fn all_in(ch: &ChosenMap, submitted: &[String]) -> bool {
    let log = crate::protocols::paxos::invariants::applied(ch);
    submitted.iter().all(|v| log.iter().filter(|x| *x == v).count() == 1)
}

const MEASURES: &[&str] = &["faults end -> a value chosen (Synod)", "faults end -> every command chosen once (Multi)"];

/// One run: Synod on even seeds, Multi-Paxos on odd ones (both modes get every fault mix).
pub fn measured(seed: u64, bugs: &[&str]) -> Outcome {
    let multi = seed % 2 == 1;
    let g = scenario(seed, multi, bugs);
    let mut d = Driven::new(&g.scenario);
    let from = FAULTS_END_MS * 1000;
    let at = if multi {
        d.run_watching(from, |ch| all_in(ch, &g.submitted))
    } else {
        d.run_watching(from, |ch| ch.contains_key(&0))
    };
    let mut broken = super::broken(&d.world);
    let soak = |explanation: String| Broken { name: "soak check".into(), at_ms: FAULTS_END_MS, explanation };
    if g.blocked && at == Some(0) {
        broken.push(soak("chosen while no proposer could reach a majority of acceptors".into()));
    }
    let log = crate::protocols::paxos::invariants::applied(&d.chosen());
    if let Some(v) = log.iter().find(|v| !g.submitted.contains(v)) {
        broken.push(soak(format!("applied {v}, which no client sent to a live proposer")));
    }
    let live = at.map_or(Live::Never, Live::After);
    Outcome { broken, live: if multi { vec![Live::NotMeasured, live] } else { vec![live, Live::NotMeasured] } }
}

fn text(seed: u64, bugs: &[&str]) -> String {
    scenario(seed, seed % 2 == 1, bugs).scenario.to_string()
}

pub fn cases() -> Vec<Case> {
    vec![
        Case { protocol: "paxos", variant: None, measures: MEASURES, run: |s| measured(s, &[]), scenario: |s| text(s, &[]) },
        Case {
            protocol: "paxos",
            variant: Some("ignore_accepted_in_promises"),
            measures: &[],
            run: |s| measured(s, &["ignore_accepted_in_promises"]),
            scenario: |s| text(s, &["ignore_accepted_in_promises"]),
        },
        Case {
            protocol: "paxos",
            variant: Some("forget_promise_on_restart"),
            measures: &[],
            run: |s| measured(s, &["forget_promise_on_restart"]),
            scenario: |s| text(s, &["forget_promise_on_restart"]),
        },
    ]
}

//! Scenarios that get past the parser (issue 19: of 320 fuzzed inputs, 311 were refused, so a
//! panic in the simulator's fault handling was found in 2 runs of 17). Each is built from a
//! list of random numbers (so proptest shrinks a failure towards small numbers and few events)
//! and is valid by construction: every protocol with each of its params (read from its
//! `configure`) at a value inside its range, and events of every action (`set_network`,
//! `cut`/`restore`, `drop`/`delay` of message ids that exist early in a run, recover of a live
//! node, crash of a dead one, duplicated events) at times in order.
#![allow(dead_code)]

use serde_json::{json, Map, Value};

/// The five protocols, the node counts the generator uses (inside each `Protocol::NODES`) and
/// the commands each accepts (`Protocol::COMMANDS`).
pub const PROTOCOLS: [(&str, u32, u32, &[&str]); 5] = [
    ("raft", 1, 7, &["client_request", "timeout"]),
    ("paxos", 1, 9, &["client_request", "timeout"]),
    ("bully", 2, 8, &["start_election", "timeout"]),
    ("ring", 2, 8, &["start_election"]),
    ("om", 3, 7, &[]),
];

/// Every action of the scenario format (scenario/event.rs).
pub const ACTIONS: [&str; 12] = [
    "client_request", "crash", "recover", "timeout", "start_election", "partition", "heal", "cut", "restore", "drop",
    "delay", "set_network",
];

/// Random numbers, read in turn (wrapping round when used up).
pub struct Dice<'a> {
    raw: &'a [u32],
    at: usize,
}

impl<'a> Dice<'a> {
    pub fn new(raw: &'a [u32]) -> Self {
        Dice { raw, at: 0 }
    }

    fn next(&mut self) -> u32 {
        let v = if self.raw.is_empty() { 0 } else { self.raw[self.at % self.raw.len()] };
        self.at += 1;
        // Later rounds through a short list still differ.
        v.wrapping_add(((self.at / self.raw.len().max(1)) as u32).wrapping_mul(0x9e37_79b9))
    }

    /// 0..n (0 when n is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() as u64 % n }
    }

    /// lo..=hi.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.below(list.len() as u64) as usize]
    }
}

/// A valid scenario of any protocol.
pub fn scenario(d: &mut Dice) -> Value {
    let (protocol, lo, hi, commands) = d.pick(&PROTOCOLS);
    let n = d.range(lo as u64, hi as u64) as u32;
    let duration = d.range(50, 3000);
    let mut doc = json!({ "protocol": protocol, "nodes": n, "seed": d.below(1 << 20), "duration_ms": duration });
    if d.chance(70) {
        doc["network"] = network(d);
    }
    let params = params(protocol, n, d);
    if !params.is_empty() {
        doc["params"] = Value::Object(params);
    }
    doc["events"] = Value::Array(events(n, duration, commands, d));
    doc
}

fn network(d: &mut Dice) -> Value {
    let mut net = Map::new();
    if d.chance(60) {
        let lo = d.range(0, 40);
        net.insert("latency_ms".into(), json!([lo, lo + d.range(0, 60)]));
    }
    if d.chance(40) {
        net.insert("loss".into(), json!(d.below(31) as f64 / 100.0));
    }
    if d.chance(40) {
        net.insert("duplicate".into(), json!(d.below(31) as f64 / 100.0));
    }
    if d.chance(40) {
        net.insert("fifo".into(), json!(d.chance(50)));
    }
    Value::Object(net)
}

/// Some of the protocol's params, each inside the range its `configure` accepts.
fn params(protocol: &str, n: u32, d: &mut Dice) -> Map<String, Value> {
    let mut p = Map::new();
    // Each param is set about half the time (else its default is used).
    macro_rules! maybe {
        ($d:expr, $name:expr, $v:expr) => {{
            let v = $v;
            if d.chance(55) {
                p.insert($name.into(), v);
            }
        }};
    }
    match protocol {
        "raft" => {
            // heartbeat < the shortest election timeout (raft/mod.rs configure).
            let lo = d.range(20, 300);
            let hi = lo + d.range(0, 300);
            maybe!(d, "election_timeout_ms", json!([lo, hi]));
            let hb = d.range(1, 19);
            maybe!(d, "heartbeat_ms", json!(hb));
            maybe!(d, "noop_on_election", json!(d.chance(50)));
            let bugs = subset(d, &["commit_old_terms_by_count", "vote_without_log_check", "forget_vote_on_restart"]);
            maybe!(d, "bugs", json!(bugs));
        }
        "paxos" => {
            maybe!(d, "mode", json!(d.pick(&["synod", "multi"])));
            let split = if n >= 3 && d.chance(70) {
                let proposers = d.range(1, n as u64 - 2);
                let learners = d.range(1, n as u64 - 1 - proposers);
                let acceptors = n as u64 - proposers - learners;
                Some((proposers, acceptors, learners))
            } else {
                None
            };
            match split {
                Some((pr, ac, le)) if d.chance(70) => {
                    p.insert("proposers".into(), json!(pr));
                    p.insert("acceptors".into(), json!(ac));
                    p.insert("learners".into(), json!(le));
                    if d.chance(40) {
                        p.insert("distinguished_proposer".into(), json!(d.range(1, pr)));
                    }
                }
                // Without a split, the default one (2, 5, 1) needs exactly 8 nodes.
                _ if n != 8 || d.chance(50) => {
                    p.insert("roles".into(), json!("all"));
                    if d.chance(40) {
                        p.insert("distinguished_proposer".into(), json!(d.range(1, n as u64)));
                    }
                }
                _ => {}
            }
            maybe!(d, "nacks", json!(d.chance(50)));
            let lo = d.range(1, 200);
            maybe!(d, "retry_timeout_ms", json!([lo, lo + d.range(0, 200)]));
            let bugs = subset(d, &["ignore_accepted_in_promises", "forget_promise_on_restart"]);
            maybe!(d, "bugs", json!(bugs));
        }
        "bully" => {
            maybe!(d, "tmax_ms", json!(d.range(1, 80)));
            maybe!(d, "tprocess_ms", json!(d.range(0, 20)));
            maybe!(d, "heartbeat_ms", json!(d.range(1, 300)));
            maybe!(d, "bugs", json!([]));
        }
        "ring" => {
            let mut ids: Vec<u64> = Vec::new();
            while ids.len() < n as usize {
                let top = if d.chance(50) { 2 * n as u64 } else { 1_000_000 };
                let id = d.range(1, top);
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            maybe!(d, "ids", json!(ids));
            maybe!(d, "ack_timeout_ms", json!(d.range(1, 200)));
            maybe!(d, "round_timeout_ms", json!(d.range(1, 2000)));
            // 0 switches the leader check off (ring/mod.rs configure).
            maybe!(d, "leader_check_ms", json!(if d.chance(30) { 0 } else { d.range(1, 500) }));
            maybe!(d, "bugs", json!([]));
        }
        _ => {
            // OM(m) needs m <= n - 2; m <= 2 keeps the oral messages well under the caps.
            let m = d.below((n as u64 - 2).min(2) + 1);
            maybe!(d, "m", json!(m));
            maybe!(d, "commander", json!(d.range(1, n as u64)));
            // The orders a commander may give (om/mod.rs configure): `order` and `default` must
            // be among them, so with other values than attack/retreat both are always given.
            let values: &[&str] = match d.below(3) {
                0 => &["attack", "retreat"],
                1 => &["x", "y", "z", "retreat"],
                _ => &["x", "y", "z"],
            };
            if values[0] == "attack" {
                maybe!(d, "order", json!(d.pick(values)));
                maybe!(d, "default", json!(d.pick(values)));
            } else {
                p.insert("values".into(), json!(values));
                p.insert("order".into(), json!(d.pick(values)));
                p.insert("default".into(), json!(d.pick(values)));
            }
            let mut traitors = Map::new();
            for _ in 0..d.below(3) {
                let strategy = d.pick(&["flip", "two_faced", "random", "silent", "collude"]);
                traitors.insert(d.range(1, n as u64).to_string(), json!(strategy));
            }
            maybe!(d, "traitors", Value::Object(traitors));
            maybe!(d, "signed", json!(d.chance(50)));
            maybe!(d, "random_seed", json!(d.below(1000)));
            maybe!(d, "bugs", json!([]));
        }
    }
    p
}

fn subset(d: &mut Dice, names: &[&str]) -> Vec<String> {
    names.iter().filter(|_| d.chance(30)).map(|s| s.to_string()).collect()
}

/// Up to 16 events in time order; a third of them repeated at once (same time, same action).
fn events(n: u32, duration: u64, commands: &[&str], d: &mut Dice) -> Vec<Value> {
    let count = d.below(17);
    let mut at = 0;
    let mut out: Vec<Value> = Vec::new();
    for _ in 0..count {
        at = (at + d.below(duration / 4 + 1)).min(duration);
        if !out.is_empty() && d.chance(25) {
            let mut again = out.last().unwrap().clone();
            again["at_ms"] = json!(at.max(again["at_ms"].as_u64().unwrap()));
            if d.chance(50) {
                again["at_ms"] = out.last().unwrap()["at_ms"].clone();
            }
            out.push(again);
            continue;
        }
        let node = |d: &mut Dice| d.range(1, n as u64);
        let action = d.pick(&ACTIONS);
        let e = match action {
            "client_request" | "timeout" | "start_election" => {
                // A command the protocol does not take would be refused.
                let Some(&cmd) = commands.get(d.below(commands.len().max(1) as u64) as usize) else { continue };
                if cmd == "client_request" {
                    json!({ "action": cmd, "node": node(d), "value": format!("v{}", d.below(100)) })
                } else {
                    json!({ "action": cmd, "node": node(d) })
                }
            }
            // Half the recoveries name a node that may never have crashed (a live node).
            "crash" | "recover" => json!({ "action": action, "node": node(d) }),
            "partition" => {
                let groups = d.range(1, 3);
                let mut gs: Vec<Vec<u64>> = vec![Vec::new(); groups as usize];
                for id in 1..=n as u64 {
                    if d.chance(85) {
                        gs[d.below(groups) as usize].push(id);
                    }
                }
                gs.retain(|g| !g.is_empty());
                if gs.is_empty() {
                    continue;
                }
                json!({ "action": "partition", "groups": gs })
            }
            "heal" => json!({ "action": "heal" }),
            "cut" | "restore" if n >= 2 => {
                let from = node(d);
                let to = 1 + (from + d.range(0, n as u64 - 2)) % n as u64;
                json!({ "action": action, "from": from, "to": to })
            }
            "cut" | "restore" => continue,
            // Ids are handed out from 0 in send order: small ones name real messages, in
            // flight or not, and some name none yet.
            "drop" => json!({ "action": "drop", "message": d.below(80) }),
            "delay" => json!({ "action": "delay", "message": d.below(80), "by_ms": d.range(1, 500) }),
            _ => {
                let mut e = json!({ "action": "set_network" });
                let both = d.below(3);
                if both != 1 {
                    let lo = d.range(0, 50);
                    e["latency_ms"] = json!([lo, lo + d.range(0, 80)]);
                }
                if both != 0 {
                    e["loss"] = json!(d.below(41) as f64 / 100.0);
                }
                e
            }
        };
        let mut e = e;
        e["at_ms"] = json!(at);
        out.push(e);
    }
    out
}

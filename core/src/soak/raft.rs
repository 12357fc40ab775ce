//! Random faulty Raft scenarios for the property runs, and a runner that measures liveness.
//!
//! Two fault generators ("nemeses", as Jepsen calls them):
//!
//! - `random_faults`: crashes (some with a quick restart), recoveries, random two-way
//!   partitions, heals, forced timeouts, and split elections with a restart in the middle.
//! - `adaptive`: looks at the cluster before each move (by replaying the scenario so far,
//!   which is deterministic) and picks on the leader: isolate it with a fresh client request
//!   and crash it (so it keeps an entry nobody else has, like S5 in Figure 8), crash it,
//!   restart a crashed node and make it stand for election at once, or run a split election
//!   between two nodes of the same term with a restart in the middle.
//!
//! Both end the same way: the network heals, crashed nodes come back (all, or all but at
//! most two), and client requests go on for `SETTLE_MS`.
use serde_json::{json, Value};

use super::{Case, Live};
use crate::protocols::raft::{invariants, Raft, Role, BUG_COMMIT_OLD_TERMS, BUG_FORGET_VOTE, BUG_VOTE_WITHOUT_LOG_CHECK};
use crate::sim::protocol::CheckCx;
use crate::sim::engine::World;
use crate::sim::rng::SimRng;
use crate::sim::time::{ms, Time};

pub const N: u64 = 5;
/// How long the run goes on after the faults stop.
pub const SETTLE_MS: u64 = 4000;

#[derive(Clone, Debug)]
pub struct Plan {
    pub seed: u64,
    pub bugs: Vec<String>,
    /// §8's no-op on election (the default); off only to show what it is for.
    pub noop_on_election: bool,
    latency: (u64, u64),
    loss: f64,
    dup: f64,
    /// (at_ms, event without at_ms), kept sorted by time (stable: same-time order is kept).
    events: Vec<(u64, Value)>,
    /// When the last fault is healed.
    pub healed: u64,
    pub end: u64,
}

impl Plan {
    fn new(seed: u64, bugs: &[&str], rng: &mut SimRng, healed: u64) -> Plan {
        let lo = rng.range(2, 15);
        let latency = (lo, lo + rng.range(0, 20));
        let loss = [0.0, 0.0, 0.01, 0.05][rng.range(0, 3) as usize];
        let dup = [0.0, 0.0, 0.01, 0.05][rng.range(0, 3) as usize];
        let bugs = bugs.iter().map(|b| b.to_string()).collect();
        Plan { seed, bugs, noop_on_election: true, latency, loss, dup, events: Vec::new(), healed, end: healed + SETTLE_MS }
    }

    fn add(&mut self, at: u64, e: Value) {
        let pos = self.events.partition_point(|(t, _)| *t <= at);
        self.events.insert(pos, (at, e));
    }

    pub fn json(&self) -> Value {
        let events: Vec<Value> = self
            .events
            .iter()
            .map(|(t, e)| {
                let mut e = e.clone();
                e["at_ms"] = json!(t);
                e
            })
            .collect();
        let mut params = json!({ "bugs": self.bugs });
        if !self.noop_on_election {
            params["noop_on_election"] = json!(false);
        }
        json!({
            "protocol": "raft", "nodes": N, "seed": self.seed, "duration_ms": self.end,
            "network": { "latency_ms": [self.latency.0, self.latency.1], "loss": self.loss, "duplicate": self.dup },
            "params": params,
            "events": events,
        })
    }

    pub fn text(&self) -> String {
        self.json().to_string()
    }

    /// Client requests every `gap` ms, each sent to one server, in turn: the client does not
    /// know the leader, so a follower redirects it there (§8), a server that knows no leader
    /// turns it away and the client tries that server again later, a leader appends it.
    fn client_stream(&mut self, rng: &mut SimRng, gap: (u64, u64)) {
        let mut c = rng.range(0, gap.1);
        let mut k: u64 = 0;
        while c < self.end {
            k += 1;
            self.add(c, json!({ "action": "client_request", "node": k % N + 1, "value": format!("k{}={k}", k % 4) }));
            c += rng.range(gap.0, gap.1);
        }
    }

    /// After the heal, a client asking every 300–600 ms (its own random stream, so the plan
    /// before the heal is unchanged): with the adaptive nemesis's sparse requests a run could
    /// otherwise end with nothing asked after the heal, or its only request lost, and show no
    /// progress.
    fn requests_after_heal(&mut self, seed: u64) {
        let mut rng = SimRng::new(seed ^ 0xC11E);
        let mut c = self.healed + rng.range(100, 400);
        let mut k: u64 = 0;
        while c + 1000 < self.end {
            k += 1;
            self.add(c, json!({ "action": "client_request", "node": k % N + 1, "value": format!("a{}={k}", k % 4) }));
            c += rng.range(300, 600);
        }
    }

    /// The faults stop: heal, and bring back crashed nodes (all but at most `keep_down`).
    fn settle(&mut self, rng: &mut SimRng, down: &[bool], keep_down: u32) {
        self.add(self.healed, json!({ "action": "heal" }));
        let mut left = 0;
        for i in 1..=N {
            if down[i as usize] {
                if left < keep_down && rng.range(0, 1) == 0 {
                    left += 1;
                } else {
                    self.add(self.healed, json!({ "action": "recover", "node": i }));
                }
            }
        }
    }

    /// The world just before the first event at or after `t` ms.
    pub fn world_at(&self, t: u64) -> World<Raft> {
        let mut w = start(&self.text());
        let mut out = Vec::new();
        while w.next_time().is_some_and(|n| n < ms(t)) {
            w.step(&mut out);
            out.clear();
        }
        w
    }
}

fn start(text: &str) -> World<Raft> {
    super::start::<Raft>(text)
}

#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Faults come faster and crashed nodes often restart at once.
    pub crash_heavy: bool,
    /// Milliseconds between client requests.
    pub requests: (u64, u64),
}

pub fn random_faults(seed: u64, bugs: &[&str], style: Style) -> Plan {
    let mut rng = SimRng::new(seed);
    let healed = rng.range(2000, 5000);
    let mut p = Plan::new(seed, bugs, &mut rng, healed);
    let mut down = [false; N as usize + 1];
    let mut t = rng.range(0, 300);
    while t < healed {
        let node = rng.range(1, N);
        match rng.range(0, 9) {
            0..=2 if !down[node as usize] => {
                down[node as usize] = true;
                p.add(t, json!({ "action": "crash", "node": node }));
                if style.crash_heavy || rng.range(0, 2) == 0 {
                    let back = t + rng.range(1, 60);
                    if back < healed {
                        down[node as usize] = false;
                        p.add(back, json!({ "action": "recover", "node": node }));
                    }
                }
            }
            0..=4 if down[node as usize] => {
                down[node as usize] = false;
                p.add(t, json!({ "action": "recover", "node": node }));
            }
            5 | 6 => {
                let (a, b): (Vec<u64>, Vec<u64>) = (1..=N).partition(|_| rng.range(0, 1) == 0);
                if !a.is_empty() && !b.is_empty() {
                    p.add(t, json!({ "action": "partition", "groups": [a, b] }));
                }
            }
            7 => p.add(t, json!({ "action": "heal" })),
            8 if rng.range(0, 1) == 0 => {
                // Everyone is back, then a split election with a restart in the middle: two
                // nodes time out at once and a third restarts while their RequestVotes are
                // on their way to it.
                p.add(t, json!({ "action": "heal" }));
                for (i, d) in down.iter_mut().enumerate().skip(1) {
                    if std::mem::take(d) {
                        p.add(t, json!({ "action": "recover", "node": i }));
                    }
                }
                let other = node % N + 1;
                let third = other % N + 1;
                let at = t + 1 + rng.range(p.latency.0, p.latency.1);
                p.add(t + 1, json!({ "action": "timeout", "node": node }));
                p.add(t + 1, json!({ "action": "timeout", "node": other }));
                p.add(at, json!({ "action": "crash", "node": third }));
                p.add(at + rng.range(0, 2), json!({ "action": "recover", "node": third }));
            }
            _ => p.add(t, json!({ "action": "timeout", "node": node })),
        }
        t += rng.range(if style.crash_heavy { 5 } else { 20 }, 400);
    }
    p.settle(&mut rng, &down, 2);
    p.client_stream(&mut rng, style.requests);
    p
}

/// The adaptive nemesis (see the module comment). Client requests are sparse so that a
/// new leader often has nothing of its own term to replicate for a while: the situation in
/// which §5.4.2's rule matters.
pub fn adaptive(seed: u64, bugs: &[&str]) -> Plan {
    adaptive_with(seed, bugs, true)
}

/// The adaptive nemesis against Raft with or without §8's no-op (it watches the cluster, so
/// the plan depends on it).
pub fn adaptive_with(seed: u64, bugs: &[&str], noop_on_election: bool) -> Plan {
    let mut rng = SimRng::new(seed ^ 0xF168);
    let healed = rng.range(4000, 6000);
    let mut p = Plan::new(seed, bugs, &mut rng, healed);
    p.noop_on_election = noop_on_election;
    p.client_stream(&mut rng, (1000, 3000));
    let mut t = rng.range(200, 400);
    while t + 100 < healed {
        let w = p.world_at(t);
        let nodes = w.nodes();
        let up = |i: u32| w.is_up(i);
        let leader = nodes.iter().filter(|r| up(r.id) && r.role == Role::Leader).max_by_key(|r| r.term).map(|r| r.id);
        let down: Vec<u32> = nodes.iter().filter(|r| !up(r.id)).map(|r| r.id).collect();
        match (rng.range(0, 3), leader) {
            // Figure 8's S5: the leader takes a request nobody else will see, and crashes.
            (0, Some(l)) => {
                p.add(t, json!({ "action": "partition", "groups": [[l]] }));
                p.add(t, json!({ "action": "client_request", "node": l, "value": format!("solo{t}") }));
                p.add(t + 1, json!({ "action": "crash", "node": l }));
                p.add(t + 2, json!({ "action": "heal" }));
            }
            (1, Some(l)) => p.add(t, json!({ "action": "crash", "node": l })),
            // A split election with a restart in the middle: everyone is back, two nodes of
            // the same term time out at once, and a third restarts while their RequestVotes
            // are on their way to it.
            (2, _) => {
                for &x in &down {
                    p.add(t, json!({ "action": "recover", "node": x }));
                }
                let mut ids: Vec<u32> = (1..=N as u32).collect();
                for i in (1..ids.len()).rev() {
                    ids.swap(i, rng.range(0, i as u64) as usize);
                }
                let term = |i: u32| nodes[i as usize - 1].term;
                if let Some(b) = ids[1..].iter().copied().find(|&b| term(b) == term(ids[0])) {
                    let (a, x) = (ids[0], ids.iter().copied().find(|&x| x != ids[0] && x != b).unwrap());
                    let at = t + 1 + rng.range(p.latency.0, p.latency.1);
                    p.add(t + 1, json!({ "action": "timeout", "node": a }));
                    p.add(t + 1, json!({ "action": "timeout", "node": b }));
                    p.add(at, json!({ "action": "crash", "node": x }));
                    p.add(at + rng.range(0, 2), json!({ "action": "recover", "node": x }));
                }
            }
            // Bring a crashed node back and make it stand for election at once.
            _ if !down.is_empty() => {
                let x = down[rng.range(0, down.len() as u64 - 1) as usize];
                p.add(t, json!({ "action": "recover", "node": x }));
                p.add(t, json!({ "action": "timeout", "node": x }));
            }
            _ => {}
        }
        t += rng.range(60, 250);
    }
    let w = p.world_at(healed);
    let down: Vec<bool> = (0..=N as u32).map(|i| i > 0 && !w.is_up(i)).collect();
    p.settle(&mut rng, &down, 0);
    p.requests_after_heal(seed);
    p
}

/// What one run showed: the invariants broken (name, at_ms, explanation), and how long after
/// `healed` the cluster settled, if it did.
pub struct Outcome {
    pub broken: Vec<(String, u64, String)>,
    /// From `healed` until a leader that every live node follows.
    pub led_after: Option<Time>,
    /// From `healed` until, moreover, everything in that leader's log is committed.
    pub settled_after: Option<Time>,
    /// Client values first committed after `healed` (progress: a run in which nothing is
    /// committed keeps every safety property trivially).
    pub committed_after_heal: usize,
    /// Where checking from scratch disagreed with the incremental checks (see
    /// `run_cross_checked`), if it did.
    pub disagreement: Option<String>,
}

/// Settled: a live leader that every live node follows in its term, with every entry of its
/// log committed. A request appended by a leader that lost its term before replicating it
/// is gone for good (a real client would time out and retry); one turned away for lack of a
/// leader is retried by the client (§8) and appended once it reaches a leader.
pub fn settled(w: &World<Raft>) -> (bool, bool) {
    let nodes = w.nodes();
    let live = || nodes.iter().filter(|r| w.is_up(r.id));
    let Some(l) = live().find(|r| r.role == Role::Leader) else { return (false, false) };
    let led = live().all(|r| r.term == l.term && r.leader == Some(l.id));
    (led, led && l.commit_index == l.log.last_index())
}

pub fn run(p: &Plan) -> Outcome {
    run_checked(p, 0)
}

/// `run`, and every `every` steps (and at every step that reports a violation, and at the
/// end) the invariants checked again from scratch on a copy of the nodes (the checks' memo
/// of what they saw last forgotten): what the incremental checks have reported by then must
/// be exactly what checking from scratch finds, now or at an earlier such step. A checker
/// whose "only what changed" shortcut misses a change fails this. `every` 0: never.
pub fn run_cross_checked(p: &Plan, every: u64) -> Outcome {
    run_checked(p, every.max(1))
}

fn run_checked(p: &Plan, every: u64) -> Outcome {
    let mut w = start(&p.text());
    let mut out = Vec::new();
    let healed = ms(p.healed);
    let (mut led_at, mut settled_at) = (None, None);
    let mut from_scratch: Vec<&'static str> = Vec::new();
    let mut disagreement = None;
    let mut reported = 0;
    loop {
        let more = w.step(&mut out);
        out.clear();
        if settled_at.is_none() && w.now() >= healed {
            let (led, all) = settled(&w);
            if led && led_at.is_none() {
                led_at = Some(w.now() - healed);
            }
            if all {
                settled_at = Some(w.now() - healed);
            }
        }
        let newly = w.violations.len() != reported;
        reported = w.violations.len();
        if every > 0 && disagreement.is_none() && (newly || !more || w.steps().is_multiple_of(every)) {
            for name in check_from_scratch(&w) {
                if !from_scratch.contains(&name) {
                    from_scratch.push(name);
                }
            }
            let incremental: Vec<&str> = w.violations.iter().map(|(n, _)| *n).collect();
            let missed: Vec<&&str> = from_scratch.iter().filter(|n| !incremental.contains(n)).collect();
            let unseen: Vec<&&str> = incremental.iter().filter(|n| !from_scratch.contains(n)).collect();
            if !missed.is_empty() || !unseen.is_empty() {
                disagreement = Some(format!(
                    "at {} µs (step {}): from scratch found {missed:?} the incremental checks did not report; they reported {unseen:?} that checking from scratch does not find",
                    w.now(),
                    w.steps()
                ));
            }
        }
        if !more {
            break;
        }
    }
    let broken = w.violations.iter().map(|(n, v)| (n.to_string(), v.at_ms, v.explanation.to_string())).collect();
    let committed_after_heal = committed_since(&w, healed);
    Outcome { broken, led_after: led_at, settled_after: settled_at, committed_after_heal, disagreement }
}

/// The invariants broken in `w`'s state, checked from scratch on a copy of its nodes.
fn check_from_scratch(w: &World<Raft>) -> Vec<&'static str> {
    let nodes: Vec<Raft> = w.nodes().to_vec();
    let up: Vec<bool> = (1..=nodes.len() as u32).map(|i| w.is_up(i)).collect();
    let cx = CheckCx { now: w.now(), cfg: w.cfg(), nodes: &nodes, up: &up, in_flight: &[] };
    invariants::check_from_scratch(&cx).into_iter().map(|v| v.name).collect()
}

/// How many client values some server committed for the first time at or after `t`.
fn committed_since(w: &World<Raft>, t: Time) -> usize {
    let outcome = w.outcome();
    let commits = outcome["commits"].as_array().map_or(&[][..], |c| c.as_slice());
    commits.iter().filter(|c| c["value"].is_string() && c["at_ms"].as_u64().is_some_and(|at| ms(at) >= t)).count()
}

/// The soak's mix for the correct protocol: one seed in eight faces the adaptive nemesis,
/// the others random faults (crash-heavy on odd seeds), as in raft_properties.rs.
pub fn mixed(seed: u64) -> Plan {
    mixed_with(seed, true)
}

/// The soak's mix with or without §8's no-op.
pub fn mixed_with(seed: u64, noop_on_election: bool) -> Plan {
    if seed.is_multiple_of(8) {
        adaptive_with(seed, &[], noop_on_election)
    } else {
        let mut p = random_faults(seed, &[], Style { crash_heavy: seed % 2 == 1, requests: (50, 150) });
        p.noop_on_election = noop_on_election;
        p
    }
}

/// `commit_old_terms_by_count` under the adaptive nemesis, without §8's no-op: Figure 8's
/// trap needs a leader whose log ends in an entry of an earlier term, which the no-op
/// (committed at once with everything before it) all but removes.
pub fn figure_8_bug(seed: u64) -> Plan {
    adaptive_with(seed, &[BUG_COMMIT_OLD_TERMS], false)
}

/// Crash-heavy random faults: the generator that catches `vote_without_log_check` best.
pub const HEAVY: Style = Style { crash_heavy: true, requests: (50, 150) };

const MEASURES: &[&str] = &["last heal -> a leader all follow", "last heal -> everything committed"];

fn measured(p: &Plan) -> super::Outcome {
    let o = run(p);
    let live = |t: Option<Time>| t.map_or(Live::Never, Live::After);
    let broken = o.broken.into_iter().map(|(name, at_ms, explanation)| super::Broken { name, at_ms, explanation }).collect();
    super::Outcome { broken, live: vec![live(o.led_after), live(o.settled_after)] }
}

pub fn cases() -> Vec<Case> {
    vec![
        Case { protocol: "raft", variant: None, measures: MEASURES, run: |s| measured(&mixed(s)), scenario: |s| mixed(s).text() },
        Case {
            protocol: "raft",
            variant: Some(BUG_COMMIT_OLD_TERMS),
            measures: &[],
            run: |s| measured(&figure_8_bug(s)),
            scenario: |s| figure_8_bug(s).text(),
        },
        Case {
            protocol: "raft",
            variant: Some(BUG_VOTE_WITHOUT_LOG_CHECK),
            measures: &[],
            run: |s| measured(&random_faults(s, &[BUG_VOTE_WITHOUT_LOG_CHECK], HEAVY)),
            scenario: |s| random_faults(s, &[BUG_VOTE_WITHOUT_LOG_CHECK], HEAVY).text(),
        },
        Case {
            protocol: "raft",
            variant: Some(BUG_FORGET_VOTE),
            measures: &[],
            run: |s| measured(&adaptive(s, &[BUG_FORGET_VOTE])),
            scenario: |s| adaptive(s, &[BUG_FORGET_VOTE]).text(),
        },
    ]
}

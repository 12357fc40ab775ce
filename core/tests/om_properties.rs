//! Property runs of the Byzantine generals (Lamport, Shostak & Pease 1982):
//!
//! * OM(m) keeps IC1 and IC2 in every run with n ≥ 3m+1 generals and at most m traitors
//!   (Theorem 1), for every traitor set, strategy, order and commander we try;
//! * SM(m) keeps them with any n ≥ m+2 and at most m traitors (Theorem 2), colluding traitors
//!   (who forge each other's signatures, §4) included, and breaks IC1 with m+1 colluders;
//! * every one of these runs also ends with every loyal lieutenant decided, so none can pass
//!   because nobody decided (IC1 and IC2 hold trivially then);
//! * with the orders of the notes (attack, retreat) and of the paper's Figure 4 (x, y, z and
//!   RETREAT for "no majority");
//! * where the impossibility applies (n ≤ 3·traitors, §2), a search over traitor sets and
//!   strategies finds a run that breaks IC1 or IC2, for every (n, m) it can be broken in;
//! * OM(m) sends exactly (n−1) + (n−1)(n−2) + … + (n−1)…(n−m−1) messages.
//!
//! Every run is a scenario document; a failure prints it so `consenso run` replays it.

mod common;

use consenso_core::sim::report::Report;
use consenso_core::sim::rng::SimRng;
use serde_json::{json, Value};

/// How a traitor behaves in the searches: the five strategies, `random` with a few seeds.
const STRATEGIES: [(&str, u64); 7] = [("flip", 0), ("two_faced", 0), ("silent", 0), ("collude", 0), ("random", 1), ("random", 2), ("random", 3)];

/// The orders of a run (`params.values`) and an order from them: the notes' two, and the
/// paper's Figure 4 (x, y, z, with RETREAT, the default, for "no majority").
const NOTES: &[&str] = &["attack", "retreat"];
const FIGURE_4: &[&str] = &["x", "y", "z", "retreat"];
const ORDERS: [(&[&str], &str); 4] = [(NOTES, "attack"), (NOTES, "retreat"), (FIGURE_4, "x"), (FIGURE_4, "retreat")];

struct Case {
    n: u32,
    m: u32,
    commander: u32,
    values: &'static [&'static str],
    order: &'static str,
    signed: bool,
    /// (traitor, index into STRATEGIES)
    traitors: Vec<(u32, usize)>,
}

impl Case {
    /// The scenario document; `seed` varies the latency range and hence the timing.
    fn scenario(&self, seed: u64) -> String {
        let mut rng = SimRng::new(seed);
        let lo = rng.range(0, 20);
        let hi = lo + rng.range(0, 30);
        let mut traitors = serde_json::Map::new();
        // Random traitors all draw from one random_seed: the strategies' own seed picks it.
        let mut random_seed = 0;
        for &(id, s) in &self.traitors {
            traitors.insert(id.to_string(), json!(STRATEGIES[s].0));
            random_seed = random_seed * 7 + STRATEGIES[s].1;
        }
        json!({
            "protocol": "om", "nodes": self.n, "seed": seed,
            "duration_ms": (self.m as u64 + 1) * (hi + 1) + 10,
            "network": { "latency_ms": [lo, hi] },
            "params": { "m": self.m, "commander": self.commander, "order": self.order, "values": self.values,
                        "traitors": traitors, "signed": self.signed, "random_seed": random_seed }
        })
        .to_string()
    }
}

fn broken(r: &Report) -> Vec<&'static str> {
    r.invariants.iter().filter(|i| !i.ok).map(|i| i.name).collect()
}

/// IC1 and IC2 hold, and every loyal lieutenant decided: the decisions list each of them
/// (n − 1 minus the traitor lieutenants), none null.
fn holds_and_everyone_decides(r: &Report, loyal_lieutenants: usize, text: &str) {
    assert!(broken(r).is_empty(), "{:?} broken: {}\nscenario: {text}", broken(r), r.outcome);
    let decisions = r.outcome["decisions"].as_object().unwrap();
    assert_eq!(decisions.len(), loyal_lieutenants, "decisions of every loyal lieutenant: {}\nscenario: {text}", r.outcome);
    assert!(decisions.values().all(|d| !d.is_null()), "a loyal lieutenant never decided: {}\nscenario: {text}", r.outcome);
}

impl Case {
    fn loyal_lieutenants(&self) -> usize {
        (1..=self.n).filter(|&id| id != self.commander && !self.traitors.iter().any(|&(t, _)| t == id)).count()
    }
}

/// Every subset of 1..=n of size k, in lexicographic order.
fn subsets(n: u32, k: usize) -> Vec<Vec<u32>> {
    fn go(from: u32, n: u32, k: usize, cur: &mut Vec<u32>, out: &mut Vec<Vec<u32>>) {
        if cur.len() == k {
            out.push(cur.clone());
            return;
        }
        for i in from..=n {
            cur.push(i);
            go(i + 1, n, k, cur, out);
            cur.pop();
        }
    }
    let mut out = Vec::new();
    go(1, n, k, &mut Vec::new(), &mut out);
    out
}

/// Every assignment of STRATEGIES to `set`.
fn assignments(set: &[u32]) -> Vec<Vec<(u32, usize)>> {
    let mut out = vec![Vec::new()];
    for &id in set {
        out = out.into_iter().flat_map(|a: Vec<(u32, usize)>| (0..STRATEGIES.len()).map(move |s| [a.clone(), vec![(id, s)]].concat())).collect();
    }
    out
}

/// Every case with n generals, OM/SM(m), and exactly t traitors (commander 1 or, when
/// `rotate`, a commander that moves with the traitor set so loyal and traitor commanders
/// with every id occur).
fn cases(n: u32, m: u32, t: usize, signed: bool) -> Vec<Case> {
    let mut out = Vec::new();
    for (i, set) in subsets(n, t).into_iter().enumerate() {
        for a in assignments(&set) {
            for (values, order) in ORDERS {
                let commander = 1 + (i as u32 + out.len() as u32) % n;
                out.push(Case { n, m, commander, values, order, signed, traitors: a.clone() });
            }
        }
    }
    out
}

/// Run every case where the theorem guarantees IC1 and IC2; returns how many runs.
fn all_hold(guaranteed: impl Fn(u32, u32) -> bool, max_m: u32, signed: bool) -> usize {
    let mut runs = 0;
    for n in 3..=7 {
        for m in 0..=max_m.min(n - 2) {
            if !guaranteed(n, m) {
                continue;
            }
            for t in 0..=m as usize {
                for c in cases(n, m, t, signed) {
                    let text = c.scenario(runs as u64);
                    holds_and_everyone_decides(&common::run_json(&text), c.loyal_lieutenants(), &text);
                    runs += 1;
                }
            }
        }
    }
    runs
}

#[test]
fn om_keeps_ic1_and_ic2_whenever_n_is_at_least_3m_plus_1() {
    let runs = all_hold(|n, m| n > 3 * m, 2, false);
    eprintln!("OM(m), n ≥ 3m+1, ≤ m traitors: {runs} runs, all hold");
    assert!(runs > 1000);
}

#[test]
fn sm_keeps_ic1_and_ic2_for_any_n_of_at_least_m_plus_2() {
    let runs = all_hold(|n, m| n >= m + 2, 2, true);
    eprintln!("SM(m), n ≥ m+2, ≤ m traitors: {runs} runs, all hold");
    assert!(runs > 1000);
}

/// The first case (in search order) with n generals, OM(m) and t traitors that breaks IC1
/// or IC2: its scenario, the names broken, and how many runs the search took.
fn search(n: u32, m: u32, t: usize) -> (Option<(String, Vec<&'static str>)>, usize) {
    let mut runs = 0;
    let found = cases(n, m, t, false).into_iter().find_map(|c| {
        let text = c.scenario(runs as u64);
        runs += 1;
        let b = broken(&common::run_json(&text));
        (!b.is_empty()).then_some((text, b))
    });
    (found, runs)
}

#[test]
fn where_n_is_at_most_3_traitors_the_search_breaks_ic1_or_ic2_for_every_m() {
    // §2: no solution with n ≤ 3t. Only t ≤ n − 2 is searched: with n − 1 traitors there is
    // at most one loyal general besides a traitor commander, or a loyal commander and no
    // loyal lieutenant, and neither condition can be broken.
    let (mut runs, mut configs) = (0, 0);
    for n in 3..=7u32 {
        for m in 0..=2.min(n - 2) {
            for t in (n as usize).div_ceil(3)..=(n as usize - 2) {
                let (found, r) = search(n, m, t);
                runs += r;
                configs += 1;
                let (text, names) = found.unwrap_or_else(|| panic!("no strategy broke OM({m}) with n={n} and {t} traitors"));
                eprintln!("n={n} OM({m}) {t} traitors: {names:?} after {r} runs: {text}");
            }
        }
    }
    eprintln!("impossibility: all {configs} (n, m, t) configurations broken, {runs} runs searched");
}

#[test]
fn om1_with_two_traitors_among_seven_fails_but_om2_does_not() {
    // n = 7 > 3·2, so the impossibility does not apply: m = 1 < 2 traitors is what fails.
    let (found, runs) = search(7, 1, 2);
    let (text, names) = found.expect("OM(1) with 2 traitors among 7 can be broken");
    eprintln!("OM(1), 7 generals, 2 traitors: {names:?} after {runs} runs: {text}");
    let mut s: Value = serde_json::from_str(&text).unwrap();
    s["params"]["m"] = json!(2);
    s["duration_ms"] = json!(s["duration_ms"].as_u64().unwrap() * 2);
    let same_with_m2 = s.to_string();
    let commander = s["params"]["commander"].to_string();
    let loyal = 7 - 1 - s["params"]["traitors"].as_object().unwrap().keys().filter(|k| **k != commander).count();
    holds_and_everyone_decides(&common::run_json(&same_with_m2), loyal, &same_with_m2);
}

/// (n−1)(n−2)…(n−k): the paths of k generals starting at the commander, times the
/// generals not yet on a path of k−1 — counted here independently of the crate.
fn round_term(n: u64, k: u64) -> u64 {
    (1..=k).map(|j| n - j).product()
}

#[test]
fn om_sends_exactly_the_papers_message_count() {
    for (n, m) in [(3, 0), (3, 1), (4, 1), (5, 1), (7, 1), (4, 2), (5, 2), (7, 2), (5, 3), (7, 3), (8, 3), (9, 4)] {
        let want: Vec<u64> = (1..=m + 1).map(|k| round_term(n, k)).collect();
        let c = Case { n: n as u32, m: m as u32, commander: 1 + (n as u32) % 3, values: NOTES, order: "attack", signed: false, traitors: vec![(2, 0)] };
        let r = common::run_json(&c.scenario(n * 10 + m));
        assert_eq!(r.messages.sent, want.iter().sum::<u64>(), "n={n}, m={m}: {want:?}");
        assert_eq!(r.outcome["sent_by_round"], json!(want), "n={n}, m={m}");
        assert_eq!(r.messages.delivered, r.messages.sent);
        eprintln!("OM({m}) with {n} generals: {} messages = {want:?}", r.messages.sent);
    }
}

#[test]
fn sm_with_a_loyal_commander_sends_each_order_once_per_lieutenant_pair() {
    // Every lieutenant gets the one order in round 1 and passes it on once (step 2A); the
    // copies of round 2 bring nothing new (2B), so nothing more is sent.
    for (n, m) in [(3u64, 1u64), (5, 2), (7, 3)] {
        let c = Case { n: n as u32, m: m as u32, commander: 1, values: NOTES, order: "retreat", signed: true, traitors: vec![] };
        let r = common::run_json(&c.scenario(n));
        assert_eq!(r.messages.sent, (n - 1) + (n - 1) * (n - 2), "n={n}, m={m}");
    }
}

#[test]
fn sm3_keeps_ic1_and_ic2_in_600_sampled_runs_with_up_to_3_traitors() {
    let mut rng = SimRng::new(2024);
    for seed in 0..600 {
        let n = rng.range(5, 7) as u32;
        let t = rng.range(0, 3) as usize;
        let mut ids: Vec<u32> = (1..=n).collect();
        for i in (1..ids.len()).rev() {
            ids.swap(i, rng.range(0, i as u64) as usize);
        }
        let traitors = ids[..t].iter().map(|&id| (id, rng.range(0, STRATEGIES.len() as u64 - 1) as usize)).collect();
        let (values, order) = ORDERS[rng.range(0, ORDERS.len() as u64 - 1) as usize];
        let c = Case { n, m: 3, commander: rng.range(1, n as u64) as u32, values, order, signed: true, traitors };
        let text = c.scenario(seed);
        holds_and_everyone_decides(&common::run_json(&text), c.loyal_lieutenants(), &text);
    }
}

#[test]
fn sm_with_m_plus_1_colluding_traitors_breaks_ic1_and_says_it_is_outside_theorem_2() {
    // §4: Theorem 2 covers at most m traitors, and "we allow his signature to be forged by
    // another traitor, thereby permitting collusion among the traitors". A colluding traitor
    // commander and m colluding lieutenants show each half of the loyal lieutenants its own
    // order in round m+1, when nobody relays: the halves decide differently. Every traitor set
    // with the commander in it, every (n, m) that leaves two loyal lieutenants to split.
    let collude = STRATEGIES.iter().position(|s| s.0 == "collude").unwrap();
    let mut runs = 0;
    for n in 4..=7u32 {
        for m in 0..=(n - 3).min(3) {
            for fellows in subsets(n - 1, m as usize) {
                let traitors: Vec<(u32, usize)> = std::iter::once(1).chain(fellows.iter().map(|f| f + 1)).map(|id| (id, collude)).collect();
                for (values, order) in ORDERS {
                    let c = Case { n, m, commander: 1, values, order, signed: true, traitors: traitors.clone() };
                    let text = c.scenario(runs);
                    let r = common::run_json(&text);
                    assert_eq!(broken(&r), ["IC1"], "{}\nscenario: {text}", r.outcome);
                    let why = r.invariants.iter().find(|i| !i.ok).unwrap().violation.as_ref().unwrap().explanation.to_string();
                    assert!(why.contains("outside Theorem 2's bounds"), "{why}");
                    runs += 1;
                }
            }
        }
    }
    eprintln!("SM(m) with m+1 colluders: all {runs} runs break IC1");
    assert!(runs > 200);
}

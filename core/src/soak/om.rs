//! Random Byzantine-generals runs: OM(m) with n >= 3m+1 and SM(m) with n >= m+2, at most m
//! traitors of random strategies (Theorems 1 and 2 guarantee IC1 and IC2); OM(m) where the
//! impossibility applies (n <= 3 * traitors), and SM(m) with m+1 traitors (outside Theorem
//! 2), where some strategy breaks them. Every run draws its orders (`params.values`, two to
//! four of them, and `params.default`) and its traitors' strategies, `collude` included.

use serde_json::{json, Value};

use super::{Broken, Case, Outcome};
use crate::protocols::om::Om;
use crate::sim::rng::SimRng;

const STRATEGIES: [&str; 5] = ["flip", "two_faced", "random", "silent", "collude"];

/// The orders a run may use, with its default: the notes' two, the paper's Figure 4 (x, y, z
/// and RETREAT for "no majority"), and three orders whose default is the middle one.
const VALUE_SETS: [(&[&str], &str); 3] = [(&["attack", "retreat"], "retreat"), (&["x", "y", "z", "retreat"], "retreat"), (&["a", "b", "c"], "b")];

/// A run of n generals, OM(m) or SM(m), with `t` traitors drawn at random.
fn general_run(rng: &mut SimRng, seed: u64, n: u64, m: u64, t: u64, signed: bool) -> Value {
    let mut ids: Vec<u64> = (1..=n).collect();
    for i in (1..ids.len()).rev() {
        ids.swap(i, rng.range(0, i as u64) as usize);
    }
    let traitors: serde_json::Map<String, Value> =
        ids[..t as usize].iter().map(|id| (id.to_string(), json!(STRATEGIES[rng.range(0, STRATEGIES.len() as u64 - 1) as usize]))).collect();
    let (values, default) = VALUE_SETS[rng.range(0, VALUE_SETS.len() as u64 - 1) as usize];
    let order = values[rng.range(0, values.len() as u64 - 1) as usize];
    let lo = rng.range(0, 20);
    let hi = lo + rng.range(0, 30);
    json!({
        "protocol": "om", "nodes": n, "seed": seed,
        "duration_ms": (m + 1) * (hi + 1) + 10,
        "network": { "latency_ms": [lo, hi] },
        "params": { "m": m, "commander": rng.range(1, n), "order": order, "values": values, "default": default,
                    "traitors": traitors, "signed": signed, "random_seed": rng.range(0, 1000) }
    })
}

/// Where the theorems hold: OM(m) with n >= 3m+1, or SM(m) with n >= m+2; <= m traitors.
pub fn guaranteed(seed: u64) -> Value {
    let mut rng = SimRng::new(seed ^ 0x0b5);
    let signed = rng.range(0, 1) == 1;
    let n = rng.range(if signed { 3 } else { 4 }, 7);
    let max_m = if signed { (n - 2).min(3) } else { ((n - 1) / 3).min(2) };
    let m = rng.range(0, max_m);
    let t = rng.range(0, m);
    general_run(&mut rng, seed, n, m, t, signed)
}

/// OM(m) where no algorithm can work: n <= 3 * traitors (with a loyal pair left to disagree).
pub fn impossible(seed: u64) -> Value {
    let mut rng = SimRng::new(seed ^ 0x1ab);
    let n = rng.range(3, 7);
    let t = rng.range(n.div_ceil(3), n - 2);
    let m = rng.range(0, (n - 2).min(2));
    general_run(&mut rng, seed, n, m, t, false)
}

/// SM(m) with m+1 traitors, the least Theorem 2 does not cover, and two loyal lieutenants or
/// more to split: colluders among them can break IC1.
pub fn sm_beyond(seed: u64) -> Value {
    let mut rng = SimRng::new(seed ^ 0x5b7);
    let n = rng.range(4, 7);
    let m = rng.range(0, (n - 3).min(3));
    let plot = rng.range(0, 1) == 1;
    let mut run = general_run(&mut rng, seed, n, m, m + 1, true);
    // Half the runs are the conspiracy §4 permits: every traitor colludes, the commander
    // among them; the other half keep the random strategies and commander.
    if plot {
        let traitors = run["params"]["traitors"].as_object_mut().expect("an object");
        let first: u64 = traitors.keys().next().and_then(|k| k.parse().ok()).expect("m + 1 >= 1 traitors");
        traitors.values_mut().for_each(|s| *s = json!("collude"));
        run["params"]["commander"] = json!(first);
    }
    run
}

/// IC1 and IC2 must hold and every loyal lieutenant must decide.
fn measured(text: &str) -> Outcome {
    let (w, _) = super::drive::<Om>(text, 0, |_| false);
    let mut broken = super::broken(&w);
    let o = w.outcome();
    let undecided = o["decisions"].as_object().into_iter().flatten().find(|(_, d)| d.is_null());
    if let Some((id, _)) = undecided {
        broken.push(Broken { name: "soak check".into(), at_ms: 0, explanation: format!("loyal lieutenant {id} never decided") });
    }
    Outcome { broken, live: vec![] }
}

pub fn cases() -> Vec<Case> {
    vec![
        Case { protocol: "om", variant: None, measures: &[], run: |s| measured(&guaranteed(s).to_string()), scenario: |s| guaranteed(s).to_string() },
        Case {
            protocol: "om",
            variant: Some("n <= 3 traitors"),
            measures: &[],
            run: |s| measured(&impossible(s).to_string()),
            scenario: |s| impossible(s).to_string(),
        },
        Case {
            protocol: "om",
            variant: Some("SM, m+1 traitors"),
            measures: &[],
            run: |s| measured(&sm_beyond(s).to_string()),
            scenario: |s| sm_beyond(s).to_string(),
        },
    ]
}

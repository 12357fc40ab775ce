//! Random Byzantine-generals runs: OM(m) with n >= 3m+1 and SM(m) with n >= m+2, at most m
//! traitors of random strategies (Theorems 1 and 2 guarantee IC1 and IC2); and OM(m) where
//! the impossibility applies (n <= 3 * traitors), where some strategy breaks them.

use serde_json::{json, Value};

use super::{Broken, Case, Outcome};
use crate::protocols::om::Om;
use crate::sim::rng::SimRng;

const STRATEGIES: [&str; 4] = ["flip", "two_faced", "random", "silent"];

/// A run of n generals, OM(m) or SM(m), with `t` traitors drawn at random.
fn general_run(rng: &mut SimRng, seed: u64, n: u64, m: u64, t: u64, signed: bool) -> Value {
    let mut ids: Vec<u64> = (1..=n).collect();
    for i in (1..ids.len()).rev() {
        ids.swap(i, rng.range(0, i as u64) as usize);
    }
    let traitors: serde_json::Map<String, Value> =
        ids[..t as usize].iter().map(|id| (id.to_string(), json!(STRATEGIES[rng.range(0, 3) as usize]))).collect();
    let order = ["attack", "retreat"][rng.range(0, 1) as usize];
    let lo = rng.range(0, 20);
    let hi = lo + rng.range(0, 30);
    json!({
        "protocol": "om", "nodes": n, "seed": seed,
        "duration_ms": (m + 1) * (hi + 1) + 10,
        "network": { "latency_ms": [lo, hi] },
        "params": { "m": m, "commander": rng.range(1, n), "order": order,
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
    ]
}

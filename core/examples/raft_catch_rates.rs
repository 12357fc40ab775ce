//! How often each fault generator of `consenso_core::soak::raft` catches each broken Raft
//! variant, for docs/protocols/raft.md. A measurement, not a check (the checks that every
//! variant is caught are in core/tests/raft_properties.rs); slow:
//! `RAFT_SEEDS=1000 cargo run --release -p consenso-core --example raft_catch_rates`.

use consenso_core::soak::raft::{adaptive, random_faults, run, Plan, Style, HEAVY};

fn main() {
    let n = std::env::var("RAFT_SEEDS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000u64);
    type Gen<'a> = (&'a str, &'a dyn Fn(u64, &[&str]) -> Plan);
    let gens: [Gen; 3] = [
        ("random faults", &|s, b| random_faults(s, b, Style { crash_heavy: s % 2 == 1, requests: (50, 150) })),
        ("random faults, crash-heavy", &|s, b| random_faults(s, b, HEAVY)),
        ("adaptive nemesis", &|s, b| adaptive(s, b)),
    ];
    for bug in ["commit_old_terms_by_count", "vote_without_log_check", "forget_vote_on_restart"] {
        for (name, gen) in &gens {
            let mut by: std::collections::BTreeMap<String, u64> = Default::default();
            let mut hit = 0;
            for seed in 0..n {
                let o = run(&gen(seed, &[bug]));
                if let Some((first, _, _)) = o.broken.iter().min_by_key(|b| b.1) {
                    hit += 1;
                    *by.entry(first.clone()).or_default() += 1;
                }
            }
            println!("{bug} / {name}: caught in {hit} of {n} seeds; first violation: {by:?}");
        }
    }
}

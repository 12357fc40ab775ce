//! Property runs of Paxos: thousands of seeds with crashes and recoveries of any node,
//! partitions, message loss and duplication, 2-3 proposers or every node in every role,
//! NACKs on or off. The correct protocol must never break an invariant, and once the faults
//! end (loss and duplication go on) a value must be chosen (Synod) or every submitted command
//! chosen exactly once (Multi-Paxos); the time that takes is printed. Each broken variant must
//! be caught within the seeds tried. After every run the four properties are recomputed from
//! scratch over the whole record (every accept ever made, every learner's log, every request)
//! and compared with the verdict of the check after each step, which looks only at what
//! changed (issue 19). A failing seed prints a scenario to replay with
//! `cargo run -p consenso-core --bin consenso -- run FILE`.
//!
//! Run with `cargo test --release -p consenso-core --test paxos_properties -- --nocapture`
//! to see the figures.

use std::collections::{BTreeMap, BTreeSet};

use consenso_core::protocols::paxos::invariants::{applied, AGREEMENT, LEARNER_INTEGRITY, PROMISE_KEPT, VALIDITY};
use consenso_core::soak::paxos::{all_in, scenario, spread, Driven, FAULTS_END_MS};

const SEEDS: u64 = 5000;
/// How many seeds a broken variant may take before the test gives up on catching it.
const BUG_SEEDS: u64 = 2000;

/// The properties recomputed from scratch at the end of a run: the names broken.
fn from_scratch(d: &Driven) -> BTreeSet<&'static str> {
    let (ch, nodes, cfg) = (d.chosen(), d.world.nodes(), d.cfg());
    let mut out = BTreeSet::new();
    for list in ch.values() {
        if list.iter().any(|(_, c)| *c != list[0].1) {
            out.insert(AGREEMENT);
        }
        for (_, c) in list {
            let asked = c.is_noop() || nodes.get(c.origin as usize - 1).is_some_and(|n| n.ghost.requests.contains(c));
            if !asked {
                out.insert(VALIDITY);
            }
        }
    }
    for n in nodes {
        for (slot, (_, c)) in n.learner.iter().flat_map(|l| &l.learned) {
            if !ch.get(slot).is_some_and(|list| list.iter().any(|(_, x)| x == c)) {
                out.insert(LEARNER_INTEGRITY);
            }
        }
        if n.ghost.broken_promise.is_some() {
            out.insert(PROMISE_KEPT);
        }
    }
    out
}

/// The recount agrees with the check after each step: everything it finds was reported (a
/// learner that learned a value chosen only later was reported then, and is not recounted).
fn agrees_with_the_recount(seed: u64, d: &Driven) {
    let reported: BTreeSet<&str> = d.world.violations.keys().copied().collect();
    let recount = from_scratch(d);
    assert!(recount.is_subset(&reported), "seed {seed}: recount {recount:?}, check after each step {reported:?}\n{}", d.text);
}

#[test]
fn synod_is_safe_and_live_over_many_seeds() {
    let (mut blocked, mut free) = (Vec::new(), Vec::new());
    for seed in 0..SEEDS {
        let g = scenario(seed, false, &[]);
        let mut d = Driven::new(&g.scenario);
        let at = d.run_watching(FAULTS_END_MS * 1000, |ch| ch.contains_key(&0));
        let broken = d.violations();
        assert!(broken.is_empty(), "seed {seed}: {broken:?}\nscenario: {}", d.text);
        agrees_with_the_recount(seed, &d);
        let at = at.unwrap_or_else(|| panic!("seed {seed}: nothing chosen by the end\nscenario: {}", d.text));
        let wait = (at - FAULTS_END_MS * 1000) / 1000;
        if g.blocked {
            assert!(wait > 0, "seed {seed}: chosen while no proposer could reach a majority\n{}", d.text);
            blocked.push(wait);
        } else {
            free.push(wait);
        }
    }
    let (med, p90, max) = spread(blocked.clone());
    let (fmed, fp90, fmax) = spread(free.clone());
    println!(
        "synod: {SEEDS} seeds, no violation, a value chosen in every run. Kept from a quorum until the \
         faults ended ({} runs): chosen after median {med} ms, p90 {p90}, max {max}. Other runs ({}): \
         median {fmed} ms, p90 {fp90}, max {fmax} after the faults ended (0 = already chosen)",
        blocked.len(),
        free.len()
    );
}

#[test]
fn multi_paxos_is_safe_and_chooses_every_command_once_over_many_seeds() {
    let (mut blocked, mut free) = (Vec::new(), Vec::new());
    let mut raw_duplicates = 0;
    for seed in 0..SEEDS {
        let g = scenario(seed, true, &[]);
        let mut d = Driven::new(&g.scenario);
        let at = d.run_watching(FAULTS_END_MS * 1000, |ch| all_in(ch, &g.submitted));
        let broken = d.violations();
        assert!(broken.is_empty(), "seed {seed}: {broken:?}\nscenario: {}", d.text);
        agrees_with_the_recount(seed, &d);
        let ch = d.chosen();
        let at = at.unwrap_or_else(|| {
            panic!("seed {seed}: submitted {:?} but applied {:?}\nscenario: {}", g.submitted, applied(&ch), d.text)
        });
        let wait = (at - FAULTS_END_MS * 1000) / 1000;
        if g.blocked { blocked.push(wait) } else { free.push(wait) }
        // Only what clients sent to a live proposer is applied (no-ops are not applied).
        let log = applied(&ch);
        assert!(log.iter().all(|v| g.submitted.contains(v)), "seed {seed}: {log:?} vs {:?}\n{}", g.submitted, d.text);
        let mut slots_per_cmd: BTreeMap<(u32, u32), usize> = BTreeMap::new();
        for list in ch.values() {
            if !list[0].1.is_noop() {
                *slots_per_cmd.entry(list[0].1.id()).or_default() += 1;
            }
        }
        raw_duplicates += slots_per_cmd.values().filter(|k| **k > 1).count();
    }
    let (med, p90, max) = spread(blocked.clone());
    let (fmed, fp90, fmax) = spread(free.clone());
    println!(
        "multi: {SEEDS} seeds, no violation, every submitted command applied exactly once. Kept from a \
         quorum until the faults ended ({} runs): all chosen after median {med} ms, p90 {p90}, max {max}. \
         Other runs ({}): median {fmed}, p90 {fp90}, max {fmax}. Commands a leader change placed in two \
         instances (applied once): {raw_duplicates}",
        blocked.len(),
        free.len()
    );
}

/// The first seed (and how many were tried) at which `bug` breaks `invariant`.
fn catch(bug: &str, multi: bool, invariant: &str) -> u64 {
    for seed in 0..BUG_SEEDS {
        let g = scenario(seed, multi, &[bug]);
        let mut d = Driven::new(&g.scenario);
        while d.step() {}
        // The check after each step looks only at what changed; a full recount at the end
        // must never find a violation it missed.
        agrees_with_the_recount(seed, &d);
        if d.world.violations.contains_key(invariant) {
            println!("{bug} ({}): {invariant} broken at seed {seed} ({} seeds tried)\n  {}", if multi { "multi" } else { "synod" }, seed + 1, d.text);
            return seed + 1;
        }
    }
    panic!("{bug}: {invariant} never broken in {BUG_SEEDS} seeds");
}

#[test]
fn ignoring_accepted_values_breaks_agreement() {
    catch("ignore_accepted_in_promises", false, "Agreement");
    catch("ignore_accepted_in_promises", true, "Agreement");
}

#[test]
fn forgetting_promises_breaks_promise_kept() {
    catch("forget_promise_on_restart", false, "Promise kept");
    catch("forget_promise_on_restart", true, "Promise kept");
}


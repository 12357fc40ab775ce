//! Soak support: random faulty scenarios for every protocol, run step by step with the
//! invariants checked and liveness timed. The property tests (core/tests/*_properties.rs)
//! and the `soak` binary (`scripts/soak`) share these generators, so a seed that fails in
//! one fails the same way in the other and replays with `consenso run`.
//!
//! Nothing here is used by the web app (the release build drops it as dead code).

pub mod bully;
pub mod om;
pub mod paxos;
pub mod raft;
pub mod ring;
mod runner;
pub mod speed;
pub mod table;

use std::sync::Arc;

use crate::scenario::prepare;
use crate::sim::engine::World;
use crate::sim::protocol::Protocol;
use crate::sim::time::Time;
use crate::Scenario;

pub use runner::{run_case, Tally};

/// One invariant broken in a run: its name, when (ms) and the one-sentence explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Broken {
    pub name: String,
    pub at_ms: u64,
    pub explanation: String,
}

/// A liveness measure of one run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Live {
    /// Reached this long (µs of virtual time) after the faults stopped.
    After(Time),
    /// Never reached before the end of the run: a liveness failure.
    Never,
    /// This run does not measure it (say, a Synod run for the Multi-Paxos measure).
    NotMeasured,
}

/// What one run showed.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub broken: Vec<Broken>,
    /// One entry per measure of the case, in the case's order.
    pub live: Vec<Live>,
}

impl Outcome {
    /// The earliest violation, if any.
    pub fn first(&self) -> Option<&Broken> {
        self.broken.iter().min_by_key(|b| b.at_ms)
    }
}

/// A family of runs: a protocol (correct, or with a broken variant) and its generator.
pub struct Case {
    pub protocol: &'static str,
    /// `None` for the correct protocol; else the broken variant (a `params.bugs` name, or a
    /// broken assumption such as "latency > Tmax").
    pub variant: Option<&'static str>,
    /// What each liveness measure times, e.g. "last heal -> leader".
    pub measures: &'static [&'static str],
    pub run: fn(u64) -> Outcome,
    /// The scenario document of a seed, to replay a failure with `consenso run`.
    pub scenario: fn(u64) -> String,
}

/// Every case, correct protocols first.
pub fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    for group in [raft::cases(), paxos::cases(), bully::cases(), ring::cases(), om::cases()] {
        all.extend(group);
    }
    all.sort_by_key(|c| c.variant.is_some());
    all
}

/// A world ready to run, from a scenario document the generators made (so always valid).
pub fn start<P: Protocol>(text: &str) -> World<P> {
    let s = Scenario::parse(text).unwrap_or_else(|e| panic!("generated scenario refused: {e}\n{text}"));
    let p = prepare::<P>(&s).unwrap_or_else(|e| panic!("generated scenario refused: {e}\n{text}"));
    World::new(p.cfg, p.nodes, p.net, p.seed, Arc::from(p.script), p.end, &mut Vec::new())
}

/// The violations a world has recorded.
pub fn broken<P: Protocol>(w: &World<P>) -> Vec<Broken> {
    w.violations.iter().map(|(n, v)| Broken { name: n.to_string(), at_ms: v.at_ms, explanation: v.explanation.to_string() }).collect()
}

/// Run `text` to its end; from `from` (µs) on, time how long until `done` first holds.
/// Returns the final world and that time (relative to `from`), if `done` ever held.
pub fn drive<P: Protocol>(text: &str, from: Time, mut done: impl FnMut(&World<P>) -> bool) -> (World<P>, Option<Time>) {
    let mut w = start::<P>(text);
    let mut out = Vec::new();
    let mut at = None;
    while w.step(&mut out) {
        out.clear();
        if at.is_none() && w.now() >= from && done(&w) {
            at = Some(w.now() - from);
        }
    }
    (w, at)
}

/// The `p`th percentile (0..=100) of sorted figures (nearest rank, rounding down).
pub fn percentile(sorted: &[Time], p: usize) -> Time {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

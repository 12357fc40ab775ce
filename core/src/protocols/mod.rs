//! One folder per protocol; each knows nothing of the UI. `build` is the only place that
//! maps a scenario's `protocol` name to an implementation.

pub mod bully;
pub mod om;
pub mod paxos;
pub mod raft;
pub mod ring;

use std::sync::Arc;

use crate::scenario::{at, prepare, Scenario, ScenarioError};
use crate::sim::engine::World;
use crate::sim::protocol::Protocol;
use crate::sim::runner::{Run, Simulation};
use crate::sim::Sentence;

/// Protocol names accepted in a scenario's `protocol` field.
pub const NAMES: &[&str] = &[raft::Raft::NAME, paxos::Paxos::NAME, bully::Bully::NAME, ring::Ring::NAME, om::Om::NAME];

/// Every sentence the core can say (the simulator's and each protocol's), for the test that
/// every language has every one.
pub static SAYS: &[&[Sentence]] = &[crate::sim::says::SAYS, crate::scenario::says::SAYS, raft::says::SAYS, paxos::says::SAYS, bully::says::SAYS, ring::says::SAYS, om::says::SAYS];

/// `s` with `nodes` nodes. A protocol whose params count its nodes by role (Paxos: proposers,
/// acceptors, learners) gets counts that add up to the new number, one that lists an id per
/// node (ring) a list of the new length, so a short link
/// (`?protocol=paxos&nodes=5`) or the page's node-count field can resize any scenario.
pub fn resized(s: &Scenario, nodes: u32) -> Scenario {
    let mut s = s.clone();
    s.nodes = nodes;
    fit_params(&s.protocol, &mut s.params, nodes);
    s
}

/// The params of a scenario of `protocol` refitted to `nodes` nodes (see `resized`).
pub fn fit_params(protocol: &str, params: &mut serde_json::Map<String, serde_json::Value>, nodes: u32) {
    if protocol == paxos::Paxos::NAME {
        paxos::fit_roles(params, nodes);
    } else if protocol == ring::Ring::NAME {
        ring::fit_ids(params, nodes);
    }
}

/// Check a scenario against its protocol and start the run.
pub fn build(s: &Scenario) -> Result<Box<dyn Simulation>, ScenarioError> {
    match s.protocol.as_str() {
        bully::Bully::NAME => start::<bully::Bully>(s),
        paxos::Paxos::NAME => start::<paxos::Paxos>(s),
        raft::Raft::NAME => start::<raft::Raft>(s),
        ring::Ring::NAME => start::<ring::Ring>(s),
        om::Om::NAME => start::<om::Om>(s),
        other => Err(at("protocol", crate::say!(crate::scenario::says::NOT_A_PROTOCOL, name = other, names = NAMES.join(", ")))),
    }
}

/// Build a run of protocol `P` (also used by tests that want the concrete type).
pub fn start<P: Protocol>(s: &Scenario) -> Result<Box<dyn Simulation>, ScenarioError> {
    Ok(Box::new(run::<P>(s)?))
}

pub fn run<P: Protocol>(s: &Scenario) -> Result<Run, ScenarioError> {
    let p = prepare::<P>(s)?;
    let mut startup = Vec::new();
    let world = World::<P>::new(p.cfg, p.nodes, p.net, p.seed, Arc::from(p.script), p.end, &mut startup);
    Ok(Run::new(p.seed, world, startup))
}

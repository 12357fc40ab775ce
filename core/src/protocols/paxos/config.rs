//! `params` of Paxos (names fixed by architecture.md) and who plays which role.

use crate::scenario::limits::MAX_PARAM_MS;
use super::says;
use crate::say;
use crate::scenario::{at, at_field, ms_range, read_params, says as refusals, ScenarioError};
use crate::sim::protocol::Env;
use crate::sim::time::{NodeId, Time};

pub const IGNORE_ACCEPTED: &str = "ignore_accepted_in_promises";
pub const FORGET_PROMISE: &str = "forget_promise_on_restart";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Proposer,
    Acceptor,
    Learner,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaxosConfig {
    /// Multi-Paxos (§3) rather than the single-decree Synod (§2).
    pub multi: bool,
    /// `(proposers, acceptors, learners)`; ids go to proposers first, then acceptors, then
    /// learners. `None`: every node plays all three roles.
    pub split: Option<(u32, u32, u32)>,
    pub n: u32,
    /// Acceptors tell an outdated proposer about their higher promise.
    pub nacks: bool,
    /// A proposer's retry timeout, µs (sampled anew each time).
    pub retry: (Time, Time),
    /// §2.4's distinguished proposer: when set, only it starts rounds; the others forward.
    pub distinguished: Option<NodeId>,
    /// Bug: a proposer ignores the values reported in promises and proposes its own.
    pub ignore_accepted: bool,
    /// Bug: an acceptor forgets its promise when it restarts.
    pub forget_promise: bool,
}

/// The `params` Paxos knows.
const PARAMS: &[&str] = &[
    "mode", "proposers", "acceptors", "learners", "roles", "nacks", "retry_timeout_ms", "distinguished_proposer", "bugs",
];
/// `mode`: the Synod (single decree) or Multi-Paxos.
const MODES: &[&str] = &["synod", "multi"];

pub const DEFAULT_SPLIT: (u32, u32, u32) = (2, 5, 1);

/// Role counts for `nodes` nodes when the params' counts (or the defaults) do not add up to
/// it: as many proposers as before but at most a third of the nodes (at least one), one
/// learner, the rest acceptors, so a majority of acceptors still needs most of them. Below
/// three nodes every node plays every role. Params that already fit, or `roles: "all"`, stay.
pub fn fit_roles(params: &mut serde_json::Map<String, serde_json::Value>, nodes: u32) {
    if params.contains_key("roles") {
        return;
    }
    let count = |name: &str, default: u32| params.get(name).and_then(serde_json::Value::as_u64).map_or(default, |v| v as u32);
    let (p, a, l) = (count("proposers", DEFAULT_SPLIT.0), count("acceptors", DEFAULT_SPLIT.1), count("learners", DEFAULT_SPLIT.2));
    if p as u64 + a as u64 + l as u64 == nodes as u64 {
        return;
    }
    for name in ["proposers", "acceptors", "learners"] {
        params.remove(name);
    }
    if nodes < 3 {
        params.insert("roles".into(), "all".into());
        return;
    }
    let proposers = p.clamp(1, (nodes / 3).max(1));
    params.insert("proposers".into(), proposers.into());
    params.insert("acceptors".into(), (nodes - proposers - 1).into());
    params.insert("learners".into(), 1.into());
}

pub fn configure(params: &serde_json::Value, env: &Env) -> Result<PaxosConfig, ScenarioError> {
    let p = read_params(params, PARAMS)?;
    let (proposers, acceptors, learners) = (p.get::<u32>("proposers")?, p.get::<u32>("acceptors")?, p.get::<u32>("learners")?);
    let bugs = p.get::<Vec<String>>("bugs")?.unwrap_or_default();
    let split = match p.choice("roles", &["all"])? {
        Some(_) => {
            for (name, v) in [("proposers", proposers), ("acceptors", acceptors), ("learners", learners)] {
                if v.is_some() {
                    return Err(at_field("params", name, says::ROLES_ALL.into()));
                }
            }
            None
        }
        None => {
            let (dp, da, dl) = DEFAULT_SPLIT;
            let counts = (proposers.unwrap_or(dp), acceptors.unwrap_or(da), learners.unwrap_or(dl));
            for (name, v) in [("proposers", counts.0), ("acceptors", counts.1), ("learners", counts.2)] {
                if v == 0 || v > env.nodes {
                    return Err(at_field("params", name, say!(refusals::OUT_OF_RANGE, value = v, min = 1u32, max = env.nodes)));
                }
            }
            let sum = counts.0 as u64 + counts.1 as u64 + counts.2 as u64;
            if sum != env.nodes as u64 {
                let (proposers, acceptors, learners, nodes) = (counts.0, counts.1, counts.2, env.nodes);
                return Err(at("params.proposers", say!(says::ROLES_SUM, proposers, acceptors, learners, sum, nodes)));
            }
            Some(counts)
        }
    };
    // Four one-way delays make a round (1a, 1b, 2a, 2b back to the proposer); waiting a little
    // longer before retrying, and a random amount up to twice that, keeps duels short (§2.4).
    let retry = match p.get("retry_timeout_ms")? {
        Some(r) => ms_range("retry_timeout_ms", r, 1, MAX_PARAM_MS)?,
        None => {
            let lo = 4 * env.latency.1 + 5_000;
            (lo, 2 * lo)
        }
    };
    let mut cfg = PaxosConfig {
        multi: p.choice("mode", MODES)? == Some(1),
        split,
        n: env.nodes,
        nacks: p.get("nacks")?.unwrap_or(true),
        retry,
        distinguished: None,
        ignore_accepted: bugs.iter().any(|b| b == IGNORE_ACCEPTED),
        forget_promise: bugs.iter().any(|b| b == FORGET_PROMISE),
    };
    if let Some(d) = p.get::<u32>("distinguished_proposer")? {
        if d == 0 || d > env.nodes || !cfg.is(d, Role::Proposer) {
            let (lo, hi) = (cfg.proposers().start().to_owned(), cfg.proposers().end().to_owned());
            return Err(at("params.distinguished_proposer", say!(says::NOT_A_PROPOSER, id = d, lo, hi)));
        }
        cfg.distinguished = Some(d);
    }
    Ok(cfg)
}

impl Default for PaxosConfig {
    fn default() -> Self {
        PaxosConfig {
            multi: false,
            split: Some(DEFAULT_SPLIT),
            n: 8,
            nacks: true,
            retry: (65_000, 130_000),
            distinguished: None,
            ignore_accepted: false,
            forget_promise: false,
        }
    }
}

impl PaxosConfig {
    pub fn is(&self, id: NodeId, role: Role) -> bool {
        let r = match role {
            Role::Proposer => self.proposers(),
            Role::Acceptor => self.acceptors(),
            Role::Learner => self.learners(),
        };
        r.contains(&id)
    }

    pub fn all_roles(&self) -> bool {
        self.split.is_none()
    }

    pub fn proposers(&self) -> std::ops::RangeInclusive<NodeId> {
        match self.split {
            None => 1..=self.n,
            Some((p, _, _)) => 1..=p,
        }
    }

    pub fn acceptors(&self) -> std::ops::RangeInclusive<NodeId> {
        match self.split {
            None => 1..=self.n,
            Some((p, a, _)) => p + 1..=p + a,
        }
    }

    pub fn learners(&self) -> std::ops::RangeInclusive<NodeId> {
        match self.split {
            None => 1..=self.n,
            Some((p, a, l)) => p + a + 1..=p + a + l,
        }
    }

    pub fn acceptor_count(&self) -> usize {
        self.acceptors().count()
    }

    /// Any two majorities of acceptors share one (§2.2), which is all safety needs.
    pub fn majority(&self) -> usize {
        self.acceptor_count() / 2 + 1
    }
}

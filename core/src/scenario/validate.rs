//! Range and consistency checks that turn a parsed scenario into what the simulator runs.

use crate::sim::network::NetConfig;
use crate::sim::protocol::{Command, Env, Protocol};
use crate::sim::rng::PPM;
use crate::sim::script::{Action, ScriptEvent};
use crate::sim::time::{ms, NodeId, Time};

use super::limits::*;
use super::{at, at_field, says, EventSpec, Scenario, ScenarioError};
use crate::say;
use crate::sim::say::Arg;

/// A scenario checked against protocol `P`, ready to run.
#[derive(Clone, Debug)]
pub struct Prepared<P: Protocol> {
    pub cfg: P::Config,
    pub nodes: u32,
    pub seed: u64,
    pub net: NetConfig,
    pub script: Vec<ScriptEvent>,
    pub end: Time,
}

/// What the checks need to know of a protocol. The checks take it as a value, so they are
/// compiled once rather than once per protocol (the web bundle carries all five).
struct Rules {
    name: &'static str,
    nodes: (u32, u32),
    commands: &'static [&'static str],
    bugs: &'static [&'static str],
}

pub fn prepare<P: Protocol>(s: &Scenario) -> Result<Prepared<P>, ScenarioError> {
    let rules = Rules { name: P::NAME, nodes: P::NODES, commands: P::COMMANDS, bugs: P::BUGS };
    let (net, params) = check_run(s, &rules)?;
    let env = Env { nodes: s.nodes, latency: net.latency };
    let cfg = P::configure(&params, &env)?;
    let script = check_events(s, &rules)?;
    Ok(Prepared { cfg, nodes: s.nodes, seed: s.seed, net, script, end: ms(s.duration_ms) })
}

/// Nodes, duration, network and bug names; the params as the protocol reads them.
fn check_run(s: &Scenario, rules: &Rules) -> Result<(NetConfig, serde_json::Value), ScenarioError> {
    let (lo, hi) = rules.nodes;
    if s.nodes < lo || s.nodes > hi {
        return Err(at("nodes", say!(says::NODES_RANGE, nodes = s.nodes, protocol = rules.name, min = lo, max = hi)));
    }
    if s.duration_ms == 0 || s.duration_ms > MAX_DURATION_MS {
        return Err(at("duration_ms", say!(says::DURATION_RANGE, value = s.duration_ms, max = MAX_DURATION_MS)));
    }
    let net = network(s)?;
    let params = serde_json::Value::Object(s.params.clone());
    check_bugs(&params, rules)?;
    Ok((net, params))
}

/// The events, in time order, within the run, naming existing nodes and supported commands.
fn check_events(s: &Scenario, rules: &Rules) -> Result<Vec<ScriptEvent>, ScenarioError> {
    if s.events.len() > MAX_EVENTS {
        return Err(at("events", say!(says::TOO_MANY_EVENTS, count = s.events.len(), max = MAX_EVENTS)));
    }
    let mut script = Vec::with_capacity(s.events.len());
    let mut last = 0;
    for (i, e) in s.events.iter().enumerate() {
        let path = format!("events[{i}]");
        let t = e.at_ms();
        if t > s.duration_ms {
            return Err(at_field(&path, "at_ms", say!(says::AFTER_END, t, end = s.duration_ms)));
        }
        if t < last {
            return Err(at_field(&path, "at_ms", say!(says::OUT_OF_ORDER, t, last)));
        }
        last = t;
        script.push(ScriptEvent { at: ms(t), action: action(e, s.nodes, &path, rules)? });
    }
    Ok(script)
}

fn network(s: &Scenario) -> Result<NetConfig, ScenarioError> {
    Ok(NetConfig {
        latency: latency("network.latency_ms", s.network.latency_ms)?,
        loss_ppm: ppm("network.loss", s.network.loss)?,
        duplicate_ppm: ppm("network.duplicate", s.network.duplicate)?,
        fifo: s.network.fifo,
    })
}

fn latency(path: &str, [lo, hi]: [u64; 2]) -> Result<(Time, Time), ScenarioError> {
    if lo > hi || hi > MAX_LATENCY_MS {
        return Err(at(path, say!(says::NOT_A_RANGE, lo, hi, min = 0u64, max = MAX_LATENCY_MS)));
    }
    Ok((ms(lo), ms(hi)))
}

/// A probability as parts per million (the simulator draws no floats).
fn ppm(path: &str, p: f64) -> Result<u32, ScenarioError> {
    if (0.0..=1.0).contains(&p) {
        Ok((p * PPM as f64).round() as u32)
    } else {
        // Printed the way JSON prints it (serde_json's shortest form, already in the bundle), not
        // with `{p}`: float Display would compile core's own float formatter into the wasm.
        Err(at(path, say!(says::NOT_A_PROBABILITY, value = serde_json::to_string(&p).unwrap_or_default())))
    }
}

fn check_bugs(params: &serde_json::Value, rules: &Rules) -> Result<(), ScenarioError> {
    let Some(bugs) = params.get("bugs") else { return Ok(()) };
    let Some(list) = bugs.as_array() else {
        return Err(at("params.bugs", says::BUGS_LIST));
    };
    for (i, b) in list.iter().enumerate() {
        let known = b.as_str().is_some_and(|name| rules.bugs.contains(&name));
        if !known {
            let known = listed(rules.bugs);
            return Err(at(&format!("params.bugs[{i}]"), say!(says::NOT_A_BUG, bug = b.to_string(), protocol = rules.name, known)));
        }
    }
    Ok(())
}

/// Names joined by commas, or "none" in the reader's language.
fn listed(names: &[&str]) -> Arg {
    if names.is_empty() { says::NONE.into() } else { names.join(", ").into() }
}

fn node(path: &str, field: &str, id: u32, n: u32) -> Result<NodeId, ScenarioError> {
    if id == 0 || id > n {
        return Err(at_field(path, field, say!(says::NO_SUCH_NODE, id, n)));
    }
    Ok(id)
}

fn action(e: &EventSpec, n: u32, path: &str, rules: &Rules) -> Result<Action, ScenarioError> {
    let command = |node_id: u32, cmd: Command| -> Result<Action, ScenarioError> {
        if !rules.commands.contains(&cmd.action()) {
            let allowed = listed(rules.commands);
            return Err(at_field(path, "action", say!(says::UNSUPPORTED, command = cmd.action(), protocol = rules.name, allowed)));
        }
        Ok(Action::Command { node: node(path, "node", node_id, n)?, cmd })
    };
    Ok(match e {
        EventSpec::ClientRequest { node: id, value, .. } => {
            if value.chars().count() > MAX_VALUE_CHARS || value.is_empty() {
                return Err(at_field(path, "value", say!(says::VALUE_LENGTH, max = MAX_VALUE_CHARS)));
            }
            command(*id, Command::ClientRequest { value: value.clone() })?
        }
        EventSpec::Timeout { node: id, .. } => command(*id, Command::Timeout)?,
        EventSpec::StartElection { node: id, .. } => command(*id, Command::StartElection)?,
        EventSpec::Crash { node: id, .. } => Action::Crash { node: node(path, "node", *id, n)? },
        EventSpec::Recover { node: id, .. } => Action::Recover { node: node(path, "node", *id, n)? },
        EventSpec::Partition { groups, .. } => Action::Partition { groups: partition(groups, n, path)? },
        EventSpec::Heal { .. } => Action::Heal,
        EventSpec::Cut { from, to, .. } | EventSpec::Restore { from, to, .. } => {
            let (from, to) = (node(path, "from", *from, n)?, node(path, "to", *to, n)?);
            if from == to {
                return Err(at_field(path, "to", says::SAME_NODE.into()));
            }
            if matches!(e, EventSpec::Cut { .. }) { Action::Cut { from, to } } else { Action::Restore { from, to } }
        }
        EventSpec::Drop { message, .. } => Action::DropMessage { message: *message },
        EventSpec::Delay { message, by_ms, .. } => {
            if *by_ms == 0 || *by_ms > MAX_LATENCY_MS {
                return Err(at_field(path, "by_ms", say!(says::OUT_OF_RANGE, value = by_ms, min = 1u64, max = MAX_LATENCY_MS)));
            }
            Action::DelayMessage { message: *message, by: ms(*by_ms) }
        }
        EventSpec::SetNetwork { latency_ms, loss, .. } => {
            if latency_ms.is_none() && loss.is_none() {
                return Err(at(path, says::NETWORK_NEEDS));
            }
            Action::SetNetwork {
                latency: latency_ms.map(|l| latency(&format!("{path}.latency_ms"), l)).transpose()?,
                loss_ppm: loss.map(|p| ppm(&format!("{path}.loss"), p)).transpose()?,
            }
        }
    })
}

fn partition(groups: &[Vec<u32>], n: u32, path: &str) -> Result<Vec<Vec<NodeId>>, ScenarioError> {
    let mut seen = vec![false; n as usize + 1];
    if groups.is_empty() {
        return Err(at_field(path, "groups", says::NO_GROUPS.into()));
    }
    for (g, members) in groups.iter().enumerate() {
        if members.is_empty() {
            return Err(at(&format!("{path}.groups[{g}]"), says::EMPTY_GROUP));
        }
        for (k, &id) in members.iter().enumerate() {
            node(path, &format!("groups[{g}][{k}]"), id, n)?;
            if std::mem::replace(&mut seen[id as usize], true) {
                return Err(at(&format!("{path}.groups[{g}][{k}]"), say!(says::TWO_GROUPS, id)));
            }
        }
    }
    Ok(groups.to_vec())
}

//! The four properties of the issue, by name, checked after every step on the god's-eye
//! record (`Ghost`): "chosen" is defined by what acceptors *ever* accepted (§2.2: "a value is
//! chosen when a single proposal with that value has been accepted by a majority"), which
//! their current state may no longer show.

use crate::sorted::{SortedMap, SortedSet};

use crate::sim::Object;

use crate::say;
use crate::sim::protocol::{CheckCx, Violation};
use crate::sim::Arg;
use crate::sim::time::NodeId;

use super::config::PaxosConfig;
use super::msg::{Ballot, Cmd, Slot};
use super::node::Paxos;
use super::says;

pub const AGREEMENT: &str = "Agreement";
pub const VALIDITY: &str = "Validity";
pub const LEARNER_INTEGRITY: &str = "Learner integrity";
pub const PROMISE_KEPT: &str = "Promise kept";

/// Per instance, every proposal a majority of acceptors accepted, lowest number first.
pub type ChosenMap = SortedMap<Slot, Vec<(Ballot, Cmd)>>;

/// Every chosen proposal so far (one pass over every accept ever made; for the outcome and
/// for tests, not for the check after each step).
pub fn chosen(nodes: &[Paxos], cfg: &PaxosConfig) -> ChosenMap {
    let mut count: SortedMap<(Slot, Ballot), (usize, &Cmd)> = SortedMap::new();
    for a in cfg.acceptors() {
        for (key, cmd) in &nodes[a as usize - 1].ghost.accepts {
            count.entry(*key).or_insert((0, cmd)).0 += 1;
        }
    }
    let mut out = ChosenMap::new();
    for ((slot, b), (k, cmd)) in count {
        if k >= cfg.majority() {
            out.entry(slot).or_default().push((b, cmd.clone()));
        }
    }
    out
}

/// The chosen proposals of one instance.
pub fn chosen_in(nodes: &[Paxos], cfg: &PaxosConfig, slot: Slot) -> Vec<(Ballot, Cmd)> {
    const LOW: Ballot = Ballot { round: 0, node: 0 };
    const HIGH: Ballot = Ballot { round: u32::MAX, node: u32::MAX };
    let mut count: SortedMap<Ballot, (usize, &Cmd)> = SortedMap::new();
    for a in cfg.acceptors() {
        for ((_, b), cmd) in nodes[a as usize - 1].ghost.accepts.range_inclusive(&(slot, LOW), &(slot, HIGH)) {
            count.entry(*b).or_insert((0, cmd)).0 += 1;
        }
    }
    count.into_iter().filter(|(_, (k, _))| *k >= cfg.majority()).map(|(b, (_, c))| (b, c.clone())).collect()
}

fn accepted_by(cx: &CheckCx<Paxos>, slot: Slot, b: Ballot) -> Vec<NodeId> {
    cx.cfg.acceptors().filter(|a| cx.nodes[*a as usize - 1].ghost.accepts.contains_key(&(slot, b))).collect()
}

/// Nothing for the Synod's single decree, " in instance #3" in Multi-Paxos.
fn inst(slot: Slot) -> Arg {
    if slot == 0 { "".into() } else { say!(says::IN_INSTANCE, slot).into() }
}

/// Only an accept can choose a value and only a learner's learning can break learner
/// integrity, and the check runs after every step: so it looks at the instances accepted or
/// learned at this instant (the ghost marks them), not at the whole log.
pub fn check(cx: &CheckCx<Paxos>) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut slots = SortedSet::new();
    for a in cx.cfg.acceptors() {
        let (at, recent) = &cx.nodes[a as usize - 1].ghost.recent_accepts;
        if *at == cx.now {
            slots.extend(recent.iter().map(|(s, _)| *s));
        }
    }
    let mut learned: Vec<(NodeId, Slot)> = Vec::new();
    for l in cx.cfg.learners() {
        let (at, recent) = &cx.nodes[l as usize - 1].ghost.recent_learned;
        if *at == cx.now {
            learned.extend(recent.iter().map(|s| (l, *s)));
        }
    }
    slots.extend(learned.iter().map(|(_, s)| *s));
    let ch: ChosenMap = slots.into_iter().map(|s| (s, chosen_in(cx.nodes, cx.cfg, s))).filter(|(_, l)| !l.is_empty()).collect();
    for (&slot, list) in &ch {
        let (b0, c0) = &list[0];
        // Agreement: at most one value is chosen per instance.
        if let Some((b1, c1)) = list.iter().find(|(_, c)| c != c0) {
            let mut nodes: SortedSet<NodeId> = accepted_by(cx, slot, *b0).into_iter().collect();
            nodes.extend(accepted_by(cx, slot, *b1));
            out.push(Violation {
                name: AGREEMENT,
                nodes: nodes.into_iter().collect(),
                explanation: say!(
                    says::TWO_CHOSEN,
                    inst = inst(slot),
                    value = &c0.value,
                    ballot = *b0,
                    nodes = names(&accepted_by(cx, slot, *b0)),
                    other = &c1.value,
                    other_ballot = *b1,
                    other_nodes = names(&accepted_by(cx, slot, *b1))
                ),
            });
        }
        // Validity: only a value some client asked for (or a leader's no-op) is chosen.
        for (b, c) in list {
            let asked = c.is_noop()
                || (c.origin >= 1 && c.origin <= cx.cfg.n && cx.nodes[c.origin as usize - 1].ghost.requests.contains(c));
            if !asked {
                out.push(Violation {
                    name: VALIDITY,
                    nodes: accepted_by(cx, slot, *b),
                    explanation: say!(says::NOT_PROPOSED, value = &c.value, inst = inst(slot), ballot = *b),
                });
            }
        }
    }
    // Learner integrity: a learner learns only values that were chosen.
    for (l, slot) in learned {
        let Some((b, cmd)) = cx.nodes[l as usize - 1].learner.as_ref().and_then(|x| x.learned.get(&slot)) else { continue };
        if !ch.get(&slot).is_some_and(|list| list.iter().any(|(_, c)| c == cmd)) {
            out.push(Violation {
                name: LEARNER_INTEGRITY,
                nodes: vec![l],
                explanation: say!(says::NEVER_CHOSEN, node = l, value = &cmd.value, inst = inst(slot), ballot = *b),
            });
        }
    }
    // Promise kept: no acceptor accepts a proposal numbered below a promise it made.
    for a in cx.cfg.acceptors() {
        if let Some((slot, b, p)) = cx.nodes[a as usize - 1].ghost.broken_promise {
            out.push(Violation {
                name: PROMISE_KEPT,
                nodes: vec![a, b.node],
                explanation: say!(says::BROKE_PROMISE, node = a, ballot = b, inst = inst(slot), promised = p),
            });
        }
    }
    out
}

fn names(ids: &[NodeId]) -> String {
    ids.iter().map(|i| format!("P{i}")).collect::<Vec<_>>().join(", ")
}

/// `{chosen}`: the Synod's chosen value or null; in Multi-Paxos the commands of the longest
/// chosen prefix of the log, in order, without no-ops, each command once (a state machine
/// applies a command once even if a leader change placed it in two instances).
pub fn outcome(cx: &CheckCx<Paxos>) -> serde_json::Value {
    let ch = chosen(cx.nodes, cx.cfg);
    if !cx.cfg.multi {
        return Object::new().with("chosen", ch.get(&0).map(|l| l[0].1.value.clone()).into()).into();
    }
    Object::new().with("chosen", applied(&ch).into()).into()
}

/// The commands of the longest chosen prefix of the log from instance 1, as applied.
pub fn applied(ch: &ChosenMap) -> Vec<String> {
    let mut seen = SortedSet::new();
    let mut values = Vec::new();
    for slot in 1.. {
        let Some(list) = ch.get(&slot) else { break };
        let c = &list[0].1;
        if !c.is_noop() && seen.insert(c.id()) {
            values.push(c.value.clone());
        }
    }
    values
}

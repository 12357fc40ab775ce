//! The interactive consistency conditions of the paper (§1), by their names:
//! IC1 "All loyal lieutenants obey the same order" and IC2 "If the commanding general is
//! loyal, then every loyal lieutenant obeys the order he sends". Checked after every step on
//! the decisions made so far (a decision is final), so the first wrong decision is reported
//! at the moment it is taken, with the lieutenants involved.

use crate::sim::{by_node, Object};

use crate::say;
use crate::sim::protocol::{CheckCx, Violation};
use crate::sim::time::NodeId;

use super::msg::Value;
use super::says::{self, names};
use super::Om;

pub const IC1: &str = "IC1";
pub const IC2: &str = "IC2";

/// Loyal lieutenants that have decided, with their decisions. A crash does not undo a
/// decision, so crashed generals count too.
fn decided<'a>(cx: &'a CheckCx<Om>) -> impl Iterator<Item = (NodeId, Value)> + 'a {
    let c = cx.cfg.setup.commander;
    cx.nodes.iter().enumerate().filter_map(move |(i, g)| {
        let id = i as NodeId + 1;
        (id != c && cx.cfg.loyal(id)).then_some(())?;
        g.decision.map(|d| (id, d))
    })
}

pub fn check(cx: &CheckCx<Om>) -> Vec<Violation> {
    let mut out = Vec::new();
    let (mut attack, mut retreat) = (Vec::new(), Vec::new());
    for (id, d) in decided(cx) {
        if d == Value::Attack { attack.push(id) } else { retreat.push(id) }
    }
    if !attack.is_empty() && !retreat.is_empty() {
        let mut nodes: Vec<NodeId> = attack.iter().chain(&retreat).copied().collect();
        crate::sorted::sort_small(&mut nodes);
        out.push(Violation {
            name: IC1,
            nodes,
            explanation: say!(
                says::IC1_BROKEN,
                attackers = names(&attack),
                attack = Value::Attack,
                retreaters = names(&retreat),
                retreat = Value::Retreat
            ),
        });
    }
    let (c, order) = (cx.cfg.setup.commander, cx.cfg.setup.order);
    if cx.cfg.loyal(c) {
        let wrong: Vec<NodeId> = decided(cx).filter(|(_, d)| *d != order).map(|(id, _)| id).collect();
        if !wrong.is_empty() {
            out.push(Violation {
                name: IC2,
                explanation: say!(says::IC2_BROKEN, node = c, order, wrong = names(&wrong), other = order.opposite()),
                nodes: wrong,
            });
        }
    }
    out
}

/// `{decisions}`: each loyal lieutenant's decision (null before it decides), plus
/// `sent_by_round`, the messages sent in each round — for OM(m) with nobody silent, the
/// terms (n−1), (n−1)(n−2), … of the paper's count.
pub fn outcome(cx: &CheckCx<Om>) -> serde_json::Value {
    let c = cx.cfg.setup.commander;
    let loyal = cx.nodes.iter().zip(1..).filter(|&(_, id)| id != c && cx.cfg.loyal(id));
    let decisions = by_node(loyal.map(|(g, id)| (id, g.decision.map(|v| v.name()).into())));
    let rounds = cx.cfg.setup.m as usize + 1;
    let sent_by_round: Vec<u64> = (0..rounds).map(|r| cx.nodes.iter().map(|g| g.sent[r]).sum()).collect();
    Object::new().with("decisions", decisions).with("sent_by_round", sent_by_round.into()).into()
}

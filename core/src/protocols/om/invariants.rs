//! The interactive consistency conditions of the paper (§1), by their names:
//! IC1 "All loyal lieutenants obey the same order" and IC2 "If the commanding general is
//! loyal, then every loyal lieutenant obeys the order he sends". Checked after every step on
//! the decisions made so far (a decision is final), so the first wrong decision is reported
//! at the moment it is taken, with the lieutenants involved.

use crate::sim::{by_node, Object};

use crate::say;
use crate::sim::protocol::{CheckCx, Violation};
use crate::sim::time::NodeId;
use crate::sim::Say;

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
    let s = &cx.cfg.setup;
    // Who decided what, grouped by order in `params.values`' order.
    let decisions: Vec<(NodeId, Value)> = decided(cx).collect();
    let groups: Vec<(Value, Vec<NodeId>)> = s
        .values
        .as_slice()
        .iter()
        .map(|&v| (v, decisions.iter().filter(|(_, d)| *d == v).map(|(id, _)| *id).collect::<Vec<_>>()))
        .filter(|(_, ids)| !ids.is_empty())
        .collect();
    if let [(first, firsts), rest @ ..] = &groups[..] {
        if !rest.is_empty() {
            let others: Vec<NodeId> = rest.iter().flat_map(|(_, ids)| ids.iter().copied()).collect();
            let other_orders: Vec<Value> = rest.iter().map(|(v, _)| *v).collect();
            let mut nodes: Vec<NodeId> = firsts.iter().chain(&others).copied().collect();
            crate::sorted::sort_small(&mut nodes);
            let mut others = others;
            crate::sorted::sort_small(&mut others);
            let broken = say!(
                says::IC1_BROKEN,
                attackers = names(firsts),
                attack = *first,
                retreaters = names(&others),
                retreat = says::orders(&other_orders, &s.values)
            );
            out.push(Violation { name: IC1, nodes, explanation: with_bounds(cx, broken) });
        }
    }
    let (c, order) = (s.commander, s.order);
    if cx.cfg.loyal(c) {
        let wrong: Vec<(NodeId, Value)> = decisions.iter().copied().filter(|(_, d)| *d != order).collect();
        if !wrong.is_empty() {
            let ids: Vec<NodeId> = wrong.iter().map(|(id, _)| *id).collect();
            let other = says::orders(&wrong.iter().map(|(_, d)| *d).collect::<Vec<_>>(), &s.values);
            let broken = say!(says::IC2_BROKEN, node = c, order, wrong = names(&ids), other);
            out.push(Violation { name: IC2, explanation: with_bounds(cx, broken), nodes: ids });
        }
    }
    out
}

/// The broken condition, followed by whether the run is within the bounds of the theorem
/// that guarantees it — Theorem 1 (§3): OM(m) for n > 3m generals and at most m traitors;
/// Theorem 2 (§4): SM(m) for at most m traitors — so the reader knows a break outside them
/// is the lesson and one inside them a bug. The theorems count every faulty general, so a
/// loyal general that crashed (or is back but out of the rounds) counts with the traitors.
fn with_bounds(cx: &CheckCx<Om>, broken: Say) -> Say {
    let s = &cx.cfg.setup;
    let faulty = (1..=s.n).filter(|&id| !cx.cfg.loyal(id) || !cx.up[id as usize - 1] || cx.nodes[id as usize - 1].out).count();
    let (n, m) = (s.n, s.m);
    let bounds = match (s.signed, faulty <= m as usize, n > 3 * m) {
        (false, true, true) => say!(says::INSIDE_OM, n, faulty, m),
        (false, _, _) => say!(says::OUTSIDE_OM, n, m, faulty),
        (true, true, _) => say!(says::INSIDE_SM, faulty, m),
        (true, false, _) => say!(says::OUTSIDE_SM, m, faulty),
    };
    say!(says::WITH_BOUNDS, broken, bounds)
}

/// `{decisions}`: each loyal lieutenant's decision (null before it decides), plus
/// `sent_by_round`, the messages sent in each round — for OM(m) with nobody silent, the
/// terms (n−1), (n−1)(n−2), … of the paper's count.
pub fn outcome(cx: &CheckCx<Om>) -> serde_json::Value {
    let c = cx.cfg.setup.commander;
    let loyal = cx.nodes.iter().zip(1..).filter(|&(_, id)| id != c && cx.cfg.loyal(id));
    let decisions = by_node(loyal.map(|(g, id)| (id, g.decision.map(|v| v.name().to_string()).into())));
    let rounds = cx.cfg.setup.m as usize + 1;
    let sent_by_round: Vec<u64> = (0..rounds).map(|r| cx.nodes.iter().map(|g| g.sent[r]).sum()).collect();
    Object::new().with("decisions", decisions).with("sent_by_round", sent_by_round.into()).into()
}

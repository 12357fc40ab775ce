//! The properties of leader election the notes state (seed 002: "en ningún momento puede
//! haber más de un líder"; all participants end with the same elected_i), checked by name.

use crate::sim::{by_node, Object};

use crate::say;
use crate::sim::protocol::{CheckCx, Violation};

use super::msg::Msg;
use super::says;
use super::Ring;

pub const UNIQUE_LEADER: &str = "Unique leader";
pub const AGREEMENT: &str = "Agreement";

pub fn check(cx: &CheckCx<Ring>) -> Vec<Violation> {
    let mut out = Vec::new();
    // Unique leader: at no instant do two live nodes each believe they are the leader
    // (a node that joined a newer election is participating, so no longer counts).
    let leaders: Vec<u32> =
        cx.live().filter(|(_, r)| !r.participating && r.elected == Some(r.me)).map(|(id, _)| id).collect();
    if leaders.len() > 1 {
        out.push(Violation {
            name: UNIQUE_LEADER,
            explanation: say!(says::TWO_LEADERS, nodes = names(&leaders)),
            nodes: leaders,
        });
    }
    if let Some(v) = agreement(cx) {
        out.push(v);
    }
    out
}

/// Once an election is over (no ring message in flight or awaiting an ack, and no live node
/// participating), every live node names the same leader, and if that leader is alive it has
/// the highest election id of all live nodes.
fn agreement(cx: &CheckCx<Ring>) -> Option<Violation> {
    let busy = cx.in_flight.iter().any(|m| matches!(m, Msg::Ring { .. }))
        || cx.live().any(|(_, r)| r.participating || !r.outbox.is_empty());
    if busy {
        return None;
    }
    let named: Vec<(u32, super::Cand)> = cx.live().filter_map(|(id, r)| r.elected.map(|c| (id, c))).collect();
    let (_, first) = *named.first()?;
    if let Some(&(other, c)) = named.iter().find(|(_, c)| c.eid != first.eid) {
        let a = named.iter().find(|(_, c)| c.eid == first.eid).map(|(id, _)| *id).unwrap_or(0);
        return Some(Violation {
            name: AGREEMENT,
            nodes: vec![a, other],
            explanation: say!(says::DISAGREE, a, leader = first.node, other, their = c.node),
        });
    }
    let leader_up = cx.up[first.node as usize - 1];
    let (top_id, top) = cx.live().max_by_key(|(_, r)| r.me.eid).map(|(id, r)| (id, r.me.eid))?;
    if leader_up && top > first.eid {
        return Some(Violation {
            name: AGREEMENT,
            nodes: vec![first.node, top_id],
            explanation: say!(says::NOT_HIGHEST, leader = first.node, eid = first.eid, top = top_id, top_eid = top),
        });
    }
    None
}

fn names(ids: &[u32]) -> String {
    ids.iter().map(|i| format!("P{i}")).collect::<Vec<_>>().join(", ")
}

/// `{leader, believed}`: the node every live node agrees on (null if they do not agree or
/// nobody has finished), and who each live node believes leads.
pub fn outcome(cx: &CheckCx<Ring>) -> serde_json::Value {
    let believed = by_node(cx.live().map(|(id, r)| (id, r.elected.map(|c| c.node).into())));
    let all: Vec<Option<u32>> = cx.live().map(|(_, r)| r.elected.map(|c| c.node)).collect();
    let leader = match all.first() {
        Some(Some(l)) if all.iter().all(|b| *b == Some(*l)) && cx.up[*l as usize - 1] => Some(*l),
        _ => None,
    };
    Object::new().with("leader", leader.into()).with("believed", believed).into()
}

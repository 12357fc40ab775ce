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
        || cx.live().any(|(_, r)| r.electing() || !r.outbox.is_empty());
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

/// `{leader, believed, messages, crash_handling}`: the node every live node agrees on (null
/// if they do not agree or nobody has finished), who each live node believes leads, and the
/// messages sent so far: Chang & Roberts' own (`election`, `elected`: the counts the
/// literature states) apart from what crash handling adds (`ack`: ring repair's
/// acknowledgements; `leader_check`: checks and their answers).
pub fn outcome(cx: &CheckCx<Ring>) -> serde_json::Value {
    let believed = by_node(cx.live().map(|(id, r)| (id, r.elected.map(|c| c.node).into())));
    let all: Vec<Option<u32>> = cx.live().map(|(_, r)| r.elected.map(|c| c.node)).collect();
    let leader = match all.first() {
        Some(Some(l)) if all.iter().all(|b| *b == Some(*l)) && cx.up[*l as usize - 1] => Some(*l),
        _ => None,
    };
    let sum = |f: fn(&Ring) -> u64| -> serde_json::Value { cx.nodes.iter().map(f).sum::<u64>().into() };
    let messages = Object::new().with("election", sum(|r| r.sent.election)).with("elected", sum(|r| r.sent.elected));
    let crash_handling = Object::new().with("ack", sum(|r| r.sent.ack)).with("leader_check", sum(|r| r.sent.check));
    Object::new()
        .with("leader", leader.into())
        .with("believed", believed)
        .with("messages", messages.into())
        .with("crash_handling", crash_handling.into())
        .into()
}

#[cfg(test)]
mod tests {
    //! The checkers on hand-built states, step by step: a healthy state, one node changed,
    //! checked again (issue 19: an `Agreement` that always answers "no violation" must fail
    //! here).
    use super::*;
    use crate::protocols::ring::{Body, Cand, RingConfig};
    use crate::sim::time::NodeId;

    fn cfg() -> RingConfig {
        RingConfig { ids: vec![3, 17, 5, 11], ack_timeout: 10_000, round_timeout: 80_000, leader_check: 0, max_latency: 5_000 }
    }

    /// Four nodes after an election: none participating, every one naming P2 (id 17).
    fn settled() -> Vec<Ring> {
        let c = cfg();
        (1..=4).map(|id| {
            let mut r = Ring::new(id, &c);
            r.elected = Some(Cand { eid: 17, node: 2 });
            r
        }).collect()
    }

    fn names(nodes: &[Ring], up: &[bool], in_flight: &[&Msg]) -> Vec<(&'static str, Vec<NodeId>)> {
        let c = cfg();
        check(&CheckCx { now: 1_000, cfg: &c, nodes, up, in_flight }).into_iter().map(|v| (v.name, v.nodes)).collect()
    }

    const UP: [bool; 4] = [true; 4];

    #[test]
    fn a_settled_ring_breaks_nothing_and_one_node_naming_another_leader_breaks_agreement() {
        let mut nodes = settled();
        assert!(names(&nodes, &UP, &[]).is_empty());
        nodes[3].elected = Some(Cand { eid: 5, node: 3 });
        assert_eq!(names(&nodes, &UP, &[]), vec![(AGREEMENT, vec![1, 4])]);
        nodes[3].elected = Some(Cand { eid: 17, node: 2 });
        assert!(names(&nodes, &UP, &[]).is_empty(), "healthy again");
    }

    #[test]
    fn a_dead_leader_named_by_some_while_others_name_a_live_one_breaks_agreement() {
        // P2 (the leader) crashed; P1 and P3 learnt of a new leader P4, P1 still names P2.
        let mut nodes = settled();
        let up = [true, false, true, true];
        for i in [2, 3] {
            nodes[i].elected = Some(Cand { eid: 11, node: 4 });
        }
        assert_eq!(names(&nodes, &up, &[]), vec![(AGREEMENT, vec![1, 3])]);
        // Everyone naming the dead P2 is not a disagreement: without the leader check no node
        // ever learns of the crash (Chang & Roberts assume none); the leader check's liveness
        // property (soak::ring) covers it.
        let nodes = settled();
        assert!(names(&nodes, &up, &[]).is_empty());
    }

    #[test]
    fn the_outcome_names_a_leader_only_when_every_live_node_names_the_same_live_one() {
        // Mutation testing (issue 19) found these rules of `outcome` untested.
        let c = cfg();
        let o = |nodes: &[Ring], up: &[bool]| outcome(&CheckCx { now: 1_000, cfg: &c, nodes, up, in_flight: &[] });
        let nodes = settled();
        assert_eq!(o(&nodes, &UP)["leader"], serde_json::json!(2));
        // P4 names P3 while the others name P2: no leader.
        let mut split = settled();
        split[3].elected = Some(Cand { eid: 5, node: 3 });
        assert_eq!(o(&split, &UP)["leader"], serde_json::Value::Null);
        // The live nodes agree on P2, but P2 is down: no leader.
        assert_eq!(o(&nodes, &[true, false, true, true])["leader"], serde_json::Value::Null);
    }

    #[test]
    fn everyone_naming_a_live_lower_id_breaks_agreement() {
        let mut nodes = settled();
        for r in &mut nodes {
            r.elected = Some(Cand { eid: 11, node: 4 });
        }
        assert_eq!(names(&nodes, &UP, &[]), vec![(AGREEMENT, vec![4, 2])]);
        // With P2 down, P4 (id 11) is the highest live id: fine.
        assert!(names(&nodes, &[true, false, true, true], &[]).is_empty());
    }

    #[test]
    fn agreement_waits_until_the_election_is_over() {
        let mut nodes = settled();
        nodes[3].elected = Some(Cand { eid: 5, node: 3 });
        // A ring message in flight, a node participating or waiting, or an unacknowledged
        // message: not over yet.
        let m = Msg::Ring { seq: 0, body: Body::Elected { num: 1, leader: Cand { eid: 17, node: 2 } } };
        assert!(names(&nodes, &UP, &[&m]).is_empty());
        let ack = Msg::Ack { seq: 0, num: 1, decided: true };
        assert_eq!(names(&nodes, &UP, &[&ack]), vec![(AGREEMENT, vec![1, 4])], "an ack is no election traffic");
        nodes[0].participating = true;
        assert!(names(&nodes, &UP, &[]).is_empty());
        nodes[0].participating = false;
        nodes[2].outbox.push(crate::protocols::ring::Outgoing { seq: 0, to: 4, body: m_body() });
        assert!(names(&nodes, &UP, &[]).is_empty());
    }

    fn m_body() -> Body {
        Body::Elected { num: 1, leader: Cand { eid: 17, node: 2 } }
    }

    #[test]
    fn two_non_participating_nodes_naming_themselves_break_unique_leader() {
        let mut nodes = settled();
        assert!(names(&nodes, &UP, &[]).is_empty());
        nodes[3].elected = Some(Cand { eid: 11, node: 4 });
        let found = names(&nodes, &UP, &[]);
        assert_eq!(found[0], (UNIQUE_LEADER, vec![2, 4]));
        // P4 joins a newer election (participating): only P2 considers itself leader.
        nodes[3].participating = true;
        assert!(names(&nodes, &UP, &[]).is_empty());
        // A crashed self-named leader does not count.
        nodes[3].participating = false;
        assert!(!names(&nodes, &[true, true, true, false], &[]).iter().any(|(n, _)| *n == UNIQUE_LEADER));
    }
}

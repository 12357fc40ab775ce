//! The properties a bully election promises under the notes' synchronous model, checked by
//! name after every step (a god's-eye view no process has).
//!
//! *Unique coordinator*: two live processes may both act as coordinator only during a
//! hand-over — for at most Tmax + Tprocess after the higher one became coordinator, the time
//! its Coordinator message may take to reach and be handled by the lower one. (A recovering
//! highest id overlaps the old coordinator exactly that long: that is the protocol working.)
//! Any longer overlap means a message was slower than Tmax or never arrived, i.e. the
//! synchrony the algorithm assumes did not hold.
//!
//! *Agreement*: once the run is quiet — no Election, Answer or Coordinator message in flight,
//! no live process holding an election, and every live process following a live process that
//! is coordinator (one that follows a crashed process, or one that stepped down, has yet to
//! find out) — every live process names the highest live id.

use crate::sim::{by_node, Object};

use crate::say;
use crate::sim::protocol::{CheckCx, Violation};
use crate::sim::Arg;
use crate::sim::time::NodeId;

use super::msg::Msg;
use super::node::ms;
use super::says;
use super::tally;
use super::Bully;

pub const UNIQUE_COORDINATOR: &str = "Unique coordinator";
pub const AGREEMENT: &str = "Agreement";

pub fn check(cx: &CheckCx<Bully>) -> Vec<Violation> {
    let mut out = Vec::new();
    out.extend(unique_coordinator(cx));
    out.extend(agreement(cx));
    out
}

fn unique_coordinator(cx: &CheckCx<Bully>) -> Option<Violation> {
    let coords: Vec<(NodeId, &Bully)> = cx.live().filter(|(_, b)| b.is_coordinator()).collect();
    let &(low, _) = coords.first()?;
    let bound = cx.cfg.tmax + cx.cfg.tprocess;
    // Every coordinator but the lowest outranks another one, which must hear of it in time.
    let &(high, h) = coords[1..].iter().find(|(_, h)| cx.now > h.since + bound)?;
    Some(Violation {
        name: UNIQUE_COORDINATOR,
        nodes: vec![low, high],
        explanation: say!(says::TWO_COORDINATORS, low, high, bound = ms(bound), since = ms(cx.now - h.since), sync = says::SYNC),
    })
}

fn agreement(cx: &CheckCx<Bully>) -> Option<Violation> {
    let electing_msg = cx.in_flight.iter().any(|m| !matches!(m, Msg::Heartbeat { .. }));
    // A process that follows a crashed process, or one that has stepped down, is about to
    // find out (failure detector, or the real coordinator's heartbeat): not quiet yet.
    let leads = |c: NodeId| cx.up[c as usize - 1] && cx.nodes[c as usize - 1].is_coordinator();
    let pending = cx.live().any(|(_, b)| b.election.is_some() || b.coordinator.is_none_or(|c| !leads(c)));
    if electing_msg || pending {
        return None;
    }
    let (top, _) = cx.live().last()?;
    // Quiet implies every live process names someone (a live coordinator).
    let named = |b: &Bully| b.coordinator.unwrap_or(0);
    let (first, c1) = cx.live().map(|(id, b)| (id, named(b))).next()?;
    if let Some((other, c2)) = cx.live().map(|(id, b)| (id, named(b))).find(|&(_, c)| c != c1) {
        let who = |id: NodeId, c: NodeId| -> Arg { if id == c { says::ITSELF.into() } else { format!("P{c}").into() } };
        return Some(Violation {
            name: AGREEMENT,
            nodes: vec![first, other],
            explanation: say!(says::NAME_DIFFERENT, first, theirs = who(first, c1), other, others = who(other, c2), sync = says::SYNC),
        });
    }
    let named = c1;
    (named != top).then(|| Violation {
        name: AGREEMENT,
        nodes: vec![named, top],
        explanation: say!(says::NOT_HIGHEST, named, top),
    })
}

/// `{leader, believed, elections}`: the process every live process names (null if they do
/// not agree or it is down), who each live process believes is coordinator, and the message
/// counts of each election (plus `uncounted_elections` past the per-process cap, if any).
pub fn outcome(cx: &CheckCx<Bully>) -> serde_json::Value {
    let believed = by_node(cx.live().map(|(id, b)| (id, b.coordinator.into())));
    let all: Vec<Option<NodeId>> = cx.live().map(|(_, b)| b.coordinator).collect();
    let leader = match all.first() {
        Some(Some(l)) if all.iter().all(|b| *b == Some(*l)) && cx.up[*l as usize - 1] => Some(*l),
        _ => None,
    };
    let uncounted: u32 = cx.nodes.iter().map(|b| b.next_seq.saturating_sub(tally::COUNTED)).sum();
    let mut out =
        Object::new().with("leader", leader.into()).with("believed", believed).with("elections", tally::elections(cx.nodes).into());
    if uncounted > 0 {
        out = out.with("uncounted_elections", uncounted.into());
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use crate::sim::time::Time;
    use crate::protocols::bully::{BullyConfig, ElectionId, Election, Stage};

    const CFG: BullyConfig = BullyConfig { tmax: 10_000, tprocess: 5_000, heartbeat: 100_000 };

    /// Processes 1..=n; `coords` lists (id, since) of those that are coordinator; every other
    /// process follows `follows`.
    fn world(n: u32, coords: &[(NodeId, Time)], follows: NodeId) -> Vec<Bully> {
        (1..=n)
            .map(|id| {
                let mut b = Bully::new(id, CFG);
                b.coordinator = Some(follows);
                if let Some(&(_, since)) = coords.iter().find(|(c, _)| *c == id) {
                    b.coordinator = Some(id);
                    b.since = since;
                }
                b
            })
            .collect()
    }

    fn names(nodes: &[Bully], up: &[bool], now: Time, in_flight: &[&Msg]) -> Vec<(&'static str, Vec<NodeId>)> {
        check(&CheckCx { now, cfg: &CFG, nodes, up, in_flight }).into_iter().map(|v| (v.name, v.nodes)).collect()
    }

    #[test]
    fn two_coordinators_are_allowed_for_tmax_plus_tprocess_after_the_higher_one_took_over() {
        // P5 recovered at 100 ms and announced itself; P2 still leads until the news arrives.
        let nodes = world(5, &[(2, 0), (5, 100_000)], 5);
        let up = [true; 5];
        let news = Msg::Coordinator { leader: 5, election: ElectionId { by: 5, seq: 2 } };
        assert!(names(&nodes, &up, 115_000, &[&news]).is_empty(), "a hand-over within Tmax + Tprocess");
        assert_eq!(names(&nodes, &up, 115_001, &[&news]), vec![(UNIQUE_COORDINATOR, vec![2, 5])]);
        // A crashed coordinator does not count: it can no longer act.
        let up = [true, false, true, true, true];
        assert!(names(&nodes, &up, 200_000, &[]).is_empty());
    }

    #[test]
    fn agreement_waits_for_quiet_then_wants_everyone_on_the_highest_live_id() {
        let up = [true; 4];
        // Everyone follows P3, but P4 is alive (and not coordinator): once quiet, a violation.
        let mut nodes = world(4, &[(3, 0)], 3);
        nodes[3].coordinator = Some(3);
        assert_eq!(names(&nodes, &up, 1, &[]), vec![(AGREEMENT, vec![3, 4])]);
        // Not quiet while an election message is in flight, or while someone is electing.
        let e = Msg::Election { election: ElectionId { by: 4, seq: 1 } };
        assert!(names(&nodes, &up, 1, &[&e]).is_empty());
        nodes[3].election = Some(Election { id: ElectionId { by: 4, seq: 1 }, stage: Stage::AwaitAnswers });
        assert!(names(&nodes, &up, 1, &[]).is_empty());
        // Following a crashed process (its failure detector has yet to fire), or one that
        // stepped down (the real coordinator's heartbeat is coming): not quiet yet.
        let nodes = world(4, &[(4, 0)], 4);
        assert!(names(&nodes, &up, 1, &[]).is_empty(), "all follow P4, the highest");
        let mut stale = nodes.clone();
        stale[0].coordinator = Some(3);
        assert!(names(&stale, &[true, true, false, true], 1, &[]).is_empty(), "P1 follows crashed P3");
        assert!(names(&stale, &up, 1, &[]).is_empty(), "P1 follows P3, which is not coordinator");
        // Two live coordinators everyone can see, each with followers: a split brain.
        let mut split = world(4, &[(2, 0), (4, 0)], 4);
        split[0].coordinator = Some(2);
        assert_eq!(names(&split, &up, 1_000_000, &[]), vec![(UNIQUE_COORDINATOR, vec![2, 4]), (AGREEMENT, vec![1, 3])]);
    }

    #[test]
    fn step_by_step_healthy_then_one_process_changed_then_healthy_again() {
        // Issue 19: each checker from a healthy state, one process changed, checked again.
        let up = [true; 4];
        let mut nodes = world(4, &[(4, 0)], 4);
        assert!(names(&nodes, &up, 1_000_000, &[]).is_empty(), "everyone follows P4, the highest");
        // P3 proclaims itself and P1 follows it: two coordinators long past a hand-over, and
        // two names once quiet.
        nodes[2].coordinator = Some(3);
        nodes[0].coordinator = Some(3);
        assert_eq!(names(&nodes, &up, 1_000_000, &[]), vec![(UNIQUE_COORDINATOR, vec![3, 4]), (AGREEMENT, vec![1, 2])]);
        nodes[2].coordinator = Some(4);
        nodes[0].coordinator = Some(4);
        assert!(names(&nodes, &up, 1_000_000, &[]).is_empty(), "healthy again");
        // P4 crashes and everyone follows P3, now the highest live id: healthy.
        let down = [true, true, true, false];
        let mut after = world(4, &[(3, 0)], 3);
        assert!(names(&after, &down, 1_000_000, &[]).is_empty());
        // One follower still names the crashed P4: not quiet (its detector will fire).
        after[1].coordinator = Some(4);
        assert!(names(&after, &down, 1_000_000, &[]).is_empty());
        // P4 comes back (up) but is not coordinator while all follow P3: Agreement, once quiet.
        after[1].coordinator = Some(3);
        after[3].coordinator = Some(3);
        assert_eq!(names(&after, &up, 1_000_000, &[]), vec![(AGREEMENT, vec![3, 4])]);
    }

    #[test]
    fn the_outcome_names_a_leader_only_when_every_live_process_names_the_same_live_one() {
        // Mutation testing (issue 19) found these rules of `outcome` untested.
        let o = |nodes: &[Bully], up: &[bool]| outcome(&CheckCx { now: 0, cfg: &CFG, nodes, up, in_flight: &[] });
        let nodes = world(3, &[(3, 0)], 3);
        assert_eq!(o(&nodes, &[true; 3])["leader"], json!(3));
        // No election past the counting cap: no `uncounted_elections` field at all.
        assert_eq!(o(&nodes, &[true; 3]).get("uncounted_elections"), None);
        // P1 names P2 while P2 and P3 name P3: no leader.
        let mut split = nodes.clone();
        split[0].coordinator = Some(2);
        assert_eq!(o(&split, &[true; 3])["leader"], json!(null));
        // The live P1 and P2 agree on P3, but P3 is down: no leader.
        assert_eq!(o(&nodes, &[true, true, false])["leader"], json!(null));
    }

    #[test]
    fn elections_past_the_counting_cap_are_reported_as_uncounted() {
        let mut nodes = world(2, &[(2, 0)], 2);
        nodes[0].next_seq = tally::COUNTED + 3;
        let cx = CheckCx { now: 0, cfg: &CFG, nodes: &nodes, up: &[true, true], in_flight: &[] };
        let o = outcome(&cx);
        assert_eq!(o["uncounted_elections"], json!(3));
        assert_eq!((o["leader"].clone(), o["believed"].clone()), (json!(2), json!({ "1": 2, "2": 2 })));
    }
}

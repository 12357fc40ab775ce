//! The checks step by step, as the simulator runs them (issue 19): a healthy state built by
//! real deliveries at increasing times, checked after each step; then one node changes and
//! the check at that instant must find the violation. The check after each step re-examines
//! only the instances accepted or learned at this instant (`Ghost::recent_*`), so these tests
//! are what shows that path sees a change: the hand-made states of tests_multi.rs all sit at
//! time 0, where every accept is "recent". Each verdict is compared with a recount from
//! scratch over everything ever accepted (`chosen`). Default layout: proposers P1-P2,
//! acceptors P3-P7 (majority 3), learner P8.

use crate::sim::protocol::{CheckCx, Ctx, Protocol};
use crate::sim::time::{NodeId, Time};

use super::tests::{b, cmd, node};
use super::*;

fn world(c: &PaxosConfig) -> Vec<Paxos> {
    (1..=c.n).map(|id| node(id, c).0).collect()
}

/// Node `to` handles `msg` from `from` at time `now`.
fn step(w: &mut [Paxos], now: Time, from: NodeId, to: NodeId, msg: Msg) {
    let mut cx = Ctx::new(to, w.len() as u32, now);
    w[to as usize - 1].on_message(from, msg, &mut cx);
}

/// A client of proposer `p` asks for `v` at time `now` (the ghost records the request).
fn ask(w: &mut [Paxos], now: Time, p: NodeId, v: &str) {
    let mut cx = Ctx::new(p, w.len() as u32, now);
    w[p as usize - 1].on_command(&crate::sim::protocol::Command::ClientRequest { value: v.into() }, &mut cx);
}

/// The violations the check after a step at `now` reports, with the nodes it names.
fn check(w: &[Paxos], c: &PaxosConfig, now: Time) -> Vec<(&'static str, Vec<NodeId>)> {
    let up = vec![true; w.len()];
    Paxos::check(&CheckCx { now, cfg: c, nodes: w, up: &up, in_flight: &[] }).into_iter().map(|v| (v.name, v.nodes)).collect()
}

/// Agreement recounted from scratch: an instance with two different values chosen.
fn split_from_scratch(w: &[Paxos], c: &PaxosConfig) -> bool {
    invariants::chosen(w, c).values().any(|l| l.iter().any(|(_, x)| *x != l[0].1))
}

fn propose(bal: Ballot, slot: Slot, x: &Cmd) -> Msg {
    Msg::Propose { b: bal, slot, cmd: x.clone() }
}

#[test]
fn agreement_is_found_at_the_step_where_one_acceptor_completes_a_second_majority() {
    let c = PaxosConfig::default();
    let mut w = world(&c);
    ask(&mut w, 5, 1, "x");
    ask(&mut w, 5, 2, "y");
    let (x, y) = (cmd(1, 0, "x"), cmd(2, 0, "y"));
    // x chosen by P3-P5 under (1,P1), one acceptor a step.
    for (t, a) in [(10, 3), (11, 4), (12, 5)] {
        step(&mut w, t, 1, a, propose(b(1, 1), 0, &x));
        assert_eq!(check(&w, &c, t), vec![], "t={t}: healthy");
    }
    // y accepted by P6, P7 under (2,P2): two of five, not chosen.
    for (t, a) in [(20, 6), (21, 7)] {
        step(&mut w, t, 2, a, propose(b(2, 2), 0, &y));
        assert_eq!(check(&w, &c, t), vec![], "t={t}: y is not chosen");
    }
    assert!(!split_from_scratch(&w, &c));
    // One node changes: P5 accepts y under (2,P2) too (its promise (1,P1) is lower), so
    // y is chosen by P5-P7 while x was chosen by P3-P5.
    step(&mut w, 30, 2, 5, propose(b(2, 2), 0, &y));
    assert!(split_from_scratch(&w, &c));
    assert_eq!(check(&w, &c, 30), vec![(invariants::AGREEMENT, vec![3, 4, 5, 6, 7])]);
    // A step later nothing was accepted: the check re-examines no instance (the simulator
    // recorded the violation at 30).
    assert_eq!(check(&w, &c, 31), vec![]);
}

#[test]
fn agreement_is_found_in_the_instance_that_changed_among_healthy_ones() {
    let c = PaxosConfig { multi: true, ..PaxosConfig::default() };
    let mut w = world(&c);
    ask(&mut w, 1, 1, "a");
    ask(&mut w, 1, 2, "b");
    let (a, bb) = (cmd(1, 0, "a"), cmd(2, 0, "b"));
    let mut t = 10;
    // Instances 1-3 each choose one value; instance 3 has b from (1,P1) on P3-P5, and P6, P7
    // accepted a under (2,P2).
    for (slot, x) in [(1, &a), (2, &bb), (3, &bb)] {
        for acc in 3..=5 {
            t += 1;
            step(&mut w, t, 1, acc, propose(b(1, 1), slot, x));
            assert_eq!(check(&w, &c, t), vec![], "t={t}");
        }
    }
    for acc in [6, 7] {
        t += 1;
        step(&mut w, t, 2, acc, propose(b(2, 2), 3, &a));
        assert_eq!(check(&w, &c, t), vec![], "t={t}");
    }
    t += 1;
    step(&mut w, t, 2, 3, propose(b(2, 2), 3, &a));
    let found = check(&w, &c, t);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0], (invariants::AGREEMENT, vec![3, 4, 5, 6, 7]));
    assert!(split_from_scratch(&w, &c));
}

#[test]
fn validity_is_found_at_the_step_where_an_unasked_value_gets_its_majority() {
    let c = PaxosConfig::default();
    let mut w = world(&c);
    ask(&mut w, 1, 1, "x");
    // A proposal for a value no client asked for (a corrupted proposer).
    let z = cmd(2, 9, "z");
    for (t, a) in [(10, 3), (11, 4)] {
        step(&mut w, t, 2, a, propose(b(1, 2), 0, &z));
        assert_eq!(check(&w, &c, t), vec![], "t={t}: z is not chosen yet");
    }
    step(&mut w, 12, 2, 5, propose(b(1, 2), 0, &z));
    assert_eq!(check(&w, &c, 12), vec![(invariants::VALIDITY, vec![3, 4, 5])]);
    // The same steps with a value P2's client did ask for: healthy throughout.
    let mut w = world(&c);
    ask(&mut w, 1, 2, "z");
    let z = cmd(2, 0, "z");
    for (t, a) in [(10, 3), (11, 4), (12, 5)] {
        step(&mut w, t, 2, a, propose(b(1, 2), 0, &z));
        assert_eq!(check(&w, &c, t), vec![], "t={t}");
    }
}

#[test]
fn learner_integrity_is_found_at_the_step_where_the_learner_learns_an_unchosen_value() {
    let c = PaxosConfig::default();
    let mut w = world(&c);
    ask(&mut w, 1, 1, "x");
    let x = cmd(1, 0, "x");
    // Healthy: P3-P5 accept x, their 2b reach the learner P8, which learns at the third.
    for (t, a) in [(10, 3), (11, 4), (12, 5)] {
        step(&mut w, t, 1, a, propose(b(1, 1), 0, &x));
        step(&mut w, t, a, 8, Msg::Accepted { b: b(1, 1), slot: 0, cmd: x.clone() });
        assert_eq!(check(&w, &c, t), vec![], "t={t}");
    }
    assert!(w[7].learner.as_ref().unwrap().learned.contains_key(&0));
    // A second learner state, fed forged 2b messages for w, which no acceptor accepted.
    let mut w = world(&c);
    let forged = cmd(1, 5, "w");
    for (t, a) in [(20, 3), (21, 4)] {
        step(&mut w, t, a, 8, Msg::Accepted { b: b(3, 1), slot: 0, cmd: forged.clone() });
        assert_eq!(check(&w, &c, t), vec![], "t={t}: counted, not learned");
    }
    step(&mut w, 22, 5, 8, Msg::Accepted { b: b(3, 1), slot: 0, cmd: forged.clone() });
    assert_eq!(check(&w, &c, 22), vec![(invariants::LEARNER_INTEGRITY, vec![8])]);
}

#[test]
fn promise_kept_is_found_at_the_step_where_a_forgetful_acceptor_accepts_below_it() {
    let c = PaxosConfig { forget_promise: true, ..PaxosConfig::default() };
    let mut w = world(&c);
    ask(&mut w, 1, 1, "x");
    step(&mut w, 10, 2, 4, Msg::Prepare { b: b(2, 2) });
    assert_eq!(check(&w, &c, 10), vec![]);
    let mut cx = Ctx::new(4, 8, 20);
    w[3].on_recover(&mut cx);
    assert_eq!(check(&w, &c, 20), vec![], "a restart alone breaks nothing");
    step(&mut w, 30, 1, 4, propose(b(1, 1), 0, &cmd(1, 0, "x")));
    assert_eq!(check(&w, &c, 30), vec![(invariants::PROMISE_KEPT, vec![4, 1])]);
    // The correct acceptor refuses the same proposal: no violation.
    let c = PaxosConfig::default();
    let mut w = world(&c);
    ask(&mut w, 1, 1, "x");
    step(&mut w, 10, 2, 4, Msg::Prepare { b: b(2, 2) });
    let mut cx = Ctx::new(4, 8, 20);
    w[3].on_recover(&mut cx);
    step(&mut w, 30, 1, 4, propose(b(1, 1), 0, &cmd(1, 0, "x")));
    assert_eq!(check(&w, &c, 30), vec![]);
}

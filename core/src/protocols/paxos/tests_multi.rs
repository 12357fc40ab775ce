//! Multi-Paxos (§3 of "Paxos Made Simple") one step at a time, and the invariants on
//! hand-made states. Layout as in tests.rs: proposers P1-P2, acceptors P3-P7, learner P8.

use crate::sim::protocol::{CheckCx, Ctx, Protocol};

use super::tests::{b, cmd, deliver, node, proposer, request, sends, to_acceptors};
use super::*;

fn multi() -> PaxosConfig {
    PaxosConfig { multi: true, ..PaxosConfig::default() }
}

fn vote(slot: Slot, bal: Ballot, c: Cmd) -> Vote {
    Vote { slot, ballot: bal, cmd: c }
}

/// P1 asked for `first`, got three promises carrying `reported`, and now leads with (1,P1).
fn leader(reported: Vec<Vec<Vote>>) -> (Paxos, Ctx<Paxos>) {
    let c = multi();
    let (mut p, _) = node(1, &c);
    request(&mut p, "first");
    let mut last = Ctx::new(1, 8, 0);
    for (i, r) in reported.into_iter().enumerate() {
        last = deliver(&mut p, 3 + i as u32, Msg::Promise { b: b(1, 1), accepted: r });
    }
    (p, last)
}

#[test]
fn a_new_leader_re_proposes_reported_values_and_fills_gaps_with_no_ops() {
    // §3: for each instance, the highest-numbered value any promise reported; "no-op" for
    // the gaps below the highest instance; then its own command after them.
    let old = vote(1, b(0, 2), cmd(2, 0, "stale"));
    let newer = vote(1, b(0, 9), cmd(2, 1, "a"));
    let third = vote(3, b(0, 2), cmd(2, 2, "c"));
    let (p, cx) = leader(vec![vec![old], vec![newer.clone(), third.clone()], vec![]]);
    let c = multi();
    let mut want = to_acceptors(&c, Msg::Propose { b: b(1, 1), slot: 1, cmd: newer.cmd });
    want.extend(to_acceptors(&c, Msg::Propose { b: b(1, 1), slot: 2, cmd: Cmd::noop() }));
    want.extend(to_acceptors(&c, Msg::Propose { b: b(1, 1), slot: 3, cmd: third.cmd }));
    want.extend(to_acceptors(&c, Msg::Propose { b: b(1, 1), slot: 4, cmd: cmd(1, 0, "first") }));
    assert_eq!(sends(&cx), want);
    assert_eq!(proposer(&p).phase, Phase::Leading { b: b(1, 1) });
}

#[test]
fn the_leader_skips_phase_1_for_later_commands() {
    // §3: "phase 1 ... for infinitely many instances" at once; later commands need phase 2 only.
    let (mut p, _) = leader(vec![vec![], vec![], vec![]]);
    let cx = request(&mut p, "second");
    assert_eq!(sends(&cx), to_acceptors(&multi(), Msg::Propose { b: b(1, 1), slot: 2, cmd: cmd(1, 1, "second") }));
}

#[test]
fn a_follower_forwards_to_the_leader_it_knows_which_proposes_it_once() {
    let c = multi();
    let (mut p2, _) = node(2, &c);
    deliver(&mut p2, 8, Msg::Answer { b: b(1, 1), slot: 1, cmd: cmd(1, 0, "first") });
    let cx = request(&mut p2, "y");
    assert_eq!(sends(&cx), vec![(1, Msg::Forward { cmd: cmd(2, 0, "y") })]);

    let (mut p1, _) = leader(vec![vec![], vec![], vec![]]);
    let cx = deliver(&mut p1, 2, Msg::Forward { cmd: cmd(2, 0, "y") });
    assert_eq!(sends(&cx), to_acceptors(&c, Msg::Propose { b: b(1, 1), slot: 2, cmd: cmd(2, 0, "y") }));
    let again = deliver(&mut p1, 2, Msg::Forward { cmd: cmd(2, 0, "y") });
    assert_eq!(sends(&again), vec![], "a re-sent request already in the log is not placed twice");
}

#[test]
fn a_forward_of_a_chosen_command_is_answered_by_the_leader() {
    let (mut p1, _) = leader(vec![vec![], vec![], vec![]]);
    let y = cmd(2, 0, "y");
    deliver(&mut p1, 2, Msg::Forward { cmd: y.clone() });
    for a in 3..=5 {
        deliver(&mut p1, a, Msg::Accepted { b: b(1, 1), slot: 2, cmd: y.clone() });
    }
    let cx = deliver(&mut p1, 2, Msg::Forward { cmd: y.clone() });
    assert_eq!(sends(&cx), vec![(2, Msg::Answer { b: b(1, 1), slot: 2, cmd: y })]);
}

#[test]
fn a_follower_re_forwards_once_then_takes_over_with_phase_1() {
    let c = multi();
    let (mut p2, _) = node(2, &c);
    deliver(&mut p2, 8, Msg::Answer { b: b(4, 1), slot: 1, cmd: cmd(1, 0, "first") });
    request(&mut p2, "y");
    let mut cx = Ctx::new(2, 8, 0);
    p2.on_timer(Timer::Retry, &mut cx);
    assert_eq!(sends(&cx), vec![(1, Msg::Forward { cmd: cmd(2, 0, "y") })]);
    let mut cx = Ctx::new(2, 8, 0);
    p2.on_timer(Timer::Retry, &mut cx);
    assert_eq!(sends(&cx), to_acceptors(&c, Msg::Prepare { b: b(5, 2) }), "above the leader's ballot it heard of");
}

#[test]
fn a_leader_that_hears_of_a_higher_ballot_defers_and_forwards_its_clients_commands() {
    let (mut p1, _) = leader(vec![vec![], vec![], vec![]]);
    let cx = deliver(&mut p1, 3, Msg::Nack { b: b(1, 1), promised: b(2, 2) });
    assert_eq!(sends(&cx), vec![(2, Msg::Forward { cmd: cmd(1, 0, "first") })]);
    assert_eq!(proposer(&p1).phase, Phase::Idle);
}

// ---- invariants on hand-made states ----

fn world(c: &PaxosConfig) -> Vec<Paxos> {
    (1..=c.n).map(|id| Paxos::new(id, c)).collect()
}

fn violated(nodes: &[Paxos], c: &PaxosConfig) -> Vec<&'static str> {
    let up = vec![true; nodes.len()];
    let cx = CheckCx { now: 0, cfg: c, nodes, up: &up, in_flight: &[] };
    Paxos::check(&cx).into_iter().map(|v| v.name).collect()
}

fn accept(n: &mut Paxos, slot: Slot, bal: Ballot, c: &Cmd) {
    n.ghost.accepted(0, slot, bal, c);
}

#[test]
fn two_values_chosen_in_one_instance_break_agreement_even_after_acceptors_moved_on() {
    let c = PaxosConfig::default();
    let mut w = world(&c);
    let (x, y) = (cmd(1, 0, "x"), cmd(2, 0, "y"));
    w[0].ghost.requests.push(x.clone());
    w[1].ghost.requests.push(y.clone());
    for a in 3..=5 {
        accept(&mut w[a - 1], 0, b(1, 1), &x);
    }
    assert_eq!(violated(&w, &c), Vec::<&str>::new(), "one value chosen");
    for a in 5..=7 {
        accept(&mut w[a - 1], 0, b(2, 2), &x);
    }
    assert_eq!(violated(&w, &c), Vec::<&str>::new(), "the same value chosen again");
    for a in 5..=7 {
        accept(&mut w[a - 1], 0, b(3, 2), &y);
    }
    assert_eq!(violated(&w, &c), vec!["Agreement"]);
}

#[test]
fn validity_learner_integrity_and_promise_kept_each_fire_on_their_own() {
    let c = PaxosConfig::default();
    let z = cmd(1, 7, "never asked");
    let mut w = world(&c);
    for a in 3..=5 {
        accept(&mut w[a - 1], 0, b(1, 1), &z);
    }
    assert_eq!(violated(&w, &c), vec!["Validity"]);

    let mut w = world(&c);
    let x = cmd(1, 0, "x");
    w[0].ghost.requests.push(x.clone());
    accept(&mut w[2], 0, b(1, 1), &x); // one acceptor: not chosen
    w[7].learner.as_mut().unwrap().learned.insert(0, (b(1, 1), x.clone()));
    w[7].ghost.learned(0, 0);
    assert_eq!(violated(&w, &c), vec!["Learner integrity"]);

    let mut w = world(&c);
    w[3].ghost.broken_promise = Some((0, b(1, 1), b(2, 2)));
    assert_eq!(violated(&w, &c), vec!["Promise kept"]);
}

#[test]
fn the_outcome_is_the_applied_prefix_of_the_log() {
    let c = multi();
    let mut w = world(&c);
    let (a, bb) = (cmd(1, 0, "a"), cmd(2, 0, "b"));
    for n in 3..=5 {
        accept(&mut w[n - 1], 1, b(1, 1), &a);
        accept(&mut w[n - 1], 2, b(1, 1), &Cmd::noop());
        accept(&mut w[n - 1], 3, b(1, 1), &bb);
        accept(&mut w[n - 1], 4, b(2, 2), &a); // placed twice by a leader change
        accept(&mut w[n - 1], 6, b(2, 2), &bb); // after a hole: not applied yet
    }
    let ch = chosen(&w, &c);
    assert_eq!(invariants::applied(&ch), vec!["a", "b"]);
}

//! One step in, exact effects out. Each test checks one rule of "Paxos Made Simple" (cited
//! by section) as the course notes (seed 002) name the phases. Default layout: proposers
//! P1-P2, acceptors P3-P7 (majority 3), learner P8.

use crate::sim::protocol::{Command, Ctx, Effect, Protocol};
use crate::sim::time::NodeId;

use super::*;

pub(super) fn cfg() -> PaxosConfig {
    PaxosConfig::default()
}

pub(super) fn node(id: NodeId, cfg: &PaxosConfig) -> (Paxos, Ctx<Paxos>) {
    (Paxos::new(id, cfg), Ctx::new(id, cfg.n, 0))
}

pub(super) fn b(round: u32, node: NodeId) -> Ballot {
    Ballot { round, node }
}

pub(super) fn cmd(origin: NodeId, seq: u32, v: &str) -> Cmd {
    Cmd { origin, seq, value: v.into() }
}

pub(super) fn sends(cx: &Ctx<Paxos>) -> Vec<(NodeId, Msg)> {
    cx.effects.iter().filter_map(|e| if let Effect::Send { to, msg } = e { Some((*to, msg.clone())) } else { None }).collect()
}

pub(super) fn to_acceptors(cfg: &PaxosConfig, m: Msg) -> Vec<(NodeId, Msg)> {
    cfg.acceptors().map(|a| (a, m.clone())).collect()
}

pub(super) fn request(p: &mut Paxos, v: &str) -> Ctx<Paxos> {
    let mut cx = Ctx::new(p.id, p.cfg.n, 0);
    p.on_command(&Command::ClientRequest { value: v.into() }, &mut cx);
    cx
}

pub(super) fn deliver(p: &mut Paxos, from: NodeId, m: Msg) -> Ctx<Paxos> {
    let mut cx = Ctx::new(p.id, p.cfg.n, 0);
    p.on_message(from, m, &mut cx);
    cx
}

pub(super) fn proposer(p: &Paxos) -> &Proposer {
    p.proposer.as_ref().unwrap()
}

#[test]
fn a_client_request_starts_phase_1a_with_a_fresh_ballot_to_every_acceptor() {
    // §2.2 phase 1a: "a proposer selects a proposal number n and sends a prepare request".
    let c = cfg();
    let (mut p, _) = node(1, &c);
    let cx = request(&mut p, "x");
    assert_eq!(sends(&cx), to_acceptors(&c, Msg::Prepare { b: b(1, 1) }));
    assert!(cx.effects.contains(&Effect::SetTimer { timer: Timer::Retry, lo: c.retry.0, hi: c.retry.1 }));
    assert_eq!(p.ghost.requests, vec![cmd(1, 0, "x")]);
}

#[test]
fn an_acceptor_promises_a_higher_number_and_reports_what_it_accepted() {
    // §2.3 phase 1b: respond with a promise and "the highest-numbered proposal (if any) that
    // it has accepted".
    let (mut a, _) = node(4, &cfg());
    let cx = deliver(&mut a, 1, Msg::Prepare { b: b(1, 1) });
    assert_eq!(sends(&cx), vec![(1, Msg::Promise { b: b(1, 1), accepted: vec![] })]);
    deliver(&mut a, 1, Msg::Propose { b: b(1, 1), slot: 0, cmd: cmd(1, 0, "x") });
    let cx = deliver(&mut a, 2, Msg::Prepare { b: b(1, 2) });
    let vote = Vote { slot: 0, ballot: b(1, 1), cmd: cmd(1, 0, "x") };
    assert_eq!(sends(&cx), vec![(2, Msg::Promise { b: b(1, 2), accepted: vec![vote] })]);
    assert_eq!(a.acceptor.as_ref().unwrap().promised, Some(b(1, 2)));
}

#[test]
fn an_acceptor_refuses_a_lower_prepare_with_a_nack_or_in_silence() {
    // §2.3: it need not respond; the end of §2.3 suggests telling the proposer (a NACK).
    let (mut a, _) = node(4, &cfg());
    deliver(&mut a, 2, Msg::Prepare { b: b(2, 2) });
    let cx = deliver(&mut a, 1, Msg::Prepare { b: b(2, 1) });
    assert_eq!(sends(&cx), vec![(1, Msg::Nack { b: b(2, 1), promised: b(2, 2) })]);

    let quiet = PaxosConfig { nacks: false, ..cfg() };
    let (mut a, _) = node(4, &quiet);
    deliver(&mut a, 2, Msg::Prepare { b: b(2, 2) });
    assert_eq!(sends(&deliver(&mut a, 1, Msg::Prepare { b: b(2, 1) })), vec![]);
}

#[test]
fn a_duplicated_prepare_is_promised_again_not_refused() {
    let (mut a, _) = node(4, &cfg());
    deliver(&mut a, 1, Msg::Prepare { b: b(1, 1) });
    let cx = deliver(&mut a, 1, Msg::Prepare { b: b(1, 1) });
    assert_eq!(sends(&cx), vec![(1, Msg::Promise { b: b(1, 1), accepted: vec![] })]);
}

#[test]
fn an_acceptor_accepts_unless_it_promised_higher_and_tells_learners_and_the_proposer() {
    // §2.3 phase 2b: accept "unless it has already responded to a prepare request having a
    // number greater than n"; the notes: send accepts to all learners and the proposer.
    let (mut a, _) = node(4, &cfg());
    deliver(&mut a, 1, Msg::Prepare { b: b(1, 1) });
    let x = cmd(1, 0, "x");
    let cx = deliver(&mut a, 1, Msg::Propose { b: b(1, 1), slot: 0, cmd: x.clone() });
    let acc = Msg::Accepted { b: b(1, 1), slot: 0, cmd: x.clone() };
    assert_eq!(sends(&cx), vec![(8, acc.clone()), (1, acc)]);
    assert_eq!(a.acceptor.as_ref().unwrap().accepted.get(&0), Some(&(b(1, 1), x)));

    deliver(&mut a, 2, Msg::Prepare { b: b(1, 2) });
    let cx = deliver(&mut a, 1, Msg::Propose { b: b(1, 1), slot: 0, cmd: cmd(1, 0, "x") });
    assert_eq!(sends(&cx), vec![(1, Msg::Nack { b: b(1, 1), promised: b(1, 2) })]);
}

#[test]
fn accepting_a_number_never_promised_raises_the_promise() {
    // An acceptor that missed the Prepare may accept (nothing higher was promised); from then
    // on it must refuse anything lower, or a lower proposal could overwrite a chosen value.
    let (mut a, _) = node(4, &cfg());
    deliver(&mut a, 2, Msg::Propose { b: b(3, 2), slot: 0, cmd: cmd(2, 0, "y") });
    assert_eq!(a.acceptor.as_ref().unwrap().promised, Some(b(3, 2)));
    let cx = deliver(&mut a, 1, Msg::Prepare { b: b(2, 1) });
    assert_eq!(sends(&cx), vec![(1, Msg::Nack { b: b(2, 1), promised: b(3, 2) })]);
}

fn promise(p: &mut Paxos, from: NodeId, bal: Ballot, accepted: Vec<Vote>) -> Ctx<Paxos> {
    deliver(p, from, Msg::Promise { b: bal, accepted })
}

#[test]
fn the_proposer_waits_for_a_majority_then_proposes_its_own_value_if_none_was_accepted() {
    // §2.2 phase 2a: with responses from a majority, propose v = the highest-numbered
    // reported value, "or is any value if the responders reported no proposals".
    let c = cfg();
    let (mut p, _) = node(1, &c);
    request(&mut p, "x");
    assert_eq!(sends(&promise(&mut p, 3, b(1, 1), vec![])), vec![]);
    assert_eq!(sends(&promise(&mut p, 3, b(1, 1), vec![])), vec![], "a duplicate promise is not a second acceptor");
    assert_eq!(sends(&promise(&mut p, 4, b(1, 1), vec![])), vec![]);
    let cx = promise(&mut p, 5, b(1, 1), vec![]);
    assert_eq!(sends(&cx), to_acceptors(&c, Msg::Propose { b: b(1, 1), slot: 0, cmd: cmd(1, 0, "x") }));
}

#[test]
fn the_proposer_adopts_the_highest_numbered_accepted_value() {
    // §2.2 P2c: the value of the highest-numbered proposal among the majority's replies.
    let c = cfg();
    let (mut p, _) = node(1, &c);
    request(&mut p, "x");
    let mut cx = Ctx::new(1, 8, 0);
    p.on_timer(Timer::Retry, &mut cx); // round 2
    let old = Vote { slot: 0, ballot: b(1, 2), cmd: cmd(2, 0, "y") };
    let newer = Vote { slot: 0, ballot: b(1, 3), cmd: cmd(9, 0, "z") };
    promise(&mut p, 3, b(2, 1), vec![old]);
    promise(&mut p, 4, b(2, 1), vec![]);
    let cx = promise(&mut p, 5, b(2, 1), vec![newer]);
    assert_eq!(sends(&cx), to_acceptors(&c, Msg::Propose { b: b(2, 1), slot: 0, cmd: cmd(9, 0, "z") }));
}

#[test]
fn with_the_bug_the_proposer_ignores_accepted_values() {
    let c = PaxosConfig { ignore_accepted: true, ..cfg() };
    let (mut p, _) = node(1, &c);
    request(&mut p, "x");
    promise(&mut p, 3, b(1, 1), vec![Vote { slot: 0, ballot: b(1, 0), cmd: cmd(2, 0, "y") }]);
    promise(&mut p, 4, b(1, 1), vec![]);
    let cx = promise(&mut p, 5, b(1, 1), vec![]);
    assert_eq!(sends(&cx), to_acceptors(&c, Msg::Propose { b: b(1, 1), slot: 0, cmd: cmd(1, 0, "x") }));
}

#[test]
fn a_nack_ends_the_round_and_the_retry_goes_above_the_promise_it_reported() {
    // §2.3 end: a proposer that learns of a higher number should abandon its proposal;
    // §2.4: it tries again later with a higher number.
    let c = cfg();
    let (mut p, _) = node(1, &c);
    request(&mut p, "x");
    let cx = deliver(&mut p, 4, Msg::Nack { b: b(1, 1), promised: b(7, 2) });
    assert_eq!(sends(&cx), vec![], "it waits for its timeout rather than retrying at once");
    assert_eq!(proposer(&p).phase, Phase::Idle);
    let mut cx = Ctx::new(1, 8, 0);
    p.on_timer(Timer::Retry, &mut cx);
    assert_eq!(sends(&cx), to_acceptors(&c, Msg::Prepare { b: b(8, 1) }));
}

#[test]
fn without_nacks_the_retry_just_counts_up() {
    let c = PaxosConfig { nacks: false, ..cfg() };
    let (mut p, _) = node(1, &c);
    request(&mut p, "x");
    let mut cx = Ctx::new(1, 8, 0);
    p.on_timer(Timer::Retry, &mut cx);
    assert_eq!(sends(&cx), to_acceptors(&c, Msg::Prepare { b: b(2, 1) }));
}

#[test]
fn the_learner_learns_on_a_majority_of_one_proposal_and_answers_every_proposer() {
    // §2.3 "Learning a chosen value"; the notes' 2c: the learner answers the client.
    let (mut l, _) = node(8, &cfg());
    let x = cmd(1, 0, "x");
    let acc = |bal| Msg::Accepted { b: bal, slot: 0, cmd: x.clone() };
    deliver(&mut l, 3, acc(b(1, 1)));
    deliver(&mut l, 4, acc(b(2, 2))); // another proposal: does not add up with (1,P1)
    assert_eq!(sends(&deliver(&mut l, 5, acc(b(1, 1)))), vec![]);
    assert_eq!(sends(&deliver(&mut l, 5, acc(b(1, 1)))), vec![], "a duplicate is not a third acceptor");
    let cx = deliver(&mut l, 6, acc(b(1, 1)));
    let ans = Msg::Answer { b: b(1, 1), slot: 0, cmd: x.clone() };
    assert_eq!(sends(&cx), vec![(1, ans.clone()), (2, ans)]);
    assert_eq!(l.learner.as_ref().unwrap().learned.get(&0), Some(&(b(1, 1), x)));
}

#[test]
fn a_proposer_that_hears_the_value_is_chosen_stops_retrying() {
    let (mut p, _) = node(2, &cfg());
    request(&mut p, "y");
    let cx = deliver(&mut p, 8, Msg::Answer { b: b(1, 1), slot: 0, cmd: cmd(1, 0, "x") });
    assert!(cx.effects.contains(&Effect::CancelTimer { timer: Timer::Retry }));
    assert!(proposer(&p).pending.is_empty());
    let mut cx = Ctx::new(2, 8, 0);
    p.on_timer(Timer::Retry, &mut cx);
    assert_eq!(sends(&cx), vec![]);
}

#[test]
fn a_restart_keeps_what_paxos_needs_on_disk() {
    // §2.3: acceptors keep promise and accepted value; a proposer must not reuse a number.
    let c = cfg();
    let (mut a, _) = node(4, &c);
    deliver(&mut a, 1, Msg::Prepare { b: b(2, 1) });
    let mut cx = Ctx::new(4, 8, 0);
    a.on_recover(&mut cx);
    assert_eq!(a.acceptor.as_ref().unwrap().promised, Some(b(2, 1)));

    let (mut p, _) = node(1, &c);
    request(&mut p, "x");
    let mut cx = Ctx::new(1, 8, 0);
    p.on_recover(&mut cx);
    assert_eq!(proposer(&p).phase, Phase::Idle);
    assert!(cx.effects.contains(&Effect::SetTimer { timer: Timer::Retry, lo: c.retry.0, hi: c.retry.1 }));
    let mut cx = Ctx::new(1, 8, 0);
    p.on_timer(Timer::Retry, &mut cx);
    assert_eq!(sends(&cx), to_acceptors(&c, Msg::Prepare { b: b(2, 1) }), "round 1 is never reused");
}

#[test]
fn with_the_bug_a_restarted_acceptor_accepts_below_its_old_promise() {
    let c = PaxosConfig { forget_promise: true, ..cfg() };
    let (mut a, _) = node(4, &c);
    deliver(&mut a, 2, Msg::Prepare { b: b(2, 2) });
    let mut cx = Ctx::new(4, 8, 0);
    a.on_recover(&mut cx);
    assert_eq!(a.acceptor.as_ref().unwrap().promised, None);
    let cx = deliver(&mut a, 1, Msg::Propose { b: b(1, 1), slot: 0, cmd: cmd(1, 0, "x") });
    assert_eq!(sends(&cx).len(), 2, "it accepts (2b to the learner and P1)");
    assert_eq!(a.ghost.broken_promise, Some((0, b(1, 1), b(2, 2))));
}

#[test]
fn only_the_distinguished_proposer_runs_rounds() {
    // §2.4: "a distinguished proposer must be selected as the only one to try issuing proposals".
    let c = PaxosConfig { distinguished: Some(1), ..cfg() };
    let (mut p2, _) = node(2, &c);
    let cx = request(&mut p2, "y");
    assert_eq!(sends(&cx), vec![(1, Msg::Forward { cmd: cmd(2, 0, "y") })]);
    let (mut p1, _) = node(1, &c);
    let cx = deliver(&mut p1, 2, Msg::Forward { cmd: cmd(2, 0, "y") });
    assert_eq!(sends(&cx), to_acceptors(&c, Msg::Prepare { b: b(1, 1) }));
}

#[test]
fn when_every_node_plays_every_role_its_own_acceptor_answers_without_the_network() {
    // §2.1: one process may act as several agents; it does not message itself.
    let c = PaxosConfig { split: None, n: 3, ..cfg() };
    let (mut p, _) = node(1, &c);
    let cx = request(&mut p, "x");
    assert_eq!(sends(&cx), vec![(2, Msg::Prepare { b: b(1, 1) }), (3, Msg::Prepare { b: b(1, 1) })]);
    assert_eq!(p.acceptor.as_ref().unwrap().promised, Some(b(1, 1)));
    let Phase::Preparing { promises, .. } = &proposer(&p).phase else { panic!("not preparing") };
    assert_eq!(promises.keys().copied().collect::<Vec<_>>(), vec![1]);
    // One more promise makes a majority of 3: it proposes to the others and accepts itself.
    let cx = promise(&mut p, 2, b(1, 1), vec![]);
    let x = cmd(1, 0, "x");
    let prop = Msg::Propose { b: b(1, 1), slot: 0, cmd: x.clone() };
    let acc = Msg::Accepted { b: b(1, 1), slot: 0, cmd: x };
    assert_eq!(sends(&cx), vec![(2, prop.clone()), (3, prop), (2, acc.clone()), (3, acc)]);
}

#[test]
fn messages_carry_the_phase_names_of_the_notes() {
    let x = cmd(1, 0, "x");
    let label = |m: Msg| Paxos::describe(&m).label;
    assert_eq!(label(Msg::Prepare { b: b(2, 1) }), "1a Prepare (2,P1)");
    assert_eq!(label(Msg::Promise { b: b(2, 1), accepted: vec![] }), "1b Promise (2,P1), none accepted");
    assert_eq!(label(Msg::Propose { b: b(2, 1), slot: 0, cmd: x.clone() }), "2a Propose (2,P1) x");
    assert_eq!(label(Msg::Accepted { b: b(2, 1), slot: 3, cmd: x.clone() }), "2b Accepted (2,P1) #3 x");
    assert_eq!(label(Msg::Answer { b: b(2, 1), slot: 0, cmd: x }), "2c Answer x");
    let roles: Vec<String> = (1..=8).map(|id| Paxos::new(id, &cfg()).view(&cfg()).role).collect();
    assert_eq!(roles, ["proposer", "proposer", "acceptor", "acceptor", "acceptor", "acceptor", "acceptor", "learner"]);
}

#[test]
fn roles_are_refitted_to_a_new_node_count_and_kept_when_they_fit() {
    use super::fit_roles;
    let split = |nodes: u32, params: serde_json::Value| {
        let mut m = params.as_object().unwrap().clone();
        fit_roles(&mut m, nodes);
        serde_json::Value::Object(m)
    };
    let basic = serde_json::json!({ "mode": "synod", "proposers": 2, "acceptors": 5, "learners": 1 });
    assert_eq!(split(8, basic.clone()), basic, "already fits");
    assert_eq!(split(5, basic.clone()), serde_json::json!({ "mode": "synod", "proposers": 1, "acceptors": 3, "learners": 1 }));
    assert_eq!(split(7, basic.clone()), serde_json::json!({ "mode": "synod", "proposers": 2, "acceptors": 4, "learners": 1 }));
    assert_eq!(split(3, serde_json::json!({})), serde_json::json!({ "proposers": 1, "acceptors": 1, "learners": 1 }));
    assert_eq!(split(2, basic), serde_json::json!({ "mode": "synod", "roles": "all" }));
    let all = serde_json::json!({ "roles": "all" });
    assert_eq!(split(4, all.clone()), all);
}

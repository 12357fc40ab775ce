//! One step in, exact effects out: each test checks one rule of the notes (seed 002,
//! "Elección de líder": Chang & Roberts 1979) or of the crash handling docs/protocols/ring.md
//! lists (election numbers, ring repair, the leader check).

use crate::sim::protocol::{Command, Ctx, Effect};

use super::*;

const T: Time = 35_000;

fn cfg(ids: &[u32]) -> RingConfig {
    RingConfig { ids: ids.to_vec(), ack_timeout: T, round_timeout: 10 * T, leader_check: 0, max_latency: 10_000 }
}

fn node(id: NodeId, ids: &[u32]) -> (Ring, Ctx<Ring>) {
    (Ring::new(id, &cfg(ids)), Ctx::new(id, ids.len() as u32, 0))
}

fn cand(eid: u32, node: NodeId) -> Cand {
    Cand { eid, node }
}

fn election(num: u32, eid: u32, node: NodeId) -> Body {
    Body::Election { num, cand: cand(eid, node) }
}

fn elected(num: u32, eid: u32, node: NodeId) -> Body {
    Body::Elected { num, leader: cand(eid, node) }
}

fn ring(seq: u64, body: Body) -> Msg {
    Msg::Ring { seq, body }
}

fn ack(seq: u64, num: u32) -> Msg {
    Msg::Ack { seq, num, decided: false }
}

fn sends(cx: &Ctx<Ring>) -> Vec<(NodeId, Msg)> {
    cx.effects.iter().filter_map(|e| if let Effect::Send { to, msg } = e { Some((*to, *msg)) } else { None }).collect()
}

fn notes(cx: &Ctx<Ring>) -> Vec<String> {
    cx.effects.iter().filter_map(|e| if let Effect::Note(t) = e { Some(t.to_string()) } else { None }).collect()
}

#[test]
fn initiator_marks_itself_participating_and_sends_its_id_clockwise_in_a_new_election() {
    // Notes: "algún proceso Pi se marca como participando y envía un mensaje en sentido
    // horario"; the election's number is one above the highest this node has seen.
    let (mut r, mut cx) = node(2, &[1, 2, 3]);
    r.num = 4;
    r.on_command(&Command::StartElection, &mut cx);
    assert!(r.participating);
    assert_eq!(sends(&cx), vec![(3, ring(0, election(5, 2, 2)))]);
    assert!(cx.effects.contains(&Effect::SetTimer { timer: Timer::AckTimeout { seq: 0 }, lo: T, hi: T }));
}

#[test]
fn non_participating_node_replaces_a_lower_id_with_its_own() {
    let (mut r, mut cx) = node(3, &[1, 2, 9]);
    r.on_message(2, ring(4, election(1, 2, 2)), &mut cx);
    assert!(r.participating);
    assert_eq!(sends(&cx), vec![(2, ack(4, 1)), (1, ring(0, election(1, 9, 3)))]);
}

#[test]
fn non_participating_node_forwards_a_higher_id_unchanged() {
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    r.on_message(3, ring(0, election(1, 9, 3)), &mut cx);
    assert_eq!(sends(&cx)[1], (2, ring(0, election(1, 9, 3))));
}

#[test]
fn participating_node_discards_a_lower_id() {
    let (mut r, mut cx) = node(3, &[1, 2, 9]);
    r.on_command(&Command::StartElection, &mut cx);
    let mut cx = Ctx::new(3, 3, 1);
    r.on_message(2, ring(1, election(1, 2, 2)), &mut cx);
    assert_eq!(sends(&cx), vec![(2, ack(1, 1))], "only the ack: the election message is swallowed");
}

#[test]
fn participating_node_forwards_a_higher_id() {
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    r.on_command(&Command::StartElection, &mut cx);
    let mut cx = Ctx::new(1, 3, 1);
    r.on_message(3, ring(1, election(1, 9, 3)), &mut cx);
    assert_eq!(sends(&cx)[1], (2, ring(1, election(1, 9, 3))));
}

#[test]
fn own_id_back_while_participating_makes_the_leader_who_sends_elected() {
    let (mut r, mut cx) = node(3, &[1, 2, 9]);
    r.on_command(&Command::StartElection, &mut cx);
    let mut cx = Ctx::new(3, 3, 1);
    r.on_message(2, ring(1, election(1, 9, 3)), &mut cx);
    assert!(!r.participating);
    assert_eq!(r.elected, Some(cand(9, 3)));
    assert_eq!(sends(&cx)[1], (1, ring(1, elected(1, 9, 3))));
}

#[test]
fn elected_message_is_recorded_and_forwarded_until_it_reaches_the_leader() {
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    r.on_message(3, ring(0, election(1, 9, 3)), &mut cx);
    let mut cx = Ctx::new(1, 3, 1);
    r.on_message(3, ring(2, elected(1, 9, 3)), &mut cx);
    assert!(!r.participating);
    assert_eq!(r.elected, Some(cand(9, 3)));
    assert_eq!(sends(&cx)[1], (2, ring(1, elected(1, 9, 3))));

    let (mut leader, _) = node(3, &[1, 2, 9]);
    leader.num = 1;
    let mut cx = Ctx::new(3, 3, 1);
    leader.on_message(2, ring(5, elected(1, 9, 3)), &mut cx);
    assert_eq!(sends(&cx), vec![(2, ack(5, 1))], "the leader stops the elected message");
}

#[test]
fn an_older_elections_messages_are_dropped_and_the_ack_says_which_election_is_current() {
    // Issue 18: messages of an older election are dropped, Election and Elected alike; the
    // ack carries the receiver's election number.
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    r.num = 3;
    r.elected = Some(cand(2, 2));
    r.on_message(3, ring(7, election(2, 9, 3)), &mut cx);
    r.on_message(3, ring(8, elected(2, 9, 3)), &mut cx);
    assert_eq!(sends(&cx), vec![(3, ack(7, 3)), (3, ack(8, 3))]);
    assert!(!r.participating);
    assert_eq!(r.elected, Some(cand(2, 2)), "an older election's result is not taken");
    assert!(notes(&cx).iter().all(|n| n.contains("of election #2: it is in election #3")), "{:?}", notes(&cx));
}

#[test]
fn a_newer_election_resets_participation_and_is_joined_by_chang_and_roberts_rules() {
    let (mut r, mut cx) = node(3, &[1, 2, 9]);
    r.on_command(&Command::StartElection, &mut cx); // election 1, participating
    let mut cx = Ctx::new(3, 3, 1);
    // A lower id in a newer election: a participant would discard it, but election 2 resets
    // participation, so P3 joins it and puts its own id forward.
    r.on_message(2, ring(3, election(2, 2, 2)), &mut cx);
    assert_eq!(r.num, 2);
    assert_eq!(sends(&cx), vec![(2, ack(3, 2)), (1, ring(1, election(2, 9, 3)))]);
}

#[test]
fn elected_of_a_newer_election_is_accepted() {
    // Elected is accepted for the current or a newer election.
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    r.num = 1;
    r.elected = Some(cand(2, 2));
    r.on_message(3, ring(0, elected(4, 9, 3)), &mut cx);
    assert_eq!((r.num, r.elected), (4, Some(cand(9, 3))));
}

#[test]
fn a_node_that_passed_on_a_higher_id_cannot_win_that_election_with_its_own() {
    // Equal numbers are one election (Chang & Roberts' concurrent initiators): P1 (id 5)
    // initiated election 1 and passed on 9 in it. Its own id coming back after that (the
    // holder of 9 was down when it went by) is dropped: an election's winner is its highest id.
    let (mut r, mut cx) = node(1, &[5, 2, 9]);
    r.on_command(&Command::StartElection, &mut cx);
    r.on_message(3, ring(0, election(1, 9, 3)), &mut cx);
    assert_eq!(sends(&cx)[2], (2, ring(1, election(1, 9, 3))));
    let mut cx = Ctx::new(1, 3, 1);
    r.on_message(3, ring(1, election(1, 5, 1)), &mut cx);
    assert_eq!(sends(&cx), vec![(3, ack(1, 1))]);
    assert!(r.participating && r.elected.is_none());
}

#[test]
fn an_announcement_below_the_highest_id_seen_in_that_election_is_dropped() {
    // The winner of an election is its highest id: P1 passed on 9 in election 1, so
    // Elected(5) of election 1 (from a node that came back after 9 went by) is not taken.
    let (mut r, mut cx) = node(1, &[5, 2, 9]);
    r.on_message(3, ring(0, election(1, 9, 3)), &mut cx);
    let mut cx = Ctx::new(1, 3, 1);
    r.on_message(3, ring(1, elected(1, 5, 2)), &mut cx);
    assert_eq!(sends(&cx), vec![(3, ack(1, 1))]);
    assert!(r.participating && r.elected.is_none());
}

#[test]
fn missing_ack_skips_the_crashed_successor() {
    let (mut r, mut cx) = node(1, &[1, 2, 3, 4]);
    r.on_command(&Command::StartElection, &mut cx);
    let mut cx = Ctx::new(1, 4, T);
    r.on_timer(Timer::AckTimeout { seq: 0 }, &mut cx);
    assert_eq!(sends(&cx), vec![(3, ring(1, election(1, 1, 1)))]);
    // A late ack for the skipped attempt changes nothing.
    let mut cx = Ctx::new(1, 4, T + 1);
    r.on_message(2, ack(0, 1), &mut cx);
    assert!(cx.effects.is_empty());
    assert_eq!(r.outbox.len(), 1);
}

#[test]
fn ack_cancels_the_timer() {
    let (mut r, mut cx) = node(1, &[1, 2]);
    r.on_command(&Command::StartElection, &mut cx);
    let mut cx = Ctx::new(1, 2, 10);
    r.on_message(2, ack(0, 1), &mut cx);
    assert_eq!(cx.effects, vec![Effect::CancelTimer { timer: Timer::AckTimeout { seq: 0 } }]);
    assert!(r.outbox.is_empty());
}

#[test]
fn an_ack_from_a_decided_newer_election_makes_a_dropped_candidate_call_a_newer_one() {
    // P2 came back with a stale number: its Election of #2 was dropped by P3, whose
    // election #3 is over. #3 never counted P2, so P2 calls #4.
    let (mut r, mut cx) = node(2, &[1, 5, 3]);
    r.num = 1;
    r.on_recover(&mut cx);
    assert_eq!(sends(&cx), vec![(3, ring(0, election(2, 5, 2)))]);
    let mut cx = Ctx::new(2, 3, 10);
    r.on_message(3, Msg::Ack { seq: 0, num: 3, decided: true }, &mut cx);
    assert_eq!(sends(&cx), vec![(3, ring(1, election(4, 5, 2)))]);
}

#[test]
fn an_ack_from_an_undecided_newer_election_makes_a_dropped_candidate_wait_a_round() {
    let (mut r, mut cx) = node(2, &[1, 5, 3]);
    r.on_recover(&mut cx);
    let mut cx = Ctx::new(2, 3, 10);
    r.on_message(3, ack(0, 3), &mut cx);
    assert!(sends(&cx).is_empty());
    assert!(r.electing() && !r.participating, "waiting for #3 to come round");
    assert!(cx.effects.contains(&Effect::SetTimer { timer: Timer::RoundTimeout, lo: 10 * T, hi: 10 * T }));
    // It never comes (it went by while P2 was down): P2 calls #4.
    let mut cx = Ctx::new(2, 3, 10 * T);
    r.on_timer(Timer::RoundTimeout, &mut cx);
    assert_eq!(sends(&cx), vec![(3, ring(1, election(4, 5, 2)))]);
}

#[test]
fn recovered_node_forgets_the_election_and_starts_a_newer_one() {
    // The election number is durable: the recovered node's election is newer than any it saw.
    let (mut r, mut cx) = node(2, &[1, 5, 3]);
    r.elected = Some(cand(3, 3));
    r.num = 6;
    r.on_recover(&mut cx);
    assert!(r.participating && r.elected.is_none());
    assert_eq!(sends(&cx), vec![(3, ring(0, election(7, 5, 2)))]);
}

#[test]
fn duplicates_are_acknowledged_but_handled_once() {
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    let m = ring(3, election(1, 9, 3));
    r.on_message(3, m, &mut cx);
    let mut cx = Ctx::new(1, 3, 1);
    r.on_message(3, m, &mut cx);
    assert_eq!(sends(&cx), vec![(3, ack(3, 1))]);
}

#[test]
fn a_message_whose_owner_crashed_is_dropped_for_a_newer_election() {
    let (mut r, mut cx) = node(2, &[1, 2, 9]);
    r.on_message(1, ring(0, election(4, 9, 3)), &mut cx);
    let mut cx = Ctx::new(2, 3, T);
    r.on_timer(Timer::AckTimeout { seq: 0 }, &mut cx);
    // P3 (id 9) was the successor and the candidate: P2 calls election 5 with its own id.
    assert_eq!(sends(&cx), vec![(3, ring(1, election(5, 2, 2)))]);
}

#[test]
fn a_stalled_election_is_called_again_after_the_round_timeout() {
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    r.on_command(&Command::StartElection, &mut cx);
    assert!(cx.effects.contains(&Effect::SetTimer { timer: Timer::RoundTimeout, lo: 10 * T, hi: 10 * T }));
    let mut cx = Ctx::new(1, 3, 10 * T);
    r.on_timer(Timer::RoundTimeout, &mut cx);
    assert_eq!(sends(&cx), vec![(2, ring(1, election(2, 1, 1)))]);
}

#[test]
fn a_node_that_learns_a_lower_winner_of_an_election_it_missed_calls_one() {
    // P3 (id 9) came back with a stale number and its own election was dropped; now the
    // result of election 5, which never compared its id, names the lower id 5.
    let (mut r, mut cx) = node(3, &[1, 5, 9]);
    r.on_message(2, ring(4, elected(5, 5, 2)), &mut cx);
    assert_eq!(sends(&cx), vec![(2, ack(4, 5)), (1, ring(0, elected(5, 5, 2))), (1, ring(1, election(6, 9, 3)))]);
    assert!(r.participating);
}

fn checking(id: NodeId, leader: NodeId) -> (Ring, Ctx<Ring>) {
    let mut c = cfg(&[1, 2, 3]);
    c.leader_check = 100_000;
    let mut r = Ring::new(id, &c);
    r.num = 2;
    r.elected = Some(cand(leader, leader));
    r.result_of = 2;
    (r, Ctx::new(id, 3, 0))
}

#[test]
fn the_leader_check_asks_the_leader_and_calls_an_election_when_it_is_silent() {
    // The notes: a process that finds the coordinator down starts an election.
    let (mut r, mut cx) = checking(1, 3);
    r.on_timer(Timer::LeaderCheck, &mut cx);
    assert_eq!(sends(&cx), vec![(3, Msg::Check { nonce: 0 })]);
    assert!(cx.effects.contains(&Effect::SetTimer { timer: Timer::LeaderCheck, lo: 100_000, hi: 100_000 }));
    let mut cx = Ctx::new(1, 3, T);
    r.on_timer(Timer::CheckTimeout { nonce: 0 }, &mut cx);
    assert_eq!(sends(&cx), vec![(2, ring(1, election(3, 1, 1)))]);
}

#[test]
fn a_leader_that_answers_it_leads_is_left_alone_and_one_that_does_not_is_replaced() {
    let (mut r, mut cx) = checking(1, 3);
    r.on_timer(Timer::LeaderCheck, &mut cx);
    let (mut l, _) = checking(3, 3);
    let mut lcx = Ctx::new(3, 3, 1);
    l.on_message(1, Msg::Check { nonce: 0 }, &mut lcx);
    assert_eq!(sends(&lcx), vec![(1, Msg::CheckReply { nonce: 0, leads: true, num: 2 })]);
    let mut cx = Ctx::new(1, 3, 2);
    r.on_message(3, Msg::CheckReply { nonce: 0, leads: true, num: 2 }, &mut cx);
    assert_eq!(cx.effects, vec![Effect::CancelTimer { timer: Timer::CheckTimeout { nonce: 0 } }]);
    // Next time P3 says it no longer leads (in the same election): P1 calls one.
    let mut cx = Ctx::new(1, 3, 100_000);
    r.on_timer(Timer::LeaderCheck, &mut cx);
    let mut cx = Ctx::new(1, 3, 100_001);
    r.on_message(3, Msg::CheckReply { nonce: 1, leads: false, num: 2 }, &mut cx);
    assert_eq!(sends(&cx), vec![(2, ring(2, election(3, 1, 1)))]);
}

#[test]
fn with_the_leader_check_off_no_timer_is_set() {
    let mut cx = Ctx::new(1, 3, 0);
    let r = <Ring as crate::sim::protocol::Protocol>::init(1, &cfg(&[1, 2, 3]), &mut cx);
    assert!(cx.effects.is_empty(), "{:?}", cx.effects);
    assert_eq!(r.num, 0);
}

//! One step in, exact effects out: each test checks one rule of the notes (seed 002).

use crate::sim::protocol::{Command, Ctx, Effect};

use super::*;

const T: Time = 35_000;

fn cfg(ids: &[u32]) -> RingConfig {
    RingConfig { ids: ids.to_vec(), ack_timeout: T, round_timeout: 10 * T }
}

fn node(id: NodeId, ids: &[u32]) -> (Ring, Ctx<Ring>) {
    (Ring::new(id, &cfg(ids)), Ctx::new(id, ids.len() as u32, 0))
}

fn cand(eid: u32, node: NodeId) -> Cand {
    Cand { eid, node }
}

fn sends(cx: &Ctx<Ring>) -> Vec<(NodeId, Msg)> {
    cx.effects.iter().filter_map(|e| if let Effect::Send { to, msg } = e { Some((*to, *msg)) } else { None }).collect()
}

#[test]
fn initiator_marks_itself_participating_and_sends_its_id_clockwise() {
    let (mut r, mut cx) = node(2, &[1, 2, 3]);
    r.on_command(&Command::StartElection, &mut cx);
    assert!(r.participating);
    assert_eq!(sends(&cx), vec![(3, Msg::Ring { seq: 0, body: Body::Election { cand: cand(2, 2), round: 1 } })]);
    assert!(cx.effects.contains(&Effect::SetTimer { timer: Timer::AckTimeout { seq: 0 }, lo: T, hi: T }));
}

#[test]
fn non_participating_node_replaces_a_lower_id_with_its_own() {
    let (mut r, mut cx) = node(3, &[1, 2, 9]);
    r.on_message(2, Msg::Ring { seq: 4, body: Body::Election { cand: cand(2, 2), round: 1 } }, &mut cx);
    assert!(r.participating);
    assert_eq!(
        sends(&cx),
        vec![(2, Msg::Ack { seq: 4 }), (1, Msg::Ring { seq: 0, body: Body::Election { cand: cand(9, 3), round: 1 } })]
    );
}

#[test]
fn non_participating_node_forwards_a_higher_id_unchanged() {
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    r.on_message(3, Msg::Ring { seq: 0, body: Body::Election { cand: cand(9, 3), round: 1 } }, &mut cx);
    assert_eq!(sends(&cx)[1], (2, Msg::Ring { seq: 0, body: Body::Election { cand: cand(9, 3), round: 1 } }));
}

#[test]
fn participating_node_discards_a_lower_id() {
    let (mut r, mut cx) = node(3, &[1, 2, 9]);
    r.participating = true;
    r.on_message(2, Msg::Ring { seq: 1, body: Body::Election { cand: cand(2, 2), round: 1 } }, &mut cx);
    assert_eq!(sends(&cx), vec![(2, Msg::Ack { seq: 1 })], "only the ack: the election message is swallowed");
}

#[test]
fn participating_node_forwards_a_higher_id() {
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    r.participating = true;
    r.on_message(3, Msg::Ring { seq: 1, body: Body::Election { cand: cand(9, 3), round: 1 } }, &mut cx);
    assert_eq!(sends(&cx)[1], (2, Msg::Ring { seq: 0, body: Body::Election { cand: cand(9, 3), round: 1 } }));
}

#[test]
fn own_id_back_while_participating_makes_the_leader_who_sends_elected() {
    let (mut r, mut cx) = node(3, &[1, 2, 9]);
    r.on_command(&Command::StartElection, &mut cx);
    let mut cx = Ctx::new(3, 3, 1);
    r.on_message(2, Msg::Ring { seq: 1, body: Body::Election { cand: cand(9, 3), round: 1 } }, &mut cx);
    assert!(!r.participating);
    assert_eq!(r.elected, Some(cand(9, 3)));
    assert_eq!(sends(&cx)[1], (1, Msg::Ring { seq: 1, body: Body::Elected { leader: cand(9, 3) } }));
}

#[test]
fn elected_message_is_recorded_and_forwarded_until_it_reaches_the_leader() {
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    r.participating = true;
    r.on_message(3, Msg::Ring { seq: 2, body: Body::Elected { leader: cand(9, 3) } }, &mut cx);
    assert!(!r.participating);
    assert_eq!(r.elected, Some(cand(9, 3)));
    assert_eq!(sends(&cx)[1], (2, Msg::Ring { seq: 0, body: Body::Elected { leader: cand(9, 3) } }));

    let (mut leader, mut cx) = node(3, &[1, 2, 9]);
    leader.on_message(2, Msg::Ring { seq: 5, body: Body::Elected { leader: cand(9, 3) } }, &mut cx);
    assert_eq!(sends(&cx), vec![(2, Msg::Ack { seq: 5 })], "the leader stops the elected message");
}

#[test]
fn missing_ack_skips_the_crashed_successor() {
    let (mut r, mut cx) = node(1, &[1, 2, 3, 4]);
    r.on_command(&Command::StartElection, &mut cx);
    let mut cx = Ctx::new(1, 4, T);
    r.on_timer(Timer::AckTimeout { seq: 0 }, &mut cx);
    assert_eq!(sends(&cx), vec![(3, Msg::Ring { seq: 1, body: Body::Election { cand: cand(1, 1), round: 1 } })]);
    // A late ack for the skipped attempt changes nothing.
    let mut cx = Ctx::new(1, 4, T + 1);
    r.on_message(2, Msg::Ack { seq: 0 }, &mut cx);
    assert!(cx.effects.is_empty());
    assert_eq!(r.outbox.len(), 1);
}

#[test]
fn ack_cancels_the_timer() {
    let (mut r, mut cx) = node(1, &[1, 2]);
    r.on_command(&Command::StartElection, &mut cx);
    let mut cx = Ctx::new(1, 2, 10);
    r.on_message(2, Msg::Ack { seq: 0 }, &mut cx);
    assert_eq!(cx.effects, vec![Effect::CancelTimer { timer: Timer::AckTimeout { seq: 0 } }]);
    assert!(r.outbox.is_empty());
}

#[test]
fn recovered_node_forgets_the_election_and_starts_one() {
    let (mut r, mut cx) = node(2, &[1, 5, 3]);
    r.elected = Some(cand(3, 3));
    r.on_recover(&mut cx);
    assert!(r.participating);
    assert_eq!(sends(&cx), vec![(3, Msg::Ring { seq: 0, body: Body::Election { cand: cand(5, 2), round: 1 } })]);
}

#[test]
fn only_the_latest_copy_of_its_own_id_makes_a_node_leader() {
    let (mut r, mut cx) = node(3, &[1, 2, 9]);
    r.on_command(&Command::StartElection, &mut cx); // round 1
    r.on_command(&Command::StartElection, &mut cx); // round 2: a fresh start
    let mut cx = Ctx::new(3, 3, 1);
    r.on_message(2, Msg::Ring { seq: 7, body: Body::Election { cand: cand(9, 3), round: 1 } }, &mut cx);
    assert_eq!(sends(&cx), vec![(2, Msg::Ack { seq: 7 })], "a stale copy is dropped");
    assert!(r.participating && r.elected.is_none());
}

#[test]
fn a_node_that_passed_on_a_higher_id_cannot_win_with_its_own() {
    let (mut r, mut cx) = node(1, &[5, 2, 9]);
    r.on_command(&Command::StartElection, &mut cx);
    r.on_message(3, Msg::Ring { seq: 0, body: Body::Election { cand: cand(9, 3), round: 1 } }, &mut cx);
    let mut cx = Ctx::new(1, 3, 1);
    r.on_message(3, Msg::Ring { seq: 1, body: Body::Election { cand: cand(5, 1), round: 1 } }, &mut cx);
    assert_eq!(sends(&cx), vec![(3, Msg::Ack { seq: 1 })]);
    assert_eq!(r.elected, None);
}

#[test]
fn duplicates_are_acknowledged_but_handled_once() {
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    let m = Msg::Ring { seq: 3, body: Body::Election { cand: cand(9, 3), round: 1 } };
    r.on_message(3, m, &mut cx);
    let mut cx = Ctx::new(1, 3, 1);
    r.on_message(3, m, &mut cx);
    assert_eq!(sends(&cx), vec![(3, Msg::Ack { seq: 3 })]);
}

#[test]
fn a_message_whose_owner_crashed_is_dropped_for_a_fresh_election() {
    let (mut r, mut cx) = node(2, &[1, 2, 9]);
    r.on_message(1, Msg::Ring { seq: 0, body: Body::Election { cand: cand(9, 3), round: 4 } }, &mut cx);
    let mut cx = Ctx::new(2, 3, T);
    r.on_timer(Timer::AckTimeout { seq: 0 }, &mut cx);
    // P3 (id 9) was the successor and the candidate: P2 restarts with its own id instead.
    assert_eq!(sends(&cx), vec![(3, Msg::Ring { seq: 1, body: Body::Election { cand: cand(2, 2), round: 1 } })]);
}

#[test]
fn stale_news_of_a_lower_leader_is_dropped() {
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    r.elected = Some(cand(9, 3));
    r.on_message(3, Msg::Ring { seq: 0, body: Body::Elected { leader: cand(2, 2) } }, &mut cx);
    assert_eq!(sends(&cx), vec![(3, Msg::Ack { seq: 0 })]);
    assert_eq!(r.elected, Some(cand(9, 3)));
}

#[test]
fn a_stalled_election_is_called_again_after_the_round_timeout() {
    let (mut r, mut cx) = node(1, &[1, 2, 9]);
    r.on_command(&Command::StartElection, &mut cx);
    assert!(cx.effects.contains(&Effect::SetTimer { timer: Timer::RoundTimeout, lo: 10 * T, hi: 10 * T }));
    let mut cx = Ctx::new(1, 3, 10 * T);
    r.on_timer(Timer::RoundTimeout, &mut cx);
    assert_eq!(sends(&cx), vec![(2, Msg::Ring { seq: 1, body: Body::Election { cand: cand(1, 1), round: 2 } })]);
}

#[test]
fn a_live_node_with_a_higher_id_stops_a_lower_leaders_announcement_and_calls_an_election() {
    // P3 (id 9) was skipped while down, or its own Election died with a crashed forwarder:
    // Elected(5) must not make it follow a lower id while it lives.
    let (mut r, mut cx) = node(3, &[1, 5, 9]);
    r.on_message(2, Msg::Ring { seq: 4, body: Body::Elected { leader: cand(5, 2) } }, &mut cx);
    assert_eq!(
        sends(&cx),
        vec![
            (2, Msg::Ack { seq: 4 }),
            (1, Msg::Ring { seq: 0, body: Body::Election { cand: cand(9, 3), round: 1 } }),
        ]
    );
    assert!(r.participating);
    assert_eq!(r.elected, None);
}

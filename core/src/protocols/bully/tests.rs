//! One step in, exact effects out. Each test names the rule it checks: the notes (seed 002,
//! "Bully": Sincronismo, Algoritmo Parte I / Parte II), or a choice of ours listed in
//! docs/protocols/bully.md.

use crate::sim::protocol::{Command, Ctx, Effect, Protocol};

use super::node::JUST_AFTER;
use super::*;

const TIMING: BullyConfig = BullyConfig { tmax: 10_000, tprocess: 5_000, heartbeat: 100_000 };
const T: Time = 25_000; // 2·10 + 5 ms
const T2: Time = 45_000; // T + 2·Tmax
const D: Time = 125_000; // heartbeat + T

fn cx(id: NodeId, n: u32) -> Ctx<Bully> {
    Ctx::new(id, n, 1_000)
}

/// A process that follows `c` and is not electing.
fn follower(id: NodeId, c: NodeId) -> Bully {
    let mut b = Bully::new(id, TIMING);
    b.coordinator = Some(c);
    b
}

fn coordinator(id: NodeId) -> Bully {
    let mut b = Bully::new(id, TIMING);
    b.coordinator = Some(id);
    b
}

fn sends(cx: &Ctx<Bully>) -> Vec<(NodeId, Msg)> {
    cx.effects.iter().filter_map(|e| if let Effect::Send { to, msg } = e { Some((*to, *msg)) } else { None }).collect()
}

/// Every effect but the notes.
fn acts(cx: &Ctx<Bully>) -> Vec<Effect<Msg, Timer>> {
    cx.effects.iter().filter(|e| !matches!(e, Effect::Note(_))).cloned().collect()
}

fn set(timer: Timer, after: Time) -> Effect<Msg, Timer> {
    Effect::SetTimer { timer, lo: after + JUST_AFTER, hi: after + JUST_AFTER }
}

fn id(by: NodeId, seq: u32) -> ElectionId {
    ElectionId { by, seq }
}

fn election(e: ElectionId) -> Msg {
    Msg::Election { election: e }
}

#[test]
fn t_is_twice_tmax_plus_tprocess_as_the_notes_derive_it() {
    // Sincronismo: T = 2·Tmax + Tprocess.
    assert_eq!(TIMING.t(), T);
    assert_eq!(TIMING.t_prime(), T2);
    assert_eq!(TIMING.detect(), D);
}

#[test]
fn the_highest_id_announces_itself_at_start_up_and_the_others_watch() {
    // Parte I: the process with the highest id may send Coordinator to everyone.
    let mut c = cx(3, 3);
    let b = Bully::init(3, &TIMING, &mut c);
    assert!(b.is_coordinator());
    let coord = Msg::Coordinator { leader: 3, election: id(3, 1) };
    assert_eq!(
        acts(&c),
        vec![
            // A process that proclaims itself stops watching anyone (here: no one yet).
            Effect::CancelTimer { timer: Timer::FailureDetector },
            Effect::SetTimer { timer: Timer::Heartbeat, lo: 100_000, hi: 100_000 },
            Effect::Send { to: 1, msg: coord },
            Effect::Send { to: 2, msg: coord },
        ]
    );
    let mut c = cx(2, 3);
    let b = Bully::init(2, &TIMING, &mut c);
    assert_eq!(b.coordinator, None);
    assert_eq!(acts(&c), vec![set(Timer::FailureDetector, D)]);
}

#[test]
fn a_process_that_suspects_the_coordinator_sends_election_to_every_higher_id_the_suspect_included() {
    // Notes, Part I: "envía Election Messages a procesos que tengan un ID mayor al suyo";
    // Garcia-Molina 1982 (the Election procedure asks every higher node). A suspicion is a
    // guess: the suspected P5 is asked too, so if it is alive its Answer stops P2 (issue 18).
    let mut b = follower(2, 5);
    let mut c = cx(2, 5);
    b.on_timer(Timer::FailureDetector, &mut c);
    let e = id(2, 1);
    assert_eq!(
        acts(&c),
        vec![
            Effect::CancelTimer { timer: Timer::FailureDetector },
            Effect::Send { to: 3, msg: election(e) },
            Effect::Send { to: 4, msg: election(e) },
            Effect::Send { to: 5, msg: election(e) },
            set(Timer::AnswerWait, T),
        ]
    );
    assert_eq!(b.coordinator, None);
    assert_eq!(b.election, Some(Election { id: e, stage: Stage::AwaitAnswers }));
}

#[test]
fn the_second_highest_asks_the_suspected_highest_before_it_proclaims() {
    // Best case (Garcia-Molina's reading): P4 suspects P5, asks it (1 Election), hears no
    // Answer within T, then tells the n − 2 lower ids: n − 1 messages. It must not proclaim at
    // once: P5 may be alive and only slow to heartbeat.
    let mut b = follower(4, 5);
    let mut c = cx(4, 5);
    b.on_timer(Timer::FailureDetector, &mut c);
    assert_eq!(sends(&c), vec![(5, election(id(4, 1)))]);
    assert!(!b.is_coordinator());
    let mut c = Ctx::new(4, 5, 1_000 + T + JUST_AFTER);
    b.on_timer(Timer::AnswerWait, &mut c);
    let coord = Msg::Coordinator { leader: 4, election: id(4, 1) };
    assert_eq!(sends(&c), vec![(1, coord), (2, coord), (3, coord)]);
    assert!(b.is_coordinator());
    assert_eq!(b.since, 1_000 + T + JUST_AFTER);
    assert!(acts(&c).contains(&Effect::SetTimer { timer: Timer::Heartbeat, lo: 100_000, hi: 100_000 }));
}

#[test]
fn a_wrongly_suspected_live_coordinator_answers_and_the_suspicious_process_follows_it() {
    // Issue 18: a forced timeout at P4 while P5 leads. P5 answers and tells P4 it leads; P4
    // never proclaims itself.
    let mut p4 = follower(4, 5);
    let mut c = cx(4, 5);
    p4.on_command(&Command::Timeout, &mut c);
    let (to, ask) = sends(&c)[0];
    assert_eq!(to, 5);
    let mut p5 = coordinator(5);
    let mut c5 = cx(5, 5);
    p5.on_message(4, ask, &mut c5);
    for (to, m) in sends(&c5) {
        assert_eq!(to, 4);
        p4.on_message(5, m, &mut cx(4, 5));
    }
    assert_eq!((p4.coordinator, p4.election), (Some(5), None));
    assert!(p5.is_coordinator());
}

#[test]
fn election_from_a_lower_id_is_answered_and_starts_an_election() {
    // Parte I: "responde con un Answer Message y comienza una nueva elección". The new
    // election asks every higher id, the coordinator included (this process suspects no one).
    let mut b = follower(3, 5);
    let mut c = cx(3, 5);
    b.on_message(1, election(id(1, 4)), &mut c);
    assert_eq!(sends(&c), vec![(1, Msg::Answer { election: id(1, 4) }), (4, election(id(1, 4))), (5, election(id(1, 4)))]);
    assert!(acts(&c).contains(&set(Timer::AnswerWait, T)));
}

#[test]
fn a_process_already_electing_only_answers() {
    let mut b = follower(3, 5);
    b.election = Some(Election { id: id(2, 1), stage: Stage::AwaitAnswers });
    let mut c = cx(3, 5);
    b.on_message(1, election(id(1, 1)), &mut c);
    assert_eq!(acts(&c), vec![Effect::Send { to: 1, msg: Msg::Answer { election: id(1, 1) } }]);
}

#[test]
fn the_coordinator_answers_an_election_and_tells_the_asker_alone() {
    // Our choice: no new election and no broadcast from a process that already won.
    let mut b = coordinator(5);
    let mut c = cx(5, 5);
    b.on_message(2, election(id(2, 1)), &mut c);
    assert_eq!(
        sends(&c),
        vec![(2, Msg::Answer { election: id(2, 1) }), (2, Msg::Coordinator { leader: 5, election: id(2, 1) })]
    );
    assert!(b.is_coordinator() && b.election.is_none());
}

#[test]
fn an_answer_stops_the_t_timer_and_starts_waiting_for_coordinator() {
    // Coulouris et al.: after an Answer, wait T' for the Coordinator message.
    let mut b = follower(2, 5);
    b.on_timer(Timer::FailureDetector, &mut cx(2, 5));
    let mut c = cx(2, 5);
    b.on_message(3, Msg::Answer { election: id(2, 1) }, &mut c);
    assert_eq!(acts(&c), vec![Effect::CancelTimer { timer: Timer::AnswerWait }, set(Timer::CoordinatorWait, T2)]);
    assert_eq!(b.election.map(|e| e.stage), Some(Stage::AwaitCoordinator));
}

#[test]
fn no_answer_within_t_makes_the_process_coordinator() {
    // Parte I: "no recibe Answer Messages después de transcurrido tiempo T, se autoproclama".
    let mut b = follower(2, 5);
    b.on_timer(Timer::FailureDetector, &mut cx(2, 5));
    let mut c = cx(2, 5);
    b.on_timer(Timer::AnswerWait, &mut c);
    assert!(b.is_coordinator() && b.election.is_none());
    assert_eq!(sends(&c), vec![(1, Msg::Coordinator { leader: 2, election: id(2, 1) })]);
}

#[test]
fn no_coordinator_within_t_prime_starts_the_same_election_over() {
    let mut b = follower(2, 5);
    b.election = Some(Election { id: id(1, 7), stage: Stage::AwaitCoordinator });
    b.coordinator = None;
    let mut c = cx(2, 5);
    b.on_timer(Timer::CoordinatorWait, &mut c);
    let e = election(id(1, 7));
    assert_eq!(sends(&c), vec![(3, e), (4, e), (5, e)]);
    assert_eq!(b.election, Some(Election { id: id(1, 7), stage: Stage::AwaitAnswers }));
}

#[test]
fn coordinator_from_a_higher_id_is_obeyed_and_ends_the_election() {
    // Parte I: "elige al proceso que envió el mensaje como líder".
    let mut b = follower(2, 5);
    b.on_timer(Timer::FailureDetector, &mut cx(2, 5));
    let mut c = cx(2, 5);
    b.on_message(4, Msg::Coordinator { leader: 4, election: id(2, 1) }, &mut c);
    assert_eq!(b.coordinator, Some(4));
    assert_eq!(
        acts(&c),
        vec![
            Effect::CancelTimer { timer: Timer::AnswerWait },
            Effect::CancelTimer { timer: Timer::CoordinatorWait },
            set(Timer::FailureDetector, D),
        ]
    );
}

#[test]
fn a_coordinator_steps_down_for_a_higher_one() {
    // Parte II: the recovered highest id takes over from the old coordinator.
    let mut b = coordinator(4);
    let mut c = cx(4, 5);
    b.on_message(5, Msg::Coordinator { leader: 5, election: id(5, 2) }, &mut c);
    assert_eq!(b.coordinator, Some(5));
    assert_eq!(acts(&c), vec![Effect::CancelTimer { timer: Timer::Heartbeat }, set(Timer::FailureDetector, D)]);
}

#[test]
fn heartbeats_rearm_the_detector_and_a_lower_coordinators_are_ignored() {
    let mut b = follower(2, 5);
    let mut c = cx(2, 5);
    b.on_message(5, Msg::Heartbeat { leader: 5 }, &mut c);
    assert_eq!(acts(&c), vec![set(Timer::FailureDetector, D)]);
    // P4 announced itself before it heard of P5: stale, P4 will hear of P5.
    let mut c = cx(2, 5);
    b.on_message(4, Msg::Heartbeat { leader: 4 }, &mut c);
    assert!(c.effects.is_empty());
    assert_eq!(b.coordinator, Some(5));
}

#[test]
fn the_coordinator_heartbeats_every_lower_id() {
    let mut b = coordinator(3);
    let mut c = cx(3, 4);
    b.on_timer(Timer::Heartbeat, &mut c);
    let hb = Msg::Heartbeat { leader: 3 };
    assert_eq!(
        acts(&c),
        vec![
            Effect::Send { to: 1, msg: hb },
            Effect::Send { to: 2, msg: hb },
            Effect::SetTimer { timer: Timer::Heartbeat, lo: 100_000, hi: 100_000 },
        ]
    );
}

#[test]
fn a_recovered_process_forgets_and_starts_an_election() {
    // Parte II: "Si un proceso caído vuelve a la vida, comienza una nueva elección".
    let mut b = follower(2, 4);
    b.election = Some(Election { id: id(1, 1), stage: Stage::AwaitCoordinator });
    let mut c = cx(2, 4);
    b.on_recover(&mut c);
    assert_eq!(b.coordinator, None);
    assert_eq!(sends(&c), vec![(3, election(id(2, 1))), (4, election(id(2, 1)))]);
}

#[test]
fn the_recovered_highest_id_bullies_its_way_back_at_once() {
    // Parte II: "Si este proceso es el que posee mayor ID, será elegido como el nuevo líder".
    let mut b = follower(4, 4);
    let mut c = cx(4, 4);
    b.on_recover(&mut c);
    assert!(b.is_coordinator());
    let coord = Msg::Coordinator { leader: 4, election: id(4, 1) };
    assert_eq!(sends(&c), vec![(1, coord), (2, coord), (3, coord)]);
}

#[test]
fn election_ids_stay_unique_across_a_crash() {
    let mut b = follower(2, 4);
    b.on_recover(&mut cx(2, 4));
    b.on_recover(&mut cx(2, 4));
    assert_eq!(b.election.map(|e| e.id), Some(id(2, 2)));
}

#[test]
fn a_late_answer_changes_nothing_but_is_explained() {
    let mut b = follower(2, 5);
    b.on_timer(Timer::FailureDetector, &mut cx(2, 5));
    b.on_timer(Timer::AnswerWait, &mut cx(2, 5));
    let mut c = cx(2, 5);
    b.on_message(3, Msg::Answer { election: id(2, 1) }, &mut c);
    assert!(acts(&c).is_empty());
    assert!(b.is_coordinator());
    let Some(Effect::Note(text)) = c.effects.first() else { panic!("no note: {:?}", c.effects) };
    assert!(text.to_string().contains("synchronous"), "{text}");
}

#[test]
fn timeout_fires_a_followers_detector_and_nothing_else() {
    let mut b = follower(1, 3);
    let mut c = cx(1, 3);
    b.on_command(&Command::Timeout, &mut c);
    assert_eq!(sends(&c), vec![(2, election(id(1, 1))), (3, election(id(1, 1)))], "P3 is suspected, and asked too");
    let mut b = coordinator(3);
    let mut c = cx(3, 3);
    b.on_command(&Command::Timeout, &mut c);
    assert!(acts(&c).is_empty());
}

#[test]
fn start_election_on_a_coordinator_asks_the_higher_ids_but_keeps_it_coordinator() {
    let mut b = coordinator(3);
    let mut c = cx(3, 4);
    b.on_command(&Command::StartElection, &mut c);
    assert_eq!(sends(&c), vec![(4, election(id(3, 1)))]);
    assert!(b.is_coordinator(), "heartbeats go on, or followers would suspect it");
}

#[test]
fn params_default_to_a_synchronous_network_and_errors_name_the_field() {
    let env = Env { nodes: 3, latency: (10_000, 14_500) };
    let cfg = Bully::configure(&serde_json::json!({}), &env).unwrap();
    assert_eq!(cfg.tmax, 15_000, "Tmax defaults to the slowest latency, rounded up to a ms");
    assert_eq!((cfg.tprocess, cfg.heartbeat), (5_000, 100_000));
    let err = Bully::configure(&serde_json::json!({ "tmax_ms": 0 }), &env).unwrap_err().to_string();
    assert_eq!(err, "params.tmax_ms: 0 is out of range 1..=600000");
    let err = Bully::configure(&serde_json::json!({ "t_ms": 5 }), &env).unwrap_err().to_string();
    assert!(err.starts_with("params.t_ms: unknown field `t_ms`"), "{err}");
}

#[test]
fn only_the_first_elections_of_each_process_are_counted() {
    // The counts are cloned into every history checkpoint: they must stay bounded.
    let mut b = follower(2, 3);
    for _ in 0..tally::COUNTED + 5 {
        b.on_recover(&mut cx(2, 3));
    }
    assert_eq!(b.log.started.len(), tally::COUNTED as usize);
    assert_eq!(b.log.sent.len(), tally::COUNTED as usize);
    assert_eq!(b.next_seq, tally::COUNTED + 5);
}

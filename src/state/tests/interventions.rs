//! Interventions become exact scenario events at the displayed moment; forks discard the
//! user's later interventions; refusals name the problem and change nothing.

use consenso_core::scenario::EventSpec;
use consenso_core::sim::view::Fate;

use super::*;

fn intervene(s: AppState, i: Intervention) -> AppState {
    reduce(s, Action::Intervene(i))
}

/// The events of raft-basic.json, with `extra` inserted at `index`.
fn raft_events_with(index: usize, extra: EventSpec) -> Vec<EventSpec> {
    let mut e = Scenario::parse(RAFT).unwrap().events;
    e.insert(index, extra);
    e
}

fn refused(before: &AppState, after: &AppState, fragment: &str) {
    let notice = after.notice.as_deref().unwrap_or_default();
    assert!(notice.contains(fragment), "notice {notice:?} lacks {fragment:?}");
    assert_eq!(after.source, before.source, "a refused intervention changed the scenario");
    assert_eq!(t(after), t(before));
}

#[test]
fn a_crash_is_a_scenario_event_at_the_displayed_moment_rounded_up_to_a_ms() {
    let s = paused_at(RAFT, 1_234_500);
    let before = world(&s);
    let s = intervene(s, Intervention::Crash(2));
    let crash = EventSpec::Crash { at_ms: 1235, node: 2 };
    // After the scripted crash of P1 at 1000 ms, before the request at 1500 ms.
    assert_eq!(events(&s), raft_events_with(4, crash.clone()));
    assert_eq!(*s.interventions, vec![crash]);
    assert_eq!(t(&s), 1_235_000);
    assert!(!s.playing && s.notice.is_none());
    let w = world(&s);
    assert!(!w.nodes[1].up, "P2 is shown down at once");
    assert!(before.nodes[1].up);
    // Everything shown before the intervention is still true: the new run's past is the old one's.
    let rewound = reduce(s, Action::Seek(1_234_500));
    assert!(*world(&rewound) == *before);
}

#[test]
fn restart_replays_the_interventions() {
    let s = intervene(paused_at(RAFT, 1_234_500), Intervention::Crash(2));
    let s = reduce(s, Action::Restart);
    assert!(s.playing && t(&s) == 0);
    let s = reduce(s, Action::Seek(1_300_000));
    assert!(!world(&s).nodes[1].up);
}

#[test]
fn intervening_in_the_past_forks_and_discards_only_the_users_later_interventions() {
    let s = intervene(paused_at(RAFT, 1_234_500), Intervention::Crash(2));
    let s = intervene(reduce(s, Action::Seek(1_600_000)), Intervention::Recover(2));
    assert_eq!(s.interventions.len(), 2);
    // Back to 600 ms: a request there forks the history; both later interventions go, the
    // scenario's own crash of P1 at 1000 ms stays.
    let s = reduce(s, Action::Seek(600_000));
    let request = Intervention::Command { node: 1, action: "client_request".into(), value: Some(" w=9 ".into()) };
    let s = intervene(s, request);
    let event = EventSpec::ClientRequest { at_ms: 600, node: 1, value: "w=9".into() };
    assert_eq!(events(&s), raft_events_with(2, event.clone()));
    assert_eq!(*s.interventions, vec![event]);
    assert_eq!(s.notice.as_deref(), Some("History forked at 600 ms: your 2 later interventions discarded"));
}

#[test]
fn interventions_at_the_same_moment_all_stay_in_order() {
    let s = intervene(paused_at(RAFT, 1_100_000), Intervention::Crash(2));
    let s = intervene(s, Intervention::Crash(3));
    let (c2, c3) = (EventSpec::Crash { at_ms: 1100, node: 2 }, EventSpec::Crash { at_ms: 1100, node: 3 });
    assert_eq!(*s.interventions, vec![c2.clone(), c3.clone()]);
    let mut want = raft_events_with(4, c2);
    want.insert(5, c3);
    assert_eq!(events(&s), want);
    assert!(s.notice.is_none());
}

#[test]
fn the_network_sliders_write_one_merged_set_network_event_per_moment() {
    let s = paused_at(RAFT, 300_000);
    let s = intervene(s, Intervention::Network { latency_ms: None, loss: Some(0.25) });
    let s = intervene(s, Intervention::Network { latency_ms: Some([40, 60]), loss: None });
    let merged = EventSpec::SetNetwork { at_ms: 300, latency_ms: Some([40, 60]), loss: Some(0.25) };
    assert_eq!(*s.interventions, vec![merged.clone()]);
    assert_eq!(events(&s), raft_events_with(0, merged));
    let scenario = &s.run.as_ref().unwrap().about.scenario;
    assert_eq!(network_at(scenario, 299), ([10, 15], 0.0));
    assert_eq!(network_at(scenario, 300), ([40, 60], 0.25));
}

#[test]
fn the_protocols_commands_run_on_the_node() {
    // A forced timeout makes a Raft follower a candidate at once.
    let s = paused_at(RAFT, 300_000);
    assert_eq!(world(&s).nodes[3].view.role, "follower");
    let s = intervene(s, Intervention::Command { node: 4, action: "timeout".into(), value: None });
    assert_eq!(*s.interventions, vec![EventSpec::Timeout { at_ms: 300, node: 4 }]);
    assert_eq!(world(&s).nodes[3].view.role, "candidate");
}

#[test]
fn dropping_a_message_in_flight_kills_it_now_and_delaying_moves_its_arrival() {
    let s = paused_at(RAFT, 160_500);
    let flying: Vec<_> = world(&s).messages.iter().filter(|m| m.fate == Fate::Deliver && m.until > 161_000).cloned().collect();
    assert!(flying.len() >= 2, "raft-basic has heartbeats in flight at 160.5 ms");
    let (a, b) = (&flying[0], &flying[1]);
    let dropped = intervene(s.clone(), Intervention::Drop(a.id));
    assert_eq!(*dropped.interventions, vec![EventSpec::Drop { at_ms: 161, message: a.id }]);
    assert!(!world(&dropped).messages.iter().any(|m| m.id == a.id), "the dropped message is gone at 161 ms");
    let delayed = intervene(s, Intervention::Delay { message: b.id, by_ms: 100 });
    assert_eq!(*delayed.interventions, vec![EventSpec::Delay { at_ms: 161, message: b.id, by_ms: 100 }]);
    let later = world(&delayed).messages.iter().find(|m| m.id == b.id).cloned().expect("still in flight");
    assert_eq!(later.until, b.until + 100_000);
}

#[test]
fn partition_off_the_picked_nodes_then_heal() {
    let mut s = paused_at(RAFT, 300_000);
    for id in [1, 2, 1, 2] {
        s = reduce(s, Action::TogglePick(id));
    }
    assert!(s.picked.is_empty(), "picking twice unpicks");
    s = reduce(reduce(s, Action::TogglePick(4)), Action::TogglePick(5));
    let picked = s.picked.iter().copied().collect();
    let s = intervene(s, Intervention::PartitionOff(picked));
    assert_eq!(*s.interventions, vec![EventSpec::Partition { at_ms: 300, groups: vec![vec![4, 5]] }]);
    assert!(world(&s).cut_links.contains(&(1, 4)) && world(&s).cut_links.contains(&(5, 3)));
    let s = intervene(reduce(s, Action::Seek(400_000)), Intervention::Heal);
    assert_eq!(s.interventions.last(), Some(&EventSpec::Heal { at_ms: 400 }));
    assert!(world(&s).cut_links.is_empty());
}

#[test]
fn impossible_interventions_are_refused_with_the_reason() {
    // P1 is down from 1000 ms (the scenario crashes it).
    let s = paused_at(RAFT, 1_200_000);
    refused(&s, &intervene(s.clone(), Intervention::Crash(1)), "P1 is already down");
    refused(&s, &intervene(s.clone(), Intervention::Recover(2)), "only a crashed node can recover");
    refused(&s, &intervene(s.clone(), Intervention::Crash(9)), "there is no node P9");
    let timeout = |node| Intervention::Command { node, action: "timeout".into(), value: None };
    refused(&s, &intervene(s.clone(), timeout(1)), "P1 is down: recover it first");
    let empty = Intervention::Command { node: 2, action: "client_request".into(), value: Some("  ".into()) };
    refused(&s, &intervene(s.clone(), empty), "needs a value of 1 to 64 characters");
    let start = Intervention::Command { node: 2, action: "start_election".into(), value: None };
    refused(&s, &intervene(s.clone(), start), "raft does not understand 'start_election'");
    refused(&s, &intervene(s.clone(), Intervention::Heal), "nothing to heal");
    refused(&s, &intervene(s.clone(), Intervention::PartitionOff(vec![])), "pick some of the nodes");
    refused(&s, &intervene(s.clone(), Intervention::PartitionOff(vec![1, 2, 3, 4, 5])), "not all");
    refused(&s, &intervene(s.clone(), Intervention::Drop(999_999)), "message 999999 is no longer in flight");
    refused(&s, &intervene(s.clone(), Intervention::Network { latency_ms: Some([50, 10]), loss: None }), "latency_ms");
    let end = reduce(s.clone(), Action::Seek(u64::MAX));
    refused(&end, &intervene(end.clone(), Intervention::Heal), "nothing to heal");
    // The last instant is still a moment of the run: a crash there shows.
    let crashed = intervene(end, Intervention::Crash(2));
    assert_eq!(crashed.interventions.last(), Some(&EventSpec::Crash { at_ms: 3000, node: 2 }));
    assert!(!world(&crashed).nodes[1].up);
}

#[test]
fn a_message_that_arrives_before_the_next_whole_ms_cannot_be_dropped() {
    let s = paused_at(RAFT, 160_000);
    // A message landing at least 2 µs past a whole ms, shown 1 µs before it lands: the
    // intervention would happen at the next whole ms, after the message has arrived.
    let soon = world(&s).messages.iter().find(|m| m.fate == Fate::Deliver && m.until % 1000 >= 2).cloned();
    let soon = soon.expect("a heartbeat flies at 160 ms and lands off a whole ms");
    let just_before = soon.until - 1;
    let s = reduce(s, Action::Seek(just_before));
    refused(&s, &intervene(s.clone(), Intervention::Drop(soon.id)), "too late to stop it");
}

#[test]
fn a_traitor_is_a_param_change_that_reruns_and_returns_to_the_same_moment() {
    let s = paused_at(OM, 15_000);
    let s = reduce(s, Action::SetNodeParam { node: 2, param: "traitors", choice: Some("silent".into()) });
    assert_eq!(t(&s), 15_000);
    let params = &s.run.as_ref().unwrap().about.scenario.params;
    assert_eq!(params["traitors"], serde_json::json!({"2": "silent", "3": "flip"}));
    assert!(world(&s).nodes[1].view.role.contains("traitor"), "P2 is drawn as a traitor");
    let s = reduce(s, Action::SetNodeParam { node: 3, param: "traitors", choice: None });
    let params = &s.run.as_ref().unwrap().about.scenario.params;
    assert_eq!(params["traitors"], serde_json::json!({"2": "silent"}));
    let bad = reduce(s.clone(), Action::SetNodeParam { node: 2, param: "traitors", choice: Some("sneaky".into()) });
    refused(&s, &bad, "sneaky");
}

#[test]
fn node_count_and_seed_rebuild_the_run_or_are_refused_by_name() {
    let s = intervene(paused_at(RAFT, 300_000), Intervention::Crash(5));
    let refusals = [
        (Action::SetNodes("abc".into()), "nodes: 'abc' is not a whole number"),
        (Action::SetNodes("100".into()), "nodes: 100 is out of range; raft allows 1..=64"),
        (Action::SetSeed("-3".into()), "seed: '-3' is not a whole number"),
    ];
    for (action, why) in refusals {
        refused(&s, &reduce(s.clone(), action), why);
    }
    let three = reduce(s.clone(), Action::SetNodes("3".into()));
    let about = &three.run.as_ref().unwrap().about;
    assert_eq!((about.nodes, about.seed, t(&three), three.playing), (3, 5, 0, true));
    assert!(three.interventions.is_empty(), "interventions belonged to the old run");
    assert_eq!(events(&three), Scenario::parse(RAFT).unwrap().events);
    assert!(three.notice.as_deref().unwrap().contains("your 1 intervention was removed"));
    let seeded = reduce(s, Action::SetSeed("7".into()));
    assert_eq!(seeded.run.as_ref().unwrap().about.seed, 7);
}

#[test]
fn crash_or_recover_the_selected_node_from_the_keyboard() {
    let s = paused_at(RAFT, 300_000);
    let none = reduce(s.clone(), Action::CrashOrRecoverSelected);
    refused(&s, &none, "select a node first");
    let s = reduce(s, Action::Select(Some(Selected::Node(3))));
    let s = reduce(s, Action::CrashOrRecoverSelected);
    assert!(!world(&s).nodes[2].up);
    let s = reduce(reduce(s, Action::Seek(400_000)), Action::CrashOrRecoverSelected);
    assert!(world(&s).nodes[2].up);
    assert_eq!(*s.interventions, vec![EventSpec::Crash { at_ms: 300, node: 3 }, EventSpec::Recover { at_ms: 400, node: 3 }]);
    let nine = reduce(s.clone(), Action::Select(Some(Selected::Node(9))));
    assert_eq!(nine.notice.as_deref(), Some("there is no node P9; nodes are P1 to P5"));
    assert_eq!(nine.selected, Some(Selected::Node(3)));
}

//! Fault semantics of the simulator, shown with a toy protocol so that `sim` is tested
//! without any real protocol: every node pings every other node on a timer.

use consenso_core::protocols::run;
use consenso_core::sim::protocol::{CheckCx, Command, Ctx, Env, Protocol, Violation};
use consenso_core::sim::runner::Simulation;
use consenso_core::sim::trace::What;
use consenso_core::sim::view::{Fate, MsgView, NodeView};
use consenso_core::sim::NodeId;
use consenso_core::Scenario;
use serde::Serialize;
use serde_json::json;

consenso_core::says! {
    PINGS = "toy.pings": "{total} pings";
}

#[derive(Clone, Debug)]
struct Toy {
    /// Durable: survives a crash.
    pings_received: u32,
    /// Volatile: lost in a crash.
    since_boot: u32,
    recoveries: u32,
}

#[derive(Clone, Debug, Serialize)]
struct Ping;

#[derive(Clone, Debug, PartialEq, Serialize)]
struct Tick;

const PERIOD: u64 = 100_000;

thread_local! {
    /// How many messages each check was shown as on their way to be delivered.
    static CHECKED_IN_FLIGHT: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Protocol for Toy {
    type Msg = Ping;
    type Timer = Tick;
    type Config = ();
    const NAME: &'static str = "toy";
    const INVARIANTS: &'static [&'static str] = &["Never more than 1000 pings"];
    const COMMANDS: &'static [&'static str] = &["client_request"];

    fn configure(_: &serde_json::Value, _: &Env) -> Result<(), consenso_core::ScenarioError> {
        Ok(())
    }
    fn init(_: NodeId, _: &(), cx: &mut Ctx<Self>) -> Self {
        cx.set_timer(Tick, PERIOD, PERIOD);
        Toy { pings_received: 0, since_boot: 0, recoveries: 0 }
    }
    fn on_message(&mut self, _: NodeId, _: Ping, _: &mut Ctx<Self>) {
        self.pings_received += 1;
        self.since_boot += 1;
    }
    fn on_timer(&mut self, _: Tick, cx: &mut Ctx<Self>) {
        cx.broadcast(Ping);
        cx.set_timer(Tick, PERIOD, PERIOD);
    }
    fn on_command(&mut self, _: &Command, cx: &mut Ctx<Self>) {
        cx.broadcast(Ping);
    }
    fn on_recover(&mut self, cx: &mut Ctx<Self>) {
        self.since_boot = 0;
        self.recoveries += 1;
        cx.set_timer(Tick, PERIOD, PERIOD);
    }
    fn view(&self, _: &()) -> NodeView {
        NodeView { label: self.pings_received.to_string().into(), ..Default::default() }
    }
    fn describe(_: &Ping) -> MsgView {
        MsgView { label: "ping".into(), kind: "ping".into(), ..Default::default() }
    }
    fn describe_timer(_: &Tick) -> String {
        "tick".into()
    }
    fn check(cx: &CheckCx<Self>) -> Vec<Violation> {
        CHECKED_IN_FLIGHT.with(|c| c.borrow_mut().push(cx.in_flight.len()));
        let total: u32 = cx.nodes.iter().map(|n| n.pings_received).sum();
        if total > 1000 {
            return vec![Violation { name: "Never more than 1000 pings", nodes: vec![], explanation: consenso_core::say!(PINGS, total) }];
        }
        vec![]
    }
    fn outcome(cx: &CheckCx<Self>) -> serde_json::Value {
        json!(cx.nodes.iter().map(|n| [n.pings_received, n.since_boot, n.recoveries]).collect::<Vec<_>>())
    }
}

fn toy(network: serde_json::Value, events: serde_json::Value, duration_ms: u64) -> Box<dyn Simulation> {
    let s = json!({ "protocol": "toy", "nodes": 3, "seed": 5, "duration_ms": duration_ms, "network": network, "events": events });
    Box::new(run::<Toy>(&Scenario::parse(&s.to_string()).unwrap()).unwrap())
}

fn fixed(ms: u64) -> serde_json::Value {
    json!({ "latency_ms": [ms, ms] })
}

fn drops(sim: &dyn Simulation) -> Vec<(u64, NodeId, NodeId, String)> {
    sim.trace()
        .iter()
        .filter_map(|e| match &e.what {
            What::Drop { from, to, reason, .. } => Some((e.at, *from, *to, reason.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_crashed_node_gets_nothing_fires_nothing_and_keeps_only_durable_state() {
    let mut sim = toy(fixed(10), json!([{ "at_ms": 150, "action": "crash", "node": 2 }, { "at_ms": 450, "action": "recover", "node": 2 }]), 600);
    sim.run_to_end();
    let t = sim.trace();
    // No timer of node 2 fires while it is down (150..450 ms).
    assert!(!t.iter().any(|e| matches!(e.what, What::Timer { node: 2, .. }) && (150_000..450_000).contains(&e.at)));
    // Pings sent to it while down die with a reason.
    let down: Vec<_> = drops(&*sim).into_iter().filter(|d| d.2 == 2).collect();
    assert_eq!(down.len(), 2 * 3, "two pings per tick at 200, 300, 400 ms");
    assert!(down.iter().all(|d| d.3 == "receiver is down"));
    let out = sim.report().outcome;
    // Node 2: received at 110 ms (2 pings), then after recovery at 510 ms... its counters:
    // durable total keeps the pre-crash pings; volatile since_boot restarted at recovery.
    let n2 = &out[1];
    assert_eq!(n2[2], 1, "one recovery");
    assert!(n2[0].as_u64().unwrap() > n2[1].as_u64().unwrap(), "durable count kept across the crash: {n2}");
}

#[test]
fn a_partition_cuts_links_between_groups_and_heal_restores_them() {
    let mut sim = toy(
        fixed(10),
        json!([{ "at_ms": 50, "action": "partition", "groups": [[1]] }, { "at_ms": 150, "action": "heal" }]),
        250,
    );
    sim.run_to_end();
    let d = drops(&*sim);
    // At 100 ms node 1 is alone: its 2 pings and the 2 pings others send it are cut.
    assert_eq!(d.len(), 4, "{d:?}");
    assert!(d.iter().all(|x| x.1 == 1 || x.2 == 1));
    assert!(d.iter().all(|x| x.3 == "link is cut"));
    // Cut messages die halfway, where the UI draws the cut.
    assert!(d.iter().all(|x| x.0 == 105_000));
}

#[test]
fn a_one_way_cut_is_one_way() {
    let mut sim = toy(fixed(10), json!([{ "at_ms": 50, "action": "cut", "from": 1, "to": 2 }]), 120);
    sim.run_to_end();
    let d = drops(&*sim);
    assert_eq!(d.iter().map(|x| (x.1, x.2)).collect::<Vec<_>>(), vec![(1, 2)]);
}

#[test]
fn a_link_cut_while_a_message_flies_drops_it_on_arrival() {
    let mut sim = toy(fixed(10), json!([{ "at_ms": 105, "action": "cut", "from": 3, "to": 1 }]), 120);
    sim.run_to_end();
    assert_eq!(drops(&*sim), vec![(110_000, 3, 1, "link cut while in flight".to_string())]);
}

#[test]
fn drop_and_delay_act_on_one_message_by_its_id() {
    // At 100 ms the first tick sends messages 0..6 (3 nodes × 2 peers); each takes 10 ms.
    let mut sim = toy(
        fixed(10),
        json!([{ "at_ms": 101, "action": "drop", "message": 0 }, { "at_ms": 102, "action": "delay", "message": 1, "by_ms": 50 },
               { "at_ms": 103, "action": "drop", "message": 999 }]),
        180,
    );
    sim.run_to_end();
    let t = sim.trace();
    let dropped = t.iter().find(|e| matches!(e.what, What::Drop { id: 0, .. })).unwrap();
    assert_eq!(dropped.at, 102_000 - 1_000, "dropped at once, when the action happens");
    let late = t.iter().find(|e| matches!(e.what, What::Deliver { id: 1, .. })).unwrap();
    assert_eq!(late.at, 160_000);
    assert!(t.iter().any(|e| matches!(&e.what, What::Note { text, .. } if text.to_string() == "message 999 is not in flight")));
}

#[test]
fn loss_one_loses_everything_and_duplicate_one_doubles_everything() {
    let mut lossy = toy(json!({ "latency_ms": [5, 20], "loss": 1.0 }), json!([]), 150);
    lossy.run_to_end();
    let r = lossy.report();
    assert_eq!((r.messages.sent, r.messages.delivered, r.messages.dropped), (6, 0, 6));
    let mut dup = toy(json!({ "latency_ms": [5, 20], "duplicate": 1.0 }), json!([]), 150);
    dup.run_to_end();
    let r = dup.report();
    assert_eq!((r.messages.sent, r.messages.delivered), (12, 12));
}

#[test]
fn set_network_changes_latency_and_loss_for_messages_sent_later_only() {
    // Ticks at 100, 200, 300 ms send 6 pings each. At 150 ms the latency becomes 40 ms; at
    // 250 ms every later message is lost. Messages already flying keep their fate.
    let events = json!([
        { "at_ms": 150, "action": "set_network", "latency_ms": [40, 40] },
        { "at_ms": 250, "action": "set_network", "loss": 1.0 },
    ]);
    let mut sim = toy(fixed(10), events, 350);
    sim.run_to_end();
    let t = sim.trace();
    let sends = |from: u64, to: u64| {
        t.iter()
            .filter_map(|e| match &e.what {
                What::Send { until, fate, .. } if (from..to).contains(&e.at) => Some((e.at, *until, *fate)),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert!(sends(100_000, 101_000).iter().all(|&(at, until, fate)| until == at + 10_000 && fate == Fate::Deliver));
    assert!(sends(200_000, 201_000).iter().all(|&(at, until, fate)| until == at + 40_000 && fate == Fate::Deliver));
    let late = sends(300_000, 301_000);
    assert_eq!(late.len(), 6);
    assert!(late.iter().all(|&(_, _, fate)| fate == Fate::Lost), "{late:?}");
    let changes: Vec<_> =
        t.iter().filter_map(|e| match &e.what { What::SetNetwork { latency, loss_ppm } => Some((e.at, *latency, *loss_ppm)), _ => None }).collect();
    assert_eq!(changes, vec![(150_000, [40_000, 40_000], 0), (250_000, [40_000, 40_000], 1_000_000)]);
}

#[test]
fn fifo_links_deliver_in_send_order() {
    let events: Vec<_> = (0..40).map(|i| json!({ "at_ms": 1 + i, "action": "client_request", "node": 1, "value": "x" })).collect();
    let mut sim = toy(json!({ "latency_ms": [1, 80], "fifo": true }), json!(events), 200);
    sim.run_to_end();
    let delivered: Vec<u64> =
        sim.trace().iter().filter_map(|e| match e.what { What::Deliver { id, from: 1, to: 2, .. } => Some(id), _ => None }).collect();
    assert!(delivered.len() > 40);
    assert!(delivered.windows(2).all(|w| w[0] < w[1]), "link 1→2 reordered: {delivered:?}");
    let mut unordered = toy(json!({ "latency_ms": [1, 80], "fifo": false }), json!(events), 200);
    unordered.run_to_end();
    let ids: Vec<u64> =
        unordered.trace().iter().filter_map(|e| match e.what { What::Deliver { id, from: 1, to: 2, .. } => Some(id), _ => None }).collect();
    assert!(ids.windows(2).any(|w| w[0] > w[1]), "without FIFO a wide latency range should reorder");
}

#[test]
fn seeking_any_step_gives_the_world_of_a_straight_run() {
    let mut long = toy(json!({ "latency_ms": [1, 30] }), json!([{ "at_ms": 3000, "action": "crash", "node": 3 }]), 60_000);
    long.run_to_end();
    let total = long.steps();
    assert!(total > 2000, "{total} steps");
    for target in [0, 1, 1023, 1024, 1025, total / 2, total - 1, 17, total, 5] {
        let mut fresh = toy(json!({ "latency_ms": [1, 30] }), json!([{ "at_ms": 3000, "action": "crash", "node": 3 }]), 60_000);
        for _ in 0..target {
            fresh.step();
        }
        long.seek(target);
        assert_eq!(long.steps(), target);
        assert_eq!(long.view(long.now()), fresh.view(fresh.now()), "seek to {target}");
    }
    // The trace recorded on the way out is not recorded twice when stepping again.
    let len = long.trace().len();
    long.run_to_end();
    assert_eq!(long.trace().len(), len);
}

#[test]
fn the_first_violation_of_an_invariant_is_recorded_once_with_its_time() {
    let mut sim = toy(fixed(1), json!([]), 30_000);
    sim.run_to_end();
    let inv = sim.invariants();
    let v = inv[0].violation.as_ref().expect("3 nodes × 2 pings × 10 per second pass 1000 in 30 s");
    // 6 pings per 100 ms tick: the 1001st ping arrives with tick 167, at 16.7 s + 1 ms.
    assert_eq!(v.at_us, 16_701_000);
    let count = sim.trace().iter().filter(|e| matches!(e.what, What::Violation { .. })).count();
    assert_eq!(count, 1);
}

/// `World::is_up` (what the soak's nemeses read to pick on live or dead nodes) follows each
/// node's crashes and recoveries at every step, node by node (mutation testing, issue 19:
/// nothing checked it before).
#[test]
fn is_up_follows_each_nodes_crashes_and_recoveries() {
    use consenso_core::protocols::ring::Ring;
    let text = json!({ "protocol": "ring", "nodes": 4, "seed": 7, "duration_ms": 500, "events": [
        { "at_ms": 10, "action": "start_election", "node": 1 },
        { "at_ms": 100, "action": "crash", "node": 2 },
        { "at_ms": 200, "action": "crash", "node": 4 },
        { "at_ms": 300, "action": "recover", "node": 2 },
        { "at_ms": 400, "action": "recover", "node": 4 }
    ]})
    .to_string();
    let mut w = consenso_core::soak::start::<Ring>(&text);
    let down = |id: u32, t: u64| match id {
        2 => (100_000..300_000).contains(&t),
        4 => (200_000..400_000).contains(&t),
        _ => false,
    };
    let mut out = Vec::new();
    let mut seen_down = [false; 5];
    while w.step(&mut out) {
        for id in 1..=4 {
            assert_eq!(w.is_up(id), !down(id, w.now()), "P{id} at {} µs", w.now());
            seen_down[id as usize] |= !w.is_up(id);
        }
    }
    assert_eq!(seen_down, [false, false, true, false, true]);
}

fn notes(sim: &dyn Simulation) -> Vec<(u64, String)> {
    sim.trace()
        .iter()
        .filter_map(|e| match &e.what {
            What::Note { text, .. } => Some((e.at, text.to_string())),
            _ => None,
        })
        .collect()
}

/// A fault that does nothing says so in the trace (the event log shows it): a crash of a
/// node that is down, a recovery of one that is up, a command to a node that is down.
#[test]
fn a_fault_that_changes_nothing_leaves_a_note_and_changes_nothing() {
    let mut sim = toy(
        fixed(10),
        json!([{ "at_ms": 50, "action": "recover", "node": 1 }, { "at_ms": 60, "action": "crash", "node": 2 },
               { "at_ms": 70, "action": "crash", "node": 2 }, { "at_ms": 80, "action": "client_request", "node": 2, "value": "v" }]),
        90,
    );
    sim.run_to_end();
    assert_eq!(
        notes(&*sim),
        vec![
            (50_000, "P1 is already up; recover ignored".to_string()),
            (70_000, "P2 is already down; crash ignored".to_string()),
            (80_000, "P2 is down: the command is lost".to_string()),
        ]
    );
    let t = sim.trace();
    assert_eq!(t.iter().filter(|e| matches!(e.what, What::Crash { .. })).count(), 1);
    assert!(!t.iter().any(|e| matches!(e.what, What::Recover { .. } | What::Send { .. })), "nothing recovered, nothing sent");
}

/// Drop and delay act only on a message on its way to be delivered: one the network lost
/// keeps its fate and its time of death, and the action says it found nothing in flight.
#[test]
fn drop_and_delay_leave_a_lost_message_as_it_was() {
    let lossy = json!({ "latency_ms": [10, 10], "loss": 1.0 });
    let mut plain = toy(lossy.clone(), json!([]), 180);
    plain.run_to_end();
    let mut acted = toy(
        lossy,
        json!([{ "at_ms": 101, "action": "drop", "message": 0 }, { "at_ms": 102, "action": "delay", "message": 1, "by_ms": 50 }]),
        180,
    );
    acted.run_to_end();
    assert_eq!(drops(&*acted), drops(&*plain), "the lost messages die as they would have");
    assert!(drops(&*acted).iter().all(|d| d.3 == "lost by the network"));
    let said: Vec<String> = notes(&*acted).into_iter().map(|(_, n)| n).collect();
    assert_eq!(said, vec!["message 0 is not in flight", "message 1 is not in flight"]);
}

/// The checks see exactly the messages still on their way to be delivered: not one dropped
/// by hand (from the action on), nor one that died at a crashed receiver (mutation testing:
/// forgetting either left it in the invariants' list of messages in flight).
#[test]
fn the_checks_see_only_messages_on_their_way() {
    CHECKED_IN_FLIGHT.with(|c| c.borrow_mut().clear());
    let mut sim = toy(
        fixed(10),
        json!([{ "at_ms": 150, "action": "crash", "node": 2 }, { "at_ms": 201, "action": "drop", "message": 6 },
               { "at_ms": 350, "action": "recover", "node": 2 }]),
        420,
    );
    sim.run_to_end();
    let seen = CHECKED_IN_FLIGHT.with(|c| c.borrow().clone());
    let t = sim.trace();
    let steps = t.last().unwrap().step as usize;
    let mut flying = std::collections::BTreeSet::new();
    let mut want = Vec::new();
    for s in 1..=steps as u64 {
        for e in t.iter().filter(|e| e.step == s) {
            match &e.what {
                What::Send { id, fate: Fate::Deliver, .. } => {
                    flying.insert(*id);
                }
                What::Deliver { id, .. } | What::Drop { id, .. } | What::DropMessage { message: id } => {
                    flying.remove(id);
                }
                _ => {}
            }
        }
        want.push(flying.len());
    }
    assert!(drops(&*sim).iter().any(|d| d.3 == "receiver is down") && drops(&*sim).iter().any(|d| d.3 == "dropped by hand"));
    assert!(seen.len() >= want.len(), "{} checks for {} steps", seen.len(), want.len());
    assert_eq!(seen[seen.len() - want.len()..], want[..]);
}

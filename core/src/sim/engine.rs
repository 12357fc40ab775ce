//! The world of one run and its single-step transition. `World` is plain data (cheap to clone
//! for history checkpoints); every record it produces goes to the caller's trace buffer.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::network::{NetConfig, Network};
use super::protocol::{CheckCx, Command, Ctx, Effect, Protocol};
use super::report::{MessageStats, ViolationAt};
use super::rng::SimRng;
use super::script::{Action, ScriptEvent};
use super::time::{NodeId, Time};
use super::trace::{TraceEvent, What};
use super::view::{Fate, MessageSnapshot, NodeSnapshot, TimerView, WorldView};

type Key = (Time, u64);

#[derive(Clone, Debug)]
enum Pending {
    Arrive { msg: u64 },
    Timer { node: NodeId },
    Script { index: usize },
}

#[derive(Clone, Debug)]
struct InFlight<M> {
    from: NodeId,
    to: NodeId,
    sent: Time,
    fate: Fate,
    key: Key,
    msg: M,
}

#[derive(Clone, Debug)]
struct ActiveTimer<T> {
    timer: T,
    start: Time,
    key: Key,
}

/// Everything a run is, at one step. Clone it to checkpoint.
#[derive(Clone, Debug)]
pub struct World<P: Protocol> {
    pub cfg: P::Config,
    n: u32,
    now: Time,
    end: Time,
    steps: u64,
    seq: u64,
    rng: SimRng,
    net: Network,
    script: Arc<[ScriptEvent]>,
    queue: BTreeMap<Key, Pending>,
    nodes: Vec<P>,
    up: Vec<bool>,
    timers: Vec<Vec<ActiveTimer<P::Timer>>>,
    in_flight: BTreeMap<u64, InFlight<P::Msg>>,
    next_msg: u64,
    pub stats: MessageStats,
    /// The first violation of each invariant, by name.
    pub violations: BTreeMap<&'static str, ViolationAt>,
}

impl<P: Protocol> World<P> {
    /// Start every node at time 0 (their start-up effects go to `out` as step 0).
    pub fn new(
        cfg: P::Config,
        n: u32,
        net: NetConfig,
        seed: u64,
        script: Arc<[ScriptEvent]>,
        end: Time,
        out: &mut Vec<TraceEvent>,
    ) -> Self {
        let mut w = World {
            cfg,
            n,
            now: 0,
            end,
            steps: 0,
            seq: 0,
            rng: SimRng::new(seed),
            net: Network::new(net, n),
            script,
            queue: BTreeMap::new(),
            nodes: Vec::with_capacity(n as usize),
            up: vec![true; n as usize],
            timers: vec![Vec::new(); n as usize],
            in_flight: BTreeMap::new(),
            next_msg: 0,
            stats: MessageStats::default(),
            violations: BTreeMap::new(),
        };
        for index in 0..w.script.len() {
            let at = w.script[index].at;
            w.schedule(at, Pending::Script { index });
        }
        for id in 1..=n {
            let mut cx = Ctx::new(id, n, 0);
            let node = P::init(id, &w.cfg, &mut cx);
            w.nodes.push(node);
            w.apply(id, cx.effects, out);
        }
        w.check(out);
        w
    }

    pub fn now(&self) -> Time {
        self.now
    }
    pub fn end(&self) -> Time {
        self.end
    }
    pub fn steps(&self) -> u64 {
        self.steps
    }
    pub fn nodes(&self) -> &[P] {
        &self.nodes
    }
    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }
    pub fn is_up(&self, id: NodeId) -> bool {
        self.up[id as usize - 1]
    }

    /// Time of the next event, if it falls within the run.
    pub fn next_time(&self) -> Option<Time> {
        self.queue.first_key_value().map(|(k, _)| k.0).filter(|&t| t <= self.end)
    }

    /// Process the next event. Returns false when the run is over.
    pub fn step(&mut self, out: &mut Vec<TraceEvent>) -> bool {
        if self.next_time().is_none() {
            return false;
        }
        let (key, pending) = self.queue.pop_first().expect("next_time saw an event");
        self.now = key.0;
        self.steps += 1;
        match pending {
            Pending::Arrive { msg } => self.arrive(msg, out),
            Pending::Timer { node } => self.fire_timer(node, key, out),
            Pending::Script { index } => {
                let action = self.script[index].action.clone();
                self.perform(action, out);
            }
        }
        self.check(out);
        true
    }

    fn schedule(&mut self, at: Time, p: Pending) -> Key {
        let key = (at, self.seq);
        self.seq += 1;
        self.queue.insert(key, p);
        key
    }

    fn record(&self, out: &mut Vec<TraceEvent>, what: What) {
        out.push(TraceEvent { step: self.steps, at: self.now, what });
    }

    fn arrive(&mut self, id: u64, out: &mut Vec<TraceEvent>) {
        let m = self.in_flight.remove(&id).expect("arrival of a message in flight");
        let label = P::describe(&m.msg).label;
        let reason = match m.fate {
            Fate::Deliver if !self.up[m.to as usize - 1] => Some("receiver is down"),
            Fate::Deliver if !self.net.connected(m.from, m.to) => Some("link cut while in flight"),
            Fate::Deliver => None,
            Fate::Lost => Some("lost by the network"),
            Fate::Cut => Some("link is cut"),
            Fate::Dropped => Some("dropped by hand"),
        };
        if let Some(reason) = reason {
            self.stats.dropped += 1;
            let (from, to) = (m.from, m.to);
            self.record(out, What::Drop { id, from, to, label, reason: reason.into() });
            return;
        }
        self.stats.delivered += 1;
        self.record(out, What::Deliver { id, from: m.from, to: m.to, label });
        let mut cx = Ctx::new(m.to, self.n, self.now);
        self.nodes[m.to as usize - 1].on_message(m.from, m.msg, &mut cx);
        self.apply(m.to, cx.effects, out);
    }

    fn fire_timer(&mut self, node: NodeId, key: Key, out: &mut Vec<TraceEvent>) {
        let timers = &mut self.timers[node as usize - 1];
        let Some(pos) = timers.iter().position(|t| t.key == key) else { return };
        let t = timers.remove(pos);
        self.record(out, What::Timer { node, timer: P::describe_timer(&t.timer) });
        let mut cx = Ctx::new(node, self.n, self.now);
        self.nodes[node as usize - 1].on_timer(t.timer, &mut cx);
        self.apply(node, cx.effects, out);
    }

    fn perform(&mut self, action: Action, out: &mut Vec<TraceEvent>) {
        match action {
            Action::Command { node, cmd } => self.command(node, cmd, out),
            Action::Crash { node } => {
                if self.up[node as usize - 1] {
                    self.record(out, What::Crash { node });
                    self.up[node as usize - 1] = false;
                    for t in std::mem::take(&mut self.timers[node as usize - 1]) {
                        self.queue.remove(&t.key);
                    }
                } else {
                    self.note(out, node, "is already down; crash ignored");
                }
            }
            Action::Recover { node } => {
                if self.up[node as usize - 1] {
                    self.note(out, node, "is already up; recover ignored");
                } else {
                    self.record(out, What::Recover { node });
                    self.up[node as usize - 1] = true;
                    let mut cx = Ctx::new(node, self.n, self.now);
                    self.nodes[node as usize - 1].on_recover(&mut cx);
                    self.apply(node, cx.effects, out);
                }
            }
            Action::Partition { groups } => {
                self.net.partition(&groups);
                self.record(out, What::Partition { groups });
            }
            Action::Heal => {
                self.net.heal();
                self.record(out, What::Heal);
            }
            Action::Cut { from, to } => {
                self.net.cut(from, to);
                self.record(out, What::Cut { from, to });
            }
            Action::Restore { from, to } => {
                self.net.restore(from, to);
                self.record(out, What::Restore { from, to });
            }
            Action::DropMessage { message } => self.drop_message(message, out),
            Action::DelayMessage { message, by } => self.delay_message(message, by, out),
            Action::SetNetwork { latency, loss_ppm } => {
                let cfg = &mut self.net.cfg;
                cfg.latency = latency.unwrap_or(cfg.latency);
                cfg.loss_ppm = loss_ppm.unwrap_or(cfg.loss_ppm);
                let (latency, loss_ppm) = ([cfg.latency.0, cfg.latency.1], cfg.loss_ppm);
                self.record(out, What::SetNetwork { latency, loss_ppm });
            }
        }
    }

    fn note(&self, out: &mut Vec<TraceEvent>, node: NodeId, text: &str) {
        self.record(out, What::Note { node, text: format!("P{node} {text}") });
    }

    fn command(&mut self, node: NodeId, cmd: Command, out: &mut Vec<TraceEvent>) {
        let value = match &cmd {
            Command::ClientRequest { value } => Some(value.clone()),
            _ => None,
        };
        self.record(out, What::Command { node, action: cmd.action().into(), value });
        if !self.up[node as usize - 1] {
            self.note(out, node, "is down: the command is lost");
            return;
        }
        let mut cx = Ctx::new(node, self.n, self.now);
        self.nodes[node as usize - 1].on_command(&cmd, &mut cx);
        self.apply(node, cx.effects, out);
    }

    fn drop_message(&mut self, message: u64, out: &mut Vec<TraceEvent>) {
        self.record(out, What::DropMessage { message });
        let now = self.now;
        match self.in_flight.get_mut(&message) {
            Some(m) if m.fate == Fate::Deliver => {
                m.fate = Fate::Dropped;
                let old = m.key;
                self.queue.remove(&old);
                let key = (now, self.seq);
                self.seq += 1;
                m.key = key;
                self.queue.insert(key, Pending::Arrive { msg: message });
            }
            _ => self.record(out, What::Note { node: 0, text: format!("message {message} is not in flight") }),
        }
    }

    fn delay_message(&mut self, message: u64, by: Time, out: &mut Vec<TraceEvent>) {
        self.record(out, What::DelayMessage { message, by });
        match self.in_flight.get_mut(&message) {
            Some(m) if m.fate == Fate::Deliver => {
                let old = m.key;
                self.queue.remove(&old);
                let key = (old.0 + by, self.seq);
                self.seq += 1;
                m.key = key;
                self.queue.insert(key, Pending::Arrive { msg: message });
            }
            _ => self.record(out, What::Note { node: 0, text: format!("message {message} is not in flight") }),
        }
    }

    /// Carry out a node's effects, in the order it asked for them.
    fn apply(&mut self, node: NodeId, effects: Vec<Effect<P::Msg, P::Timer>>, out: &mut Vec<TraceEvent>) {
        for e in effects {
            match e {
                Effect::Send { to, msg } => self.send(node, to, msg, out),
                Effect::SetTimer { timer, lo, hi } => {
                    self.cancel(node, &timer);
                    let at = self.now + self.rng.range(lo, hi);
                    let key = self.schedule(at, Pending::Timer { node });
                    self.timers[node as usize - 1].push(ActiveTimer { timer, start: self.now, key });
                }
                Effect::CancelTimer { timer } => self.cancel(node, &timer),
                Effect::Note(text) => self.record(out, What::Note { node, text }),
            }
        }
    }

    fn cancel(&mut self, node: NodeId, timer: &P::Timer) {
        let timers = &mut self.timers[node as usize - 1];
        if let Some(pos) = timers.iter().position(|t| &t.timer == timer) {
            let t = timers.remove(pos);
            self.queue.remove(&t.key);
        }
    }

    fn send(&mut self, from: NodeId, to: NodeId, msg: P::Msg, out: &mut Vec<TraceEvent>) {
        assert!((1..=self.n).contains(&to), "{} sent to node {to} of {}", P::NAME, self.n);
        let view = P::describe(&msg);
        for transit in self.net.transmit(&mut self.rng, from, to, self.now) {
            let id = self.next_msg;
            self.next_msg += 1;
            self.stats.sent += 1;
            *self.stats.by_kind.entry(view.kind.clone()).or_default() += 1;
            let key = self.schedule(transit.until, Pending::Arrive { msg: id });
            self.record(
                out,
                What::Send {
                    id,
                    from,
                    to,
                    label: view.label.clone(),
                    kind: view.kind.clone(),
                    until: transit.until,
                    fate: transit.fate,
                },
            );
            let fate = transit.fate;
            self.in_flight.insert(id, InFlight { from, to, sent: self.now, fate, key, msg: msg.clone() });
        }
    }

    /// Check every invariant; record (once per name) and trace the first violation of each.
    fn check(&mut self, out: &mut Vec<TraceEvent>) {
        let msgs: Vec<&P::Msg> =
            self.in_flight.values().filter(|m| m.fate == Fate::Deliver).map(|m| &m.msg).collect();
        let cx = CheckCx { now: self.now, cfg: &self.cfg, nodes: &self.nodes, up: &self.up, in_flight: &msgs };
        let found = P::check(&cx);
        for v in found {
            if self.violations.contains_key(v.name) {
                continue;
            }
            self.record(
                out,
                What::Violation { name: v.name.into(), nodes: v.nodes.clone(), explanation: v.explanation.clone() },
            );
            let at = ViolationAt { at_ms: super::time::to_ms(self.now), at_us: self.now, nodes: v.nodes, explanation: v.explanation };
            self.violations.insert(v.name, at);
        }
    }

    /// The protocol's `outcome` object for the report.
    pub fn outcome(&self) -> serde_json::Value {
        let msgs: Vec<&P::Msg> =
            self.in_flight.values().filter(|m| m.fate == Fate::Deliver).map(|m| &m.msg).collect();
        P::outcome(&CheckCx { now: self.now, cfg: &self.cfg, nodes: &self.nodes, up: &self.up, in_flight: &msgs })
    }

    /// The world as the UI draws it at display time `at` (>= the last event's time).
    pub fn view(&self, at: Time) -> WorldView {
        let nodes = (1..=self.n)
            .map(|id| {
                let i = id as usize - 1;
                let timers = self.timers[i]
                    .iter()
                    .map(|t| TimerView { label: P::describe_timer(&t.timer), start: t.start, expiry: t.key.0 })
                    .collect();
                NodeSnapshot { id, up: self.up[i], view: self.nodes[i].view(&self.cfg), timers }
            })
            .collect();
        let messages = self
            .in_flight
            .iter()
            .map(|(&id, m)| MessageSnapshot {
                id,
                from: m.from,
                to: m.to,
                sent: m.sent,
                until: m.key.0,
                fate: m.fate,
                view: P::describe(&m.msg),
            })
            .collect();
        WorldView { now: at.max(self.now), nodes, messages, cut_links: self.net.cut_links() }
    }
}

//! The world of one run and its single-step transition. `World` is plain data (cheap to clone
//! for history checkpoints); every record it produces goes to the caller's trace buffer.
//!
//! The hot path (one step: pop an event, run a handler, carry out its effects, check the
//! invariants) allocates as little as it can: a message is described once, when it is sent,
//! and its label travels with it; handlers write their effects into one reused buffer; and
//! cancelled events stay in the queue until they come up (see `queue`).

use crate::sorted::SortedMap;
use std::sync::Arc;

use super::flights::Flights;
use super::network::{NetConfig, Network, Transit};
use super::protocol::{CheckCx, Command, Ctx, Effect, Protocol};
use super::queue::{Key, Queue};
use super::report::{MessageStats, ViolationAt};
use super::rng::SimRng;
use super::say::{Say, Sentence};
use super::says;
use super::script::{Action, ScriptEvent};
use super::time::{NodeId, Time};
use super::trace::{TraceEvent, What};
use super::view::{Fate, MessageSnapshot, NodeSnapshot, TimerView, WorldView};

/// A queued event. Scenario events are not queued: they are already in time order, and
/// they take sequence numbers `0..script.len()`, so at equal times they come first.
#[derive(Clone, Debug)]
enum Pending {
    Arrive { msg: u64 },
    Timer { node: NodeId },
}

#[derive(Clone, Debug)]
struct InFlight<M> {
    from: NodeId,
    to: NodeId,
    sent: Time,
    fate: Fate,
    /// The queue entry of its arrival (or death); other entries for it are stale.
    key: Key,
    /// `P::describe(&msg).label`, made once at send for the send, deliver and drop records.
    label: String,
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
    rng: SimRng,
    net: Network,
    script: Arc<[ScriptEvent]>,
    /// Index of the next scenario event to perform.
    next_script: usize,
    /// Invariant between steps: the entry on top, if any, is live (never a cancelled one).
    queue: Queue<Pending>,
    nodes: Vec<P>,
    up: Vec<bool>,
    timers: Vec<Vec<ActiveTimer<P::Timer>>>,
    in_flight: Flights<InFlight<P::Msg>>,
    next_msg: u64,
    /// The effects buffer handed to every handler, kept to reuse its allocation.
    effects: Vec<Effect<P::Msg, P::Timer>>,
    /// An empty buffer kept for `check`'s list of messages (see there).
    check_buf: Vec<usize>,
    pub stats: MessageStats,
    /// The first violation of each invariant, by name.
    pub violations: SortedMap<&'static str, ViolationAt>,
}

impl<P: Protocol> World<P> {
    /// Start every node at time 0 (their start-up effects go to `out` as step 0).
    /// `script` must be in time order (as `scenario::prepare` makes it).
    pub fn new(
        cfg: P::Config,
        n: u32,
        net: NetConfig,
        seed: u64,
        script: Arc<[ScriptEvent]>,
        end: Time,
        out: &mut Vec<TraceEvent>,
    ) -> Self {
        assert!(script.windows(2).all(|w| w[0].at <= w[1].at), "scenario events must be in time order");
        let mut w = World {
            cfg,
            n,
            now: 0,
            end,
            steps: 0,
            rng: SimRng::new(seed),
            net: Network::new(net, n),
            next_script: 0,
            queue: Queue::starting_at(script.len() as u64),
            script,
            nodes: Vec::with_capacity(n as usize),
            up: vec![true; n as usize],
            timers: vec![Vec::new(); n as usize],
            in_flight: Flights::new(),
            next_msg: 0,
            effects: Vec::new(),
            check_buf: Vec::new(),
            stats: MessageStats::default(),
            violations: SortedMap::new(),
        };
        for id in 1..=n {
            let mut cx = w.ctx(id);
            let node = P::init(id, &w.cfg, &mut cx);
            w.nodes.push(node);
            w.apply(id, cx.effects, out);
        }
        w.check(out);
        w.skip_cancelled();
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

    /// The next scenario event's key, if any is left.
    fn script_key(&self) -> Option<Key> {
        self.script.get(self.next_script).map(|e| (e.at, self.next_script as u64))
    }

    /// Key of the next event: the earlier of the next scenario event and the queue's top.
    fn next_key(&self) -> Option<Key> {
        match (self.script_key(), self.queue.peek()) {
            (Some(s), Some((q, _))) => Some(s.min(q)),
            (s, q) => s.or(q.map(|(k, _)| k)),
        }
    }

    /// Time of the next event, if it falls within the run.
    pub fn next_time(&self) -> Option<Time> {
        self.next_key().map(|k| k.0).filter(|&t| t <= self.end)
    }

    /// Process the next event. Returns false when the run is over.
    pub fn step(&mut self, out: &mut Vec<TraceEvent>) -> bool {
        let Some(key) = self.next_key().filter(|k| k.0 <= self.end) else {
            return false;
        };
        self.now = key.0;
        self.steps += 1;
        if Some(key) == self.script_key() {
            let action = self.script[self.next_script].action.clone();
            self.next_script += 1;
            self.perform(action, out);
        } else {
            match self.queue.pop().expect("next_key saw an event").1 {
                Pending::Arrive { msg } => self.arrive(msg, out),
                Pending::Timer { node } => self.fire_timer(node, key, out),
            }
        }
        self.check(out);
        self.skip_cancelled();
        true
    }

    /// Pop cancelled entries off the top of the queue: timers that were reset, cancelled or
    /// lost in a crash, and arrivals that were moved by a drop or delay action.
    fn skip_cancelled(&mut self) {
        while let Some((key, p)) = self.queue.peek() {
            let live = match *p {
                Pending::Arrive { msg } => self.in_flight.get(msg).is_some_and(|m| m.key == key),
                Pending::Timer { node } => self.timers[node as usize - 1].iter().any(|t| t.key == key),
            };
            if live {
                return;
            }
            self.queue.pop();
        }
    }

    fn ctx(&mut self, node: NodeId) -> Ctx<P> {
        Ctx { id: node, n: self.n, now: self.now, effects: std::mem::take(&mut self.effects) }
    }

    fn record(&self, out: &mut Vec<TraceEvent>, what: What) {
        out.push(TraceEvent { step: self.steps, at: self.now, what });
    }

    fn arrive(&mut self, id: u64, out: &mut Vec<TraceEvent>) {
        let m = self.in_flight.remove(id).expect("arrival of a message in flight");
        let label = m.label;
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
        let mut cx = self.ctx(m.to);
        self.nodes[m.to as usize - 1].on_message(m.from, m.msg, &mut cx);
        self.apply(m.to, cx.effects, out);
    }

    fn fire_timer(&mut self, node: NodeId, key: Key, out: &mut Vec<TraceEvent>) {
        let timers = &mut self.timers[node as usize - 1];
        let pos = timers.iter().position(|t| t.key == key).expect("a live timer entry");
        let t = timers.remove(pos);
        self.record(out, What::Timer { node, timer: P::describe_timer(&t.timer) });
        let mut cx = self.ctx(node);
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
                    self.timers[node as usize - 1].clear();
                } else {
                    self.note(out, node, says::ALREADY_DOWN);
                }
            }
            Action::Recover { node } => {
                if self.up[node as usize - 1] {
                    self.note(out, node, says::ALREADY_UP);
                } else {
                    self.record(out, What::Recover { node });
                    self.up[node as usize - 1] = true;
                    let mut cx = self.ctx(node);
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

    /// One of the simulator's sentences about `node` (each has `{node}` as its only argument).
    fn note(&self, out: &mut Vec<TraceEvent>, node: NodeId, said: Sentence) {
        self.record(out, What::Note { node, text: Say::new(said, &[&node]) });
    }

    fn command(&mut self, node: NodeId, cmd: Command, out: &mut Vec<TraceEvent>) {
        let value = match &cmd {
            Command::ClientRequest { value } => Some(value.clone()),
            _ => None,
        };
        self.record(out, What::Command { node, action: cmd.action().into(), value });
        if !self.up[node as usize - 1] {
            self.note(out, node, says::COMMAND_LOST);
            return;
        }
        let mut cx = self.ctx(node);
        self.nodes[node as usize - 1].on_command(&cmd, &mut cx);
        self.apply(node, cx.effects, out);
    }

    fn drop_message(&mut self, message: u64, out: &mut Vec<TraceEvent>) {
        self.record(out, What::DropMessage { message });
        match self.in_flight.get_mut(message) {
            Some(m) if m.fate == Fate::Deliver => {
                // The old arrival entry goes stale: its key no longer matches `m.key`.
                m.fate = Fate::Dropped;
                m.key = self.queue.push(self.now, Pending::Arrive { msg: message });
            }
            _ => self.record(out, What::Note { node: 0, text: crate::say!(says::NOT_IN_FLIGHT, message) }),
        }
    }

    fn delay_message(&mut self, message: u64, by: Time, out: &mut Vec<TraceEvent>) {
        self.record(out, What::DelayMessage { message, by });
        match self.in_flight.get_mut(message) {
            Some(m) if m.fate == Fate::Deliver => {
                m.key = self.queue.push(m.key.0 + by, Pending::Arrive { msg: message });
            }
            _ => self.record(out, What::Note { node: 0, text: crate::say!(says::NOT_IN_FLIGHT, message) }),
        }
    }

    /// Carry out a node's effects, in the order it asked for them; the emptied buffer is
    /// kept for the next handler.
    fn apply(&mut self, node: NodeId, mut effects: Vec<Effect<P::Msg, P::Timer>>, out: &mut Vec<TraceEvent>) {
        for e in effects.drain(..) {
            match e {
                Effect::Send { to, msg } => self.send(node, to, msg, out),
                Effect::SetTimer { timer, lo, hi } => {
                    self.cancel(node, &timer);
                    let at = self.now + self.rng.range(lo, hi);
                    let key = self.queue.push(at, Pending::Timer { node });
                    self.timers[node as usize - 1].push(ActiveTimer { timer, start: self.now, key });
                }
                Effect::CancelTimer { timer } => self.cancel(node, &timer),
                Effect::Note(text) => self.record(out, What::Note { node, text }),
            }
        }
        self.effects = effects;
    }

    /// Forget `timer`; its queue entry goes stale.
    fn cancel(&mut self, node: NodeId, timer: &P::Timer) {
        let timers = &mut self.timers[node as usize - 1];
        if let Some(pos) = timers.iter().position(|t| &t.timer == timer) {
            timers.remove(pos);
        }
    }

    fn send(&mut self, from: NodeId, to: NodeId, msg: P::Msg, out: &mut Vec<TraceEvent>) {
        assert!((1..=self.n).contains(&to), "{} sent to node {to} of {}", P::NAME, self.n);
        let view = P::describe(&msg);
        let (first, duplicate) = self.net.transmit(&mut self.rng, from, to, self.now);
        let copies = 1 + duplicate.is_some() as u64;
        self.stats.sent += copies;
        match self.stats.by_kind.get_mut(view.kind.as_str()) {
            Some(count) => *count += copies,
            None => {
                self.stats.by_kind.insert(view.kind.clone(), copies);
            }
        }
        if let Some(second) = duplicate {
            self.launch(from, to, msg.clone(), view.label.clone(), view.kind.clone(), first, out);
            self.launch(from, to, msg, view.label, view.kind, second, out);
        } else {
            self.launch(from, to, msg, view.label, view.kind, first, out);
        }
    }

    /// Put one copy of a message on the wire: queue its arrival, trace the send.
    #[allow(clippy::too_many_arguments)]
    fn launch(&mut self, from: NodeId, to: NodeId, msg: P::Msg, label: String, kind: String, t: Transit, out: &mut Vec<TraceEvent>) {
        let id = self.next_msg;
        self.next_msg += 1;
        let key = self.queue.push(t.until, Pending::Arrive { msg: id });
        let send = What::Send { id, from, to, label: label.clone(), kind, until: t.until, fate: t.fate };
        self.record(out, send);
        self.in_flight.push(id, InFlight { from, to, sent: self.now, fate: t.fate, key, label, msg });
    }

    /// Check every invariant; record (once per name) and trace the first violation of each.
    fn check(&mut self, out: &mut Vec<TraceEvent>) {
        // The list of deliverable messages is rebuilt every step in one kept allocation: an
        // empty Vec of pointer-sized words is collected in place into a Vec of references
        // and back (the standard library reuses the buffer when the layouts match).
        let mut msgs: Vec<&P::Msg> = std::mem::take(&mut self.check_buf).into_iter().map(|_| unreachable!()).collect();
        msgs.extend(self.in_flight.iter().filter(|(_, m)| m.fate == Fate::Deliver).map(|(_, m)| &m.msg));
        let cx = CheckCx { now: self.now, cfg: &self.cfg, nodes: &self.nodes, up: &self.up, in_flight: &msgs };
        let found = P::check(&cx);
        msgs.clear();
        self.check_buf = msgs.into_iter().map(|_| unreachable!()).collect();
        for v in found {
            if self.violations.contains_key(&v.name) {
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
            self.in_flight.iter().filter(|(_, m)| m.fate == Fate::Deliver).map(|(_, m)| &m.msg).collect();
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
            .map(|(id, m)| MessageSnapshot {
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

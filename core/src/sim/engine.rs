//! The protocol-independent half of a run and its single-step transition: clock, event
//! queue, randomness, network, faults, message and timer bookkeeping, statistics, invariant
//! records and the trace. `Core` is compiled once whatever the protocol: where a step needs
//! the protocol's own types (a message's payload, a timer's value, a node's handlers) it
//! calls through [`Nodes`], which `World<P>` (world.rs) implements in a few lines per
//! protocol. While the whole engine was generic, the page's bundle held five copies of it.
//!
//! The hot path (one step: pop an event, run a handler, carry out its effects, check the
//! invariants) allocates as little as it can: a message is described once, when it is sent,
//! and its label travels with it; handlers write their effects into one reused buffer; and
//! cancelled events stay in the queue until they come up (see `queue`).

use crate::sorted::SortedMap;
use std::sync::Arc;

use super::flights::Flights;
use super::network::{NetConfig, Network, Transit};
use super::nodes::Nodes;
use super::protocol::Command;
use super::queue::{Key, Queue};
use super::report::{MessageStats, ViolationAt};
use super::rng::SimRng;
use super::say::{Say, Sentence};
use super::says;
use super::script::{Action, ScriptEvent};
use super::time::{NodeId, Time};
use super::trace::{TraceEvent, What};
use super::view::{Fate, MessageSnapshot, MsgView, NodeSnapshot, TimerView, WorldView};

pub use super::world::World;

/// A queued event. Scenario events are not queued: they are already in time order, and
/// they take sequence numbers `0..script.len()`, so at equal times they come first.
#[derive(Clone, Copy, Debug)]
enum Pending {
    Arrive { msg: u64 },
    Timer { node: NodeId },
}

/// A [`Pending`] packed in one word, as the queue holds it: the heap moves its entries on
/// every push and pop, and a two-word enum made them a third larger. A timer is tagged by
/// the top bit (message ids never reach it).
#[derive(Clone, Copy, Debug)]
struct Packed(u64);

const TIMER_TAG: u64 = 1 << 63;

impl From<Pending> for Packed {
    #[inline]
    fn from(p: Pending) -> Packed {
        match p {
            Pending::Arrive { msg } => Packed(msg),
            Pending::Timer { node } => Packed(TIMER_TAG | node as u64),
        }
    }
}

impl From<Packed> for Pending {
    #[inline]
    fn from(Packed(w): Packed) -> Pending {
        if w & TIMER_TAG == 0 { Pending::Arrive { msg: w } } else { Pending::Timer { node: w as NodeId } }
    }
}

/// A message in the network, without its payload (the protocol's half keeps that by id).
#[derive(Clone, Debug)]
struct InFlight {
    from: NodeId,
    to: NodeId,
    sent: Time,
    fate: Fate,
    /// The queue entry of its arrival (or death); other entries for it are stale.
    key: Key,
    /// `P::describe(&msg).label`, made once at send for the send, deliver and drop records.
    label: String,
}

/// A running timer, without its value: `Core::timers[i][k]` and the protocol half's
/// `timers[i][k]` are the same timer (both lists change together).
#[derive(Clone, Debug)]
struct ActiveTimer {
    start: Time,
    key: Key,
}

/// Everything a run is at one step, except what is typed by its protocol. Plain data: clone
/// it (with the protocol's half) to checkpoint; every record it produces goes to the
/// caller's trace buffer.
#[derive(Clone, Debug)]
pub struct Core {
    /// The protocol's name, for messages about its mistakes.
    protocol: &'static str,
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
    queue: Queue<Packed>,
    up: Vec<bool>,
    timers: Vec<Vec<ActiveTimer>>,
    in_flight: Flights<InFlight>,
    next_msg: u64,
    pub stats: MessageStats,
    /// The first violation of each invariant, by name.
    pub violations: SortedMap<&'static str, ViolationAt>,
}

impl Core {
    /// The state before any node starts. `script` must be in time order (as
    /// `scenario::prepare` makes it).
    pub(crate) fn new(protocol: &'static str, n: u32, net: NetConfig, seed: u64, script: Arc<[ScriptEvent]>, end: Time) -> Self {
        assert!(script.windows(2).all(|w| w[0].at <= w[1].at), "scenario events must be in time order");
        Core {
            protocol,
            n,
            now: 0,
            end,
            steps: 0,
            rng: SimRng::new(seed),
            net: Network::new(net, n),
            next_script: 0,
            queue: Queue::starting_at(script.len() as u64),
            script,
            up: vec![true; n as usize],
            timers: vec![Vec::new(); n as usize],
            in_flight: Flights::new(),
            next_msg: 0,
            stats: MessageStats::default(),
            violations: SortedMap::new(),
        }
    }

    /// Every node has started (step 0): check the invariants once.
    pub(crate) fn started<N: Nodes + ?Sized>(&mut self, nodes: &mut N, out: &mut Vec<TraceEvent>) {
        self.check(nodes, out);
        self.skip_cancelled();
    }

    // The small accessors are `#[inline]`: the typed half calling them is compiled in the
    // crate that names the protocol, and without LTO (the bench profile) a plain function
    // is not inlined across crates.
    #[inline]
    pub fn n(&self) -> u32 {
        self.n
    }
    #[inline]
    pub fn now(&self) -> Time {
        self.now
    }
    #[inline]
    pub fn end(&self) -> Time {
        self.end
    }
    #[inline]
    pub fn steps(&self) -> u64 {
        self.steps
    }
    #[inline]
    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }
    #[inline]
    pub fn is_up(&self, id: NodeId) -> bool {
        self.up[id as usize - 1]
    }
    #[inline]
    pub(crate) fn up(&self) -> &[bool] {
        &self.up
    }

    /// The next scenario event's key, if any is left.
    #[inline]
    fn script_key(&self) -> Option<Key> {
        self.script.get(self.next_script).map(|e| (e.at, self.next_script as u64))
    }

    /// Key of the next event: the earlier of the next scenario event and the queue's top.
    #[inline]
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
    pub(crate) fn step<N: Nodes + ?Sized>(&mut self, nodes: &mut N, out: &mut Vec<TraceEvent>) -> bool {
        let Some(key) = self.next_key().filter(|k| k.0 <= self.end) else {
            return false;
        };
        self.now = key.0;
        self.steps += 1;
        if Some(key) == self.script_key() {
            let action = self.script[self.next_script].action.clone();
            self.next_script += 1;
            self.perform(nodes, action, out);
        } else {
            match self.queue.pop().expect("next_key saw an event").1.into() {
                Pending::Arrive { msg } => self.arrive(nodes, msg, out),
                Pending::Timer { node } => self.fire_timer(nodes, node, key, out),
            }
        }
        self.check(nodes, out);
        self.skip_cancelled();
        true
    }

    /// Pop cancelled entries off the top of the queue: timers that were reset, cancelled or
    /// lost in a crash, and arrivals that were moved by a drop or delay action.
    fn skip_cancelled(&mut self) {
        while let Some((key, &p)) = self.queue.peek() {
            let live = match p.into() {
                Pending::Arrive { msg } => self.in_flight.get(msg).is_some_and(|m| m.key == key),
                Pending::Timer { node } => self.timers[node as usize - 1].iter().any(|t| t.key == key),
            };
            if live {
                return;
            }
            self.queue.pop();
        }
    }

    #[inline]
    pub(crate) fn record(&self, out: &mut Vec<TraceEvent>, what: What) {
        out.push(TraceEvent { step: self.steps, at: self.now, what });
    }

    fn arrive<N: Nodes + ?Sized>(&mut self, nodes: &mut N, id: u64, out: &mut Vec<TraceEvent>) {
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
            nodes.forget(self, id);
            self.stats.dropped += 1;
            let (from, to) = (m.from, m.to);
            self.record(out, What::Drop { id, from, to, label, reason: reason.into() });
            return;
        }
        self.stats.delivered += 1;
        self.record(out, What::Deliver { id, from: m.from, to: m.to, label });
        nodes.deliver(self, id, m.from, m.to, out);
    }

    fn fire_timer<N: Nodes + ?Sized>(&mut self, nodes: &mut N, node: NodeId, key: Key, out: &mut Vec<TraceEvent>) {
        let timers = &mut self.timers[node as usize - 1];
        let pos = timers.iter().position(|t| t.key == key).expect("a live timer entry");
        timers.remove(pos);
        nodes.fire(self, node, pos, out);
    }

    fn perform<N: Nodes + ?Sized>(&mut self, nodes: &mut N, action: Action, out: &mut Vec<TraceEvent>) {
        match action {
            Action::Command { node, cmd } => self.command(nodes, node, cmd, out),
            Action::Crash { node } => {
                if self.up[node as usize - 1] {
                    self.record(out, What::Crash { node });
                    self.up[node as usize - 1] = false;
                    self.timers[node as usize - 1].clear();
                    nodes.crashed(node);
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
                    nodes.recover(self, node, out);
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
            Action::DropMessage { message } => self.drop_message(nodes, message, out),
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

    fn command<N: Nodes + ?Sized>(&mut self, nodes: &mut N, node: NodeId, cmd: Command, out: &mut Vec<TraceEvent>) {
        let value = match &cmd {
            Command::ClientRequest { value } => Some(value.clone()),
            _ => None,
        };
        self.record(out, What::Command { node, action: cmd.action().into(), value });
        if !self.up[node as usize - 1] {
            self.note(out, node, says::COMMAND_LOST);
            return;
        }
        nodes.command(self, node, &cmd, out);
    }

    fn drop_message<N: Nodes + ?Sized>(&mut self, nodes: &mut N, message: u64, out: &mut Vec<TraceEvent>) {
        self.record(out, What::DropMessage { message });
        match self.in_flight.get_mut(message) {
            Some(m) if m.fate == Fate::Deliver => {
                // The old arrival entry goes stale: its key no longer matches `m.key`.
                m.fate = Fate::Dropped;
                m.key = self.queue.push(self.now, Pending::Arrive { msg: message }.into());
                nodes.undeliverable(self, message);
            }
            _ => self.record(out, What::Note { node: 0, text: crate::say!(says::NOT_IN_FLIGHT, message) }),
        }
    }

    fn delay_message(&mut self, message: u64, by: Time, out: &mut Vec<TraceEvent>) {
        self.record(out, What::DelayMessage { message, by });
        match self.in_flight.get_mut(message) {
            Some(m) if m.fate == Fate::Deliver => {
                m.key = self.queue.push(m.key.0 + by, Pending::Arrive { msg: message }.into());
            }
            _ => self.record(out, What::Note { node: 0, text: crate::say!(says::NOT_IN_FLIGHT, message) }),
        }
    }

    /// Start a timer of `node` with a delay drawn from `lo..=hi`; its value goes at the end
    /// of the protocol half's list, as this entry does.
    pub(crate) fn set_timer(&mut self, node: NodeId, lo: Time, hi: Time) {
        let at = self.now + self.rng.range(lo, hi);
        let key = self.queue.push(at, Pending::Timer { node }.into());
        self.timers[node as usize - 1].push(ActiveTimer { start: self.now, key });
    }

    /// Forget timer `pos` of `node` (the protocol half removes its value at the same place);
    /// its queue entry goes stale.
    #[inline]
    pub(crate) fn cancel_timer(&mut self, node: NodeId, pos: usize) {
        self.timers[node as usize - 1].remove(pos);
    }

    /// Put a message described by `view` on the wire: the network decides its fate (and
    /// maybe duplicates it); each copy gets the next id, a queued arrival and a send record.
    /// Returns the number of copies, for the protocol half to keep the payload under the
    /// ids just taken, and whether they are on their way to be delivered (both copies of a
    /// duplicate are).
    pub(crate) fn send(&mut self, from: NodeId, to: NodeId, view: MsgView, out: &mut Vec<TraceEvent>) -> (u64, bool) {
        assert!((1..=self.n).contains(&to), "{} sent to node {to} of {}", self.protocol, self.n);
        let (first, duplicate) = self.net.transmit(&mut self.rng, from, to, self.now);
        let copies = 1 + duplicate.is_some() as u64;
        self.stats.sent += copies;
        // A scan for an equal key rather than a search by order: a message has one of a few
        // kinds, whose names mostly differ in length, so most comparisons never read them.
        let known = self.stats.by_kind.iter_mut().find(|(kind, _)| **kind == view.kind);
        match known {
            Some((_, count)) => *count += copies,
            None => {
                self.stats.by_kind.insert(view.kind.clone(), copies);
            }
        }
        if let Some(second) = duplicate {
            self.launch(from, to, view.label.clone(), view.kind.clone(), first, out);
            self.launch(from, to, view.label, view.kind, second, out);
        } else {
            self.launch(from, to, view.label, view.kind, first, out);
        }
        (copies, first.fate == Fate::Deliver)
    }

    /// Id of the next message to be sent.
    #[inline]
    pub(crate) fn next_msg(&self) -> u64 {
        self.next_msg
    }

    /// How many ids the window of messages in flight spans: from the oldest one in flight
    /// to the last one sent (the protocol half keeps its payloads in the same window).
    #[inline]
    pub(crate) fn in_flight_span(&self) -> usize {
        self.in_flight.span()
    }

    /// Put one copy of a message on the wire: queue its arrival, trace the send.
    fn launch(&mut self, from: NodeId, to: NodeId, label: String, kind: String, t: Transit, out: &mut Vec<TraceEvent>) {
        let id = self.next_msg;
        self.next_msg += 1;
        let key = self.queue.push(t.until, Pending::Arrive { msg: id }.into());
        let send = What::Send { id, from, to, label: label.clone(), kind, until: t.until, fate: t.fate };
        self.record(out, send);
        self.in_flight.push(id, InFlight { from, to, sent: self.now, fate: t.fate, key, label });
    }

    /// Check every invariant; record (once per name) and trace the first violation of each.
    fn check<N: Nodes + ?Sized>(&mut self, nodes: &mut N, out: &mut Vec<TraceEvent>) {
        let found = nodes.check(self);
        if found.is_empty() {
            return; // the common case, every step
        }
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

    /// The world as the UI draws it at display time `at` (>= the last event's time); the
    /// protocol half describes nodes, timers (by node and position) and messages (by id).
    pub(crate) fn view(&self, at: Time, nodes: &dyn Nodes) -> WorldView {
        let node_snapshots = (1..=self.n)
            .map(|id| {
                let i = id as usize - 1;
                let timers = self.timers[i]
                    .iter()
                    .enumerate()
                    .map(|(k, t)| TimerView { label: nodes.timer_label(id, k), start: t.start, expiry: t.key.0 })
                    .collect();
                NodeSnapshot { id, up: self.up[i], view: nodes.node_view(id), timers }
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
                view: nodes.msg_view(self, id),
            })
            .collect();
        WorldView { now: at.max(self.now), nodes: node_snapshots, messages, cut_links: self.net.cut_links() }
    }
}

//! One Paxos node: whichever of the three roles the config gives it (§2.1: "a single process
//! may act as more than one agent"), the messages it sends itself, and the ghost record the
//! invariants read.

use std::collections::VecDeque;
use crate::sorted::SortedMap;
use std::sync::Arc;

use crate::say;
use crate::sim::protocol::Ctx;
use crate::sim::Say;
use crate::sim::time::{NodeId, Time};

use super::acceptor::Acceptor;
use super::config::{PaxosConfig, Role};
use super::learner::Learner;
use super::msg::{Ballot, Cmd, Msg, Slot, Timer};
use super::proposer::Proposer;
use super::says::{self, who};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paxos {
    pub id: NodeId,
    pub cfg: Arc<PaxosConfig>,
    pub proposer: Option<Proposer>,
    pub acceptor: Option<Acceptor>,
    pub learner: Option<Learner>,
    /// What the invariants need to know about the past. The protocol never reads it.
    pub ghost: Ghost,
    /// Messages to itself (a node that is both proposer and acceptor): handled within the
    /// same step rather than sent round the network. Empty between steps.
    local: VecDeque<Msg>,
}

/// A god's-eye record kept beside a node, untouched by crashes: the paper defines "chosen"
/// over everything acceptors ever accepted, which their current state no longer shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ghost {
    /// Acceptor: every (instance, proposal) it ever accepted, with the command.
    pub accepts: SortedMap<(Slot, Ballot), Cmd>,
    /// Acceptor: the highest promise it ever made, even one it later forgot.
    pub promised_ever: Option<Ballot>,
    /// Acceptor: the first time it accepted a proposal below a promise it had made:
    /// (instance, proposal accepted, promise broken).
    pub broken_promise: Option<(Slot, Ballot, Ballot)>,
    /// Proposer: every command its clients asked for.
    pub requests: Vec<Cmd>,
    /// Acceptor: what it accepted at time `.0` (the invariants re-examine only those
    /// instances, which keeps the check after every step cheap on long logs).
    pub recent_accepts: (Time, Vec<(Slot, Ballot)>),
    /// Learner: the instances it learned at time `.0`.
    pub recent_learned: (Time, Vec<Slot>),
}

impl Ghost {
    pub fn accepted(&mut self, now: Time, slot: Slot, b: Ballot, cmd: &Cmd) {
        self.accepts.insert((slot, b), cmd.clone());
        if self.recent_accepts.0 != now {
            self.recent_accepts = (now, Vec::new());
        }
        self.recent_accepts.1.push((slot, b));
    }

    pub fn learned(&mut self, now: Time, slot: Slot) {
        if self.recent_learned.0 != now {
            self.recent_learned = (now, Vec::new());
        }
        self.recent_learned.1.push(slot);
    }
}

/// What a role may do during one step: send (to itself without the network), set the retry
/// timer, and write the caption.
pub struct Out<'a> {
    pub me: NodeId,
    pub cfg: &'a PaxosConfig,
    cx: &'a mut Ctx<Paxos>,
    local: &'a mut VecDeque<Msg>,
}

impl Out<'_> {
    pub fn send(&mut self, to: NodeId, msg: Msg) {
        if to == self.me {
            self.local.push_back(msg);
        } else {
            self.cx.send(to, msg);
        }
    }

    pub fn send_to_acceptors(&mut self, msg: &Msg) {
        for a in self.cfg.acceptors() {
            self.send(a, msg.clone());
        }
    }

    pub fn now(&self) -> Time {
        self.cx.now
    }

    pub fn note(&mut self, text: impl Into<Say>) {
        self.cx.note(text);
    }

    pub fn arm_retry(&mut self) {
        let (lo, hi) = self.cfg.retry;
        self.cx.set_timer(Timer::Retry, lo, hi);
    }

    pub fn cancel_retry(&mut self) {
        self.cx.cancel_timer(Timer::Retry);
    }
}

impl Paxos {
    pub fn new(id: NodeId, cfg: &PaxosConfig) -> Self {
        Paxos {
            id,
            proposer: cfg.is(id, Role::Proposer).then(Proposer::default),
            acceptor: cfg.is(id, Role::Acceptor).then(Acceptor::default),
            learner: cfg.is(id, Role::Learner).then(Learner::default),
            cfg: Arc::new(cfg.clone()),
            ghost: Ghost::default(),
            local: VecDeque::new(),
        }
    }

    /// Split `self` into the roles and a step's `Out`, and run `f` on them.
    fn with<R>(
        &mut self,
        cx: &mut Ctx<Paxos>,
        f: impl FnOnce(&mut Option<Proposer>, &mut Option<Acceptor>, &mut Option<Learner>, &mut Ghost, &mut Out) -> R,
    ) -> R {
        let Paxos { id, cfg, proposer, acceptor, learner, ghost, local } = self;
        let mut out = Out { me: *id, cfg, cx, local };
        f(proposer, acceptor, learner, ghost, &mut out)
    }

    pub(super) fn receive(&mut self, from: NodeId, msg: Msg, cx: &mut Ctx<Paxos>) {
        self.with(cx, |prop, acc, learner, ghost, out| match msg {
            Msg::Prepare { b } | Msg::Propose { b, .. } if acc.is_none() => {
                out.note(say!(says::NOT_ACCEPTOR, node = out.me, ballot = b));
            }
            Msg::Prepare { b } => {
                let a = acc.as_mut().expect("checked above");
                a.on_prepare(from, b, ghost, out);
                // A node that also proposes now knows of this ballot (§2.1: one process, many agents).
                if let (Some(p), Some(promised)) = (prop.as_mut(), a.promised) {
                    p.observe(promised, out);
                }
            }
            Msg::Propose { b, slot, cmd } => {
                let a = acc.as_mut().expect("checked above");
                a.on_propose(from, b, slot, cmd, ghost, out);
                if let (Some(p), Some(promised)) = (prop.as_mut(), a.promised) {
                    p.observe(promised, out);
                }
            }
            Msg::Accepted { b, slot, cmd } => {
                if let Some(l) = learner.as_mut() {
                    l.on_accepted(from, b, slot, cmd.clone(), ghost, out);
                }
                if let Some(p) = prop.as_mut() {
                    p.on_accepted(from, b, slot, cmd, out);
                }
            }
            msg => match prop.as_mut() {
                Some(p) => match msg {
                    Msg::Promise { b, accepted } => p.on_promise(from, b, accepted, out),
                    Msg::Nack { b, promised } => p.on_nack(from, b, promised, out),
                    Msg::Answer { b, slot, cmd } => p.on_answer(from, b, slot, cmd, out),
                    Msg::Forward { cmd } => p.on_forward(from, cmd, out),
                    _ => unreachable!("acceptor and learner messages are handled above"),
                },
                None => out.note(say!(says::NOT_PROPOSER, node = out.me)),
            },
        });
    }

    /// Handle the messages this node sent itself during the step, in order.
    pub(super) fn flush_local(&mut self, cx: &mut Ctx<Paxos>) {
        while let Some(m) = self.local.pop_front() {
            self.receive(self.id, m, cx);
        }
    }

    pub(super) fn client_request(&mut self, value: &str, cx: &mut Ctx<Paxos>) {
        self.with(cx, |prop, _, _, ghost, out| match prop.as_mut() {
            Some(p) => p.client_request(value, ghost, out),
            None => out.note(say!(
                says::ONLY_PROPOSERS,
                node = out.me,
                first = *out.cfg.proposers().start(),
                last = *out.cfg.proposers().end()
            )),
        });
    }

    pub(super) fn retry(&mut self, cx: &mut Ctx<Paxos>) {
        self.with(cx, |prop, _, _, _, out| {
            if let Some(p) = prop.as_mut() {
                p.on_retry(out);
            }
        });
    }

    /// The scenario's `timeout` action: fire the retry timeout now.
    pub(super) fn forced_timeout(&mut self, cx: &mut Ctx<Paxos>) {
        self.with(cx, |prop, _, _, _, out| match prop.as_mut() {
            Some(p) => {
                out.cancel_retry();
                out.note(say!(says::TIMEOUT_FORCED, who = who(out.cfg, out.me, Role::Proposer)));
                p.on_retry(out);
            }
            None => out.note(say!(says::NO_RETRY_TIMEOUT, node = out.me)),
        });
    }

    /// Volatile state is lost; what Paxos requires to be on stable storage is kept (§2.3:
    /// "an acceptor must remember this information even if it fails and then restarts").
    pub(super) fn recover(&mut self, cx: &mut Ctx<Paxos>) {
        self.with(cx, |prop, acc, learner, _, out| {
            if let Some(a) = acc.as_mut() {
                a.recover(out);
            }
            if let Some(l) = learner.as_mut() {
                l.recover();
            }
            if let Some(p) = prop.as_mut() {
                p.recover(out);
            }
        });
    }
}

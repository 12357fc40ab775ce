//! The proposer: its state, what both modes share, and the Synod's single-decree rounds
//! (§2.2 "Choosing a value", §2.4 "Progress"). Multi-Paxos leadership is in multi.rs.

use crate::sorted::{SortedMap, SortedSet};

use crate::say;
use crate::sim::time::NodeId;
use crate::sim::{Arg, Sentence};

use super::config::Role;
use super::msg::{Ballot, Cmd, Msg, Slot, Vote};
use super::node::{Ghost, Out};
use super::says::{self, inst, who};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposer {
    /// Durable: the highest round it has used or seen. A proposer that restarted and reused a
    /// number could propose two values under one proposal number, which §2.2 rules out.
    pub round: u32,
    /// Durable: its clients' commands whose outcome it has not heard. They survive a crash
    /// because the client is still waiting and asks again.
    pub pending: Vec<Cmd>,
    /// Durable: the next command number for its clients' requests.
    pub next_seq: u32,
    pub phase: Phase,
    /// What it proposes under its current ballot (Synod: instance 0 only).
    pub log: SortedMap<Slot, Entry>,
    /// Instances it knows are chosen (from its own count of 2b, or a learner's 2c).
    pub decided: SortedMap<Slot, (Ballot, Cmd)>,
    /// The ballot of its latest round, if it started one since it last restarted.
    pub own: Option<Ballot>,
    /// A ballot of another proposer higher than any it used itself: whom it believes leads.
    /// Forwarding only ever goes to a higher ballot, so forwards cannot go round in circles.
    pub leader: Option<Ballot>,
    /// Commands other proposers forwarded to it, to propose when it leads.
    pub queue: Vec<Cmd>,
    /// Multi: retry timeouts spent waiting on the believed leader.
    pub misses: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    #[default]
    Idle,
    /// 1a sent; the promises collected so far, by acceptor, with what each had accepted.
    Preparing { b: Ballot, promises: SortedMap<NodeId, Vec<Vote>> },
    /// Phase 1 succeeded: proposing under `b`. In Multi-Paxos this is the stable leader,
    /// which skips phase 1 for every later instance (§3).
    Leading { b: Ballot },
}

/// One proposal of the current ballot and the acceptors that accepted it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub cmd: Cmd,
    pub acks: SortedSet<NodeId>,
    pub chosen: bool,
}

impl Entry {
    pub fn new(cmd: Cmd) -> Self {
        Entry { cmd, acks: SortedSet::new(), chosen: false }
    }
}

pub(super) fn me(out: &Out) -> Arg {
    who(out.cfg, out.me, Role::Proposer)
}

impl Proposer {
    pub fn ballot(&self) -> Option<Ballot> {
        match self.phase {
            Phase::Idle => None,
            Phase::Preparing { b, .. } | Phase::Leading { b } => Some(b),
        }
    }

    /// The value this Synod proposer would propose if no acceptor reports one.
    pub fn own_value(&self) -> Option<&Cmd> {
        self.pending.first().or(self.queue.first())
    }

    pub fn client_request(&mut self, value: &str, ghost: &mut Ghost, out: &mut Out) {
        let cmd = Cmd { origin: out.me, seq: self.next_seq, value: value.to_string() };
        self.next_seq += 1;
        ghost.requests.push(cmd.clone());
        if !out.cfg.multi {
            if let Some((_, c)) = self.decided.get(&0) {
                let verdict: Arg = if c.value == value { "".into() } else { says::REQUEST_REJECTED.into() };
                return out.note(say!(says::ALREADY_CHOSEN, who = me(out), value = &c.value, verdict));
            }
            if let Some(v) = self.own_value() {
                let v = v.value.clone();
                return out.note(say!(says::DROPS_REQUEST, who = me(out), value = v, request = value));
            }
        }
        out.note(say!(says::CLIENT_REQUEST, who = me(out), value));
        self.pending.push(cmd);
        self.serve(out);
    }

    /// Do what the pending commands call for.
    pub(super) fn serve(&mut self, out: &mut Out) {
        if let Some(d) = out.cfg.distinguished.filter(|d| *d != out.me) {
            return self.forward_pending(d, says::TO_DISTINGUISHED, out);
        }
        if out.cfg.multi {
            return self.serve_multi(out);
        }
        if self.phase == Phase::Idle && !self.decided.contains_key(&0) && self.own_value().is_some() {
            self.start_round(out);
        }
    }

    pub(super) fn forward_pending(&mut self, to: NodeId, why: Sentence, out: &mut Out) {
        let cmds: Vec<Cmd> = self.pending.iter().filter(|c| !self.is_decided(c)).cloned().collect();
        if cmds.is_empty() {
            return;
        }
        let values: Vec<&str> = cmds.iter().map(|c| c.value.as_str()).collect();
        out.note(say!(says::FORWARDS, who = me(out), values = values.join(", "), to, why));
        for cmd in cmds {
            out.send(to, Msg::Forward { cmd });
        }
        out.arm_retry();
    }

    pub(super) fn is_decided(&self, cmd: &Cmd) -> bool {
        self.decided.values().any(|(_, c)| c.id() == cmd.id())
    }

    /// 1a: a new proposal number, higher than any it has used or heard of (§2.2).
    pub(super) fn start_round(&mut self, out: &mut Out) {
        self.round += 1;
        let b = Ballot { round: self.round, node: out.me };
        self.phase = Phase::Preparing { b, promises: SortedMap::new() };
        self.own = Some(b);
        self.leader = None;
        self.log.clear();
        self.misses = 0;
        out.note(say!(says::STARTS_ROUND, who = me(out), ballot = b, count = out.cfg.acceptor_count()));
        out.send_to_acceptors(&Msg::Prepare { b });
        out.arm_retry();
    }

    /// It heard of ballot `b` (a NACK, a 2c, or its own acceptor's promise). §2.3: a proposer
    /// that learns of a higher-numbered proposal should abandon its own.
    pub(super) fn observe(&mut self, b: Ballot, out: &mut Out) {
        self.round = self.round.max(b.round);
        if b.node != out.me && self.leader.is_none_or(|l| b > l) && self.own.is_none_or(|o| b > o) {
            self.leader = Some(b);
            self.misses = 0;
        }
        let Some(mine) = self.ballot().filter(|mine| b > *mine) else { return };
        let was_leading = matches!(self.phase, Phase::Leading { .. });
        self.phase = Phase::Idle;
        self.log.retain(|_, e| e.chosen);
        if out.cfg.multi {
            let stops = if was_leading { says::STOPS_LEADING } else { says::GIVES_UP_ROUND };
            out.note(say!(says::DEFERS, who = me(out), ballot = b, stops, mine, node = b.node));
            // Requests other proposers handed it go on to the new leader; its own clients'
            // requests stay pending until it hears they are chosen.
            for cmd in std::mem::take(&mut self.queue) {
                out.send(b.node, Msg::Forward { cmd });
            }
            self.serve(out);
        } else {
            out.note(say!(says::CANNOT_WIN, who = me(out), ballot = b, mine));
        }
    }

    pub fn on_promise(&mut self, from: NodeId, b: Ballot, accepted: Vec<Vote>, out: &mut Out) {
        let need = out.cfg.majority();
        let Phase::Preparing { b: mine, promises } = &mut self.phase else { return };
        if *mine != b {
            return;
        }
        promises.insert(from, accepted);
        let have = promises.len();
        if have < need {
            return out.note(say!(says::HAS_PROMISES, who = me(out), have, need, ballot = b));
        }
        let promises = std::mem::take(promises);
        if out.cfg.multi {
            self.lead(b, promises, out);
        } else {
            self.propose_synod(b, promises, out);
        }
    }

    /// 2a of the Synod. §2.2 P2c: propose the value of the highest-numbered proposal any
    /// acceptor of the majority accepted, or, if none did, any value (its client's).
    fn propose_synod(&mut self, b: Ballot, promises: SortedMap<NodeId, Vec<Vote>>, out: &mut Out) {
        let n = promises.len();
        let highest = promises.values().flatten().filter(|v| v.slot == 0).max_by_key(|v| v.ballot).cloned();
        let own = self.own_value().cloned();
        let (cmd, why) = match (highest, own) {
            (Some(v), Some(own)) if out.cfg.ignore_accepted => {
                let why = say!(says::IGNORES_REPORTED, ballot = v.ballot, value = &v.cmd.value, own = &own.value);
                (own, why)
            }
            (Some(v), own) => {
                let instead: Arg = own
                    .filter(|o| o.id() != v.cmd.id())
                    .map_or("".into(), |o| say!(says::NOT_ITS_OWN, value = &o.value).into());
                let why = say!(says::MUST_PROPOSE, ballot = v.ballot, value = &v.cmd.value, instead);
                (v.cmd, why)
            }
            (None, Some(own)) => {
                let why = say!(says::PROPOSES_OWN, value = &own.value);
                (own, why)
            }
            (None, None) => {
                self.phase = Phase::Idle;
                return out.note(say!(says::NO_VALUE, who = me(out)));
            }
        };
        out.note(say!(says::PROPOSES, who = me(out), have = n, acceptors = out.cfg.acceptor_count(), why));
        self.phase = Phase::Leading { b };
        self.log.insert(0, Entry::new(cmd.clone()));
        out.send_to_acceptors(&Msg::Propose { b, slot: 0, cmd });
    }

    /// A 2b for its own proposal: with a majority, it knows the value is chosen.
    pub fn on_accepted(&mut self, from: NodeId, b: Ballot, slot: Slot, cmd: Cmd, out: &mut Out) {
        let need = out.cfg.majority();
        if self.ballot() != Some(b) || !matches!(self.phase, Phase::Leading { .. }) {
            return;
        }
        let Some(e) = self.log.get_mut(&slot).filter(|e| !e.chosen) else { return };
        e.acks.insert(from);
        if e.acks.len() >= need {
            let rejected: Arg = match self.own_value() {
                Some(own) if !out.cfg.multi && own.value != cmd.value => say!(says::CLIENT_VALUE_REJECTED, value = &own.value).into(),
                _ => "".into(),
            };
            out.note(say!(says::SEES_MAJORITY, who = me(out), ballot = b, value = &cmd.value, inst = inst(slot), rejected));
            self.chosen(b, slot, cmd, out);
        }
    }

    /// 2c: a learner says `cmd` was chosen in `slot`.
    pub fn on_answer(&mut self, from: NodeId, b: Ballot, slot: Slot, cmd: Cmd, out: &mut Out) {
        self.observe(b, out);
        let own_value = self.pending.first().map(|c| c.value.clone());
        let new = self.chosen(b, slot, cmd.clone(), out);
        let source = || -> Arg { if from == out.me { "".into() } else { say!(says::FROM_NODE, node = from).into() } };
        let (who, value, inst) = (me(out), &cmd.value, inst(slot));
        let text = match own_value {
            _ if cmd.origin == out.me => say!(says::CLIENT_ANSWERED, who, source = source(), value, inst),
            _ if !new => return,
            Some(asked) if !out.cfg.multi => say!(says::CLIENT_REJECTED, who, asked, value),
            _ if from == out.me => return,
            _ => say!(says::HEARS_CHOSEN, who, source = source(), value, inst),
        };
        out.note(text);
    }

    /// Record that `cmd` is chosen in `slot`; false if it already knew.
    pub(super) fn chosen(&mut self, b: Ballot, slot: Slot, cmd: Cmd, out: &mut Out) -> bool {
        if self.decided.contains_key(&slot) {
            return false;
        }
        self.decided.insert(slot, (b, cmd.clone()));
        if let Some(e) = self.log.get_mut(&slot) {
            e.cmd = cmd.clone();
            e.chosen = true;
        }
        self.queue.retain(|c| c.id() != cmd.id());
        self.misses = 0;
        if out.cfg.multi {
            self.pending.retain(|c| c.id() != cmd.id());
            self.settle(out);
        } else {
            // One decree: whatever its client asked for, the question is settled.
            self.pending.clear();
            self.queue.clear();
            self.phase = Phase::Idle;
            out.cancel_retry();
        }
        true
    }

    pub fn on_nack(&mut self, from: NodeId, b: Ballot, promised: Ballot, out: &mut Out) {
        if self.ballot() == Some(b) {
            out.note(say!(says::HEARS_NACK, who = me(out), from, promised));
        }
        self.observe(promised, out);
    }

    pub fn on_forward(&mut self, from: NodeId, cmd: Cmd, out: &mut Out) {
        if out.cfg.multi {
            return self.on_forward_multi(from, cmd, out);
        }
        if let Some((b, c)) = self.decided.get(&0).cloned() {
            out.note(say!(says::TELLS_CHOSEN, who = me(out), value = &c.value, from));
            return out.send(from, Msg::Answer { b, slot: 0, cmd: c });
        }
        if let Some(v) = self.own_value() {
            let v = v.value.clone();
            return out.note(say!(says::WAITS_FOR_OUTCOME, who = me(out), value = v, forwarded = &cmd.value, from));
        }
        out.note(say!(says::TAKES_FORWARDED, who = me(out), value = &cmd.value, from));
        self.queue.push(cmd);
        self.serve(out);
    }

    /// The retry timeout fired (§2.4: try again, with a higher number).
    pub fn on_retry(&mut self, out: &mut Out) {
        if let Some(d) = out.cfg.distinguished.filter(|d| *d != out.me) {
            return self.forward_pending(d, says::TO_DISTINGUISHED_AGAIN, out);
        }
        if out.cfg.multi {
            return self.retry_multi(out);
        }
        if self.decided.contains_key(&0) || self.own_value().is_none() {
            return;
        }
        match self.ballot() {
            Some(b) => out.note(say!(says::RETRY_HIGHER, who = me(out), ballot = b)),
            None => out.note(say!(says::RETRY_AGAIN, who = me(out))),
        }
        self.start_round(out);
    }

    pub fn recover(&mut self, out: &mut Out) {
        self.phase = Phase::Idle;
        self.log.clear();
        self.decided.clear();
        self.own = None;
        self.leader = None;
        self.queue.clear();
        self.misses = 0;
        let values: Vec<&str> = self.pending.iter().map(|c| c.value.as_str()).collect();
        if values.is_empty() {
            out.note(say!(says::RESTARTS_IDLE, who = me(out), round = self.round));
        } else {
            out.note(say!(says::RESTARTS_WAITING, who = me(out), round = self.round, values = values.join(", ")));
            out.arm_retry();
        }
    }
}

//! The proposer: its state, what both modes share, and the Synod's single-decree rounds
//! (§2.2 "Choosing a value", §2.4 "Progress"). Multi-Paxos leadership is in multi.rs.

use crate::sorted::{SortedMap, SortedSet};

use crate::sim::time::NodeId;

use super::config::Role;
use super::msg::{Ballot, Cmd, Msg, Slot, Vote};
use super::node::{who, Ghost, Out};

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

pub(super) fn me(out: &Out) -> String {
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
                let verdict = if c.value == value { "" } else { ", so this request is rejected" };
                return out.note(format!("{}: the value is already chosen, {}{verdict}", me(out), c.value));
            }
            if let Some(v) = self.own_value() {
                let v = v.value.clone();
                return out.note(format!("{} is already proposing {v}; a Synod decides one value, so it drops {value}", me(out)));
            }
        }
        out.note(format!("{} gets a client request: {value}", me(out)));
        self.pending.push(cmd);
        self.serve(out);
    }

    /// Do what the pending commands call for.
    pub(super) fn serve(&mut self, out: &mut Out) {
        if let Some(d) = out.cfg.distinguished.filter(|d| *d != out.me) {
            return self.forward_pending(d, "the distinguished proposer", out);
        }
        if out.cfg.multi {
            return self.serve_multi(out);
        }
        if self.phase == Phase::Idle && !self.decided.contains_key(&0) && self.own_value().is_some() {
            self.start_round(out);
        }
    }

    pub(super) fn forward_pending(&mut self, to: NodeId, why: &str, out: &mut Out) {
        let cmds: Vec<Cmd> = self.pending.iter().filter(|c| !self.is_decided(c)).cloned().collect();
        if cmds.is_empty() {
            return;
        }
        let values: Vec<&str> = cmds.iter().map(|c| c.value.as_str()).collect();
        out.note(format!("{} forwards {} to P{to}, {why}", me(out), values.join(", ")));
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
        out.note(format!("{} starts round {b}: 1a Prepare to the {} acceptors", me(out), out.cfg.acceptor_count()));
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
            let stops = if was_leading { "stops leading with" } else { "gives up its round" };
            out.note(format!("{} learns of the higher ballot {b}: it {stops} {mine} and defers to P{}", me(out), b.node));
            // Requests other proposers handed it go on to the new leader; its own clients'
            // requests stay pending until it hears they are chosen.
            for cmd in std::mem::take(&mut self.queue) {
                out.send(b.node, Msg::Forward { cmd });
            }
            self.serve(out);
        } else {
            out.note(format!("{} learns of the higher ballot {b}: round {mine} cannot win; it retries when its timeout fires", me(out)));
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
            return out.note(format!("{} has {have} of the {need} promises it needs for {b}", me(out)));
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
                (own.clone(), format!("(bug) it ignores {} {} reported in a promise and proposes its own {}", v.ballot, v.cmd.value, own.value))
            }
            (Some(v), own) => {
                let instead = own.filter(|o| o.id() != v.cmd.id()).map_or(String::new(), |o| format!(", not its own {}", o.value));
                (v.cmd.clone(), format!("the highest accepted proposal is {} {}, so it must propose {}{instead}", v.ballot, v.cmd.value, v.cmd.value))
            }
            (None, Some(own)) => (own.clone(), format!("no acceptor has accepted anything, so it proposes its own {}", own.value)),
            (None, None) => {
                self.phase = Phase::Idle;
                return out.note(format!("{} has its promises but no value to propose", me(out)));
            }
        };
        out.note(format!("{} has promises from a majority ({n} of {}); {why} (2a Propose)", me(out), out.cfg.acceptor_count()));
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
            let inst = if slot == 0 { String::new() } else { format!(" in #{slot}") };
            let rejected = match self.own_value() {
                Some(own) if !out.cfg.multi && own.value != cmd.value => format!("; its client's {} is rejected", own.value),
                _ => String::new(),
            };
            out.note(format!("{} sees a majority accept {b}: {}{inst} is chosen{rejected}", me(out), cmd.value));
            self.chosen(b, slot, cmd, out);
        }
    }

    /// 2c: a learner says `cmd` was chosen in `slot`.
    pub fn on_answer(&mut self, from: NodeId, b: Ballot, slot: Slot, cmd: Cmd, out: &mut Out) {
        self.observe(b, out);
        let own_value = self.pending.first().map(|c| c.value.clone());
        let new = self.chosen(b, slot, cmd.clone(), out);
        let inst = if slot == 0 { String::new() } else { format!(" in #{slot}") };
        let source = if from == out.me { String::new() } else { format!(" from P{from}") };
        let text = match own_value {
            _ if cmd.origin == out.me => format!("{}'s client gets its answer{source}: {}{inst} is chosen", me(out), cmd.value),
            _ if !new => return,
            Some(v) if !out.cfg.multi => {
                format!("{}'s client asked for {v}, but {} was chosen: the request is rejected", me(out), cmd.value)
            }
            _ if from == out.me => return,
            _ => format!("{} hears{source} that {}{inst} is chosen", me(out), cmd.value),
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
            out.note(format!("{} hears from P{from} (NACK) that it promised {promised}", me(out)));
        }
        self.observe(promised, out);
    }

    pub fn on_forward(&mut self, from: NodeId, cmd: Cmd, out: &mut Out) {
        if out.cfg.multi {
            return self.on_forward_multi(from, cmd, out);
        }
        if let Some((b, c)) = self.decided.get(&0).cloned() {
            out.note(format!("{}: {} is already chosen; it tells P{from}", me(out), c.value));
            return out.send(from, Msg::Answer { b, slot: 0, cmd: c });
        }
        if let Some(v) = self.own_value() {
            let v = v.value.clone();
            return out.note(format!("{} is already proposing {v}; one decree, so {} from P{from} waits for the outcome", me(out), cmd.value));
        }
        out.note(format!("{} takes {} forwarded by P{from}", me(out), cmd.value));
        self.queue.push(cmd);
        self.serve(out);
    }

    /// The retry timeout fired (§2.4: try again, with a higher number).
    pub fn on_retry(&mut self, out: &mut Out) {
        if let Some(d) = out.cfg.distinguished.filter(|d| *d != out.me) {
            return self.forward_pending(d, "the distinguished proposer, again", out);
        }
        if out.cfg.multi {
            return self.retry_multi(out);
        }
        if self.decided.contains_key(&0) || self.own_value().is_none() {
            return;
        }
        match self.ballot() {
            Some(b) => out.note(format!("{}'s retry timeout fires: round {b} has not succeeded, so it tries a higher one", me(out))),
            None => out.note(format!("{}'s retry timeout fires: it tries again with a higher ballot", me(out))),
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
            out.note(format!("{} restarts; it remembers only its round counter ({})", me(out), self.round));
        } else {
            out.note(format!(
                "{} restarts; its round counter ({}) is on disk and its client still waits for {}: it will retry",
                me(out),
                self.round,
                values.join(", ")
            ));
            out.arm_retry();
        }
    }
}

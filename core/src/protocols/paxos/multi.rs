//! Multi-Paxos (§3 "Implementing a State Machine"): a log of instances, each a Synod. A
//! proposer that completes phase 1 becomes the leader: one Prepare covers every instance, so
//! it proposes later commands with phase 2 alone. Other proposers forward their clients'
//! commands to the leader they know; if it stays silent they take over, and the new leader's
//! phase 1 brings back every value the old one got accepted but nobody learned.

use crate::sorted::SortedMap;

use crate::say;
use crate::sim::time::NodeId;
use crate::sim::Arg;

use super::msg::{Ballot, Cmd, Msg, Vote};
use super::node::Out;
use super::proposer::{me, Entry, Phase, Proposer};
use super::says;

/// Retry timeouts a proposer waits on a silent leader (re-forwarding each time) before it
/// runs phase 1 itself. One: a lost message costs one more forward, not a leader change.
pub const TAKEOVER_AFTER: u32 = 1;

impl Proposer {
    pub(super) fn serve_multi(&mut self, out: &mut Out) {
        match self.phase {
            Phase::Leading { .. } => self.propose_new(out),
            Phase::Preparing { .. } => {}
            Phase::Idle if self.pending.is_empty() && self.queue.is_empty() => {}
            Phase::Idle => match self.leader {
                Some(l) if self.queue.is_empty() => self.forward_pending(l.node, says::BELIEVED_LEADER, out),
                _ => self.start_round(out),
            },
        }
    }

    /// Phase 1 succeeded for `b`: become the leader. §3: for every instance some acceptor
    /// of the majority reported, propose the highest-numbered value reported (it may have
    /// been chosen); fill instances nobody reported below the highest one with no-ops.
    pub(super) fn lead(&mut self, b: Ballot, promises: SortedMap<NodeId, Vec<Vote>>, out: &mut Out) {
        let n = promises.len();
        let mut recovered: SortedMap<u32, Vote> = SortedMap::new();
        if !out.cfg.ignore_accepted {
            for v in promises.into_values().flatten() {
                if recovered.get(&v.slot).is_none_or(|r| v.ballot > r.ballot) {
                    recovered.insert(v.slot, v);
                }
            }
        }
        self.log.clear();
        for (&slot, (_, cmd)) in &self.decided {
            self.log.insert(slot, Entry { chosen: true, ..Entry::new(cmd.clone()) });
        }
        let mut again = 0u32;
        for (slot, v) in recovered {
            if !self.log.contains_key(&slot) {
                self.log.insert(slot, Entry::new(v.cmd));
                again += 1;
            }
        }
        let top = self.log.keys().max().copied().unwrap_or(0);
        let mut gaps = 0u32;
        for s in 1..=top {
            if !self.log.contains_key(&s) {
                self.log.insert(s, Entry::new(Cmd::noop()));
                gaps += 1;
            }
        }
        self.phase = Phase::Leading { b };
        let how: Arg = if out.cfg.ignore_accepted {
            says::IGNORES_REPORTED_ALL.into()
        } else {
            let gaps: Arg = if gaps > 0 { say!(says::FILLS_GAPS, count = gaps).into() } else { "".into() };
            say!(says::REPROPOSES, count = again, gaps).into()
        };
        out.note(say!(says::LEADS, who = me(out), have = n, acceptors = out.cfg.acceptor_count(), ballot = b, how));
        let unchosen: Vec<(u32, Cmd)> = self.log.iter().filter(|(_, e)| !e.chosen).map(|(s, e)| (*s, e.cmd.clone())).collect();
        for (slot, cmd) in unchosen {
            out.send_to_acceptors(&Msg::Propose { b, slot, cmd });
        }
        self.propose_new(out);
        self.settle(out);
    }

    /// 2a only (the leader already holds promises for every instance): put each waiting
    /// command it has not yet placed in the next free instance.
    pub(super) fn propose_new(&mut self, out: &mut Out) {
        let Phase::Leading { b } = self.phase else { return };
        let mut fresh: Vec<Cmd> = Vec::new();
        for c in self.pending.iter().chain(self.queue.iter()) {
            let placed = self.log.values().any(|e| e.cmd.id() == c.id());
            if !placed && !self.is_decided(c) && !fresh.iter().any(|f| f.id() == c.id()) {
                fresh.push(c.clone());
            }
        }
        self.queue.clear();
        for cmd in fresh {
            let slot = self.log.keys().max().map_or(1, |s| s + 1);
            out.note(say!(says::PROPOSES_AT_ONCE, who = me(out), ballot = b, value = &cmd.value, slot));
            self.log.insert(slot, Entry::new(cmd.clone()));
            out.send_to_acceptors(&Msg::Propose { b, slot, cmd });
            out.arm_retry();
        }
    }

    /// Stop the retry timeout once nothing waits on it.
    pub(super) fn settle(&mut self, out: &mut Out) {
        let open = match self.phase {
            Phase::Idle => false,
            // Phase 1 must end one way or the other, even with nothing left to propose.
            Phase::Preparing { .. } => true,
            Phase::Leading { .. } => self.log.values().any(|e| !e.chosen),
        };
        if self.pending.is_empty() && self.queue.is_empty() && !open {
            out.cancel_retry();
        } else {
            out.arm_retry();
        }
    }

    pub(super) fn on_forward_multi(&mut self, from: NodeId, cmd: Cmd, out: &mut Out) {
        if let Some((&slot, (b, c))) = self.decided.iter().find(|(_, (_, c))| c.id() == cmd.id()) {
            out.note(say!(says::TELLS_CHOSEN_IN, who = me(out), value = &c.value, slot, from));
            let msg = Msg::Answer { b: *b, slot, cmd: c.clone() };
            return out.send(from, msg);
        }
        if let Some((slot, _)) = self.log.iter().find(|(_, e)| e.cmd.id() == cmd.id()) {
            return out.note(say!(says::ALREADY_PROPOSING_IN, who = me(out), value = &cmd.value, slot = *slot));
        }
        if self.queue.iter().any(|c| c.id() == cmd.id()) {
            return;
        }
        match (&self.phase, self.leader) {
            (Phase::Idle, Some(l)) => {
                out.note(say!(says::PASSES_ON, who = me(out), value = &cmd.value, leader = l.node));
                out.send(l.node, Msg::Forward { cmd });
            }
            (Phase::Idle, None) => {
                out.note(say!(says::RUNS_PHASE_1, who = me(out), value = &cmd.value, from));
                self.queue.push(cmd);
                self.start_round(out);
            }
            (Phase::Preparing { b, .. }, _) => {
                out.note(say!(says::HOLDS, who = me(out), value = &cmd.value, from, ballot = *b));
                self.queue.push(cmd);
            }
            (Phase::Leading { .. }, _) => {
                self.queue.push(cmd);
                self.propose_new(out);
            }
        }
    }

    pub(super) fn retry_multi(&mut self, out: &mut Out) {
        match self.phase.clone() {
            Phase::Leading { b } => {
                let open: Vec<(u32, Cmd)> = self.log.iter().filter(|(_, e)| !e.chosen).map(|(s, e)| (*s, e.cmd.clone())).collect();
                if !open.is_empty() && self.misses >= TAKEOVER_AFTER {
                    // Without NACKs a leader cannot tell it was overtaken: after a silent
                    // retry it renews its leadership with a higher ballot.
                    out.note(say!(says::RENEWS, who = me(out), ballot = b));
                    return self.start_round(out);
                }
                if !open.is_empty() {
                    self.misses += 1;
                    let slots: Vec<String> = open.iter().map(|(s, _)| format!("#{s}")).collect();
                    out.note(say!(says::RESENDS, who = me(out), ballot = b, slots = slots.join(", ")));
                    for (slot, cmd) in open {
                        out.send_to_acceptors(&Msg::Propose { b, slot, cmd });
                    }
                }
                self.propose_new(out);
                self.settle(out);
            }
            Phase::Preparing { b, .. } if self.pending.is_empty() && self.queue.is_empty() => {
                out.note(say!(says::DROPS_ROUND, who = me(out), ballot = b));
                self.phase = Phase::Idle;
            }
            Phase::Preparing { b, .. } => {
                out.note(say!(says::NO_PROMISE_MAJORITY, who = me(out), ballot = b));
                self.start_round(out);
            }
            Phase::Idle if self.pending.is_empty() && self.queue.is_empty() => {}
            Phase::Idle => match self.leader {
                Some(l) if self.misses < TAKEOVER_AFTER => {
                    self.misses += 1;
                    self.forward_pending(l.node, says::AGAIN_NO_ANSWER, out);
                }
                Some(l) => {
                    out.note(say!(says::TAKES_OVER, who = me(out), leader = l.node));
                    self.start_round(out);
                }
                None => self.start_round(out),
            },
        }
    }
}

//! The acceptor (§2.2-2.3): promise in phase 1b, accept in phase 2b, and keep both on
//! stable storage across a crash.

use crate::sorted::SortedMap;

use crate::say;
use crate::sim::time::NodeId;
use crate::sim::Arg;

use super::config::Role;
use super::msg::{Ballot, Cmd, Msg, Slot, Vote};
use super::node::{Ghost, Out};
use super::says::{self, inst, who};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Acceptor {
    /// Durable: the highest proposal number it promised (§2.3: it "must remember" it).
    pub promised: Option<Ballot>,
    /// Durable: per instance, the highest-numbered proposal it accepted.
    pub accepted: SortedMap<Slot, (Ballot, Cmd)>,
}

impl Acceptor {
    /// 1b. §2.3: "If an acceptor receives a prepare request with number n greater than that of
    /// any prepare request to which it has already responded, then it responds ... with a
    /// promise not to accept any more proposals numbered less than n and with the
    /// highest-numbered proposal (if any) that it has accepted." An equal number is answered
    /// again: the network may duplicate a Prepare, and repeating a promise changes nothing.
    pub fn on_prepare(&mut self, from: NodeId, b: Ballot, ghost: &mut Ghost, out: &mut Out) {
        let me = who(out.cfg, out.me, Role::Acceptor);
        if let Some(p) = self.promised.filter(|p| *p > b) {
            return self.refuse(from, b, p, "1a Prepare", out);
        }
        self.promised = Some(b);
        ghost.promised_ever = ghost.promised_ever.max(Some(b));
        let accepted: Vec<Vote> =
            self.accepted.iter().map(|(&slot, (ballot, cmd))| Vote { slot, ballot: *ballot, cmd: cmd.clone() }).collect();
        let had: Arg = match (out.cfg.multi, accepted.as_slice()) {
            (_, []) => says::HAD_NOTHING.into(),
            (false, [v]) => say!(says::HAD_ONE, ballot = v.ballot, value = &v.cmd.value).into(),
            (_, vs) => say!(says::HAD_MANY, count = vs.len()).into(),
        };
        out.note(say!(says::PROMISES, who = me, ballot = b, had));
        out.send(from, Msg::Promise { b, accepted });
    }

    /// 2b. §2.3: "An acceptor can accept a proposal numbered n iff it has not responded to a
    /// prepare request having a number greater than n." Accepting n also means it will not
    /// accept below n any more, so its promise rises to n (as in Lamport's TLA+ spec).
    pub fn on_propose(&mut self, from: NodeId, b: Ballot, slot: Slot, cmd: Cmd, ghost: &mut Ghost, out: &mut Out) {
        let me = who(out.cfg, out.me, Role::Acceptor);
        if let Some(p) = self.promised.filter(|p| *p > b) {
            return self.refuse(from, b, p, "2a Propose", out);
        }
        if let Some(p) = ghost.promised_ever.filter(|p| *p > b) {
            // Only reachable with the forgetful bug: the ghost remembers what the node forgot.
            ghost.broken_promise.get_or_insert((slot, b, p));
        }
        self.promised = self.promised.max(Some(b));
        ghost.promised_ever = ghost.promised_ever.max(Some(b));
        ghost.accepted(out.now(), slot, b, &cmd);
        self.accepted.insert(slot, (b, cmd.clone()));
        let whom: Arg = if out.cfg.all_roles() { says::EVERY_NODE.into() } else { say!(says::LEARNERS_AND, node = b.node).into() };
        out.note(say!(says::ACCEPTS, who = me, ballot = b, value = &cmd.value, inst = inst(slot), whom));
        let msg = Msg::Accepted { b, slot, cmd };
        for l in out.cfg.learners() {
            out.send(l, msg.clone());
        }
        if !out.cfg.is(b.node, Role::Learner) {
            out.send(b.node, msg);
        }
    }

    fn refuse(&self, from: NodeId, b: Ballot, promised: Ballot, what: &str, out: &mut Out) {
        let me = who(out.cfg, out.me, Role::Acceptor);
        if out.cfg.nacks {
            out.note(say!(says::REFUSES_NACK, who = me, promised, ballot = b, what));
            out.send(from, Msg::Nack { b, promised });
        } else {
            out.note(say!(says::REFUSES_SILENTLY, who = me, promised, ballot = b, what));
        }
    }

    pub fn recover(&mut self, out: &mut Out) {
        let me = who(out.cfg, out.me, Role::Acceptor);
        let promised: Arg = self.promised.map_or(says::NO_PROMISE.into(), |p| say!(says::ITS_PROMISE, ballot = p).into());
        if out.cfg.forget_promise {
            self.promised = None;
            out.note(say!(says::LOST_PROMISE, who = me, promised));
        } else {
            out.note(say!(says::KEPT_PROMISE, who = me, promised));
        }
    }
}

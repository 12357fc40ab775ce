//! The acceptor (§2.2-2.3): promise in phase 1b, accept in phase 2b, and keep both on
//! stable storage across a crash.

use crate::sorted::SortedMap;

use crate::sim::time::NodeId;

use super::config::Role;
use super::msg::{Ballot, Cmd, Msg, Slot, Vote};
use super::node::{who, Ghost, Out};

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
        let had = match (out.cfg.multi, accepted.as_slice()) {
            (_, []) => "it has accepted nothing yet".to_string(),
            (false, [v]) => format!("it reports that it accepted {} {}", v.ballot, v.cmd.value),
            (_, vs) => format!("it reports the {} values it has accepted", vs.len()),
        };
        out.note(format!("{me} promises to accept nothing below {b} (1b Promise); {had}"));
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
        let inst = if slot == 0 { String::new() } else { format!(" in #{slot}") };
        let whom = if out.cfg.all_roles() { "every node".to_string() } else { format!("the learners and P{}", b.node) };
        out.note(format!("{me} accepts {b} {}{inst} and tells {whom} (2b Accepted)", cmd.value));
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
            out.note(format!("{me} has promised {promised}, higher than {b}: it refuses the {what} and says so (NACK)"));
            out.send(from, Msg::Nack { b, promised });
        } else {
            out.note(format!("{me} has promised {promised}, higher than {b}: it ignores the {what} without a word"));
        }
    }

    pub fn recover(&mut self, out: &mut Out) {
        let me = who(out.cfg, out.me, Role::Acceptor);
        let promised = self.promised.map_or("no promise".to_string(), |p| format!("its promise {p}"));
        if out.cfg.forget_promise {
            self.promised = None;
            out.note(format!("{me} restarts and (bug) has lost {promised}: it was never written to disk"));
        } else {
            out.note(format!("{me} restarts with {promised} and its accepted values: both are on stable storage"));
        }
    }
}

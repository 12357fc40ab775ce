//! Ballots, commands, messages and the timer of Paxos (Lamport, "Paxos Made Simple", 2001),
//! with the phase names the course notes use (seed 002): 1a Prepare, 1b Promise,
//! 2a Propose, 2b Accepted, 2c the learner answers the client.

use std::fmt;

use serde::Serialize;

use crate::sim::time::NodeId;

/// A proposal number. §2.2 only asks that proposals be totally ordered and that no two
/// proposers use the same number; (round, proposer id) compared in that order gives both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Ballot {
    pub round: u32,
    pub node: NodeId,
}

impl fmt::Display for Ballot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({},P{})", self.round, self.node)
    }
}

/// A log position. Instance 0 is the single decree of the Synod; Multi-Paxos numbers its
/// log from 1, as §3 of the paper does, so a label can leave the instance out in the Synod.
pub type Slot = u32;

/// A client's command. `origin` is the proposer the client asked and `seq` that proposer's
/// count of requests, so two requests with the same text are still two commands (and a
/// retried one is recognised). `origin == 0` is the no-op a new leader uses to fill a gap
/// (§3: "proposing a special no-op command that leaves the state unchanged").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Cmd {
    pub origin: NodeId,
    pub seq: u32,
    pub value: String,
}

impl Cmd {
    pub fn noop() -> Cmd {
        Cmd { origin: 0, seq: 0, value: "no-op".into() }
    }
    pub fn is_noop(&self) -> bool {
        self.origin == 0
    }
    pub fn id(&self) -> (NodeId, u32) {
        (self.origin, self.seq)
    }
}

/// One value an acceptor has accepted: in instance `slot`, proposal `ballot` with `cmd`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Vote {
    pub slot: Slot,
    pub ballot: Ballot,
    pub cmd: Cmd,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Msg {
    /// 1a: "promise me you will not accept anything numbered below `b`" (§2.2 phase 1a).
    Prepare { b: Ballot },
    /// 1b: the promise, with every value this acceptor has accepted (the Synod has at most
    /// one; Multi-Paxos one per instance, §3).
    Promise { b: Ballot, accepted: Vec<Vote> },
    /// 2a: "accept `cmd` in `slot` under proposal `b`" (the paper's "accept request").
    Propose { b: Ballot, slot: Slot, cmd: Cmd },
    /// 2b: an acceptor accepted; sent to every learner and to the proposer (§2.3).
    Accepted { b: Ballot, slot: Slot, cmd: Cmd },
    /// Not required by the paper, suggested by it (§2.3 end): "you are outdated, I have
    /// promised `promised`", so the proposer stops and picks a higher number next time.
    Nack { b: Ballot, promised: Ballot },
    /// 2c: a learner answers the client that `cmd` was chosen in `slot` (by proposal `b`).
    /// It goes to every proposer, which stands for its clients (the notes draw no client
    /// nodes in the simulation; the client whose request lost also hears the outcome).
    Answer { b: Ballot, slot: Slot, cmd: Cmd },
    /// A client request handed on to the proposer this node believes leads (§2.4, §3).
    Forward { cmd: Cmd },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "timer", rename_all = "snake_case")]
pub enum Timer {
    /// A proposer whose round has not succeeded by now tries again (§2.4: a randomized
    /// timeout keeps two proposers from pre-empting each other forever).
    Retry,
}

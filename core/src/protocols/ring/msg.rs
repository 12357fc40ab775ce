//! Messages and timers of ring election.

use serde::Serialize;

use crate::sim::time::NodeId;

/// A candidate: its election id (compared) and the node that holds it (reported).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Cand {
    pub eid: u32,
    pub node: NodeId,
}

/// What travels around the ring (seed 002: the election message and the "líder elegido"
/// message), each tagged with its election's number `num`. Not in the notes, which assume no
/// crash: the number tells overlapping elections apart. Messages with equal numbers belong
/// to one election and follow Chang & Roberts' rules unchanged; an older election's messages
/// are dropped (docs/protocols/ring.md, "Election numbers").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Body {
    Election { num: u32, cand: Cand },
    Elected { num: u32, leader: Cand },
}

impl Body {
    /// The election this message belongs to.
    pub fn num(&self) -> u32 {
        match *self {
            Body::Election { num, .. } | Body::Elected { num, .. } => num,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Msg {
    /// A ring message; `seq` identifies it for the acknowledgement.
    Ring { seq: u64, body: Body },
    /// "Got it": lets the sender skip a crashed successor (ring repair). `num` is the
    /// receiver's election number after handling the message: higher than the message's
    /// means the message belonged to an older election and was dropped (as a Raft reply
    /// carries its term); `decided`: the receiver knows that election's winner.
    Ack { seq: u64, num: u32, decided: bool },
    /// The leader check (`leader_check_ms`): "are you still the leader?"
    Check { nonce: u64 },
    /// The answer: whether the asked node still leads (non-participating, naming itself),
    /// and its election number.
    CheckReply { nonce: u64, leads: bool, num: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "timer", rename_all = "snake_case")]
pub enum Timer {
    /// No ack for ring message `seq` yet: when it fires, the successor is presumed crashed.
    AckTimeout { seq: u64 },
    /// A participant has seen no progress for a whole round: the election has stalled.
    RoundTimeout,
    /// Time to check the leader again (`leader_check_ms` > 0).
    LeaderCheck,
    /// The leader has not answered check `nonce` within the ack timeout.
    CheckTimeout { nonce: u64 },
}

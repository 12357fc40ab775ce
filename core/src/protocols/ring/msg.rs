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
/// message).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Body {
    /// `round` counts how often the candidate has put its own id on the ring: only its
    /// latest copy may make it leader (older copies are stale after a restart).
    Election { cand: Cand, round: u32 },
    Elected { leader: Cand },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Msg {
    /// A ring message; `seq` identifies it for the acknowledgement.
    Ring { seq: u64, body: Body },
    /// "Got it": lets the sender skip a crashed successor (ring repair).
    Ack { seq: u64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "timer", rename_all = "snake_case")]
pub enum Timer {
    /// No ack for ring message `seq` yet: when it fires, the successor is presumed crashed.
    AckTimeout { seq: u64 },
    /// A participant has seen no progress for a whole round: the election has stalled.
    RoundTimeout,
}

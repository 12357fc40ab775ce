//! Messages and timers of the bully algorithm (seed 002: Election, Answer and Coordinator
//! messages; Garcia-Molina 1982) plus the coordinator's heartbeat, our failure detector.

use serde::Serialize;

use crate::sim::time::NodeId;

/// Which election a message belongs to: the node that started it and its count of started
/// elections. Not in the notes: it only lets the report count the messages of each election
/// (best case n−1, worst case O(n²)); no decision of the algorithm depends on it except that
/// an Answer must be for the election the node is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ElectionId {
    pub by: NodeId,
    pub seq: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Msg {
    /// "I am holding an election": sent to every higher id.
    Election { election: ElectionId },
    /// "I am alive and outrank you: I take over" (the notes' ACK of an Election).
    Answer { election: ElectionId },
    /// "`leader` is the coordinator": sent by the winner to every lower id.
    Coordinator { leader: NodeId, election: ElectionId },
    /// "I am still the coordinator": sent every `heartbeat_ms` to every lower id.
    Heartbeat { leader: NodeId },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "timer", rename_all = "snake_case")]
pub enum Timer {
    /// The coordinator's next heartbeat is due.
    Heartbeat,
    /// A follower has not heard from its coordinator for heartbeat + T: it suspects a crash.
    FailureDetector,
    /// The notes' T = 2·Tmax + Tprocess: no Answer by then means no higher id is alive.
    AnswerWait,
    /// T' after an Answer: the node that answered should have announced itself by then.
    CoordinatorWait,
}

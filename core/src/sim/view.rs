//! The protocol-agnostic picture of the world at one instant: all the UI ever draws.

use serde::Serialize;

use super::time::{NodeId, Time};

/// How a protocol wants one node shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NodeView {
    /// Role name, e.g. "leader", "follower", "participant".
    pub role: String,
    /// CSS colour of the role; always paired with `role`/`label`, never the only signal.
    pub colour: String,
    /// Short text drawn on the node (e.g. "T3" for a Raft term).
    pub label: String,
    /// Key/value lines for the inspector.
    pub rows: Vec<(String, String)>,
}

/// How a protocol wants one message shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MsgView {
    /// Short label drawn beside the dot, e.g. "Election(5)".
    pub label: String,
    /// Message kind, used for colour and for per-kind counts, e.g. "election".
    pub kind: String,
    pub colour: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimerView {
    pub label: String,
    pub start: Time,
    pub expiry: Time,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeSnapshot {
    pub id: NodeId,
    pub up: bool,
    #[serde(flatten)]
    pub view: NodeView,
    pub timers: Vec<TimerView>,
}

/// What happens to a message when its time comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    Deliver,
    /// Lost by the network's loss probability.
    Lost,
    /// Sent across a cut link (partition or one-way cut).
    Cut,
    /// Dropped by hand (a `drop` action).
    Dropped,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MessageSnapshot {
    pub id: u64,
    pub from: NodeId,
    pub to: NodeId,
    pub sent: Time,
    /// When it arrives, or when it dies if its fate is not `deliver`.
    pub until: Time,
    pub fate: Fate,
    #[serde(flatten)]
    pub view: MsgView,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorldView {
    pub now: Time,
    pub nodes: Vec<NodeSnapshot>,
    pub messages: Vec<MessageSnapshot>,
    /// Directed links that are cut at this instant (by a partition or a `cut`).
    pub cut_links: Vec<(NodeId, NodeId)>,
}

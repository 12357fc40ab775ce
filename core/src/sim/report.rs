//! The JSON report of a run, as architecture.md specifies (scripts and teachers rely on it).

use crate::sorted::SortedMap;

use serde::Serialize;

use super::say::Say;
use super::time::{NodeId, Time};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MessageStats {
    pub sent: u64,
    pub delivered: u64,
    pub dropped: u64,
    /// Sends per message kind (e.g. "election": 12): the figure the notes' complexity
    /// arguments are about.
    pub by_kind: SortedMap<String, u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ViolationAt {
    pub at_ms: u64,
    pub at_us: Time,
    pub nodes: Vec<NodeId>,
    pub explanation: Say,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InvariantStatus {
    pub name: &'static str,
    pub ok: bool,
    pub violation: Option<ViolationAt>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub protocol: &'static str,
    pub seed: u64,
    pub end_ms: u64,
    /// Simulator steps processed (message arrivals, timer firings, scenario events).
    pub events: u64,
    pub messages: MessageStats,
    pub invariants: Vec<InvariantStatus>,
    pub outcome: serde_json::Value,
    pub trace_hash: String,
    /// Set when the run hit the step cap before `duration_ms`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_early: Option<String>,
}

impl Report {
    pub fn all_hold(&self) -> bool {
        self.invariants.iter().all(|i| i.ok)
    }
}

//! The complete trace of a run: one record per thing that happened, serialised one JSON
//! object per line (`consenso trace`). Its hash is the run's fingerprint: the same scenario
//! must give the same hash natively and in wasm, byte for byte.

use std::hash::Hasher;

use fnv::FnvHasher;
use serde::Serialize;

use super::time::{NodeId, Time};
use super::view::Fate;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TraceEvent {
    /// The simulator step that produced this record (0 = start-up).
    pub step: u64,
    /// Virtual time in µs.
    pub at: Time,
    #[serde(flatten)]
    pub what: What,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum What {
    Send { id: u64, from: NodeId, to: NodeId, label: String, kind: String, until: Time, fate: Fate },
    Deliver { id: u64, from: NodeId, to: NodeId, label: String },
    /// A message died: lost, cut, dropped by hand, or its receiver was down.
    Drop { id: u64, from: NodeId, to: NodeId, label: String, reason: String },
    Timer { node: NodeId, timer: String },
    Command { node: NodeId, action: String, value: Option<String> },
    Crash { node: NodeId },
    Recover { node: NodeId },
    Partition { groups: Vec<Vec<NodeId>> },
    Heal,
    Cut { from: NodeId, to: NodeId },
    Restore { from: NodeId, to: NodeId },
    DropMessage { message: u64 },
    DelayMessage { message: u64, by: Time },
    /// The network's settings from now on (latency range in µs, loss in parts per million).
    SetNetwork { latency: [Time; 2], loss_ppm: u32 },
    Note { node: NodeId, text: String },
    Violation { name: String, nodes: Vec<NodeId>, explanation: String },
}

impl TraceEvent {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("trace records contain no maps with non-string keys")
    }
}

/// Incremental FNV-1a over the JSON lines of the trace.
pub struct TraceHash(FnvHasher);

impl Default for TraceHash {
    fn default() -> Self {
        TraceHash(FnvHasher::default())
    }
}

impl TraceHash {
    pub fn add(&mut self, ev: &TraceEvent) {
        self.0.write(ev.to_json().as_bytes());
        self.0.write(b"\n");
    }

    pub fn hex(&self) -> String {
        format!("{:016x}", self.0.finish())
    }
}

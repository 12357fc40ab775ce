//! The complete trace of a run: one record per thing that happened, serialised one JSON
//! object per line (`consenso trace`). Its hash is the run's fingerprint: the same scenario
//! must give the same hash natively and in wasm, byte for byte.

use std::hash::Hasher;

use fnv::FnvHasher;
use serde::Serialize;

use super::say::Say;
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
    /// Serialised as its English text (see `Say`).
    Note { node: NodeId, text: Say },
    Violation { name: String, nodes: Vec<NodeId>, explanation: Say },
}

impl TraceEvent {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("trace records contain no maps with non-string keys")
    }
}

/// Incremental FNV-1a over the JSON lines of the trace.
#[derive(Default)]
pub struct TraceHash(FnvHasher);

/// Lets serde_json write a record's bytes straight into the hash, with no String between.
impl std::io::Write for TraceHash {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl TraceHash {
    /// Hash one record: the same bytes as `ev.to_json()` and a newline.
    pub fn add(&mut self, ev: &TraceEvent) {
        serde_json::to_writer(&mut *self, ev).expect("trace records contain no maps with non-string keys");
        self.0.write(b"\n");
    }

    pub fn hex(&self) -> String {
        format!("{:016x}", self.0.finish())
    }
}

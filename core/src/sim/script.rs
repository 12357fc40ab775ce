//! What a scenario asks the simulator to do at given times: faults and commands.

use super::protocol::Command;
use super::time::{NodeId, Time};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Command { node: NodeId, cmd: Command },
    Crash { node: NodeId },
    Recover { node: NodeId },
    Partition { groups: Vec<Vec<NodeId>> },
    Heal,
    Cut { from: NodeId, to: NodeId },
    Restore { from: NodeId, to: NodeId },
    /// Drop one in-flight message, named by its id in the trace.
    DropMessage { message: u64 },
    /// Hold one in-flight message back by `by` µs.
    DelayMessage { message: u64, by: Time },
    /// From now on, draw latencies from this range and/or lose messages with this
    /// probability (parts per million); `None` keeps the current value.
    SetNetwork { latency: Option<(Time, Time)>, loss_ppm: Option<u32> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptEvent {
    pub at: Time,
    pub action: Action,
}

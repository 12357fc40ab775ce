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
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptEvent {
    pub at: Time,
    pub action: Action,
}

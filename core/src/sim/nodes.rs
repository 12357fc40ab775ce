//! The one interface between the engine's [`Core`] (compiled once) and the half of a world
//! typed by its protocol (world.rs): every call that needs a payload, a timer's value or a
//! node goes through it as a trait object, so the engine's code is not copied per protocol.

use super::engine::Core;
use super::protocol::{Command, Violation};
use super::time::NodeId;
use super::trace::TraceEvent;
use super::view::{MsgView, NodeView};

/// What the engine needs from the protocol's half of a world. The payloads of the messages
/// in flight are kept in the same window of ids as the core's table of them, and timer
/// values by (node, position) in step with the core's lists.
pub(crate) trait Nodes {
    /// Message `msg` died: forget its payload.
    fn forget(&mut self, core: &Core, msg: u64);
    /// Message `msg` was dropped by hand and will not be delivered: the invariants no longer
    /// see it (its payload is kept for the view until it dies).
    fn undeliverable(&mut self, core: &Core, msg: u64);
    /// Hand message `msg` to node `to` and carry out the node's effects.
    fn deliver(&mut self, core: &mut Core, msg: u64, from: NodeId, to: NodeId, out: &mut Vec<TraceEvent>);
    /// Fire timer `pos` of `node` (already gone from the engine's list): trace it, run the
    /// node's handler and carry out its effects.
    fn fire(&mut self, core: &mut Core, node: NodeId, pos: usize, out: &mut Vec<TraceEvent>);
    fn command(&mut self, core: &mut Core, node: NodeId, cmd: &Command, out: &mut Vec<TraceEvent>);
    fn recover(&mut self, core: &mut Core, node: NodeId, out: &mut Vec<TraceEvent>);
    /// `node` crashed: forget its timers.
    fn crashed(&mut self, node: NodeId);
    /// Every invariant's violations now.
    fn check(&mut self, core: &Core) -> Vec<Violation>;
    /// How the UI draws node `id`, its timer `pos` and in-flight message `msg`.
    fn node_view(&self, id: NodeId) -> NodeView;
    fn timer_label(&self, node: NodeId, pos: usize) -> String;
    fn msg_view(&self, core: &Core, msg: u64) -> MsgView;
}

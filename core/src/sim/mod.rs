//! The simulator: protocol-agnostic virtual time, randomness, network, faults, trace and history.

pub mod checkpoints;
pub mod engine;
mod flights;
pub mod history;
pub mod network;
mod outcome;
mod nodes;
pub mod protocol;
pub mod replay;
mod queue;
pub mod report;
pub mod rng;
pub mod say;
pub mod says;
pub mod script;
pub mod runner;
pub mod time;
pub mod trace;
pub mod view;
pub mod window;
mod world;

pub use protocol::{CheckCx, Command, Ctx, Protocol, Violation};
pub use outcome::{by_node, Object};
pub use say::{Arg, Say, Sentence};
pub use time::{NodeId, Time};

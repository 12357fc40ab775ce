//! Components render props and report events; none owns simulation state.

pub mod caption;
pub mod controls;
pub mod error;
pub mod event_log;
mod event_text;
mod geometry;
mod layout;
pub mod invariants;
mod message;
pub mod network;
mod node;
pub mod picker;
mod spacetime;
mod spacetime_axis;
pub mod stage;

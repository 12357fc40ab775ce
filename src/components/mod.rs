//! Components render props and report events; none owns simulation state.

pub mod caption;
pub mod controls;
pub mod error;
pub mod event_log;
mod event_text;
pub mod faults;
mod geometry;
pub mod help;
pub mod inspector;
pub mod invariants;
mod layout;
mod message;
pub mod network;
mod node;
pub mod picker;
pub mod selection;
pub mod settings;
mod spacetime;
mod spacetime_axis;
pub mod stage;
pub mod timeline;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;

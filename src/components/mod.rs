//! Components render props and report events; none owns simulation state.

pub mod caption;
pub mod controls;
pub mod error;
pub mod faults;
mod geometry;
pub mod help;
pub mod inspector;
pub mod invariants;
mod message;
pub mod network;
mod node;
pub mod picker;
pub mod selection;
pub mod settings;
pub mod timeline;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;

//! Components render props and report events; none owns simulation state.

pub mod caption;
pub mod controls;
pub mod embed_view;
pub mod error;
mod geometry;
pub mod invariants;
mod message;
pub mod network;
mod node;
pub mod picker;
pub mod scenario_file;
pub mod share_button;

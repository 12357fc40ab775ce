//! Components render props and report events; none owns simulation state.

pub mod caption;
pub mod controls;
pub mod embed_view;
pub mod error;
pub mod event_log;
pub mod event_text;
pub mod faults;
pub mod geometry;
pub mod help;
pub mod inspector;
pub mod invariants;
mod layout;
mod message;
mod message_layer;
pub mod network;
mod node;
pub mod picker;
pub mod scenario_file;
pub mod selection;
pub mod settings;
pub mod share_button;
mod spacetime;
mod spacetime_pen;
mod spacetime_axis;
mod spacetime_drawing;
pub mod stage;
pub mod timeline;
pub mod tour_panel;
pub mod tour_picker;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests_network;

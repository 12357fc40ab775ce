//! Guided tours (issue 8): a tour is data — a language-neutral structure file and one text file
//! per language under tours/ — checked against the simulator when it is loaded. See docs/tours.md.
//!
//! The page fetches one at a time (`fetch`) and shows it with components/tour_panel.rs.
// The loader runs in the browser (through `fetch`) and in the tests; a native build of the
// page itself has no use for it.
#![cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code, unused_imports))]

mod error;
#[cfg(target_arch = "wasm32")]
mod fetch;
mod load;
mod model;
mod parse;
mod scenario;

#[cfg(target_arch = "wasm32")]
pub use error::TourError;
#[cfg(target_arch = "wasm32")]
pub use fetch::fetch;
pub use load::{file_name, load};
pub use model::{Highlight, Step, Tour};

/// Every tour, in the order a list shows them.
pub const TOURS: &[&str] = &["raft", "paxos", "bully", "ring", "byzantine"];

#[cfg(test)]
mod tests;

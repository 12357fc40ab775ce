//! consenso-core: a deterministic, sans-IO simulator for fault-tolerant protocols.
//!
//! `sim` knows no protocol: it owns virtual time, the seeded PRNG, the network and faults.
//! Each folder under `protocols` is one protocol that knows no UI; all of them speak to the
//! outside world only through the protocol-agnostic types in `sim::view` and `sim::report`.

pub mod protocols;
pub mod scenario;
pub mod sim;
pub mod soak;
pub mod sorted;

pub use scenario::{Scenario, ScenarioError};
pub use sim::runner::{build, Simulation};

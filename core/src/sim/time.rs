//! Virtual time is an integer count of microseconds; nodes are numbered 1..=n everywhere.

/// Microseconds of virtual time since the start of the run.
pub type Time = u64;

/// A node id, 1..=n, as in the course notes (P1..Pn) and RaftScope (S1..S5).
pub type NodeId = u32;

pub const US_PER_MS: Time = 1_000;

pub const fn ms(v: u64) -> Time {
    v * US_PER_MS
}

/// Whole milliseconds, rounded down (reports speak in ms; the engine in µs).
pub const fn to_ms(t: Time) -> u64 {
    t / US_PER_MS
}

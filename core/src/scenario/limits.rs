//! Caps on scenario sizes, documented in docs/scenarios.md. They keep a pasted link or file
//! from freezing a browser tab; each refusal names the field and the allowed range.

/// Largest scenario document accepted, in bytes.
pub const MAX_BYTES: usize = 1_000_000;
/// One day of virtual time (a lecture-long soak fits easily).
pub const MAX_DURATION_MS: u64 = 86_400_000;
pub const MAX_EVENTS: usize = 10_000;
/// One minute: slower links teach nothing a slider cannot show.
pub const MAX_LATENCY_MS: u64 = 60_000;
pub const MAX_VALUE_CHARS: usize = 64;
/// Largest timer or delay parameter, in ms.
pub const MAX_PARAM_MS: u64 = 600_000;

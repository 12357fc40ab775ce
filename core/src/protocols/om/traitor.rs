//! How a traitor lies. The paper lets traitors do anything; these four strategies are the
//! ones the notes draw (seeds 002, 003) plus a reproducible "anything":
//!
//! * `flip`: always tells the opposite of the value it should pass on (the notes' traitor
//!   lieutenant: "le indica a los otros generales que deben atacar si el comandante le indicó
//!   que se retiren y viceversa");
//! * `two_faced`: tells the true value to its 1st, 3rd, 5th … recipient (in id order) and the
//!   opposite to the 2nd, 4th … — the commander of the paper's Figure 2 and the notes' case 2;
//! * `random`: a value drawn for each (sender, path, recipient) from a hash seeded by
//!   `params.random_seed`. Protocols may not draw random numbers (the simulator owns
//!   randomness, architecture.md), and the scenario seed is not visible to a protocol, so the
//!   traitor's coin is a pure function of what it is deciding about: the same scenario gives
//!   the same lies, and changing `random_seed` gives other lies;
//! * `silent`: sends nothing, so receivers apply the default (RETREAT).

use serde::Serialize;

use crate::sim::time::NodeId;

use super::msg::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    Flip,
    TwoFaced,
    Random,
    Silent,
}

pub const ALL: [Strategy; 4] = [Strategy::Flip, Strategy::TwoFaced, Strategy::Random, Strategy::Silent];

/// The strategies as `params.traitors` names them, with their gloss (for `NODE_PARAMS`).
pub const CHOICES: [(&str, &str); 4] = [
    ("flip", "says the opposite"),
    ("two_faced", "tells some the truth and others the opposite"),
    ("random", "says whatever its coin says"),
    ("silent", "sends nothing"),
];

impl Strategy {
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Flip => "flip",
            Strategy::TwoFaced => "two_faced",
            Strategy::Random => "random",
            Strategy::Silent => "silent",
        }
    }

    /// How the strategy reads in a caption.
    pub fn gloss(self) -> &'static str {
        match self {
            Strategy::Flip => "says the opposite",
            Strategy::TwoFaced => "tells some the truth and others the opposite",
            Strategy::Random => "says whatever its coin says",
            Strategy::Silent => "sends nothing",
        }
    }
}

/// What a general with `strategy` (None: loyal) sends to `to` when the honest value is `v`.
/// `path` is the path of the value being passed on (empty for the commander's own order) and
/// `index` the position of `to` among this send's recipients. `None`: it sends nothing.
pub fn tell(strategy: Option<Strategy>, v: Value, me: NodeId, path: &[NodeId], to: NodeId, index: usize, seed: u64) -> Option<Value> {
    match strategy {
        None => Some(v),
        Some(Strategy::Flip) => Some(v.opposite()),
        Some(Strategy::TwoFaced) => Some(if index.is_multiple_of(2) { v } else { v.opposite() }),
        Some(Strategy::Random) => Some(if coin(seed, me, path, to) { Value::Attack } else { Value::Retreat }),
        Some(Strategy::Silent) => None,
    }
}

/// A fair, reproducible coin for (seed, sender, path, recipient): SplitMix64 finalisers
/// folded over the inputs (no floats, no platform-dependent hashing).
pub fn coin(seed: u64, me: NodeId, path: &[NodeId], to: NodeId) -> bool {
    let mut h = mix(seed ^ 0x6f6d_5f74_7261_6974);
    for x in std::iter::once(me).chain(path.iter().copied()).chain([u32::MAX, to]) {
        h = mix(h ^ x as u64);
    }
    h >> 63 == 1
}

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

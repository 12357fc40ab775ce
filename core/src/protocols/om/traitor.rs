//! How a traitor lies. The paper lets traitors do anything; these strategies are the ones the
//! notes draw (seeds 002, 003), a reproducible "anything", and a conspiracy. Each picks its
//! lies from `params.values` (v₀, v₁, … in the order given); "k after v" wraps around the list,
//! so with the notes' two orders "1 after" is the opposite:
//!
//! * `flip`: tells the value 1 after the one it should pass on (the notes' traitor lieutenant:
//!   "le indica a los otros generales que deben atacar si el comandante le indicó que se
//!   retiren y viceversa");
//! * `two_faced`: tells its i-th recipient (in id order, from 0) the value i after the true
//!   one: with two orders the truth to the 1st, 3rd, … and the opposite to the 2nd, 4th, …
//!   (the commander of the paper's Figure 2 and the notes' case 3); with three or more, a
//!   commander gives three lieutenants three different orders (Figure 4: x, y, z; the notes'
//!   case 2);
//! * `random`: one of the values, drawn for each (sender, path, recipient) from a hash seeded
//!   by `params.random_seed`. Protocols may not draw random numbers (the simulator owns
//!   randomness, architecture.md), and the scenario seed is not visible to a protocol, so the
//!   traitor's coin is a pure function of what it is deciding about: the same scenario gives
//!   the same lies, and changing `random_seed` gives other lies;
//! * `silent`: sends nothing, so receivers apply the default;
//! * `collude`: the colluding traitors agree on a plan (collude.rs) to split the loyal
//!   lieutenants into two halves and tell one half the order a and the other b.

use serde::Serialize;

use crate::sim::time::NodeId;

use super::msg::{Value, Values};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    Flip,
    TwoFaced,
    Random,
    Silent,
    Collude,
}

pub const ALL: [Strategy; 5] = [Strategy::Flip, Strategy::TwoFaced, Strategy::Random, Strategy::Silent, Strategy::Collude];

/// The strategies as `params.traitors` names them, with their gloss (for `NODE_PARAMS`).
pub const CHOICES: [(&str, &str); 5] = [
    ("flip", "says the opposite (with more orders, the next one)"),
    ("two_faced", "tells different lieutenants different orders (truth and opposite in turn)"),
    ("random", "says whatever its coin says"),
    ("silent", "sends nothing"),
    ("collude", "plots with the other traitors to split the loyal lieutenants"),
];

impl Strategy {
    pub fn name(self) -> &'static str {
        CHOICES[self as usize].0
    }

    /// How the strategy reads in a caption.
    pub fn gloss(self) -> &'static str {
        CHOICES[self as usize].1
    }
}

/// What a general with `strategy` (None: loyal) sends to `to` when the honest value is `v`,
/// for every strategy but `collude` (which needs the plan: see collude.rs). `path` is the path
/// of the value being passed on (empty for the commander's own order) and `index` the
/// position of `to` among this send's recipients. `None`: it sends nothing.
#[allow(clippy::too_many_arguments)]
pub fn tell(strategy: Option<Strategy>, v: Value, values: &Values, me: NodeId, path: &[NodeId], to: NodeId, index: usize, seed: u64) -> Option<Value> {
    match strategy {
        None => Some(v),
        Some(Strategy::Flip) => Some(values.after(v, 1)),
        Some(Strategy::TwoFaced) => Some(values.after(v, index)),
        Some(Strategy::Random) => {
            let vs = values.as_slice();
            // Reversed so that with [attack, retreat] a head is attack, as before `values`.
            Some(vs[vs.len() - 1 - draw(seed, me, path, to, vs.len())])
        }
        Some(Strategy::Silent) => None,
        Some(Strategy::Collude) => Some(v),
    }
}

/// A fair, reproducible draw in 0..k for (seed, sender, path, recipient): SplitMix64
/// finalisers folded over the inputs (no floats, no platform-dependent hashing), scaled by
/// multiplication so that for k = 2 it is the hash's top bit.
pub fn draw(seed: u64, me: NodeId, path: &[NodeId], to: NodeId, k: usize) -> usize {
    let mut h = mix(seed ^ 0x6f6d_5f74_7261_6974);
    for x in std::iter::once(me).chain(path.iter().copied()).chain([u32::MAX, to]) {
        h = mix(h ^ x as u64);
    }
    ((h as u128 * k as u128) >> 64) as usize
}

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

//! What generals send (Lamport, Shostak & Pease 1982): an order together with the path it
//! travelled (oral messages, §3) or with its chain of signatures (signed messages, §4).

use std::fmt;

use serde::Serialize;

use crate::sim::time::NodeId;

/// An order. The paper's values are arbitrary; the notes (seeds 002, 003) and the issue use
/// these two, so a majority of three values always exists (see docs/protocols/om.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    Attack,
    Retreat,
}

/// §3, step (2): "or else RETREAT if he receives no value"; the notes: "Ausência de ordem =
/// Retirada". Also what `majority` and `choice` fall back to.
pub const DEFAULT: Value = Value::Retreat;

impl Value {
    pub fn opposite(self) -> Value {
        match self {
            Value::Attack => Value::Retreat,
            Value::Retreat => Value::Attack,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Value::Attack => "attack",
            Value::Retreat => "retreat",
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One signature: general `by` signed the order `on`. A general can only produce its own
/// signatures (§4, assumption A4(a)), so a traitor who changes the order keeps the earlier
/// signers' signatures on the *old* order, and every receiver sees the mismatch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sig {
    pub by: NodeId,
    pub on: Value,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Msg {
    /// OM(m): `value` is what the sender says the commander's order was, as relayed along
    /// `path` (the senders, commander first; the last one is the actual sender). `to` is the
    /// receiver, kept so the label can read "1→3→2: attack".
    Oral { path: Vec<NodeId>, to: NodeId, value: Value },
    /// SM(m): the paper's `v:0:j1:…:jk`, the signers in order (commander first).
    Signed { sigs: Vec<Sig>, to: NodeId, value: Value },
}

impl Msg {
    pub fn value(&self) -> Value {
        match self {
            Msg::Oral { value, .. } | Msg::Signed { value, .. } => *value,
        }
    }

    pub fn to(&self) -> NodeId {
        match self {
            Msg::Oral { to, .. } | Msg::Signed { to, .. } => *to,
        }
    }

    /// The generals the order passed through, commander first.
    pub fn path(&self) -> Vec<NodeId> {
        match self {
            Msg::Oral { path, .. } => path.clone(),
            Msg::Signed { sigs, .. } => sigs.iter().map(|s| s.by).collect(),
        }
    }

    /// Signers whose signature is on another order than the one carried: the message was
    /// altered after they signed it. Empty for oral messages (they carry no proof at all).
    pub fn forged(&self) -> Vec<NodeId> {
        match self {
            Msg::Oral { .. } => Vec::new(),
            Msg::Signed { sigs, value, .. } => sigs.iter().filter(|s| s.on != *value).map(|s| s.by).collect(),
        }
    }
}

/// "1→3→2": the order as relayed from the commander (1) through 3 to 2.
pub fn path_label(path: &[NodeId], to: Option<NodeId>) -> String {
    let mut s: Vec<String> = path.iter().map(|p| p.to_string()).collect();
    if let Some(to) = to {
        s.push(to.to_string());
    }
    s.join("→")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "timer", rename_all = "snake_case")]
pub enum Timer {
    /// The end of synchronous round `r` (1-based): every message of the round has arrived,
    /// so a missing one will never come and counts as RETREAT.
    RoundEnd { round: u32 },
}

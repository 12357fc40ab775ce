//! What generals send (Lamport, Shostak & Pease 1982): an order together with the path it
//! travelled (oral messages, §3) or with its chain of signatures (signed messages, §4).

use std::fmt;

use serde::Serialize;

use crate::sim::time::NodeId;

/// An order. The paper's values are arbitrary ("v", and x, y, z in its Figure 4); the notes
/// (seeds 002, 003) use attack and retreat, the default `params.values`. A name is kept inline
/// (at most `NAME_LEN` bytes) so a value stays `Copy` and names itself in a message's label
/// without the run's configuration.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Value {
    /// The name's bytes, zero-padded: comparing the arrays compares the names.
    bytes: [u8; NAME_LEN],
    len: u8,
}

/// The longest order name `params.values` accepts.
pub const NAME_LEN: usize = 16;

/// The most orders `params.values` may list.
pub const MAX_VALUES: usize = 8;

impl Value {
    pub const ATTACK: Value = Value::named("attack");
    pub const RETREAT: Value = Value::named("retreat");

    /// A name known to be valid (the two of the notes).
    const fn named(name: &str) -> Value {
        let b = name.as_bytes();
        let mut bytes = [0u8; NAME_LEN];
        let mut i = 0;
        while i < b.len() {
            bytes[i] = b[i];
            i += 1;
        }
        Value { bytes, len: b.len() as u8 }
    }

    /// `name` as an order, if it is 1..=16 ASCII letters, digits, `_` or `-`.
    pub fn new(name: &str) -> Option<Value> {
        let ok = (1..=NAME_LEN).contains(&name.len()) && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-');
        ok.then(|| Value::named(name))
    }

    pub fn name(&self) -> &str {
        // Built only from ASCII (see `new`).
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("?")
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Serialised by name, as the traces always held it ("attack", "retreat").
impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// `params.values`: the orders a commander may give, in the order given (at least one, all
/// different). Traitors pick their lies from this list (traitor.rs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Values {
    list: [Value; MAX_VALUES],
    len: u8,
}

impl Values {
    /// The notes' two orders.
    pub const ATTACK_RETREAT: Values = {
        let mut list = [Value::ATTACK; MAX_VALUES];
        list[1] = Value::RETREAT;
        Values { list, len: 2 }
    };

    /// `None` when `vs` is empty, too long or repeats a value.
    pub fn new(vs: &[Value]) -> Option<Values> {
        if vs.is_empty() || vs.len() > MAX_VALUES || vs.iter().enumerate().any(|(i, v)| vs[..i].contains(v)) {
            return None;
        }
        let mut list = [vs[0]; MAX_VALUES];
        list[..vs.len()].copy_from_slice(vs);
        Some(Values { list, len: vs.len() as u8 })
    }

    pub fn as_slice(&self) -> &[Value] {
        &self.list[..self.len as usize]
    }

    pub fn contains(&self, v: Value) -> bool {
        self.as_slice().contains(&v)
    }

    /// The value `steps` places after `v` in the list, wrapping around: with the notes' two
    /// orders, 1 step is the opposite. A value not in the list (none reaches here: every
    /// order sent comes from the list) counts as the first.
    pub fn after(&self, v: Value, steps: usize) -> Value {
        let vs = self.as_slice();
        let at = vs.iter().position(|x| *x == v).unwrap_or(0);
        vs[(at + steps) % vs.len()]
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
    /// so a missing one will never come and counts as the default (`params.default`, the paper's RETREAT).
    RoundEnd { round: u32 },
}

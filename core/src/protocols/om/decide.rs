//! The two decision functions of the paper: `majority` for oral messages (§3) and `choice`
//! for signed ones (§4), and the bottom-up evaluation of a lieutenant's value tree (§3,
//! OM(m) step 3), which also yields the inspector rows that show every vote.

use crate::sorted::{SortedMap, SortedSet};

use crate::say;
use crate::sim::time::NodeId;
use crate::sim::view::RowText;
use crate::sim::Arg;

use super::msg::{path_label, Value, Values};
use super::says;

/// §3: "majority(v1, …, vn−1) … the value v if a majority of the values vi equal v, RETREAT
/// otherwise" (the first of the paper's two choices, which works for any set of values, as
/// Figure 4's x, y, z need; the median needs ordered values). RETREAT is `default` here.
pub fn majority(values: &[Value], default: Value) -> Value {
    values.iter().copied().find(|v| 2 * values.iter().filter(|x| *x == v).count() > values.len()).unwrap_or(default)
}

/// §4: choice(V) must be v when V = {v} and RETREAT when V is empty; for two or more orders
/// the paper allows any fixed rule (e.g. the median) — we take the default (RETREAT unless
/// `params.default` says otherwise), as the notes do for every unclear case.
pub fn choice(v: &SortedSet<Value>, default: Value) -> Value {
    match (v.len(), v.first()) {
        (1, Some(&only)) => only,
        _ => default,
    }
}

/// One entry of a lieutenant's value tree: what arrived along a path, or the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Got {
    pub value: Value,
    /// Nothing arrived by the end of the round: this is the default (RETREAT).
    pub defaulted: bool,
}

/// A lieutenant's value tree: path (senders, commander first) → what arrived along it.
pub type Tree = SortedMap<Vec<NodeId>, Got>;

/// Inspector rows, capped so a big tree cannot flood the UI.
pub struct Rows {
    pub rows: Vec<(RowText, RowText)>,
    pub cap: usize,
    pub hidden: usize,
}

impl Rows {
    pub fn new(cap: usize) -> Self {
        Rows { rows: Vec::new(), cap, hidden: 0 }
    }

    pub fn push(&mut self, k: RowText, v: RowText) {
        if self.rows.len() < self.cap {
            self.rows.push((k, v));
        } else {
            self.hidden += 1;
        }
    }
}

/// What lieutenant `me` evaluates from its tree (n generals, OM(m)).
pub struct Eval<'a> {
    pub tree: &'a Tree,
    pub me: NodeId,
    pub n: u32,
    pub m: u32,
    /// `params.values`, for the tallies, and `params.default`, when there is no majority.
    pub values: &'a Values,
    pub default: Value,
}

impl Eval<'_> {
    /// `me`'s value for the sub-instance whose commander's value travelled along `p`: the
    /// value received along `p` if that was the last round, else the majority of it and of
    /// `me`'s values for each p→k (every general k not on the path and not `me`) — exactly
    /// the recursion of §3 (in OM(m−1), lieutenant k acts as commander). `None` while some
    /// value it needs has not arrived yet.
    pub fn resolve(&self, p: &mut Vec<NodeId>, rows: &mut Option<&mut Rows>) -> Option<Value> {
        let depth = p.len() - 1;
        let got = self.tree.get(p.as_slice()).copied();
        if let Some(r) = rows.as_deref_mut() {
            let v: RowText = match got {
                Some(Got { value, defaulted: false }) => value.name().into(),
                Some(Got { value, defaulted: true }) => say!(says::DEFAULTED, value).into(),
                None => says::NOT_ARRIVED.into(),
            };
            r.push(format!("{}{}", "  ".repeat(depth), path_label(p, Some(self.me))).into(), v);
        }
        if p.len() as u32 == self.m + 1 {
            return got.map(|g| g.value);
        }
        let mut inputs = vec![got.map(|g| g.value)];
        for k in 1..=self.n {
            if k != self.me && !p.contains(&k) {
                p.push(k);
                inputs.push(self.resolve(p, rows));
                p.pop();
            }
        }
        let all: Option<Vec<Value>> = inputs.iter().copied().collect();
        let result = all.as_deref().map(|vs| majority(vs, self.default));
        if let (Some(r), true) = (rows.as_deref_mut(), inputs.len() > 1) {
            let key: RowText = if depth == 0 { "⇒ majority: decision".into() } else {
                say!(says::MAJORITY_FOR, indent = "  ".repeat(depth), path = path_label(p, None)).into()
            };
            let val = match (&all, result) {
                (Some(vs), Some(value)) => {
                    let count = |v: &Value| vs.iter().filter(|x| *x == v).count();
                    let tally = self.values.as_slice().iter().map(|v| say!(says::COUNT, count = count(v), value = *v).into()).collect();
                    say!(says::TALLIED, value, tally = Arg::list(tally, ", "))
                }
                _ => says::STILL_WAITING.into(),
            };
            r.push(key, val.into());
        }
        result
    }
}

//! What the UI shows: per general its role (traitors marked), the round, and — the heart of
//! the lesson — the values it received along every path with the majority taken at each
//! level (OM) or its set V with the signatures behind each order (SM); per message its path
//! and value, e.g. "1→3→2: attack".

use crate::say;
use crate::sim::say::word;
use crate::sim::time::NodeId;
use crate::sim::view::{push_row, MsgView, NodeView, RowText};

use super::decide::{Eval, Rows};
use super::msg::{path_label, Msg, Value};
use super::says;
use super::signed::set_of;
use super::{Om, OmConfig};

/// Orders are coloured by value everywhere (ColorBrewer Set2), always with the word beside.
pub const ATTACK: &str = "#fc8d62";
pub const RETREAT: &str = "#8da0cb";
pub const FORGED: &str = "#b3b3b3";
pub const LOYAL: &str = "#66c2a5";
pub const TRAITOR: &str = "#e78ac3";

/// A tree bigger than this many rows is cut (OM(3) with 12 generals has 821 values each).
const MAX_ROWS: usize = 200;

/// Other orders (`params.values`) take the rest of Set2, by their name's bytes: the paper's
/// x, y and z get three different colours.
const OTHERS: [&str; 3] = ["#a6d854", "#ffd92f", "#e5c494"];

pub fn colour(v: Value) -> &'static str {
    match v {
        Value::ATTACK => ATTACK,
        Value::RETREAT => RETREAT,
        v => OTHERS[v.name().bytes().map(usize::from).sum::<usize>() % OTHERS.len()],
    }
}

pub fn label(msg: &Msg) -> String {
    let path = path_label(&msg.path(), Some(msg.to()));
    match msg {
        Msg::Oral { value, .. } => format!("{path}: {value}"),
        Msg::Signed { value, .. } if msg.forged().is_empty() => format!("{path}: {value} (signed)"),
        Msg::Signed { value, .. } => format!("{path}: {value} (forged)"),
    }
}

pub fn message(msg: &Msg) -> MsgView {
    let value = msg.value();
    let (kind, colour) = if msg.forged().is_empty() { (value.name(), colour(value)) } else { ("forged", FORGED) };
    MsgView::new(label(msg), kind, colour)
}

// `..Default::default()` on purpose (architecture: later NodeView fields must not break us).
#[allow(clippy::needless_update)]
pub fn node(g: &Om, _cfg: &OmConfig) -> NodeView {
    let traitor = g.strategy.is_some();
    let role = match (g.is_commander(), traitor) {
        (true, false) => "commander",
        (true, true) => "traitor commander",
        (false, false) => "lieutenant",
        (false, true) => "traitor lieutenant",
    };
    // A traitor's own conclusion means nothing (it may act on anything), so only loyal
    // lieutenants show a decision on their circle.
    let label = match (g.is_commander(), g.decision, traitor) {
        (true, _, _) => "C".to_string(),
        (false, Some(v), false) => v.to_string(),
        (false, _, _) => "L".to_string(),
    };
    let algorithm = if g.s.signed { "SM" } else { "OM" };
    let loyalty: RowText = match g.strategy {
        None => "loyal".into(),
        Some(s) => say!(says::TRAITOR, strategy = word("word", s.name()), gloss = word("word", s.gloss())).into(),
    };
    let mut rows = Vec::new();
    push_row(&mut rows, "algorithm", say!(says::ALGORITHM, algorithm, m = g.s.m, n = g.s.n).into());
    push_row(&mut rows, "loyalty", loyalty);
    if g.is_commander() {
        push_row(&mut rows, "round", says::COMMANDER_ROUND.into());
        push_row(&mut rows, "order", g.s.order.name().into());
        push_row(&mut rows, "sent", says::grouped(&g.told, &g.s.values).into());
        return NodeView::new(role, if traitor { TRAITOR } else { LOYAL }, label.into(), rows);
    }
    let last = g.s.m + 1;
    let round = if g.out {
        says::CRASHED_OUT.into()
    } else if g.round > last {
        say!(says::ROUNDS_DONE, rounds = last)
    } else {
        say!(says::ROUND_OF, round = g.round, rounds = last)
    };
    push_row(&mut rows, "round", round.into());
    if g.s.signed {
        signed_rows(g, &mut rows);
    } else {
        let mut r = Rows::new(MAX_ROWS);
        let eval = Eval { tree: &g.tree, me: g.id, n: g.s.n, m: g.s.m, values: &g.s.values, default: g.s.default };
        if !g.out || !g.tree.is_empty() {
            eval.resolve(&mut vec![g.s.commander], &mut Some(&mut r));
        }
        rows.extend(r.rows);
        if r.hidden > 0 {
            push_row(&mut rows, "…", say!(says::MORE_ROWS, count = r.hidden).into());
        }
    }
    let decision: RowText = match (g.decision, g.s.signed) {
        (Some(value), signed) => {
            let decision = if signed { say!(says::BY_CHOICE, value) } else { say!(says::BY_MAJORITY, value) };
            if traitor { say!(says::TRAITORS_DECISION, decision) } else { decision }.into()
        }
        (None, _) => "not yet".into(),
    };
    push_row(&mut rows, "decision", decision);
    NodeView::new(role, if traitor { TRAITOR } else { LOYAL }, label.into(), rows)
}

fn signed_rows(g: &Om, rows: &mut Vec<(RowText, RowText)>) {
    push_row(rows, "V (orders with valid signatures)", set_of(&g.values()).into());
    for a in &g.accepted {
        let path: Vec<NodeId> = a.sigs.iter().map(|s| s.by).collect();
        rows.push((path_label(&path, Some(g.id)).into(), say!(says::SIGNED_BY, value = a.value, signers = says::names(&path)).into()));
    }
    for (label, why) in g.rejected.iter().take(MAX_ROWS) {
        rows.push((format!("✗ {label}").into(), why.clone().into()));
    }
}

//! What the UI draws: each node's role (the UI lays proposers, acceptors and learners out in
//! columns, as the notes do), its durable and volatile state as rows, and each message
//! labelled with the notes' phase names.

use crate::say;
use crate::sim::view::{push_row, MsgView, NodeView, RowText};
use crate::sim::Arg;

use super::acceptor::Acceptor;
use super::learner::Learner;
use super::msg::{Ballot, Msg, Slot};
use super::node::Paxos;
use super::proposer::{Phase, Proposer};
use super::says;

/// Role names are exact: the UI keys its column layout on them.
pub const PROPOSER: &str = "proposer";
pub const ACCEPTOR: &str = "acceptor";
pub const LEARNER: &str = "learner";
pub const ALL_ROLES: &str = "proposer+acceptor+learner";

/// ColorBrewer Set2, one colour per role and per message kind.
const PROPOSER_COLOUR: &str = "#fc8d62";
const ACCEPTOR_COLOUR: &str = "#8da0cb";
const LEARNER_COLOUR: &str = "#66c2a5";
const ALL_COLOUR: &str = "#ffd92f";

fn inst(slot: Slot) -> String {
    if slot == 0 { String::new() } else { format!(" #{slot}") }
}

pub fn node_view(n: &Paxos) -> NodeView {
    let multi = n.cfg.multi;
    let mut rows = Vec::new();
    if let Some(p) = &n.proposer {
        proposer_rows(p, n.id, multi, n.cfg.majority(), &mut rows);
    }
    if let Some(a) = &n.acceptor {
        acceptor_rows(a, multi, &mut rows);
    }
    if let Some(l) = &n.learner {
        push_row(&mut rows, "learned", learned(l, multi).into());
    }
    let (role, colour, label) = match (&n.proposer, &n.acceptor, &n.learner) {
        (Some(p), Some(_), Some(_)) if p.phase != Phase::Idle => (ALL_ROLES, ALL_COLOUR, proposer_label(p, multi)),
        (Some(_), Some(a), Some(_)) => (ALL_ROLES, ALL_COLOUR, acceptor_label(a)),
        (Some(p), _, _) => (PROPOSER, PROPOSER_COLOUR, proposer_label(p, multi)),
        (_, Some(a), _) => (ACCEPTOR, ACCEPTOR_COLOUR, acceptor_label(a)),
        (_, _, Some(l)) => (LEARNER, LEARNER_COLOUR, learner_label(l, multi)),
        _ => ("", "#b3b3b3", "".into()),
    };
    // Columns as the notes draw them: proposers (with their clients) | acceptors | learners.
    // A node playing every role has no column of its own, so those runs stay a ring.
    let column = match role {
        PROPOSER => Some(0),
        ACCEPTOR => Some(1),
        LEARNER => Some(2),
        _ => None,
    };
    NodeView { column, ..NodeView::new(role, colour, label, rows) }
}

fn proposer_label(p: &Proposer, multi: bool) -> RowText {
    match &p.phase {
        Phase::Preparing { b, .. } => format!("1a {b}").into(),
        Phase::Leading { b } if multi => say!(says::LEADER_LABEL, ballot = *b).into(),
        Phase::Leading { b } => format!("2a {b}").into(),
        Phase::Idle if !multi && p.decided.contains_key(&0) => "done".into(),
        Phase::Idle => "idle".into(),
    }
}

fn acceptor_label(a: &Acceptor) -> RowText {
    a.promised.map_or("—".into(), |b| b.to_string().into())
}

fn learner_label(l: &Learner, multi: bool) -> RowText {
    match l.learned.get(&0) {
        Some((_, c)) if !multi => c.value.clone().into(),
        _ if multi && !l.learned.is_empty() => say!(says::LEARNED_LABEL, count = l.learned.len()).into(),
        _ => "?".into(),
    }
}

type Rows = Vec<(RowText, RowText)>;

fn proposer_rows(p: &Proposer, id: u32, multi: bool, need: usize, rows: &mut Rows) {
    let values = |v: &[super::msg::Cmd]| if v.is_empty() { "none".to_string() } else { v.iter().map(|c| c.value.as_str()).collect::<Vec<_>>().join(", ") };
    if multi {
        push_row(rows, "waiting requests", values(&p.pending).into());
    } else {
        push_row(rows, "client value", p.own_value().map_or("none".into(), |c| c.value.clone()).into());
    }
    push_row(rows, "ballot", p.ballot().map_or("none".into(), |b| b.to_string()).into());
    let phase: RowText = match &p.phase {
        Phase::Preparing { promises, .. } => say!(says::PHASE_PREPARE, have = promises.len(), need).into(),
        Phase::Leading { .. } if multi => says::PHASE_LEADING.into(),
        Phase::Leading { .. } => {
            let e = p.log.get(&0);
            let value = e.map_or("?", |e| e.cmd.value.as_str());
            say!(says::PHASE_PROPOSE, value, have = e.map_or(0, |e| e.acks.len()), need).into()
        }
        Phase::Idle => match p.decided.get(&0) {
            Some((_, c)) if !multi => say!(says::PHASE_DONE, value = c.value).into(),
            _ if !p.pending.is_empty() => "waiting for its retry timeout".into(),
            _ => "idle".into(),
        },
    };
    push_row(rows, "phase", phase);
    if let Phase::Preparing { promises, .. } = &p.phase {
        let list: Vec<Arg> = promises
            .iter()
            .map(|(&node, votes)| match votes.as_slice() {
                [] => say!(says::PROMISED_NOTHING, node).into(),
                [v] if !multi => format!("P{node}: {} {}", v.ballot, v.cmd.value).into(),
                vs => say!(says::PROMISED_MANY, node, count = vs.len()).into(),
            })
            .collect();
        push_row(rows, "promises", if list.is_empty() { "none yet".into() } else { Arg::list(list, "; ").into() });
    }
    if multi {
        let leader: RowText = match (&p.phase, p.leader) {
            (Phase::Leading { .. }, _) => say!(says::LEADER_ITSELF, node = id).into(),
            (_, Some(b)) => format!("P{} {b}", b.node).into(),
            _ => "unknown".into(),
        };
        push_row(rows, "leader", leader);
        let log: Vec<Arg> = p
            .log
            .iter()
            .map(|(&slot, e)| match e.chosen {
                true => say!(says::LOG_CHOSEN, slot, value = e.cmd.value).into(),
                false => format!("#{slot} {} {}/{need}", e.cmd.value, e.acks.len()).into(),
            })
            .collect();
        push_row(rows, "log", if log.is_empty() { "empty".into() } else { Arg::list(log, "; ").into() });
    }
    push_row(rows, "round counter", p.round.to_string().into());
}

fn acceptor_rows(a: &Acceptor, multi: bool, rows: &mut Rows) {
    push_row(rows, "promised", a.promised.map_or("nothing yet".into(), |b| b.to_string()).into());
    let acc: Vec<String> = a
        .accepted
        .iter()
        .map(|(s, (b, c))| if multi { format!("#{s} {b} {}", c.value) } else { format!("{b} {}", c.value) })
        .collect();
    push_row(rows, "accepted", if acc.is_empty() { "nothing yet".into() } else { acc.join("; ") }.into());
}

fn learned(l: &Learner, multi: bool) -> String {
    if l.learned.is_empty() {
        return "nothing yet".into();
    }
    if !multi {
        return l.learned.values().map(|(_, c)| c.value.clone()).collect::<Vec<_>>().join(", ");
    }
    l.learned.iter().map(|(s, (_, c))| format!("#{s} {}", c.value)).collect::<Vec<_>>().join("; ")
}

fn ballot_promise(b: &Ballot, accepted: &[super::msg::Vote]) -> String {
    match accepted {
        [] => format!("1b Promise {b}, none accepted"),
        [v] if v.slot == 0 => format!("1b Promise {b}, accepted {} {}", v.ballot, v.cmd.value),
        vs => format!("1b Promise {b}, {} accepted", vs.len()),
    }
}

pub fn describe(msg: &Msg) -> MsgView {
    let (label, kind, colour) = match msg {
        Msg::Prepare { b } => (format!("1a Prepare {b}"), "prepare", "#fc8d62"),
        Msg::Promise { b, accepted } => (ballot_promise(b, accepted), "promise", "#e78ac3"),
        Msg::Propose { b, slot, cmd } => (format!("2a Propose {b}{} {}", inst(*slot), cmd.value), "propose", "#8da0cb"),
        Msg::Accepted { b, slot, cmd } => (format!("2b Accepted {b}{} {}", inst(*slot), cmd.value), "accepted", "#66c2a5"),
        Msg::Nack { promised, .. } => (format!("NACK: promised {promised}"), "nack", "#b3b3b3"),
        Msg::Answer { slot, cmd, .. } => (format!("2c Answer{} {}", inst(*slot), cmd.value), "answer", "#a6d854"),
        Msg::Forward { cmd } => (format!("Forward {}", cmd.value), "forward", "#e5c494"),
    };
    MsgView::new(label, kind, colour)
}

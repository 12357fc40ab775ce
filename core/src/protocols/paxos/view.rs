//! What the UI draws: each node's role (the UI lays proposers, acceptors and learners out in
//! columns, as the notes do), its durable and volatile state as rows, and each message
//! labelled with the notes' phase names.

use crate::sim::view::{MsgView, NodeView};

use super::acceptor::Acceptor;
use super::learner::Learner;
use super::msg::{Ballot, Msg, Slot};
use super::node::Paxos;
use super::proposer::{Phase, Proposer};

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
        rows.push(("learned".into(), learned(l, multi)));
    }
    let (role, colour, label) = match (&n.proposer, &n.acceptor, &n.learner) {
        (Some(p), Some(_), Some(_)) if p.phase != Phase::Idle => (ALL_ROLES, ALL_COLOUR, proposer_label(p, multi)),
        (Some(_), Some(a), Some(_)) => (ALL_ROLES, ALL_COLOUR, acceptor_label(a)),
        (Some(p), _, _) => (PROPOSER, PROPOSER_COLOUR, proposer_label(p, multi)),
        (_, Some(a), _) => (ACCEPTOR, ACCEPTOR_COLOUR, acceptor_label(a)),
        (_, _, Some(l)) => (LEARNER, LEARNER_COLOUR, learner_label(l, multi)),
        _ => ("", "#b3b3b3", String::new()),
    };
    // Columns as the notes draw them: proposers (with their clients) | acceptors | learners.
    // A node playing every role has no column of its own, so those runs stay a ring.
    let column = match role {
        PROPOSER => Some(0),
        ACCEPTOR => Some(1),
        LEARNER => Some(2),
        _ => None,
    };
    NodeView { role: role.into(), colour: colour.into(), label, rows, column, ..Default::default() }
}

fn proposer_label(p: &Proposer, multi: bool) -> String {
    match &p.phase {
        Phase::Preparing { b, .. } => format!("1a {b}"),
        Phase::Leading { b } if multi => format!("leader {b}"),
        Phase::Leading { b } => format!("2a {b}"),
        Phase::Idle if !multi && p.decided.contains_key(&0) => "done".into(),
        Phase::Idle => "idle".into(),
    }
}

fn acceptor_label(a: &Acceptor) -> String {
    a.promised.map_or("—".into(), |b| b.to_string())
}

fn learner_label(l: &Learner, multi: bool) -> String {
    match l.learned.get(&0) {
        Some((_, c)) if !multi => c.value.clone(),
        _ if multi && !l.learned.is_empty() => format!("{} learned", l.learned.len()),
        _ => "?".into(),
    }
}

fn proposer_rows(p: &Proposer, id: u32, multi: bool, need: usize, rows: &mut Vec<(String, String)>) {
    let values = |v: &[super::msg::Cmd]| if v.is_empty() { "none".to_string() } else { v.iter().map(|c| c.value.as_str()).collect::<Vec<_>>().join(", ") };
    if multi {
        rows.push(("waiting requests".into(), values(&p.pending)));
    } else {
        rows.push(("client value".into(), p.own_value().map_or("none".into(), |c| c.value.clone())));
    }
    rows.push(("ballot".into(), p.ballot().map_or("none".into(), |b| b.to_string())));
    let phase = match &p.phase {
        Phase::Preparing { promises, .. } => format!("1a Prepare sent; {} of {need} promises", promises.len()),
        Phase::Leading { .. } if multi => "leader: phase 1 done, proposes with 2a only".into(),
        Phase::Leading { .. } => {
            let e = p.log.get(&0);
            let v = e.map_or("?".into(), |e| e.cmd.value.clone());
            format!("2a Propose {v} sent; accepted by {} of {need}", e.map_or(0, |e| e.acks.len()))
        }
        Phase::Idle => match p.decided.get(&0) {
            Some((_, c)) if !multi => format!("done: {} is chosen", c.value),
            _ if !p.pending.is_empty() => "waiting for its retry timeout".into(),
            _ => "idle".into(),
        },
    };
    rows.push(("phase".into(), phase));
    if let Phase::Preparing { promises, .. } = &p.phase {
        let list: Vec<String> = promises
            .iter()
            .map(|(a, votes)| match votes.as_slice() {
                [] => format!("P{a}: nothing accepted"),
                [v] if !multi => format!("P{a}: {} {}", v.ballot, v.cmd.value),
                vs => format!("P{a}: {} accepted", vs.len()),
            })
            .collect();
        rows.push(("promises".into(), if list.is_empty() { "none yet".into() } else { list.join("; ") }));
    }
    if multi {
        let leader = match (&p.phase, p.leader) {
            (Phase::Leading { .. }, _) => format!("P{id} (itself)"),
            (_, Some(b)) => format!("P{} {b}", b.node),
            _ => "unknown".into(),
        };
        rows.push(("leader".into(), leader));
        let log: Vec<String> = p
            .log
            .iter()
            .map(|(s, e)| {
                let state = if e.chosen { "chosen".to_string() } else { format!("{}/{need}", e.acks.len()) };
                format!("#{s} {} {state}", e.cmd.value)
            })
            .collect();
        rows.push(("log".into(), if log.is_empty() { "empty".into() } else { log.join("; ") }));
    }
    rows.push(("round counter".into(), p.round.to_string()));
}

fn acceptor_rows(a: &Acceptor, multi: bool, rows: &mut Vec<(String, String)>) {
    rows.push(("promised".into(), a.promised.map_or("nothing yet".into(), |b| b.to_string())));
    let acc: Vec<String> = a
        .accepted
        .iter()
        .map(|(s, (b, c))| if multi { format!("#{s} {b} {}", c.value) } else { format!("{b} {}", c.value) })
        .collect();
    rows.push(("accepted".into(), if acc.is_empty() { "nothing yet".into() } else { acc.join("; ") }));
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
    MsgView { label, kind: kind.into(), colour: colour.into() }
}

//! How a Raft node and its messages are drawn. Colours: roles and message kinds from
//! ColorBrewer Dark2, terms from Set2 (as RaftScope colours log entries by term), so no
//! colour means two things.

use crate::say;
use crate::sim::view::{push_row, Cell, MsgView, NodeView};

use super::log::Term;
use super::msg::Msg;
use super::says;
use super::state::{name, Role};
use super::Raft;

/// ColorBrewer Set2, cycled: term t has colour `SET2[(t - 1) % 8]`.
const SET2: [&str; 8] = ["#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3"];

/// The colour of term `t` (log entries, the term row). Term 0 (before any election) is white.
pub fn term_colour(t: Term) -> &'static str {
    if t == 0 {
        "#ffffff"
    } else {
        SET2[((t - 1) % 8) as usize]
    }
}

pub fn role_colour(role: Role) -> &'static str {
    match role {
        Role::Follower => "#a6a6a6",
        Role::Candidate => "#e6ab02",
        Role::Leader => "#1b9e77",
    }
}

/// Rows for the inspector. The log row lists entries as `index:tTERM value` (`no-op` for
/// §8's no-op), with `|` after the commit index, so the UI can colour each by `term_colour`.
pub fn node_view(r: &Raft) -> NodeView {
    let who = |o: Option<u32>| o.map_or("nobody".to_string(), |v| name(v).to_string());
    let mut rows = Vec::new();
    push_row(&mut rows, "role", r.role.name().into());
    push_row(&mut rows, "term", r.term.to_string().into());
    push_row(&mut rows, "term colour", term_colour(r.term).into());
    push_row(&mut rows, "voted for", who(r.voted_for).into());
    push_row(&mut rows, "leader", r.leader.map_or("unknown".to_string(), |v| name(v).to_string()).into());
    push_row(&mut rows, "commit index", r.commit_index.to_string().into());
    push_row(&mut rows, "last applied", r.last_applied.to_string().into());
    push_row(&mut rows, "log", log_text(r).into());
    push_row(&mut rows, "state machine", kv_text(r).into());
    match r.role {
        Role::Candidate => {
            let v: Vec<String> = r.voters().into_iter().map(|v| name(v).to_string()).collect();
            let votes = say!(says::VOTES_NEEDED, have = v.len(), need = r.majority(), voters = v.join(", "));
            push_row(&mut rows, "votes", votes.into());
        }
        Role::Leader => {
            let per_peer = |v: &[u64]| r.peers().map(|p| format!("{}:{}", name(p), v[p as usize])).collect::<Vec<_>>().join(" ");
            push_row(&mut rows, "next index", per_peer(&r.next_index).into());
            push_row(&mut rows, "match index", per_peer(&r.match_index).into());
        }
        Role::Follower => {}
    }
    let (cells, cells_skipped) = log_cells(r);
    NodeView { cells, cells_skipped, ..NodeView::new(r.role.name(), role_colour(r.role), format!("T{}", r.term).into(), rows) }
}

/// Log entries drawn beside a node (RaftScope's log row): the last `LOG_CELLS` entries, each
/// showing its term in the term's colour, solid once committed; a no-op is flagged so the
/// page draws it apart from client values.
const LOG_CELLS: usize = 10;

fn log_cells(r: &Raft) -> (Vec<Cell>, u64) {
    let entries = r.log.entries();
    let skipped = entries.len().saturating_sub(LOG_CELLS);
    let cells = entries[skipped..]
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let i = (skipped + k) as u64 + 1;
            Cell {
                text: e.term.to_string(),
                colour: term_colour(e.term).into(),
                settled: i <= r.commit_index,
                hint: format!("entry {i}, term {}: {}", e.term, e.client_value().unwrap_or("no-op (§8)")),
                noop: e.noop,
            }
        })
        .collect();
    (cells, skipped as u64)
}

fn log_text(r: &Raft) -> String {
    let mut s = String::new();
    for (k, e) in r.log.entries().iter().enumerate() {
        let i = k as u64 + 1;
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&format!("{i}:t{} {}", e.term, e.client_value().unwrap_or("no-op")));
        if i == r.commit_index {
            s.push_str(" |");
        }
    }
    if s.is_empty() {
        "empty".into()
    } else {
        s
    }
}

fn kv_text(r: &Raft) -> String {
    if r.kv.is_empty() {
        return "empty".into();
    }
    r.kv.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ")
}

/// `Head(T<term>, <tail>)`, built without the formatting machinery: the simulator asks for
/// every message's label twice (send and delivery), so this is on the hot path.
fn label(head: &str, term: Term, tail: &str) -> String {
    let mut s = String::with_capacity(head.len() + tail.len() + 8);
    s.push_str(head);
    s.push_str("(T");
    push_num(&mut s, term);
    s.push_str(", ");
    s.push_str(tail);
    s.push(')');
    s
}

fn push_num(s: &mut String, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    s.push_str(std::str::from_utf8(&digits[i..]).expect("ASCII digits"));
}

pub fn describe(msg: &Msg) -> MsgView {
    let (label, kind, colour) = match msg {
        Msg::RequestVote { term, .. } => {
            let mut s = String::from("RequestVote(T");
            push_num(&mut s, *term);
            s.push(')');
            (s, "RequestVote", "#d95f02")
        }
        Msg::Vote { term, granted } => (label("Vote", *term, if *granted { "granted" } else { "denied" }), "Vote", "#7570b3"),
        Msg::AppendEntries { term, entries, .. } => {
            let s = match entries.len() {
                0 => label("AppendEntries", *term, "heartbeat"),
                1 => label("AppendEntries", *term, "1 entry"),
                k => {
                    let mut tail = String::new();
                    push_num(&mut tail, k as u64);
                    tail.push_str(" entries");
                    label("AppendEntries", *term, &tail)
                }
            };
            (s, "AppendEntries", "#e7298a")
        }
        Msg::AppendReply { term, success, .. } => {
            (label("AppendReply", *term, if *success { "ok" } else { "failed" }), "AppendReply", "#66a61e")
        }
        // The client's request re-sent to the leader a follower named (§8): drawn from that
        // follower, labelled so the hand-off is seen; Dark2's remaining brown.
        Msg::ClientRetry { value } => (format!("client retry: {value}"), "ClientRetry", "#a6761d"),
    };
    MsgView::new(label, kind, colour)
}

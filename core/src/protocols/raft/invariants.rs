//! The five properties of Figure 3, checked after every step from a god's-eye view, and the
//! report's outcome. The checks are cheap enough for every step: logs carry prefix hashes,
//! so comparing two logs up to an index is O(1); ghost state keeps the history a node
//! forgets (terms it led, commit indexes it knew, entries it applied); and pairwise checks
//! only look at pairs in which something changed since the previous step.

use crate::sim::Object;

use crate::say;
use crate::sim::protocol::{CheckCx, Violation};
use crate::sim::{Arg, Say};
use crate::sim::time::NodeId;

use super::log::Index;
use super::says;
use super::state::{name, Role, Seen};
use super::Raft;

pub const ELECTION_SAFETY: &str = "Election Safety";
pub const LEADER_APPEND_ONLY: &str = "Leader Append-Only";
pub const LOG_MATCHING: &str = "Log Matching";
pub const LEADER_COMPLETENESS: &str = "Leader Completeness";
pub const STATE_MACHINE_SAFETY: &str = "State Machine Safety";

pub const NAMES: &[&str] = &[ELECTION_SAFETY, LEADER_APPEND_ONLY, LOG_MATCHING, LEADER_COMPLETENESS, STATE_MACHINE_SAFETY];

pub fn check(cx: &CheckCx<Raft>) -> Vec<Violation> {
    // Which nodes changed, in what the pairwise checks compare, since the last check (one
    // bit per node). The checks run after every step, so a pair in which neither node
    // changed was checked already, with the same result.
    let (mut log, mut applied, mut led, mut commits) = (0u64, 0u64, 0u64, 0u64);
    for (i, r) in cx.nodes.iter().enumerate() {
        let marks = (r.ghost.commits.len(), r.ghost.commits.last().map_or(0, |m| m.index));
        let now = Seen { log: r.log.version(), applied: r.ghost.applied.len(), led: r.ghost.led.len(), commits: marks };
        let was = r.ghost.seen.replace(now);
        log |= ((now.log != was.log) as u64) << i;
        applied |= ((now.applied != was.applied || r.ghost.reapplied_differently.is_some()) as u64) << i;
        led |= ((now.led != was.led) as u64) << i;
        commits |= ((now.commits != was.commits) as u64) << i;
    }
    let mut out = Vec::new();
    if led != 0 {
        out.extend(election_safety(cx.nodes, led));
    }
    // A leader's log can only lose entries in a step that changes some log.
    if log != 0 {
        out.extend(leader_append_only(cx));
    }
    if log != 0 {
        out.extend(log_matching(cx.nodes, log));
    }
    // A leader can newly lack a committed entry only when it has just been elected, when a
    // log changed, or when some node learnt of a commit.
    if led | log | commits != 0 {
        out.extend(leader_completeness(cx));
    }
    if applied != 0 {
        out.extend(state_machine_safety(cx.nodes, applied));
    }
    out
}

fn changed(mask: u64, i: usize) -> bool {
    mask >> i & 1 == 1
}

fn id_of(i: usize) -> NodeId {
    i as NodeId + 1
}

fn violation(name: &'static str, mut nodes: Vec<NodeId>, explanation: Say) -> Option<Violation> {
    crate::sorted::sort_small(&mut nodes);
    nodes.dedup();
    Some(Violation { name, nodes, explanation })
}

/// "At most one leader can be elected in a given term." Every win is recorded, so it
/// suffices to compare each node's latest win with every other node's wins: an earlier win
/// was the latest one when it happened, and was checked then.
fn election_safety(nodes: &[Raft], changed_led: u64) -> Option<Violation> {
    for (a, ra) in nodes.iter().enumerate().filter(|(a, _)| changed(changed_led, *a)) {
        let Some(&t) = ra.ghost.led.last() else { continue };
        for (b, rb) in nodes.iter().enumerate() {
            if a != b && rb.ghost.led.binary_search(&t).is_ok() {
                let (x, y) = (id_of(a.min(b)), id_of(a.max(b)));
                return violation(ELECTION_SAFETY, vec![x, y], say!(says::BOTH_ELECTED, a = x, b = y, term = t));
            }
        }
    }
    None
}

/// "A leader never overwrites or deletes entries in its log; it only appends new entries."
/// The log counts every deletion; a leader's count must not move while it leads.
fn leader_append_only(cx: &CheckCx<Raft>) -> Option<Violation> {
    for (id, r) in cx.live() {
        if r.role == Role::Leader && r.log.truncations() != r.ghost.lead_truncations {
            return violation(LEADER_APPEND_ONLY, vec![id], say!(says::LEADER_DELETED, node = id, term = r.term));
        }
    }
    None
}

/// "If two logs contain an entry with the same index and term, then the logs are identical
/// in all entries up through the given index." Checking the highest index where the two
/// logs' terms agree is enough: equal prefixes there mean equal prefixes below it too.
/// (Crashed nodes count: their logs are on disk.)
fn log_matching(nodes: &[Raft], changed_log: u64) -> Option<Violation> {
    for (a, ra) in nodes.iter().enumerate() {
        for (b, rb) in nodes.iter().enumerate().skip(a + 1) {
            if !changed(changed_log, a) && !changed(changed_log, b) {
                continue;
            }
            let mut i = ra.log.last_index().min(rb.log.last_index());
            while i > 0 && ra.log.term_at(i) != rb.log.term_at(i) {
                i -= 1;
            }
            if i == 0 || ra.log.prefix_hash(i) == rb.log.prefix_hash(i) {
                continue;
            }
            let first = (1..=i).find(|&j| ra.log.get(j) != rb.log.get(j)).unwrap_or(i);
            let (x, y) = (id_of(a), id_of(b));
            let t = ra.log.term_at(i).unwrap_or(0);
            return violation(
                LOG_MATCHING,
                vec![x, y],
                say!(says::LOGS_DIFFER, a = x, b = y, term = t, index = i, first),
            );
        }
    }
    None
}

/// "If a log entry is committed in a given term, then that entry will be present in the
/// logs of the leaders for all higher-numbered terms." For each live leader of term T and
/// each node, the longest prefix that node knew committed in a term below T must be in
/// the leader's log. (Knowledge of crashed nodes counts: what was committed stays so.)
fn leader_completeness(cx: &CheckCx<Raft>) -> Option<Violation> {
    for (lid, l) in cx.live() {
        if l.role != Role::Leader {
            continue;
        }
        for (x, rx) in cx.nodes.iter().enumerate() {
            let Some(m) = rx.ghost.commits.iter().rev().find(|m| m.term < l.term) else { continue };
            if l.log.prefix_hash(m.index) != Some(m.hash) {
                let xid = id_of(x);
                let who: Arg = if xid == lid { says::IT.into() } else { name(xid).to_string().into() };
                return violation(
                    LEADER_COMPLETENESS,
                    vec![lid, xid],
                    say!(says::LEADER_INCOMPLETE, leader = lid, term = l.term, index = m.index, who, then = m.term),
                );
            }
        }
    }
    None
}

/// "If a server has applied a log entry at a given index to its state machine, no other
/// server will ever apply a different log entry for the same index." Applied prefixes are
/// compared by hash at the shorter one's end; a node that re-applies after a restart is
/// compared with its own earlier applications.
fn state_machine_safety(nodes: &[Raft], changed_applied: u64) -> Option<Violation> {
    for (a, ra) in nodes.iter().enumerate() {
        if let Some(i) = ra.ghost.reapplied_differently {
            let id = id_of(a);
            let was = &ra.ghost.applied[i as usize - 1].1;
            let now = ra.log.get(i).map_or("?".to_string(), |e| e.value.to_string());
            return violation(
                STATE_MACHINE_SAFETY,
                vec![id],
                say!(says::REAPPLIED, node = id, was = &*was.value, index = i, now),
            );
        }
        for (b, rb) in nodes.iter().enumerate().skip(a + 1) {
            if !changed(changed_applied, a) && !changed(changed_applied, b) {
                continue;
            }
            let m = ra.ghost.applied.len().min(rb.ghost.applied.len());
            if m == 0 || ra.ghost.applied[m - 1].0 == rb.ghost.applied[m - 1].0 {
                continue;
            }
            let j = (0..m).find(|&j| ra.ghost.applied[j].0 != rb.ghost.applied[j].0).unwrap_or(m - 1);
            let (x, y) = (id_of(a), id_of(b));
            let (ea, eb) = (&ra.ghost.applied[j].1, &rb.ghost.applied[j].1);
            return violation(
                STATE_MACHINE_SAFETY,
                vec![x, y],
                say!(says::APPLIED_DIFFERENT, a = x, a_value = &*ea.value, a_term = ea.term, index = j + 1, b = y, b_value = &*eb.value, b_term = eb.term),
            );
        }
    }
    None
}

/// `{leader, term, committed}`: the live leader with the highest term (null if none), its
/// term (else the highest term of a live node), and the values of the longest log prefix
/// any node has known to be committed (a crashed node's knowledge counts: committed is
/// forever).
pub fn outcome(cx: &CheckCx<Raft>) -> serde_json::Value {
    let leader = cx.live().filter(|(_, r)| r.role == Role::Leader).max_by_key(|(id, r)| (r.term, std::cmp::Reverse(*id)));
    let term = match leader {
        Some((_, r)) => r.term,
        None => cx.live().map(|(_, r)| r.term).max().unwrap_or(0),
    };
    let best = cx
        .nodes
        .iter()
        .map(|r| (r.ghost.commits.last().map_or(0, |m| m.index), r))
        .max_by_key(|(i, r)| (*i, std::cmp::Reverse(r.id)));
    let committed: Vec<&str> = match best {
        Some((upto, r)) => {
            let upto: Index = upto.min(r.log.last_index());
            r.log.entries()[..upto as usize].iter().map(|e| &*e.value).collect()
        }
        None => Vec::new(),
    };
    let leader = leader.map(|(id, _)| id);
    Object::new().with("leader", leader.into()).with("term", term.into()).with("committed", committed.into()).into()
}

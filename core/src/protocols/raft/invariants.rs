//! The five properties of Figure 3, checked after every step from a god's-eye view, and the
//! report's outcome. The checks are cheap enough for every step: logs carry prefix hashes,
//! so comparing two logs up to an index is O(1); ghost state keeps the history a node
//! forgets (terms it led, commit indexes it knew, entries it applied); and pairwise checks
//! only look at pairs in which something changed since the previous step.

use crate::sim::Object;

use crate::say;
use crate::sim::protocol::{CheckCx, Violation};
use crate::sim::{Arg, Say};
use crate::sim::time::{to_ms, NodeId};

use super::says;
use super::state::{name, Committed, MajorityMark, Role, Seen};
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
    // Nodes whose own-term history grew, and from where (for §5.3's majority rule).
    let mut grown: Vec<(usize, usize)> = Vec::new();
    for (i, r) in cx.nodes.iter().enumerate() {
        let marks = (r.ghost.commits.len(), r.ghost.commits.last().map_or(0, |m| m.index));
        let own = r.log.own_term_history().len();
        let now = Seen { log: r.log.version(), applied: r.ghost.applied.len(), led: r.ghost.led.len(), commits: marks, own };
        let was = r.ghost.seen.replace(now);
        log |= ((now.log != was.log) as u64) << i;
        applied |= ((now.applied != was.applied || r.ghost.reapplied_differently.is_some()) as u64) << i;
        led |= ((now.led != was.led) as u64) << i;
        commits |= ((now.commits != was.commits) as u64) << i;
        if own > was.own {
            grown.push((i, was.own));
        }
    }
    // An entry becomes committed by the majority rule only when a server appends it.
    let majorities = !grown.is_empty() && find_majorities(cx.nodes, &grown);
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
    // log changed, or when an entry became committed.
    if led | log | commits != 0 || majorities {
        out.extend(leader_completeness(cx));
    }
    if applied != 0 || majorities {
        out.extend(state_machine_safety(cx.nodes, if majorities { u64::MAX } else { applied }));
    }
    out
}

/// The whole check again as if nothing had been checked before: the memo of what each
/// node looked like at the last check is forgotten, so every pair is compared. (History the
/// checks record, the majority marks, is kept: it is about the past, which the present
/// state no longer shows.) For tests: on the same states it must find what the
/// incremental checks found.
pub fn check_from_scratch(cx: &CheckCx<Raft>) -> Vec<Violation> {
    for r in cx.nodes {
        r.ghost.seen.set(Seen::default());
    }
    check(cx)
}

/// §5.3: "A log entry is committed once the leader that created the entry has replicated it
/// on a majority of the servers". For each entry a node appended in its own term since the
/// last check, count the servers that now hold the same entry (same prefix hash) having
/// appended it in that term; with a majority, record it as committed. Returns whether a new
/// commitment was recorded.
fn find_majorities(nodes: &[Raft], grown: &[(usize, usize)]) -> bool {
    let majority = nodes.len() as u32 / 2 + 1;
    let mut found = false;
    for &(x, from) in grown {
        let rx = &nodes[x];
        for &(i, t, h) in &rx.log.own_term_history()[from..] {
            // Already recorded: a mark of term t at i or later covers i (its prefix holds it).
            let known = |r: &Raft| r.ghost.majority.borrow().iter().any(|m| m.term == t && m.index >= i);
            if nodes.iter().any(known) {
                continue;
            }
            let mut holders = 0u64;
            let mut entry = None;
            for (y, ry) in nodes.iter().enumerate() {
                if ry.log.prefix_hash(i) == Some(h) && ry.log.accepted_in(i) == Some(t) {
                    holders |= 1 << y;
                    entry = ry.log.get(i);
                }
            }
            let Some(entry) = entry.filter(|_| holders.count_ones() >= majority) else { continue };
            let mark = MajorityMark { term: t, index: i, hash: h, entry: entry.clone(), holders };
            let mut marks = rx.ghost.majority.borrow_mut();
            // One mark per term and node: a later index of the same term covers the earlier.
            match marks.last_mut() {
                Some(m) if m.term == t && m.index < i => *m = mark,
                _ => marks.push(mark),
            }
            found = true;
        }
    }
    found
}

/// "P1, P2, P3" for a set of nodes (bit `id - 1`).
fn names(set: u64) -> String {
    (0..64).filter(|b| set >> b & 1 == 1).map(|b| name(b + 1).to_string()).collect::<Vec<_>>().join(", ")
}

use says::shown;

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
        // Committed by §5.3's definition, whether or not any server knew it.
        for rx in cx.nodes {
            for m in rx.ghost.majority.borrow().iter().filter(|m| m.term < l.term) {
                if l.log.prefix_hash(m.index) != Some(m.hash) {
                    let holders = names(m.holders);
                    return violation(
                        LEADER_COMPLETENESS,
                        vec![lid],
                        say!(says::LEADER_LACKS_MAJORITY, leader = lid, term = l.term, index = m.index, then = m.term, holders),
                    );
                }
            }
        }
    }
    None
}

/// "If a server has applied a log entry at a given index to its state machine, no other
/// server will ever apply a different log entry for the same index." Applied prefixes are
/// compared by hash at the shorter one's end; a node that re-applies after a restart is
/// compared with its own earlier applications; and every applied prefix that reaches an
/// entry committed by §5.3's majority rule must end in that entry (a committed entry is the
/// one every server will apply there, even if none has yet).
fn state_machine_safety(nodes: &[Raft], changed_applied: u64) -> Option<Violation> {
    for (a, ra) in nodes.iter().enumerate().filter(|(a, _)| changed(changed_applied, *a)) {
        for rx in nodes {
            for m in rx.ghost.majority.borrow().iter() {
                let Some((h, e)) = ra.ghost.applied.get(m.index as usize - 1) else { continue };
                if *h == m.hash {
                    continue;
                }
                let id = id_of(a);
                let holders = names(m.holders);
                let explanation = if e.term != m.entry.term || e.value != m.entry.value || e.noop != m.entry.noop {
                    say!(says::APPLIED_NOT_COMMITTED, node = id, value = shown(e), term = e.term, index = m.index, committed = shown(&m.entry), then = m.term, holders)
                } else {
                    say!(says::APPLIED_PREFIX_NOT_COMMITTED, node = id, index = m.index, then = m.term, holders)
                };
                return violation(STATE_MACHINE_SAFETY, vec![id], explanation);
            }
        }
    }
    for (a, ra) in nodes.iter().enumerate() {
        if let Some(i) = ra.ghost.reapplied_differently {
            let id = id_of(a);
            let was = &ra.ghost.applied[i as usize - 1].1;
            let now = ra.log.get(i).map_or_else(|| "?".into(), shown);
            return violation(
                STATE_MACHINE_SAFETY,
                vec![id],
                say!(says::REAPPLIED, node = id, was = shown(was), index = i, now),
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
                say!(says::APPLIED_DIFFERENT, a = x, a_value = shown(ea), a_term = ea.term, index = j + 1, b = y, b_value = shown(eb), b_term = eb.term),
            );
        }
    }
    None
}

/// `{leader, term, committed, commits}`: the live leader with the highest term (null if
/// none), its term (else the highest term of a live node); every entry some server's
/// commitIndex covered during the run (a crashed node's counts: what it committed stays in
/// the record) as `commits: [{index, term, value, at_ms, lost_at_ms}]` in index order (a
/// no-op's value is null; `lost_at_ms` is when a server first deleted it from its log
/// afterwards, which Raft as the paper has it never does); and `committed`, the client
/// values among them, no-ops left out. It is what was committed, not a reading of the
/// final logs: with a broken variant an entry may be committed and later overwritten.
pub fn outcome(cx: &CheckCx<Raft>) -> serde_json::Value {
    let leader = cx.live().filter(|(_, r)| r.role == Role::Leader).max_by_key(|(id, r)| (r.term, std::cmp::Reverse(*id)));
    let term = match leader {
        Some((_, r)) => r.term,
        None => cx.live().map(|(_, r)| r.term).max().unwrap_or(0),
    };
    // The first time each entry (index and prefix hash) was committed by any server.
    let mut firsts: Vec<&Committed> = Vec::new();
    for r in cx.nodes {
        for c in &r.ghost.committed {
            match firsts.iter_mut().find(|f| f.index == c.index && f.hash == c.hash) {
                Some(f) if c.at < f.at => *f = c,
                Some(_) => {}
                None => firsts.push(c),
            }
        }
    }
    firsts.sort_by_key(|c| (c.index, c.at));
    let lost = |c: &Committed| {
        let deleted = cx.nodes.iter().flat_map(|r| r.ghost.deleted.iter());
        deleted.filter(|&&(i, h, at)| i == c.index && h == c.hash && at >= c.at).map(|d| d.2).min()
    };
    let commits: Vec<serde_json::Value> = firsts
        .iter()
        .map(|c| {
            let value: serde_json::Value = c.entry.client_value().into();
            Object::new()
                .with("index", c.index.into())
                .with("term", c.entry.term.into())
                .with("value", value)
                .with("at_ms", to_ms(c.at).into())
                .with("lost_at_ms", lost(c).map(to_ms).into())
                .into()
        })
        .collect();
    let committed: Vec<&str> = firsts.iter().filter_map(|c| c.entry.client_value()).collect();
    let leader = leader.map(|(id, _)| id);
    Object::new()
        .with("leader", leader.into())
        .with("term", term.into())
        .with("committed", committed.into())
        .with("commits", commits.into())
        .into()
}

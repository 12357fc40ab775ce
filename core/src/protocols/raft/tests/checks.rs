//! The Figure 3 checks find each property broken in a crafted state, and stay quiet on a
//! healthy one.

use super::*;
use crate::sim::protocol::CheckCx;

fn check(nodes: &[Raft]) -> Vec<(&'static str, Vec<NodeId>, String)> {
    let up = vec![true; nodes.len()];
    let c = cfg(Bugs::default());
    let cx = CheckCx { now: 0, cfg: &c, nodes, up: &up, in_flight: &[] };
    invariants::check(&cx).into_iter().map(|v| (v.name, v.nodes, v.explanation.to_string())).collect()
}

fn five(f: impl Fn(&mut Vec<Raft>)) -> Vec<Raft> {
    let mut v: Vec<Raft> = (1..=5).map(|i| node(i, 1, &[1, 1])).collect();
    f(&mut v);
    v
}

#[test]
fn a_healthy_cluster_breaks_nothing() {
    let mut v = five(|_| {});
    elect(&mut v[0]);
    v[0].commit_to(2, why(), &mut cx(1, 0));
    v[1].commit_to(1, why(), &mut cx(2, 0));
    assert!(check(&v).is_empty(), "{:?}", check(&v));
}

#[test]
fn two_leaders_of_one_term_break_election_safety() {
    let mut v = five(|_| {});
    elect(&mut v[1]);
    elect(&mut v[3]);
    let found = check(&v);
    assert_eq!(found[0].0, invariants::ELECTION_SAFETY);
    assert_eq!(found[0].1, vec![2, 4]);
    assert_eq!(found[0].2, "P2 and P4 were both elected leader of term 1");
}

#[test]
fn a_leader_deleting_its_own_entries_breaks_leader_append_only() {
    let mut v = five(|_| {});
    elect(&mut v[0]);
    v[0].log.truncate_from(2);
    assert_eq!(check(&v)[0].0, invariants::LEADER_APPEND_ONLY);
}

#[test]
fn same_index_and_term_with_different_prefixes_breaks_log_matching() {
    // P3 and P5 both hold an entry of term 4 at index 3 but differ at index 2: impossible in
    // Raft, where a leader creates at most one entry per index in its term (§5.3).
    let v = five(|v| {
        v[2] = node(3, 4, &[1]);
        v[2].log.append(Entry::new(3, "x"));
        v[2].log.append(Entry::new(4, "v3"));
        v[4].log.append(Entry::new(4, "v3"));
    });
    let found = check(&v);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, invariants::LOG_MATCHING);
    assert_eq!(found[0].1, vec![3, 5]);
    assert_eq!(found[0].2, "P3 and P5 both hold an entry of term 4 at index 3, yet their logs differ at index 2");
}

#[test]
fn a_leader_without_a_committed_entry_breaks_leader_completeness() {
    // Figure 8 (d) after (c) with the broken rule: P1 committed index 2 (term 2) in term 4;
    // P5 leads term 5 with a term-3 entry there.
    let mut v = vec![node(1, 4, &[1, 2, 4]), node(2, 4, &[1, 2]), node(3, 4, &[1, 2]), node(4, 4, &[1]), node(5, 5, &[1, 3])];
    v[0].commit_to(2, why(), &mut cx(1, 0));
    elect(&mut v[4]);
    let found = check(&v);
    assert_eq!(found[0].0, invariants::LEADER_COMPLETENESS);
    assert_eq!(found[0].1, vec![1, 5]);
    assert_eq!(found[0].2, "P5 leads term 5 without the entries up to index 2 that P1 knew were committed in term 4");
}

#[test]
fn different_entries_applied_at_one_index_break_state_machine_safety() {
    let mut v = five(|v| v[3] = node(4, 1, &[1, 3]));
    v[0].commit_to(2, why(), &mut cx(1, 0));
    v[3].commit_to(2, why(), &mut cx(4, 0));
    let found: Vec<_> = check(&v).into_iter().filter(|f| f.0 == invariants::STATE_MACHINE_SAFETY).collect();
    assert_eq!(found[0].1, vec![1, 4]);
    assert_eq!(found[0].2, "P1 applied v2 (term 1) at index 2 but P4 applied v2 (term 3) there");
}

#[test]
fn re_applying_something_else_after_a_restart_breaks_state_machine_safety() {
    let mut v = five(|_| {});
    v[0].commit_to(2, why(), &mut cx(1, 0));
    v[0].on_recover(&mut cx(1, 1));
    v[0].log.truncate_from(2);
    v[0].log.append(Entry::new(2, "w"));
    v[0].commit_to(2, why(), &mut cx(1, 2));
    let found = check(&v);
    assert!(found.iter().any(|f| f.0 == invariants::STATE_MACHINE_SAFETY && f.2 == "P1 applied v2 at index 2, then after a restart applied w there"), "{found:?}");
}

#[test]
fn pairs_that_did_not_change_are_not_checked_again() {
    // The memo: a violation is reported on the step that causes it; the next step, with
    // nothing changed, costs no pairwise work and reports nothing new.
    let v = five(|v| {
        v[2].log.append(Entry::new(1, "a"));
        v[4].log.append(Entry::new(1, "b"));
    });
    assert!(!check(&v).is_empty());
    assert!(check(&v).is_empty());
}

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
        v[2].log.append(Entry::new(3, "x"), 0);
        v[2].log.append(Entry::new(4, "v3"), 0);
        v[4].log.append(Entry::new(4, "v3"), 0);
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
    v[0].log.append(Entry::new(2, "w"), 0);
    v[0].commit_to(2, why(), &mut cx(1, 2));
    let found = check(&v);
    assert!(found.iter().any(|f| f.0 == invariants::STATE_MACHINE_SAFETY && f.2 == "P1 applied v2 at index 2, then after a restart applied w there"), "{found:?}");
}

#[test]
fn pairs_that_did_not_change_are_not_checked_again() {
    // The memo: a violation is reported on the step that causes it; the next step, with
    // nothing changed, costs no pairwise work and reports nothing new.
    let v = five(|v| {
        v[2].log.append(Entry::new(1, "a"), 0);
        v[4].log.append(Entry::new(1, "b"), 0);
    });
    assert!(!check(&v).is_empty());
    assert!(check(&v).is_empty());
}

// §5.3's definition of committed: "A log entry is committed once the leader that created the
// entry has replicated it on a majority of the servers", known to anyone or not.

/// Five nodes in term 1, empty logs; P1..P3 accept `x=1` at index 1 in term 1 (as from P1,
/// leader of term 1), and nobody's commitIndex moves.
fn x1_on_a_majority() -> Vec<Raft> {
    let mut v: Vec<Raft> = (1..=5).map(|i| node(i, 1, &[])).collect();
    for r in &mut v[..3] {
        r.log.append(Entry::new(1, "x=1"), 1);
    }
    v
}

#[test]
fn an_entry_a_majority_accepted_in_its_term_is_committed_though_nobody_knew_it() {
    // §5.3: P1 led term 1 and crashed before any acknowledgement; x=1 is committed anyway,
    // so P4, elected in term 2 without it (vote_without_log_check), breaks Leader Completeness.
    let mut v = x1_on_a_majority();
    assert!(check(&v).is_empty());
    assert!(v.iter().all(|r| r.commit_index == 0 && r.ghost.commits.is_empty()), "nobody knows it is committed");
    v[3].term = 2;
    elect(&mut v[3]);
    let found = check(&v);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, invariants::LEADER_COMPLETENESS);
    assert_eq!(found[0].1, vec![4]);
    assert_eq!(
        found[0].2,
        "P4 leads term 2 without the entries up to index 1, though they were committed in term 1: a majority (P1, P2, P3) held index 1, each having accepted it in term 1, even if no server learnt that it was committed"
    );
}

#[test]
fn acceptance_in_a_later_term_does_not_make_an_entry_committed() {
    // §5.4.2 (Figure 8): an entry of term 1 that P2 and P3 received from a leader of term 2 is
    // on a majority, yet not committed by counting; a leader without it breaks nothing.
    let mut v: Vec<Raft> = (1..=5).map(|i| node(i, 2, &[])).collect();
    v[0].log.append(Entry::new(1, "x=1"), 1);
    v[1].log.append(Entry::new(1, "x=1"), 2);
    v[2].log.append(Entry::new(1, "x=1"), 2);
    assert!(check(&v).is_empty());
    v[3].term = 3;
    elect(&mut v[3]);
    assert!(check(&v).is_empty(), "{:?}", check(&v));
}

#[test]
fn applying_something_else_where_an_entry_was_committed_by_majority_breaks_state_machine_safety() {
    // §5.3 + Figure 3: the committed x=1 is the entry every server will apply at index 1.
    let mut v = x1_on_a_majority();
    assert!(check(&v).is_empty());
    v[4].term = 2;
    v[4].log.append(Entry::new(2, "y=2"), 2);
    v[4].commit_to(1, why(), &mut cx(5, 0));
    let found = check(&v);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, invariants::STATE_MACHINE_SAFETY);
    assert_eq!(found[0].1, vec![5]);
    assert_eq!(
        found[0].2,
        "P5 applied y=2 (term 2) at index 1, but x=1 (term 1) was committed there: a majority (P1, P2, P3) held it, each having accepted it in term 1"
    );
}

#[test]
fn a_no_op_is_named_as_such_in_a_violation() {
    let mut v = x1_on_a_majority();
    check(&v);
    v[4].term = 2;
    v[4].log.append(Entry::noop(2), 2);
    v[4].commit_to(1, why(), &mut cx(5, 0));
    assert!(check(&v)[0].2.starts_with("P5 applied the no-op (term 2) at index 1, but x=1"), "{:?}", check(&v));
}

// Step by step (issue 19): a healthy state is checked, one node changes, the state is checked
// again. The checks only re-examine what changed since the last check, so each must notice
// the change that breaks its property.

fn healthy() -> Vec<Raft> {
    let mut v = five(|_| {});
    elect(&mut v[0]);
    let found = check(&v);
    assert!(found.is_empty(), "{found:?}");
    v
}

#[test]
fn step_a_same_length_overwrite_breaks_log_matching() {
    // Same index, same term, another value, same log length: only the log's change counter
    // shows that P3's log changed (its length does not).
    let mut v = healthy();
    v[2].log.truncate_from(2);
    v[2].log.append(Entry::new(1, "other"), 1);
    assert_eq!(v[2].log.last_index(), 2);
    let found = check(&v);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, invariants::LOG_MATCHING);
    assert_eq!(found[0].1, vec![1, 3]);
}

#[test]
fn step_a_second_leader_of_the_term_breaks_election_safety() {
    let mut v = healthy();
    elect(&mut v[2]);
    let found = check(&v);
    assert_eq!(found[0].0, invariants::ELECTION_SAFETY);
    assert_eq!(found[0].1, vec![1, 3]);
}

#[test]
fn step_the_leader_overwriting_its_own_entry_breaks_leader_append_only() {
    // Again at the same length, so only the counters show it.
    let mut v = healthy();
    v[0].log.truncate_from(2);
    v[0].log.append(Entry::new(1, "v2"), 1);
    let found = check(&v);
    assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), vec![invariants::LEADER_APPEND_ONLY]);
}

#[test]
fn step_a_commit_the_leader_lacks_breaks_leader_completeness() {
    // P1 leads term 2 with [1, 1]; P2, back in term 1, had a different index 2 and knew it
    // committed: the leader of a later term lacks it.
    let mut v = five(|_| {});
    v[0].term = 2;
    elect(&mut v[0]);
    assert!(check(&v).is_empty());
    v[1].log.truncate_from(2);
    v[1].log.append(Entry::new(1, "w"), 1);
    v[1].commit_to(2, why(), &mut cx(2, 0));
    let found: Vec<_> = check(&v).into_iter().filter(|f| f.0 == invariants::LEADER_COMPLETENESS).collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, vec![1, 2]);
}

#[test]
fn step_a_majority_completed_by_one_node_breaks_leader_completeness() {
    // P1 leads term 2 without index 3; P4 and P5 hold an entry of term 1 there accepted in
    // term 1: not yet a majority. Then P3 accepts it too, and it is committed (§5.3).
    let mut v = five(|_| {});
    v[0].term = 2;
    elect(&mut v[0]);
    for r in &mut v[3..] {
        r.log.append(Entry::new(1, "z"), 1);
    }
    assert!(check(&v).is_empty());
    v[2].log.append(Entry::new(1, "z"), 1);
    let found = check(&v);
    assert_eq!(found.iter().map(|f| (f.0, f.1.clone())).collect::<Vec<_>>(), vec![(invariants::LEADER_COMPLETENESS, vec![1])]);
}

#[test]
fn step_applying_a_different_entry_breaks_state_machine_safety() {
    let mut v = healthy();
    v[0].commit_to(2, why(), &mut cx(1, 0));
    v[1].commit_to(1, why(), &mut cx(2, 0));
    assert!(check(&v).is_empty());
    v[1].log.truncate_from(2);
    v[1].log.append(Entry::new(1, "other"), 1);
    check(&v); // the overwrite itself: Log Matching
    v[1].commit_to(2, why(), &mut cx(2, 0));
    let found = check(&v);
    assert_eq!(found.iter().map(|f| (f.0, f.1.clone())).collect::<Vec<_>>(), vec![(invariants::STATE_MACHINE_SAFETY, vec![1, 2])]);
}

#[test]
fn checking_from_scratch_finds_what_the_incremental_checks_found() {
    // After a violation was reported, the incremental check of the same state reports
    // nothing new; from scratch, it is found again.
    let mut v = healthy();
    v[2].log.truncate_from(2);
    v[2].log.append(Entry::new(1, "other"), 1);
    let first = check(&v);
    assert!(check(&v).is_empty());
    let up = vec![true; 5];
    let c = cfg(Bugs::default());
    let cx = CheckCx { now: 0, cfg: &c, nodes: &v, up: &up, in_flight: &[] };
    let again: Vec<_> = invariants::check_from_scratch(&cx).into_iter().map(|v| (v.name, v.nodes)).collect();
    assert_eq!(again, first.into_iter().map(|f| (f.0, f.1)).collect::<Vec<_>>());
}

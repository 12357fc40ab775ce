//! Leader election: §5.2 and the election restriction of §5.4.1.

use super::*;
use crate::sim::protocol::Protocol;

#[test]
fn election_timeout_makes_a_candidate_that_votes_for_itself_and_asks_everyone() {
    // Figure 2, Candidates: increment currentTerm, vote for self, reset election timer,
    // send RequestVote RPCs to all other servers (with lastLogIndex and lastLogTerm).
    let mut r = node(3, 4, &[1, 1, 4]);
    let mut c = cx(3, 1000);
    r.on_timer(Timer::Election, &mut c);
    assert_eq!((r.role, r.term, r.voted_for), (Role::Candidate, 5, Some(3)));
    assert_eq!(r.voters(), vec![3]);
    let rv = Msg::RequestVote { term: 5, last_log_index: 3, last_log_term: 4 };
    assert_eq!(acts(&c), vec![election_timer(), send(1, rv.clone()), send(2, rv.clone()), send(4, rv.clone()), send(5, rv)]);
}

#[test]
fn a_follower_grants_one_vote_per_term_and_resets_its_timer() {
    // Figure 2, RequestVote: grant if votedFor is null or candidateId and the candidate's
    // log is at least as up-to-date; §5.2: "at most one candidate in a given term".
    let mut r = node(1, 2, &[1, 2]);
    let mut c = cx(1, 0);
    r.on_message(3, Msg::RequestVote { term: 2, last_log_index: 2, last_log_term: 2 }, &mut c);
    assert_eq!(acts(&c), vec![election_timer(), send(3, Msg::Vote { term: 2, granted: true })]);
    assert_eq!(r.voted_for, Some(3));

    let mut c = cx(1, 1);
    r.on_message(4, Msg::RequestVote { term: 2, last_log_index: 9, last_log_term: 2 }, &mut c);
    assert_eq!(acts(&c), vec![send(4, Msg::Vote { term: 2, granted: false })], "already voted for P3 in term 2");

    // The same candidate asking again (a duplicate) is granted again: votedFor = candidateId.
    let mut c = cx(1, 2);
    r.on_message(3, Msg::RequestVote { term: 2, last_log_index: 2, last_log_term: 2 }, &mut c);
    assert_eq!(acts(&c), vec![election_timer(), send(3, Msg::Vote { term: 2, granted: true })]);
}

#[test]
fn a_request_from_an_older_term_is_denied_with_the_newer_term() {
    // Figure 2, RequestVote 1: reply false if term < currentTerm.
    let mut r = node(1, 5, &[]);
    let mut c = cx(1, 0);
    r.on_message(2, Msg::RequestVote { term: 4, last_log_index: 0, last_log_term: 0 }, &mut c);
    assert_eq!(acts(&c), vec![send(2, Msg::Vote { term: 5, granted: false })]);
    assert_eq!(r.voted_for, None);
}

#[test]
fn a_newer_term_clears_the_vote_before_deciding() {
    // Figure 2, All Servers: if T > currentTerm, set currentTerm = T and convert to follower;
    // votedFor belongs to the old term.
    let mut r = node(1, 3, &[1]);
    r.voted_for = Some(2);
    let mut c = cx(1, 0);
    r.on_message(4, Msg::RequestVote { term: 7, last_log_index: 1, last_log_term: 1 }, &mut c);
    assert_eq!((r.term, r.voted_for), (7, Some(4)));
    assert_eq!(acts(&c), vec![election_timer(), send(4, Msg::Vote { term: 7, granted: true })]);
}

#[test]
fn the_up_to_date_check_compares_last_terms_first_then_lengths() {
    // §5.4.1: "If the logs have last entries with different terms, then the log with the
    // later term is more up-to-date. If the logs end with the same term, then whichever log
    // is longer is more up-to-date."
    let r = node(1, 5, &[1, 1, 3]);
    assert!(r.log_ok(4, 1), "a later last term wins even with a shorter log");
    assert!(!r.log_ok(2, 9), "an earlier last term loses even with a longer log");
    assert!(r.log_ok(3, 3), "same last term, same length: up-to-date");
    assert!(!r.log_ok(3, 2), "same last term, shorter: not up-to-date");

    let mut r = node(1, 5, &[1, 1, 3]);
    let mut c = cx(1, 0);
    r.on_message(2, Msg::RequestVote { term: 6, last_log_index: 5, last_log_term: 2 }, &mut c);
    assert_eq!(acts(&c), vec![send(2, Msg::Vote { term: 6, granted: false })]);
    assert_eq!((r.term, r.voted_for), (6, None), "the term moves up, the vote stays free");
}

#[test]
fn bug_vote_without_log_check_grants_a_stale_log() {
    let bugs = Bugs { vote_without_log_check: true, ..Bugs::default() };
    let mut r = node_with(1, 5, &[1, 1, 3], bugs);
    let mut c = cx(1, 0);
    r.on_message(2, Msg::RequestVote { term: 6, last_log_index: 5, last_log_term: 2 }, &mut c);
    assert_eq!(acts(&c), vec![election_timer(), send(2, Msg::Vote { term: 6, granted: true })]);
    assert!(notes(&c)[0].contains("vote_without_log_check"));
}

#[test]
fn a_majority_of_votes_makes_a_leader_that_sends_heartbeats_at_once() {
    // Figure 2, Candidates: votes from a majority -> leader; Leaders: upon election send
    // initial empty AppendEntries to each server; nextIndex = last log index + 1 (§5.3).
    let mut r = node(2, 1, &[1, 1]);
    let mut c = cx(2, 0);
    r.on_timer(Timer::Election, &mut c);
    let mut c = cx(2, 20);
    r.on_message(4, Msg::Vote { term: 2, granted: true }, &mut c);
    r.on_message(4, Msg::Vote { term: 2, granted: true }, &mut c);
    r.on_message(5, Msg::Vote { term: 2, granted: false }, &mut c);
    assert_eq!(r.role, Role::Candidate, "a duplicated vote counts once; a denial not at all");
    assert!(c.effects.is_empty());
    r.on_message(1, Msg::Vote { term: 2, granted: true }, &mut c);
    assert_eq!(r.role, Role::Leader);
    assert_eq!(r.next_index[1..], [3, 3, 3, 3, 3]);
    assert_eq!(r.match_index[1..], [0, 0, 0, 0, 0]);
    let hb = Msg::AppendEntries { term: 2, prev_log_index: 2, prev_log_term: 1, entries: vec![], leader_commit: 0 };
    assert_eq!(
        acts(&c),
        vec![
            Effect::CancelTimer { timer: Timer::Election },
            send(1, hb.clone()),
            send(3, hb.clone()),
            send(4, hb.clone()),
            send(5, hb),
            Effect::SetTimer { timer: Timer::Heartbeat, lo: HB, hi: HB },
        ]
    );
    assert_eq!(r.ghost.led, vec![2]);
}

#[test]
fn a_vote_from_an_older_election_is_ignored() {
    let mut r = node(2, 3, &[]);
    let mut c = cx(2, 0);
    r.on_timer(Timer::Election, &mut c); // term 4
    let mut c = cx(2, 1);
    r.on_message(1, Msg::Vote { term: 3, granted: true }, &mut c);
    r.on_message(3, Msg::Vote { term: 3, granted: true }, &mut c);
    assert_eq!((r.role, r.voters()), (Role::Candidate, vec![2]));
}

#[test]
fn a_candidate_that_hears_from_the_leader_of_its_term_steps_down() {
    // §5.2: "If the leader's term is at least as large as the candidate's current term, then
    // the candidate recognizes the leader as legitimate and returns to follower state."
    let mut r = node(3, 1, &[]);
    r.on_timer(Timer::Election, &mut cx(3, 0)); // candidate in term 2
    let mut c = cx(3, 10);
    let ae = Msg::AppendEntries { term: 2, prev_log_index: 0, prev_log_term: 0, entries: vec![], leader_commit: 0 };
    r.on_message(1, ae, &mut c);
    assert_eq!((r.role, r.term, r.leader), (Role::Follower, 2, Some(1)));
    assert_eq!(acts(&c), vec![election_timer(), send(1, Msg::AppendReply { term: 2, success: true, index: 0 })]);
}

#[test]
fn a_leader_that_sees_a_newer_term_becomes_a_follower_with_an_election_timer() {
    // Figure 2, All Servers: RPC response with T > currentTerm -> follower.
    let mut r = node(1, 3, &[1]);
    elect(&mut r);
    let mut c = cx(1, 50);
    r.on_message(4, Msg::AppendReply { term: 9, success: false, index: 1 }, &mut c);
    assert_eq!((r.role, r.term, r.voted_for, r.leader), (Role::Follower, 9, None, None));
    assert_eq!(acts(&c), vec![Effect::CancelTimer { timer: Timer::Heartbeat }, election_timer()]);
    assert!(r.next_index.is_empty() && r.match_index.is_empty());
}

#[test]
fn timeout_on_a_leader_starts_a_new_election_as_in_raftscope() {
    let mut r = node(1, 3, &[1]);
    elect(&mut r);
    let mut c = cx(1, 50);
    r.on_command(&Command::Timeout, &mut c);
    assert_eq!((r.role, r.term), (Role::Candidate, 4));
    assert_eq!(acts(&c)[..2], [Effect::CancelTimer { timer: Timer::Heartbeat }, election_timer()]);
    assert_eq!(acts(&c).len(), 6, "then four RequestVotes");
}

#[test]
fn a_restart_keeps_term_vote_and_log_and_loses_the_rest() {
    // Figure 2: currentTerm, votedFor, log[] are persistent; commitIndex, lastApplied and
    // the leader's nextIndex/matchIndex are volatile.
    let mut r = node(1, 4, &[1, 4]);
    elect(&mut r);
    r.voted_for = Some(1);
    r.commit_to(2, why(), &mut cx(1, 0));
    assert_eq!(r.kv.len(), 0, "v1, v2 are not key=value commands");
    let mut c = cx(1, 99);
    r.on_recover(&mut c);
    assert_eq!((r.role, r.term, r.voted_for, terms(&r)), (Role::Follower, 4, Some(1), vec![1, 4]));
    assert_eq!((r.commit_index, r.last_applied, r.leader), (0, 0, None));
    assert!(r.next_index.is_empty());
    assert_eq!(acts(&c), vec![election_timer()]);
}

#[test]
fn bug_forget_vote_on_restart_loses_voted_for() {
    let bugs = Bugs { forget_vote_on_restart: true, ..Bugs::default() };
    let mut r = node_with(1, 4, &[1], bugs);
    r.voted_for = Some(2);
    r.on_recover(&mut cx(1, 0));
    assert_eq!((r.term, r.voted_for), (4, None));
    // ... so it votes again in the same term: the second vote of Election Safety's breach.
    let mut c = cx(1, 1);
    r.on_message(3, Msg::RequestVote { term: 4, last_log_index: 1, last_log_term: 1 }, &mut c);
    assert_eq!(acts(&c).last(), Some(&send(3, Msg::Vote { term: 4, granted: true })));
}

#[test]
fn a_one_node_cluster_elects_itself_and_commits_alone() {
    let mut r = Raft::new(1, 1, &cfg(Bugs::default()));
    let mut c = Ctx::new(1, 1, 0);
    r.on_timer(Timer::Election, &mut c);
    assert_eq!(r.role, Role::Leader);
    r.on_command(&Command::ClientRequest { value: "x=1".into() }, &mut c);
    assert_eq!((r.commit_index, r.kv.get("x").map(String::as_str)), (1, Some("1")));
}

// §8: "Raft handles this by having each leader commit a blank no-op entry into the log at the
// start of its term."

/// Node 1 of 5 with §8's no-op on, in term 2 with a log of these terms, elected leader of
/// term 3 by P2 and P3; returns the effects of the winning vote.
fn win_with_noop(log: &[Term]) -> (Raft, Ctx<Raft>) {
    let mut r = Raft::new(1, 5, &cfg_noop());
    r.term = 2;
    for (i, &t) in log.iter().enumerate() {
        r.log.append(Entry::new(t, &format!("v{}", i + 1)), 0);
    }
    r.start_election(super::says::TIMED_OUT, &mut cx(1, 0));
    r.on_vote(2, 3, true, &mut cx(1, 5));
    let mut c = cx(1, 10);
    r.on_vote(3, 3, true, &mut c);
    assert_eq!(r.role, Role::Leader);
    (r, c)
}

#[test]
fn a_new_leader_appends_a_no_op_of_its_term_and_sends_it_at_once() {
    // §8: the no-op, of the new term, goes out in the first AppendEntries (nextIndex is just
    // past the log as it was before the no-op, §5.3).
    let (r, c) = win_with_noop(&[1, 2]);
    assert_eq!(r.log.get(3), Some(&Entry::noop(3)));
    assert_eq!(r.log.accepted_in(3), Some(3));
    let ae = Msg::AppendEntries { term: 3, prev_log_index: 2, prev_log_term: 2, entries: vec![Entry::noop(3)], leader_commit: 0 };
    let mut want = vec![Effect::CancelTimer { timer: Timer::Election }];
    want.extend([2, 3, 4, 5].map(|p| send(p, ae.clone())));
    want.push(Effect::SetTimer { timer: Timer::Heartbeat, lo: HB, hi: HB });
    assert_eq!(acts(&c), want);
    assert!(notes(&c).iter().any(|n| n == "P1 wins the election for term 3 with votes from P1, P2, P3: it is the leader, and appends a no-op entry of its term at index 3; once that is committed, so is everything before it (§8)"), "{:?}", notes(&c));
}

#[test]
fn committing_the_no_op_commits_the_earlier_terms_entries_without_a_client() {
    // §5.4.2 forbids committing index 2 (term 2) by counting; the no-op of term 3 on a
    // majority is committed, and index 2 with it (Log Matching).
    let (mut r, _) = win_with_noop(&[1, 2]);
    let mut c = cx(1, 20);
    r.on_message(2, Msg::AppendReply { term: 3, success: true, index: 3 }, &mut c);
    assert_eq!(r.commit_index, 0, "the no-op is on 2 of 5 servers");
    r.on_message(3, Msg::AppendReply { term: 3, success: true, index: 3 }, &mut c);
    assert_eq!(r.commit_index, 3);
    assert_eq!(r.last_applied, 3);
}

#[test]
fn a_no_op_changes_no_state_machine_and_is_drawn_as_a_no_op() {
    let (mut r, _) = win_with_noop(&[]);
    r.commit_to(1, why(), &mut cx(1, 30));
    assert!(r.kv.is_empty());
    let v = r.view(&cfg_noop());
    assert!(v.cells[0].noop, "the view flags the no-op");
    assert_eq!(v.cells[0].hint, "entry 1, term 3: no-op (§8)");
    let log = v.rows.iter().find(|(k, _)| k.to_string() == "log").unwrap().1.to_string();
    assert_eq!(log, "1:t3 no-op |");
}

#[test]
fn without_the_no_op_a_new_leader_sends_only_a_heartbeat() {
    // `noop_on_election: false`: Figure 2 alone, as the paper's Figures 7 and 8 are drawn.
    let mut r = node(1, 2, &[1, 2]);
    elect(&mut r);
    assert_eq!(terms(&r), vec![1, 2]);
}

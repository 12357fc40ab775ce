//! Log replication (§5.3), the commitment rule (§5.4.2) and applying to the state machine.

use super::*;
use crate::sim::protocol::{Command, Protocol};

fn ae(term: Term, prev: Index, prev_term: Term, e: Vec<Entry>, commit: Index) -> Msg {
    Msg::AppendEntries { term, prev_log_index: prev, prev_log_term: prev_term, entries: e, leader_commit: commit }
}

fn ok(term: Term, index: Index) -> Msg {
    Msg::AppendReply { term, success: true, index }
}

fn fail(term: Term, index: Index) -> Msg {
    Msg::AppendReply { term, success: false, index }
}

#[test]
fn the_leader_appends_a_request_in_its_term_and_sends_it_to_every_follower() {
    // §5.3: "The leader appends the command to its log as a new entry, then issues
    // AppendEntries RPCs in parallel to each of the other servers".
    let mut r = node(1, 3, &[1, 2]);
    elect(&mut r);
    r.next_index[4] = 2; // P4 is known to need entry 2 as well
    let mut c = cx(1, 10);
    r.on_command(&Command::ClientRequest { value: "x=1".into() }, &mut c);
    assert_eq!(r.log.get(3), Some(&Entry::new(3, "x=1")));
    let new = vec![Entry::new(3, "x=1")];
    let mut with_2 = entries(2, &[2]);
    with_2.push(Entry::new(3, "x=1"));
    assert_eq!(
        acts(&c),
        vec![
            send(2, ae(3, 2, 2, new.clone(), 0)),
            send(3, ae(3, 2, 2, new.clone(), 0)),
            send(4, ae(3, 1, 1, with_2, 0)),
            send(5, ae(3, 2, 2, new, 0)),
            Effect::SetTimer { timer: Timer::Heartbeat, lo: HB, hi: HB },
        ]
    );
}

#[test]
fn a_follower_rejects_a_request_naming_its_leader_and_the_client_retries_there() {
    // §8: "If a client contacts a follower, the follower rejects it and supplies information
    // about the most recent leader it has heard from"; the client's retry at that leader is
    // drawn as a ClientRetry from the follower to it.
    let mut r = node(2, 3, &[1]);
    r.leader = Some(4);
    let mut c = cx(2, 0);
    r.on_command(&Command::ClientRequest { value: "y=7".into() }, &mut c);
    assert_eq!(acts(&c), vec![send(4, Msg::ClientRetry { value: "y=7".into() })]);
    assert_eq!(terms(&r), vec![1], "only the leader appends");
    assert_eq!(notes(&c), vec!["P2 is a follower: it rejects y=7 and tells the client that P4 is the leader it knows; the client sends y=7 to P4".to_string()]);
    assert_eq!(Raft::describe(&Msg::ClientRetry { value: "y=7".into() }).label, "client retry: y=7");
}

#[test]
fn the_leader_appends_a_request_the_client_retried_at_it() {
    let mut r = node(4, 3, &[1]);
    elect(&mut r);
    let mut c = cx(4, 10);
    r.on_message(2, Msg::ClientRetry { value: "y=7".into() }, &mut c);
    assert_eq!(r.log.get(2), Some(&Entry::new(3, "y=7")));
    assert_eq!(notes(&c)[0], "The client sends y=7 to P4, which P2 named as the leader");
}

#[test]
fn with_no_known_leader_a_request_is_refused_and_retried_after_a_timeout() {
    // §8: a server that knows no leader cannot redirect; the client tries again later (a
    // timer at that server, as long as the longest election timeout).
    let mut r = node(2, 3, &[1]);
    let mut c = cx(2, 0);
    r.on_command(&Command::ClientRequest { value: "y=7".into() }, &mut c);
    let retry = Timer::ClientRetry { value: "y=7".into() };
    assert_eq!(acts(&c), vec![Effect::SetTimer { timer: retry.clone(), lo: HI, hi: HI }]);
    assert_eq!(notes(&c), vec!["P2 is a follower that knows no leader: it turns y=7 away, and the client tries again in 200 ms".to_string()]);
    assert_eq!(Raft::describe_timer(&retry), "retry timeout");
    // Meanwhile P4 has been elected: the retry is redirected to it.
    r.leader = Some(4);
    let mut c = cx(2, HI);
    r.on_timer(retry, &mut c);
    assert_eq!(acts(&c), vec![send(4, Msg::ClientRetry { value: "y=7".into() })]);
    assert_eq!(notes(&c)[0], "The client tries y=7 at P2 again");
}

#[test]
fn a_candidate_refuses_a_request_and_the_client_retries_later() {
    let mut r = node(2, 3, &[1]);
    r.start_election(super::super::says::TIMED_OUT, &mut cx(2, 0));
    let mut c = cx(2, 1);
    r.on_command(&Command::ClientRequest { value: "y=7".into() }, &mut c);
    assert_eq!(acts(&c), vec![Effect::SetTimer { timer: Timer::ClientRetry { value: "y=7".into() }, lo: HI, hi: HI }]);
    assert!(notes(&c)[0].starts_with("P2 is a candidate: there is no leader to take y=7 yet"));
}

#[test]
fn append_entries_from_an_older_term_is_refused_with_the_newer_term() {
    // Figure 2, AppendEntries 1: reply false if term < currentTerm.
    let mut r = node(2, 5, &[1]);
    let mut c = cx(2, 0);
    r.on_message(1, ae(4, 1, 1, entries(2, &[4]), 1), &mut c);
    assert_eq!(acts(&c), vec![send(1, fail(5, 1))]);
    assert_eq!((terms(&r), r.commit_index, r.leader), (vec![1], 0, None));
}

#[test]
fn a_follower_missing_the_previous_entry_refuses() {
    // Figure 2, AppendEntries 2: reply false if the log has no entry at prevLogIndex whose
    // term matches prevLogTerm (Figure 7 (b): a follower missing entries).
    let mut r = node(2, 8, &[1, 1, 1, 4]);
    let mut c = cx(2, 0);
    r.on_message(1, ae(8, 10, 6, vec![], 0), &mut c);
    assert_eq!(acts(&c), vec![election_timer(), send(1, fail(8, 10))]);
    // An entry there with another term is no better.
    let mut c = cx(2, 1);
    r.on_message(1, ae(8, 4, 5, vec![], 0), &mut c);
    assert_eq!(acts(&c), vec![election_timer(), send(1, fail(8, 4))]);
    assert_eq!(terms(&r), vec![1, 1, 1, 4]);
}

#[test]
fn conflicting_entries_are_deleted_and_replaced_by_the_leaders() {
    // Figure 2, AppendEntries 3 and 4; Figure 7 (f): entries of terms 2 and 3 that the
    // leader of term 8 never had give way to its entries.
    let mut r = node(7, 3, &[1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3]);
    let mut c = cx(7, 0);
    r.on_message(1, ae(8, 3, 1, entries(4, &[4, 4, 5]), 0), &mut c);
    assert_eq!(terms(&r), vec![1, 1, 1, 4, 4, 5]);
    assert_eq!(r.log.get(4).map(|e| &*e.value), Some("v4"));
    assert_eq!(acts(&c), vec![election_timer(), send(1, ok(8, 6))]);
    assert_eq!(r.log.truncations(), 1);
}

#[test]
fn entries_already_held_are_kept_and_a_longer_matching_log_is_not_cut() {
    // Figure 2, AppendEntries 3 only deletes on a conflict: a delayed or duplicated
    // AppendEntries must not undo later appends (Figure 7 (c): an extra entry stays until
    // the leader sends a conflicting one).
    let mut r = node(4, 6, &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6]);
    let mut c = cx(4, 0);
    r.on_message(1, ae(8, 8, 6, entries(9, &[6]), 0), &mut c);
    assert_eq!(terms(&r).len(), 11);
    assert_eq!(r.log.truncations(), 0);
    assert_eq!(acts(&c), vec![election_timer(), send(1, ok(8, 9))], "the reply vouches for index 9 only");
}

#[test]
fn a_follower_commits_up_to_leader_commit_but_not_past_what_the_message_proved() {
    // Figure 2, AppendEntries 5: commitIndex = min(leaderCommit, index of last new entry).
    let mut r = node(3, 2, &[1, 1, 1, 1, 1]); // entries 4 and 5 may be stale
    let mut c = cx(3, 0);
    r.on_message(1, ae(2, 2, 1, entries(3, &[1]), 5), &mut c);
    assert_eq!((r.commit_index, r.last_applied), (3, 3));
    let mut c = cx(3, 1);
    r.on_message(1, ae(2, 5, 1, vec![], 5), &mut c);
    assert_eq!(r.commit_index, 5);
}

#[test]
fn committed_commands_are_applied_in_order_to_the_key_value_store() {
    let mut r = node(3, 2, &[]);
    let vals = ["x=1", "y=2", "x=3", "hello"];
    let e: Vec<Entry> = vals.iter().map(|v| Entry::new(2, v)).collect();
    r.on_message(1, ae(2, 0, 0, e, 4), &mut cx(3, 0));
    assert_eq!(r.last_applied, 4);
    let kv: Vec<(&str, &str)> = r.kv.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(kv, vec![("x", "3"), ("y", "2")], "the last write wins; 'hello' changes nothing");
}

#[test]
fn a_failed_append_backs_next_index_up_by_one_and_retries_at_once() {
    // Figure 2, Leaders: "If AppendEntries fails because of log inconsistency: decrement
    // nextIndex and retry" (§5.3; Figure 7's repair, one step).
    let mut r = node(1, 8, &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6]);
    elect(&mut r);
    let mut c = cx(1, 30);
    r.on_message(3, fail(8, 10), &mut c);
    assert_eq!(r.next_index[3], 10);
    assert_eq!(acts(&c), vec![send(3, ae(8, 9, 6, entries(10, &[6]), 0))]);
    // A duplicate of the same failure, or a stale one, does not back up further.
    let mut c = cx(1, 31);
    r.on_message(3, fail(8, 10), &mut c);
    r.on_message(3, fail(8, 4), &mut c);
    assert_eq!(r.next_index[3], 10);
    assert!(c.effects.is_empty());
}

#[test]
fn success_moves_match_index_and_commits_a_current_term_entry_on_a_majority() {
    // Figure 2, Leaders: on success update nextIndex and matchIndex; commit N if a majority
    // has matchIndex >= N and log[N].term == currentTerm. Earlier entries commit with it.
    let mut r = node(1, 2, &[1, 1]);
    elect(&mut r);
    r.on_command(&Command::ClientRequest { value: "x=5".into() }, &mut cx(1, 1));
    let mut c = cx(1, 20);
    r.on_message(2, ok(2, 3), &mut c);
    assert_eq!((r.match_index[2], r.next_index[2], r.commit_index), (3, 4, 0));
    r.on_message(3, ok(2, 3), &mut c);
    assert_eq!((r.commit_index, r.last_applied), (3, 3), "P1, P2, P3 hold index 3: a majority of 5");
    assert_eq!(r.kv.get("x").map(String::as_str), Some("5"));
    assert!(acts(&c).is_empty(), "followers learn the commit index with the next AppendEntries");
}

#[test]
fn an_entry_of_an_earlier_term_is_not_committed_by_counting() {
    // §5.4.2 and Figure 8 (c): the leader of term 4 has index 2 (term 2) on a majority but
    // must not commit it until an entry of its own term is also on a majority.
    let mut r = node(1, 4, &[1, 2]);
    elect(&mut r);
    let mut c = cx(1, 20);
    r.on_message(2, ok(4, 2), &mut c);
    r.on_message(3, ok(4, 2), &mut c);
    assert_eq!(r.commit_index, 0);
    assert!(notes(&c).iter().any(|n| n.contains("may not commit it by counting replicas")));
    r.on_command(&Command::ClientRequest { value: "z=4".into() }, &mut cx(1, 21));
    let mut c = cx(1, 40);
    r.on_message(2, ok(4, 3), &mut c);
    r.on_message(3, ok(4, 3), &mut c);
    assert_eq!(r.commit_index, 3, "index 3 (term 4) commits, and index 2 with it (Figure 8 (e))");
}

#[test]
fn bug_commit_old_terms_by_count_commits_it() {
    let bugs = Bugs { commit_old_terms_by_count: true, ..Bugs::default() };
    let mut r = node_with(1, 4, &[1, 2], bugs);
    elect(&mut r);
    let mut c = cx(1, 20);
    r.on_message(2, ok(4, 2), &mut c);
    r.on_message(3, ok(4, 2), &mut c);
    assert_eq!(r.commit_index, 2);
    assert!(notes(&c).iter().any(|n| n.contains("commit_old_terms_by_count")));
}

#[test]
fn the_heartbeat_goes_only_to_followers_idle_for_a_period() {
    // Figure 2, Leaders: heartbeats "during idle periods"; like RaftScope, each follower's
    // heartbeat is due a period after the last AppendEntries sent to it.
    let mut r = node(1, 2, &[1]);
    elect(&mut r); // heartbeats sent to all at time 0
    r.on_command(&Command::ClientRequest { value: "a=1".into() }, &mut cx(1, 0));
    let mut c = cx(1, 30_000);
    r.on_message(2, fail(2, 1), &mut c); // a retry to P2 at 30 ms
    let mut c = cx(1, HB);
    r.on_timer(Timer::Heartbeat, &mut c);
    // Nobody has acknowledged entry 2 yet, so the heartbeat carries it again.
    let hb = |to| send(to, ae(2, 1, 1, vec![Entry::new(2, "a=1")], 0));
    assert_eq!(acts(&c), vec![hb(3), hb(4), hb(5), Effect::SetTimer { timer: Timer::Heartbeat, lo: 30_000, hi: 30_000 }]);
    assert_eq!(r.heartbeat_due[2], 30_000 + HB);
}

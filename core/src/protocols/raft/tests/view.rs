//! What the page is given to draw (issue 3, point 5): role and its colour, term, vote, the
//! log with the commit index, next/match index on the leader, and message labels.

use super::*;
use crate::sim::protocol::Protocol;

/// The value of row `key`, in English.
fn row(v: &crate::sim::view::NodeView, key: &str) -> String {
    v.rows.iter().find(|(k, _)| k.to_string() == key).map(|(_, v)| v.to_string()).unwrap_or_else(|| panic!("no row {key}"))
}

#[test]
fn a_leader_shows_its_term_log_commit_index_and_followers_progress() {
    let mut r = node(1, 2, &[1, 1, 2]);
    elect(&mut r);
    r.commit_to(2, why(), &mut cx(1, 0));
    r.match_index[3] = 2;
    r.next_index[3] = 3;
    let v = r.view(&cfg(Bugs::default()));
    assert_eq!((v.role.as_str(), v.colour.as_str(), v.label.to_string().as_str()), ("leader", "#1b9e77", "T2"));
    assert_eq!(row(&v, "term colour"), term_colour(2));
    assert_eq!(row(&v, "voted for"), "P1");
    assert_eq!(row(&v, "log"), "1:t1 v1 2:t1 v2 | 3:t2 v3");
    assert_eq!(row(&v, "commit index"), "2");
    assert_eq!(row(&v, "next index"), "P2:4 P3:3 P4:4 P5:4");
    assert_eq!(row(&v, "match index"), "P2:0 P3:2 P4:0 P5:0");
}

#[test]
fn a_candidate_shows_its_votes_and_a_follower_its_leader() {
    let mut r = node(2, 1, &[]);
    r.on_timer(Timer::Election, &mut cx(2, 0));
    r.on_vote(4, 2, true, &mut cx(2, 1));
    let v = r.view(&cfg(Bugs::default()));
    assert_eq!((v.role.as_str(), v.colour.as_str()), ("candidate", "#e6ab02"));
    assert_eq!(row(&v, "votes"), "2 of 3 needed: P2, P4");
    assert_eq!(row(&v, "log"), "empty");

    let mut f = node(3, 1, &[]);
    f.leader = Some(5);
    let v = f.view(&cfg(Bugs::default()));
    assert_eq!((v.role.as_str(), row(&v, "leader").as_str(), row(&v, "voted for").as_str()), ("follower", "P5", "nobody"));
}

#[test]
fn messages_are_labelled_with_their_term_and_what_they_carry() {
    let label = |m: Msg| Raft::describe(&m).label;
    assert_eq!(label(Msg::RequestVote { term: 3, last_log_index: 1, last_log_term: 1 }), "RequestVote(T3)");
    assert_eq!(label(Msg::Vote { term: 3, granted: true }), "Vote(T3, granted)");
    assert_eq!(label(Msg::Vote { term: 3, granted: false }), "Vote(T3, denied)");
    let ae = |n: usize| Msg::AppendEntries { term: 12, prev_log_index: 0, prev_log_term: 0, entries: entries(1, &vec![1; n]), leader_commit: 0 };
    assert_eq!(label(ae(0)), "AppendEntries(T12, heartbeat)");
    assert_eq!(label(ae(1)), "AppendEntries(T12, 1 entry)");
    assert_eq!(label(ae(10)), "AppendEntries(T12, 10 entries)");
    assert_eq!(label(Msg::AppendReply { term: 4, success: false, index: 2 }), "AppendReply(T4, failed)");
    assert_eq!(Raft::describe(&ae(0)).kind, "AppendEntries");
    assert_eq!(Raft::describe_timer(&Timer::Election), "election timeout");
}

//! The two RPCs of Figure 2 and their replies, and the node's two timers.
//!
//! The paper's `candidateId` and `leaderId` fields are not carried: the simulator tells the
//! receiver who sent each message, which is the same information.

use serde::Serialize;

use super::log::{Entry, Index, Term};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Msg {
    /// "Invoked by candidates to gather votes" (§5.2).
    RequestVote { term: Term, last_log_index: Index, last_log_term: Term },
    /// The reply to RequestVote.
    Vote { term: Term, granted: bool },
    /// "Invoked by leader to replicate log entries (§5.3); also used as heartbeat (§5.2)".
    AppendEntries { term: Term, prev_log_index: Index, prev_log_term: Term, entries: Vec<Entry>, leader_commit: Index },
    /// The reply to AppendEntries. The paper's reply is `{term, success}`; `index` tells the
    /// leader which request it answers, so duplicated or reordered replies cannot mislead it:
    /// on success, the last index now known to match the leader's log (prevLogIndex +
    /// entries); on failure, the prevLogIndex that did not match.
    AppendReply { term: Term, success: bool, index: Index },
}

impl Msg {
    pub fn term(&self) -> Term {
        match self {
            Msg::RequestVote { term, .. }
            | Msg::Vote { term, .. }
            | Msg::AppendEntries { term, .. }
            | Msg::AppendReply { term, .. } => *term,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timer {
    /// Followers and candidates: no word from a leader for this long starts an election (§5.2).
    Election,
    /// Leaders: time to send AppendEntries to every follower again (§5.2 heartbeats).
    Heartbeat,
}

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
    /// A client's request, sent again to the leader a follower named (§8: "If a client
    /// contacts a follower, the follower rejects it and supplies information about the most
    /// recent leader it has heard from"). It models the client re-sending: the client is not
    /// drawn, so its second attempt is drawn as a hand-off from the follower that redirected
    /// it to the leader it named. Not an RPC of Figure 2: it carries no term.
    ClientRetry { value: String },
}

impl Msg {
    /// The sender's term, for the RPCs of Figure 2 (a client's retry has none).
    pub fn term(&self) -> Option<Term> {
        match self {
            Msg::RequestVote { term, .. }
            | Msg::Vote { term, .. }
            | Msg::AppendEntries { term, .. }
            | Msg::AppendReply { term, .. } => Some(*term),
            Msg::ClientRetry { .. } => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timer {
    /// Followers and candidates: no word from a leader for this long starts an election (§5.2).
    Election,
    /// Leaders: time to send AppendEntries to every follower again (§5.2 heartbeats).
    Heartbeat,
    /// A client turned away by this server, which knew no leader, tries `value` here again
    /// when it fires (§8: clients retry). One per value: the same request turned away twice
    /// is retried once.
    ClientRetry { value: String },
}

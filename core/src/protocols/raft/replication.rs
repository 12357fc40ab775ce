//! Log replication (§5.3) and the commitment rule (§5.4.2).

use crate::say;
use crate::sim::protocol::Ctx;
use crate::sim::time::NodeId;

use super::log::{Entry, Index, Term};
use super::msg::{Msg, Timer};
use super::says;
use super::state::Role;
use super::Raft;

/// At most this many entries per AppendEntries, so a follower that was down for long is
/// caught up in batches rather than with one ever-growing message.
pub const MAX_ENTRIES_PER_MESSAGE: usize = 64;

impl Raft {
    /// A client's command. Only the leader takes it (§5.3). §8: a follower "rejects it and
    /// supplies information about the most recent leader it has heard from", and the client
    /// sends it there (drawn as a `ClientRetry` hand-off to that leader); a server that knows
    /// no leader turns it away, and the client tries that server again after a while (a
    /// `ClientRetry` timer here, as long as the longest election timeout, by which time an
    /// election has most likely ended). A crash loses the pending retry, as it would lose the
    /// client's connection.
    pub(super) fn on_client_request(&mut self, value: &str, cx: &mut Ctx<Raft>) {
        let retry_in = self.cfg.election_timeout.1;
        match self.role {
            Role::Leader => {
                self.log.append(Entry::new(self.term, value), self.term);
                let i = self.log.last_index();
                cx.note(say!(says::APPENDS_CLIENT, node = self.id, value, index = i, term = self.term));
                self.broadcast_append(cx);
                // A one-node cluster is its own majority.
                self.advance_commit(cx);
            }
            Role::Follower => match self.leader {
                Some(l) => {
                    cx.note(say!(says::REDIRECTS, node = self.id, value, leader = l));
                    cx.send(l, Msg::ClientRetry { value: value.to_string() });
                }
                None => {
                    cx.note(say!(says::TURNS_AWAY, node = self.id, value, ms = retry_in / 1000));
                    cx.set_timer(Timer::ClientRetry { value: value.to_string() }, retry_in, retry_in);
                }
            },
            Role::Candidate => {
                cx.note(say!(says::NO_LEADER_YET, node = self.id, value, ms = retry_in / 1000));
                cx.set_timer(Timer::ClientRetry { value: value.to_string() }, retry_in, retry_in);
            }
        }
    }

    /// Heartbeat: every follower that has had no AppendEntries for a heartbeat period gets
    /// one now, with whatever it is missing (maybe nothing). Figure 2: "repeat during idle
    /// periods to prevent election timeouts"; RaftScope likewise keeps a heartbeat due time
    /// per follower, pushed back by every AppendEntries sent to it.
    pub(super) fn on_heartbeat(&mut self, cx: &mut Ctx<Raft>) {
        self.heartbeat_at = None;
        if self.role != Role::Leader {
            return;
        }
        for p in self.peers() {
            if self.heartbeat_due[p as usize] <= cx.now {
                self.send_append(p, cx);
            }
        }
        self.arm_heartbeat(cx);
    }

    /// Make the heartbeat timer fire when the earliest follower is due.
    fn arm_heartbeat(&mut self, cx: &mut Ctx<Raft>) {
        let due = self.peers().map(|p| self.heartbeat_due[p as usize]).min();
        if let Some(due) = due {
            if self.heartbeat_at != Some(due) {
                self.heartbeat_at = Some(due);
                let wait = due.saturating_sub(cx.now);
                cx.set_timer(Timer::Heartbeat, wait, wait);
            }
        }
    }

    pub(super) fn broadcast_append(&mut self, cx: &mut Ctx<Raft>) {
        for p in self.peers() {
            self.send_append(p, cx);
        }
        self.arm_heartbeat(cx);
    }

    /// AppendEntries for `to`: the entries from nextIndex on, after the one before them.
    /// The caller re-arms the heartbeat timer (`arm_heartbeat`) once it is done sending.
    fn send_append(&mut self, to: NodeId, cx: &mut Ctx<Raft>) {
        let next = self.next_index[to as usize];
        let prev = next - 1;
        let prev_log_term = self.log.term_at(prev).expect("nextIndex never passes the end of the leader's log");
        let entries = self.log.slice_from(next, MAX_ENTRIES_PER_MESSAGE);
        self.sent_upto[to as usize] = prev + entries.len() as Index;
        cx.send(to, Msg::AppendEntries { term: self.term, prev_log_index: prev, prev_log_term, entries, leader_commit: self.commit_index });
        self.heartbeat_due[to as usize] = cx.now + self.cfg.heartbeat;
    }

    /// AppendEntries receiver (Figure 2), steps 1–5. The arguments are the RPC's, as the
    /// figure lists them.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn on_append_entries(
        &mut self,
        from: NodeId,
        term: Term,
        prev: Index,
        prev_term: Term,
        entries: Vec<Entry>,
        leader_commit: Index,
        cx: &mut Ctx<Raft>,
    ) {
        let me = self.id;
        // 1. "Reply false if term < currentTerm".
        if term < self.term {
            cx.note(say!(says::REJECTS_OLD_TERM, node = me, from, term, own = self.term));
            cx.send(from, Msg::AppendReply { term: self.term, success: false, index: prev });
            return;
        }
        self.observe_term(term, from, cx);
        match self.role {
            Role::Candidate => {
                cx.note(say!(says::GIVES_UP, node = me, from, term));
                self.become_follower(cx);
            }
            // Only with a broken variant can two leaders share a term; the checks report it.
            Role::Leader => {
                cx.note(say!(says::LEADER_IGNORES, node = me, term, from));
                cx.send(from, Msg::AppendReply { term: self.term, success: false, index: prev });
                return;
            }
            Role::Follower => {}
        }
        if self.leader != Some(from) {
            cx.note(say!(says::RECOGNISES, node = me, from, term));
        }
        self.leader = Some(from);
        self.reset_election_timer(cx);
        // 2. "Reply false if log doesn't contain an entry at prevLogIndex whose term matches
        // prevLogTerm".
        if self.log.term_at(prev) != Some(prev_term) {
            let why = match self.log.term_at(prev) {
                None => say!(says::NO_ENTRY, index = prev),
                Some(t) => say!(says::OTHER_TERM, index = prev, term = t, expected = prev_term),
            };
            cx.note(say!(says::REFUSES, node = me, from, why));
            cx.send(from, Msg::AppendReply { term: self.term, success: false, index: prev });
            return;
        }
        // 3. "If an existing entry conflicts with a new one (same index but different terms),
        // delete the existing entry and all that follow it". 4. Append any new entries.
        let count = entries.len() as Index;
        let mut index = prev;
        let mut added = 0;
        for e in entries {
            index += 1;
            match self.log.term_at(index) {
                Some(t) if t == e.term => continue,
                Some(t) => {
                    cx.note(say!(says::CONFLICT, node = me, index, term = t, leader_term = e.term));
                    for j in index..=self.log.last_index() {
                        let hash = self.log.prefix_hash(j).expect("j is in the log");
                        self.ghost.deleted.push((j, hash, cx.now));
                    }
                    self.log.truncate_from(index);
                }
                None => {}
            }
            self.log.append(e, self.term);
            added += 1;
        }
        if added > 0 {
            let last = self.log.last_index();
            cx.note(if added == 1 {
                say!(says::APPENDS_ONE, node = me, from, index = last)
            } else {
                say!(says::APPENDS_MANY, node = me, count = added, from, first = last - added + 1, last)
            });
        }
        // 5. "If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of last
        // new entry)": only entries this message proved equal to the leader's.
        let last_new = prev + count;
        if leader_commit > self.commit_index && last_new > self.commit_index {
            let to = leader_commit.min(last_new);
            self.commit_to(to, say!(says::LEARNS_COMMITTED, node = me, from, index = to), cx);
        }
        cx.send(from, Msg::AppendReply { term: self.term, success: true, index: last_new });
    }

    /// AppendEntries reply at the leader: update matchIndex/nextIndex (§5.3), retry with an
    /// earlier nextIndex after a failure, and see whether more can be committed.
    pub(super) fn on_append_reply(&mut self, from: NodeId, term: Term, success: bool, index: Index, cx: &mut Ctx<Raft>) {
        if self.observe_term(term, from, cx) || self.role != Role::Leader || term != self.term {
            return;
        }
        let p = from as usize;
        if success {
            if index > self.match_index[p] {
                self.match_index[p] = index;
            }
            self.next_index[p] = self.next_index[p].max(self.match_index[p] + 1);
            self.advance_commit(cx);
            // More to send, and nothing later in flight: send the next batch now.
            if self.match_index[p] < self.log.last_index() && index >= self.sent_upto[p] {
                self.send_append(from, cx);
                self.arm_heartbeat(cx);
            }
        } else if index + 1 == self.next_index[p] && self.next_index[p] > self.match_index[p] + 1 {
            // "If AppendEntries fails because of log inconsistency: decrement nextIndex and
            // retry". Only the reply to the latest probe moves it, so a duplicate cannot.
            self.next_index[p] -= 1;
            cx.note(say!(says::BACKS_UP, follower = from, node = self.id, index, next = self.next_index[p]));
            self.send_append(from, cx);
            self.arm_heartbeat(cx);
        }
    }

    /// "If there exists an N such that N > commitIndex, a majority of matchIndex[i] >= N, and
    /// log[N].term == currentTerm: set commitIndex = N" (Figure 2; why the term: §5.4.2).
    pub(super) fn advance_commit(&mut self, cx: &mut Ctx<Raft>) {
        // matchIndex of every server, the leader's own being its last index (on the stack:
        // this runs on every reply).
        let mut matched = [0 as Index; 64];
        let size = self.n as usize;
        matched[..size].copy_from_slice(&self.match_index[1..=size]);
        matched[self.id as usize - 1] = self.log.last_index();
        crate::sorted::sort_small_by(&mut matched[..size], |a, b| a > b);
        // The highest index stored on a majority. Terms never decrease along a log, so if
        // this entry is not from the current term no lower one is either.
        let n = matched[self.majority() as usize - 1];
        if n <= self.commit_index {
            return;
        }
        let t = self.log.term_at(n).unwrap_or(0);
        let me = self.id;
        if t == self.term {
            self.commit_to(n, say!(says::COMMITS, node = me, index = n, term = t), cx);
        } else if self.cfg.bugs.commit_old_terms_by_count {
            self.commit_to(n, say!(says::COMMITS_OLD_TERM, node = me, index = n, term = t), cx);
        } else if n > self.withheld {
            self.withheld = n;
            cx.note(say!(says::MAY_NOT_COMMIT, node = me, index = n, term = t, own = self.term));
        }
    }
}

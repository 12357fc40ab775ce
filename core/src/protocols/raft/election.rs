//! Leader election (§5.2) with the election restriction (§5.4.1).

use crate::say;
use crate::sim::protocol::Ctx;
use crate::sim::{Arg, Sentence};
use crate::sim::time::NodeId;

use super::log::{Entry, Index, Term};
use super::msg::{Msg, Timer};
use super::says;
use super::state::{name, Role};
use super::Raft;

fn bit(id: NodeId) -> u64 {
    1 << (id - 1)
}

impl Raft {
    /// "On conversion to candidate, start election: increment currentTerm, vote for self,
    /// reset election timer, send RequestVote RPCs to all other servers" (Figure 2).
    /// `why` says what made it time out (its timer, or a scenario's `timeout` action).
    pub(super) fn start_election(&mut self, why: Sentence, cx: &mut Ctx<Raft>) {
        if self.role == Role::Leader {
            cx.cancel_timer(Timer::Heartbeat);
        }
        self.role = Role::Candidate;
        self.term += 1;
        self.voted_for = Some(self.id);
        self.leader = None;
        self.clear_term_state();
        self.votes = bit(self.id);
        cx.note(say!(says::STARTS_ELECTION, node = self.id, why, term = self.term));
        self.reset_election_timer(cx);
        if self.votes.count_ones() >= self.majority() {
            self.become_leader(cx);
            return;
        }
        cx.broadcast(Msg::RequestVote {
            term: self.term,
            last_log_index: self.log.last_index(),
            last_log_term: self.log.last_term(),
        });
    }

    /// §5.4.1: the candidate's log is at least as up-to-date as ours if its last term is
    /// higher, or the last terms are equal and its log is at least as long.
    pub fn log_ok(&self, last_log_term: Term, last_log_index: Index) -> bool {
        (last_log_term, last_log_index) >= (self.log.last_term(), self.log.last_index())
    }

    /// RequestVote receiver (Figure 2).
    pub(super) fn on_request_vote(&mut self, from: NodeId, term: Term, lli: Index, llt: Term, cx: &mut Ctx<Raft>) {
        self.observe_term(term, from, cx);
        let granted = if term < self.term {
            cx.note(say!(says::DENIES_OLD_TERM, node = self.id, from, term, own = self.term));
            false
        } else if self.voted_for.is_some_and(|v| v != from) {
            let voted: Arg = match self.voted_for {
                Some(v) if v == self.id => says::ITSELF.into(),
                v => name(v.unwrap_or_default()).to_string().into(),
            };
            cx.note(say!(says::DENIES_VOTED, node = self.id, from, voted, term));
            false
        } else if !self.log_ok(llt, lli) && !self.cfg.bugs.vote_without_log_check {
            let (own_term, own_index) = (self.log.last_term(), self.log.last_index());
            cx.note(say!(says::DENIES_LOG, node = self.id, from, own_term, own_index, term = llt, index = lli));
            false
        } else {
            if self.log_ok(llt, lli) {
                cx.note(say!(says::VOTES, node = self.id, from, term));
            } else {
                cx.note(say!(says::VOTES_UNCHECKED, node = self.id, from, term));
            }
            self.voted_for = Some(from);
            // Granting a vote resets the election timer (Figure 2, Rules for Followers).
            self.reset_election_timer(cx);
            true
        };
        cx.send(from, Msg::Vote { term: self.term, granted });
    }

    /// RequestVote reply: count it if it is for this election.
    pub(super) fn on_vote(&mut self, from: NodeId, term: Term, granted: bool, cx: &mut Ctx<Raft>) {
        if self.observe_term(term, from, cx) || self.role != Role::Candidate || term != self.term || !granted {
            return;
        }
        if self.votes & bit(from) != 0 {
            return; // a duplicate of a vote already counted
        }
        self.votes |= bit(from);
        if self.votes.count_ones() >= self.majority() {
            self.become_leader(cx);
        }
    }

    /// Voters of the current election, in id order.
    pub fn voters(&self) -> Vec<NodeId> {
        (1..=self.n).filter(|&p| self.votes & bit(p) != 0).collect()
    }

    /// Won: "send initial empty AppendEntries RPCs (heartbeat) to each server" (Figure 2),
    /// with nextIndex just past the leader's log and matchIndex 0 (§5.3).
    fn become_leader(&mut self, cx: &mut Ctx<Raft>) {
        self.role = Role::Leader;
        self.leader = Some(self.id);
        let size = self.n as usize + 1;
        self.next_index = vec![self.log.last_index() + 1; size];
        self.match_index = vec![0; size];
        self.sent_upto = vec![0; size];
        self.heartbeat_due = vec![0; size];
        self.heartbeat_at = None;
        self.withheld = 0;
        self.ghost.led.push(self.term);
        self.ghost.lead_truncations = self.log.truncations();
        let voters = self.voters().into_iter().map(|v| name(v).to_string()).collect::<Vec<_>>().join(", ");
        // §8: "Raft handles this by having each leader commit a blank no-op entry into the
        // log at the start of its term." Without it, entries of earlier terms wait for a
        // client request to be committed (§5.4.2), which may never come.
        if self.cfg.noop_on_election {
            self.log.append(Entry::noop(self.term), self.term);
            let index = self.log.last_index();
            cx.note(say!(says::WINS_NOOP, node = self.id, term = self.term, voters, index));
        } else {
            cx.note(say!(says::WINS, node = self.id, term = self.term, voters));
        }
        cx.cancel_timer(Timer::Election);
        self.broadcast_append(cx);
        // A one-node cluster is its own majority.
        self.advance_commit(cx);
    }
}

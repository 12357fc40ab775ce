//! A Raft server's state (Figure 2, "State"), split as the paper splits it: persistent state
//! survives a crash, volatile state does not. Ghost state is bookkeeping for the invariant
//! checks only: the protocol writes it but never reads it to decide anything.

use std::cell::{Cell, RefCell};
use crate::sorted::SortedMap;

use crate::say;
use crate::sim::protocol::Ctx;
use crate::sim::say::{word, Arg, Say};
use crate::sim::time::{NodeId, Time};

use super::log::{Entry, Index, Log, Term};
use super::msg::Timer;
use super::says;
use super::Raft;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Follower,
    Candidate,
    Leader,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Follower => "follower",
            Role::Candidate => "candidate",
            Role::Leader => "leader",
        }
    }
}

/// The deliberately broken variants of `params.bugs` (all off by default).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bugs {
    /// Commit an entry of an earlier term once it is on a majority (the Figure 8 mistake).
    pub commit_old_terms_by_count: bool,
    /// Grant votes without the log up-to-date check of §5.4.1.
    pub vote_without_log_check: bool,
    /// Lose votedFor in a crash (it must be persistent, Figure 2).
    pub forget_vote_on_restart: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RaftConfig {
    /// Election timeout range in µs; each reset draws a fresh value in it (§5.2).
    pub election_timeout: (Time, Time),
    /// Leader's heartbeat period in µs.
    pub heartbeat: Time,
    /// A new leader appends a no-op entry of its term at once (§8), so that entries of
    /// earlier terms get committed without waiting for a client.
    pub noop_on_election: bool,
    pub bugs: Bugs,
}

/// Commit knowledge of one node, for Leader Completeness: the node knew, while in `term`,
/// that the prefix 1..=`index` (with prefix hash `hash`) was committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommitMark {
    pub term: Term,
    pub index: Index,
    pub hash: u64,
}

/// An entry committed by §5.3's definition: "once the leader that created the entry has
/// replicated it on a majority of the servers" — a majority holds it, each having accepted
/// it while its currentTerm was the entry's term, whether or not anyone heard of it. Found
/// by the checks (a god's-eye fact: no server may know it), for Leader Completeness and
/// State Machine Safety.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MajorityMark {
    /// The entry's term, which is the term in which it was committed.
    pub term: Term,
    pub index: Index,
    /// Hash of the log prefix ending at it.
    pub hash: u64,
    pub entry: Entry,
    /// The servers that held it when the majority was reached (bit `id - 1`).
    pub holders: u64,
}

/// One entry newly covered by a node's commitIndex, and when (for the outcome's `commits`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Committed {
    pub at: Time,
    pub index: Index,
    /// Hash of the log prefix ending at it: the same entry committed by two nodes has one hash.
    pub hash: u64,
    pub entry: Entry,
}

/// History the invariants need and a node's real state forgets. Kept across crashes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ghost {
    /// Terms in which this node became leader, increasing (Election Safety).
    pub led: Vec<Term>,
    /// `log.truncations()` when it last became leader (Leader Append-Only).
    pub lead_truncations: u64,
    /// Marks with increasing term and index: the highest commit index known per term
    /// (Leader Completeness). A new mark is added only when the index grows.
    pub commits: Vec<CommitMark>,
    /// Each index this node has applied, as first applied: the entry and the hash of the
    /// log prefix ending at it (State Machine Safety).
    pub applied: Vec<(u64, Entry)>,
    /// The first index at which this node, after a restart, applied a different entry
    /// than it had applied before.
    pub reapplied_differently: Option<Index>,
    /// Each entry this node's commitIndex newly covered (not again after a restart unless
    /// it is a different entry), with the time (the outcome's `commits`).
    pub committed: Vec<Committed>,
    /// Entries this node deleted from its log (a conflicting suffix, §5.3): index, prefix
    /// hash and time (the outcome's `lost_at_ms`).
    pub deleted: Vec<(Index, u64, Time)>,
    /// Entries committed by §5.3's majority rule whose majority this node's acceptance
    /// completed. Written by the checks, which alone see every server; history, not a memo
    /// (a majority once reached may since have lost the entry), so checking from scratch
    /// keeps it.
    pub majority: RefCell<Vec<MajorityMark>>,
    /// What the checks last saw of this node. A memo, not state: the checks skip pairs of
    /// nodes in which nothing they compare has changed since (see invariants.rs).
    pub seen: Cell<Seen>,
}

/// Versions of the parts of a node the pairwise checks compare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    pub log: u64,
    pub applied: usize,
    pub led: usize,
    /// Number of commit marks and the last one's index.
    pub commits: (usize, Index),
    /// Length of the log's own-term history (`Log::own_term_history`).
    pub own: usize,
}

/// A node's name as the UI shows it ("P3"). Formats without an allocation of its own: the
/// handlers name nodes on every message, most of which produce no note at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name(pub NodeId);

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "P{}", self.0)
    }
}

pub fn name(id: NodeId) -> Name {
    Name(id)
}

impl Raft {
    pub fn new(id: NodeId, n: u32, cfg: &RaftConfig) -> Self {
        Raft {
            id,
            n,
            cfg: *cfg,
            term: 0,
            voted_for: None,
            log: Log::default(),
            role: Role::Follower,
            leader: None,
            commit_index: 0,
            last_applied: 0,
            kv: SortedMap::new(),
            votes: 0,
            next_index: Vec::new(),
            match_index: Vec::new(),
            sent_upto: Vec::new(),
            heartbeat_due: Vec::new(),
            heartbeat_at: None,
            withheld: 0,
            ghost: Ghost::default(),
        }
    }

    pub fn config(&self) -> &RaftConfig {
        &self.cfg
    }

    pub fn majority(&self) -> u32 {
        self.n / 2 + 1
    }

    pub(super) fn peers(&self) -> impl Iterator<Item = NodeId> {
        let me = self.id;
        (1..=self.n).filter(move |&p| p != me)
    }

    pub(super) fn reset_election_timer(&self, cx: &mut Ctx<Raft>) {
        let (lo, hi) = self.cfg.election_timeout;
        cx.set_timer(Timer::Election, lo, hi);
    }

    /// Forget everything that only makes sense for one term as leader or candidate.
    pub(super) fn clear_term_state(&mut self) {
        self.votes = 0;
        self.next_index.clear();
        self.match_index.clear();
        self.sent_upto.clear();
        self.heartbeat_due.clear();
        self.heartbeat_at = None;
        self.withheld = 0;
    }

    /// Become a follower (of nobody known yet). A former leader starts an election timer
    /// again; a former candidate's timer is already running.
    pub(super) fn become_follower(&mut self, cx: &mut Ctx<Raft>) {
        if self.role == Role::Leader {
            cx.cancel_timer(Timer::Heartbeat);
            self.reset_election_timer(cx);
        }
        self.role = Role::Follower;
        self.clear_term_state();
    }

    /// "If RPC request or response contains term T > currentTerm: set currentTerm = T,
    /// convert to follower" (Figure 2, Rules for Servers). Returns true if it did.
    pub(super) fn observe_term(&mut self, term: Term, from: NodeId, cx: &mut Ctx<Raft>) -> bool {
        if term <= self.term {
            return false;
        }
        // A follower just moves up (the note for the message it is handling says enough);
        // a leader or candidate stepping down is worth a sentence of its own.
        if self.role != Role::Follower {
            cx.note(say!(says::STEPS_DOWN, node = self.id, term, from, role = word("role", self.role.name())));
        }
        self.term = term;
        self.voted_for = None;
        self.leader = None;
        self.become_follower(cx);
        true
    }

    /// A crash keeps currentTerm, votedFor and the log (persistent) and loses the rest.
    pub(super) fn recover(&mut self, cx: &mut Ctx<Raft>) {
        let forgot = self.cfg.bugs.forget_vote_on_restart && self.voted_for.is_some();
        if self.cfg.bugs.forget_vote_on_restart {
            self.voted_for = None;
        }
        self.role = Role::Follower;
        self.leader = None;
        self.commit_index = 0;
        self.last_applied = 0;
        self.kv.clear();
        self.clear_term_state();
        let (me, n) = (self.id, self.log.last_index());
        cx.note(if n == 1 {
            say!(says::RESTARTS_ONE, node = me, term = self.term)
        } else {
            say!(says::RESTARTS, node = me, term = self.term, count = n)
        });
        if forgot {
            cx.note(say!(says::FORGOT_VOTE, node = me, term = self.term));
        }
        self.reset_election_timer(cx);
    }

    /// Raise the commit index (never lowers it), record it for the checks, and apply. `why`
    /// starts the sentence for the event log; what was applied completes it.
    pub(super) fn commit_to(&mut self, index: Index, why: Say, cx: &mut Ctx<Raft>) {
        if index <= self.commit_index {
            return;
        }
        self.commit_index = index;
        let hash = self.log.prefix_hash(index).expect("a node only commits entries it holds");
        let g = &mut self.ghost.commits;
        match g.last_mut() {
            Some(m) if m.index >= index => {}
            Some(m) if m.term == self.term => {
                m.index = index;
                m.hash = hash;
            }
            _ => g.push(CommitMark { term: self.term, index, hash }),
        }
        let first = self.last_applied + 1;
        self.apply(cx.now);
        let last = self.last_applied;
        let value = self.log.get(last).map_or_else(|| Arg::from(""), says::shown);
        cx.note(if first == last {
            say!(says::APPLIES_ONE, why, value)
        } else {
            say!(says::APPLIES_MANY, why, first, last, value)
        });
    }

    /// "If commitIndex > lastApplied: increment lastApplied, apply log[lastApplied] to state
    /// machine" (Figure 2). Commands `key=value` set a key; anything else changes nothing.
    /// A no-op (§8) changes nothing.
    fn apply(&mut self, now: Time) {
        while self.last_applied < self.commit_index {
            self.last_applied += 1;
            let i = self.last_applied;
            let e = self.log.get(i).expect("committed entries are in the log");
            if let Some((k, v)) = e.client_value().and_then(|v| v.split_once('=')) {
                self.kv.insert(k.trim().to_string(), v.trim().to_string());
            }
            let hash = self.log.prefix_hash(i).expect("entry exists");
            let entry = e.clone();
            let seen = &mut self.ghost.applied;
            let new = match seen.get(i as usize - 1) {
                None => {
                    seen.push((hash, entry.clone()));
                    true
                }
                Some(&(h, _)) if h != hash => {
                    if self.ghost.reapplied_differently.is_none() {
                        self.ghost.reapplied_differently = Some(i);
                    }
                    true
                }
                Some(_) => false,
            };
            if new {
                self.ghost.committed.push(Committed { at: now, index: i, hash, entry });
            }
        }
    }
}

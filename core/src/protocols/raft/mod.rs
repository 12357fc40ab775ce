//! Raft (Ongaro & Ousterhout, "In Search of an Understandable Consensus Algorithm", 2014,
//! §5): leader election, log replication, the commitment rule and the five safety
//! properties of Figure 3, with three deliberately broken variants for teaching.
//!
//! Files: `state` (Figure 2's state, crash/recover, applying), `election` (§5.2, §5.4.1),
//! `replication` (§5.3, §5.4.2), `log`, `msg`, `invariants` (Figure 3), `view`.

mod election;
pub mod invariants;
pub mod log;
pub mod msg;
mod replication;
pub mod state;
pub mod says;
mod view;
#[cfg(test)]
mod tests;

use crate::say;
use crate::sorted::SortedMap;


use crate::scenario::limits::MAX_PARAM_MS;
use crate::scenario::{at, ms_range, ms_value, read_params, ScenarioError};
use crate::sim::protocol::{CheckCx, Command, Ctx, Env, Protocol, Violation};
use crate::sim::time::{NodeId, Time};
use crate::sim::view::{MsgView, NodeView};

pub use log::{Entry, Index, Log, Term};
pub use msg::{Msg, Timer};
pub use replication::MAX_ENTRIES_PER_MESSAGE;
pub use state::{Bugs, CommitMark, Committed, Ghost, MajorityMark, RaftConfig, Role};
pub use view::term_colour;

/// One Raft server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raft {
    pub id: NodeId,
    /// Cluster size.
    pub n: u32,
    cfg: RaftConfig,
    // Persistent state (Figure 2): kept across a crash.
    /// currentTerm.
    pub term: Term,
    /// votedFor: the candidate this node voted for in `term`.
    pub voted_for: Option<NodeId>,
    pub log: Log,
    // Volatile state: lost in a crash.
    pub role: Role,
    /// The leader of `term` as far as this node knows (for redirecting clients).
    pub leader: Option<NodeId>,
    pub commit_index: Index,
    pub last_applied: Index,
    /// The state machine: a small key-value store fed `key=value` commands.
    pub kv: SortedMap<String, String>,
    /// Candidate: who granted a vote in this election (bit `id - 1`).
    pub votes: u64,
    /// Leader: nextIndex and matchIndex per follower, indexed by node id (0 unused).
    pub next_index: Vec<Index>,
    pub match_index: Vec<Index>,
    /// Leader: the last index sent to each follower in the latest AppendEntries.
    pub sent_upto: Vec<Index>,
    /// Leader: when each follower is due a heartbeat (a heartbeat period after the last
    /// AppendEntries sent to it), and when the heartbeat timer is set to fire.
    pub heartbeat_due: Vec<Time>,
    heartbeat_at: Option<Time>,
    /// Leader: the highest index it has explained it may not commit by counting (so the
    /// event log says it once).
    withheld: Index,
    pub ghost: Ghost,
}

pub const BUG_COMMIT_OLD_TERMS: &str = "commit_old_terms_by_count";
pub const BUG_VOTE_WITHOUT_LOG_CHECK: &str = "vote_without_log_check";
pub const BUG_FORGET_VOTE: &str = "forget_vote_on_restart";

/// The `params` Raft knows.
const PARAMS: &[&str] = &["election_timeout_ms", "heartbeat_ms", "noop_on_election", "bugs"];

impl Protocol for Raft {
    type Msg = Msg;
    type Timer = Timer;
    type Config = RaftConfig;

    const NAME: &'static str = "raft";
    const INVARIANTS: &'static [&'static str] = invariants::NAMES;
    const COMMANDS: &'static [&'static str] = &["client_request", "timeout"];
    const BUGS: &'static [&'static str] = &[BUG_COMMIT_OLD_TERMS, BUG_VOTE_WITHOUT_LOG_CHECK, BUG_FORGET_VOTE];
    /// Votes are kept as a 64-bit set.
    const NODES: (u32, u32) = (1, 64);

    fn configure(params: &serde_json::Value, env: &Env) -> Result<RaftConfig, ScenarioError> {
        let p = read_params(params, PARAMS)?;
        // Default: RaftScope's 100–200 ms, stretched on slow networks so that an election
        // (two message delays) fits well inside the shortest timeout.
        let election_timeout = match p.get("election_timeout_ms")? {
            Some(r) => ms_range("election_timeout_ms", r, 1, MAX_PARAM_MS)?,
            None => {
                let lo = (100_000 as Time).max(4 * env.latency.1).min(MAX_PARAM_MS * 1000 / 2);
                (lo, 2 * lo)
            }
        };
        let heartbeat = match p.get("heartbeat_ms")? {
            Some(v) => ms_value("heartbeat_ms", v, 1, MAX_PARAM_MS)?,
            None => (election_timeout.0 / 2).max(1),
        };
        if heartbeat >= election_timeout.0 {
            let said = crate::say!(says::HEARTBEAT_TOO_SLOW, heartbeat = heartbeat / 1000, timeout = election_timeout.0 / 1000);
            return Err(at("params.heartbeat_ms", said));
        }
        // §8: "each leader [commits] a blank no-op entry into the log at the start of its
        // term". Off only to replay the paper's Figures 7 and 8, drawn without it.
        let noop_on_election = p.get::<bool>("noop_on_election")?.unwrap_or(true);
        let bugs_named = p.get::<Vec<String>>("bugs")?.unwrap_or_default();
        let has = |b: &str| bugs_named.iter().any(|x| x == b);
        let bugs = Bugs {
            commit_old_terms_by_count: has(BUG_COMMIT_OLD_TERMS),
            vote_without_log_check: has(BUG_VOTE_WITHOUT_LOG_CHECK),
            forget_vote_on_restart: has(BUG_FORGET_VOTE),
        };
        Ok(RaftConfig { election_timeout, heartbeat, noop_on_election, bugs })
    }

    /// Every server starts as a follower in term 0 with an empty log (§5.2).
    fn init(id: NodeId, cfg: &RaftConfig, cx: &mut Ctx<Self>) -> Self {
        let r = Raft::new(id, cx.n, cfg);
        r.reset_election_timer(cx);
        r
    }

    fn on_message(&mut self, from: NodeId, msg: Msg, cx: &mut Ctx<Self>) {
        match msg {
            Msg::RequestVote { term, last_log_index, last_log_term } => {
                self.on_request_vote(from, term, last_log_index, last_log_term, cx)
            }
            Msg::Vote { term, granted } => self.on_vote(from, term, granted, cx),
            Msg::AppendEntries { term, prev_log_index, prev_log_term, entries, leader_commit } => {
                self.on_append_entries(from, term, prev_log_index, prev_log_term, entries, leader_commit, cx)
            }
            Msg::AppendReply { term, success, index } => self.on_append_reply(from, term, success, index, cx),
            Msg::ClientRetry { value } => {
                cx.note(say!(says::CLIENT_RETRIES_AT_LEADER, value = &*value, node = self.id, from));
                self.on_client_request(&value, cx)
            }
        }
    }

    fn on_timer(&mut self, timer: Timer, cx: &mut Ctx<Self>) {
        match timer {
            Timer::Election if self.role != Role::Leader => {
                self.start_election(says::TIMED_OUT, cx)
            }
            Timer::Election => {}
            Timer::Heartbeat => self.on_heartbeat(cx),
            Timer::ClientRetry { value } => {
                cx.note(say!(says::CLIENT_RETRIES, value = &*value, node = self.id));
                self.on_client_request(&value, cx)
            }
        }
    }

    fn on_command(&mut self, cmd: &Command, cx: &mut Ctx<Self>) {
        match cmd {
            Command::ClientRequest { value } => self.on_client_request(value, cx),
            // As RaftScope's "time out": the election timer fires now, whatever the role
            // (a leader so told gives up leading and stands again in a new term).
            Command::Timeout => self.start_election(says::MADE_TO_TIME_OUT, cx),
            Command::StartElection => {}
        }
    }

    fn on_recover(&mut self, cx: &mut Ctx<Self>) {
        self.recover(cx);
    }

    fn view(&self, _cfg: &RaftConfig) -> NodeView {
        view::node_view(self)
    }

    fn describe(msg: &Msg) -> MsgView {
        view::describe(msg)
    }

    fn describe_timer(timer: &Timer) -> String {
        match timer {
            Timer::Election => "election timeout".into(),
            Timer::Heartbeat => "heartbeat".into(),
            Timer::ClientRetry { .. } => "retry timeout".into(),
        }
    }

    fn check(cx: &CheckCx<Self>) -> Vec<Violation> {
        invariants::check(cx)
    }

    fn outcome(cx: &CheckCx<Self>) -> serde_json::Value {
        invariants::outcome(cx)
    }
}

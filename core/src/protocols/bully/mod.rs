//! The bully algorithm (Garcia-Molina 1982, as course notes seed 002 teach it): every node
//! knows every id; a node that finds the coordinator gone sends Election to the higher ids;
//! a live higher node answers and takes over; a node that hears no Answer within
//! T = 2·Tmax + Tprocess proclaims itself coordinator. Failure detection is by heartbeats
//! from the coordinator (docs/protocols/bully.md says why).

mod invariants;
mod msg;
mod node;
pub mod says;
mod tally;
#[cfg(test)]
mod tests;
mod view;

use serde::Serialize;

use crate::scenario::limits::MAX_PARAM_MS;
use crate::scenario::{ms_value, read_params};
use crate::sim::protocol::{CheckCx, Command, Ctx, Env, Protocol, Violation};
use crate::sim::time::{NodeId, Time};
use crate::sim::view::{MsgView, NodeView};

pub use msg::{ElectionId, Msg, Timer};
pub use node::{Bully, Election, Stage};
pub use tally::{Cause, Tally};

/// The timing of the synchronous model the notes assume (seed 002, "Sincronismo").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct BullyConfig {
    /// Tmax: the longest a message may take to arrive.
    pub tmax: Time,
    /// Tprocess: the longest a process may take to handle a message.
    pub tprocess: Time,
    /// How often the coordinator sends a heartbeat.
    pub heartbeat: Time,
}

impl BullyConfig {
    /// The notes' T = 2·Tmax + Tprocess: an Election out and an Answer back, plus handling.
    pub fn t(&self) -> Time {
        2 * self.tmax + self.tprocess
    }

    /// T' = T + 2·Tmax, how long a node that got an Answer waits for a Coordinator message.
    /// Every election reaches the highest live id directly (Election goes to all higher ids)
    /// within Tmax; that node needs at most T to win its own election, and its Coordinator
    /// message at most Tmax to come back.
    pub fn t_prime(&self) -> Time {
        self.t() + 2 * self.tmax
    }

    /// A follower suspects the coordinator after one heartbeat period plus T without news.
    /// Under the notes' assumptions heartbeats arrive at most heartbeat + Tmax apart, so a
    /// live coordinator is never suspected.
    pub fn detect(&self) -> Time {
        self.heartbeat + self.t()
    }
}

/// The `params` bully knows (`bugs` is checked by the scenario's validation).
const PARAMS: &[&str] = &["tmax_ms", "tprocess_ms", "heartbeat_ms", "bugs"];

/// Defaults: Tmax is the network's slowest latency (so a scenario that says nothing is
/// synchronous), Tprocess 5 ms, a heartbeat every 100 ms.
pub const DEFAULT_TPROCESS_MS: u64 = 5;
pub const DEFAULT_HEARTBEAT_MS: u64 = 100;

impl Protocol for Bully {
    type Msg = Msg;
    type Timer = Timer;
    type Config = BullyConfig;

    const NAME: &'static str = "bully";
    const INVARIANTS: &'static [&'static str] = &[invariants::UNIQUE_COORDINATOR, invariants::AGREEMENT];
    const COMMANDS: &'static [&'static str] = &["start_election", "timeout"];
    /// The messages of each election, counted as they are sent.
    const TALLIES: &'static [&'static str] = &["elections", "uncounted_elections"];
    const NODES: (u32, u32) = (2, 64);

    fn configure(params: &serde_json::Value, env: &Env) -> Result<BullyConfig, crate::scenario::ScenarioError> {
        let p = read_params(params, PARAMS)?;
        let slowest_ms = env.latency.1.div_ceil(1000).max(1);
        let tmax = ms_value("tmax_ms", p.get("tmax_ms")?.unwrap_or(slowest_ms), 1, MAX_PARAM_MS)?;
        let tprocess = ms_value("tprocess_ms", p.get("tprocess_ms")?.unwrap_or(DEFAULT_TPROCESS_MS), 0, MAX_PARAM_MS)?;
        let heartbeat = ms_value("heartbeat_ms", p.get("heartbeat_ms")?.unwrap_or(DEFAULT_HEARTBEAT_MS), 1, MAX_PARAM_MS)?;
        Ok(BullyConfig { tmax, tprocess, heartbeat })
    }

    fn init(id: NodeId, cfg: &BullyConfig, cx: &mut Ctx<Self>) -> Self {
        let mut b = Bully::new(id, *cfg);
        b.start_up(cx);
        b
    }

    fn on_message(&mut self, from: NodeId, msg: Msg, cx: &mut Ctx<Self>) {
        match msg {
            Msg::Election { election } => self.on_election(from, election, cx),
            Msg::Answer { election } => self.on_answer(from, election, cx),
            Msg::Coordinator { leader, .. } => self.on_coordinator(leader, false, cx),
            Msg::Heartbeat { leader } => self.on_coordinator(leader, true, cx),
        }
    }

    fn on_timer(&mut self, timer: Timer, cx: &mut Ctx<Self>) {
        match timer {
            Timer::Heartbeat => self.on_heartbeat_due(cx),
            Timer::FailureDetector => self.on_suspect(cx),
            Timer::AnswerWait => self.on_answer_wait_over(cx),
            Timer::CoordinatorWait => self.on_coordinator_wait_over(cx),
        }
    }

    fn on_command(&mut self, cmd: &Command, cx: &mut Ctx<Self>) {
        match cmd {
            Command::StartElection => self.on_start_election(cx),
            Command::Timeout => self.on_forced_timeout(cx),
            Command::ClientRequest { .. } => {}
        }
    }

    fn on_recover(&mut self, cx: &mut Ctx<Self>) {
        self.recover(cx);
    }

    fn view(&self, cfg: &BullyConfig) -> NodeView {
        view::node(self, cfg)
    }

    fn describe(msg: &Msg) -> MsgView {
        view::message(msg)
    }

    fn describe_timer(timer: &Timer) -> String {
        view::timer(timer)
    }

    fn check(cx: &CheckCx<Self>) -> Vec<Violation> {
        invariants::check(cx)
    }

    fn outcome(cx: &CheckCx<Self>) -> serde_json::Value {
        invariants::outcome(cx)
    }
}

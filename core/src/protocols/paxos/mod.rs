//! Paxos, as Lamport gives it in "Paxos Made Simple" (2001) and the course notes teach it
//! (seed 002): proposers, acceptors and learners in separate columns, phases 1a Prepare,
//! 1b Promise, 2a Propose, 2b Accepted, 2c the learner answers the client. `mode: "synod"`
//! decides one value (§2); `mode: "multi"` runs a log of instances under a stable leader (§3).
//! Params, choices and how the notes differ from the paper: docs/protocols/paxos.md.

mod acceptor;
mod config;
pub use config::fit_roles;
pub mod invariants;
mod learner;
mod msg;
mod multi;
mod node;
mod proposer;
pub mod says;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_checks;
#[cfg(test)]
mod tests_multi;
mod view;

use crate::sim::protocol::{CheckCx, Command, Ctx, Env, Protocol, Violation};
use crate::sim::time::NodeId;
use crate::sim::view::{MsgView, NodeView};

pub use acceptor::Acceptor;
pub use config::{PaxosConfig, Role};
pub use invariants::{chosen, ChosenMap};
pub use learner::Learner;
pub use msg::{Ballot, Cmd, Msg, Slot, Timer, Vote};
pub use node::{Ghost, Paxos};
pub use proposer::{Entry, Phase, Proposer};

impl Protocol for Paxos {
    type Msg = Msg;
    type Timer = Timer;
    type Config = PaxosConfig;

    const NAME: &'static str = "paxos";
    const INVARIANTS: &'static [&'static str] =
        &[invariants::AGREEMENT, invariants::VALIDITY, invariants::LEARNER_INTEGRITY, invariants::PROMISE_KEPT];
    const COMMANDS: &'static [&'static str] = &["client_request", "timeout"];
    const BUGS: &'static [&'static str] = &[config::IGNORE_ACCEPTED, config::FORGET_PROMISE];
    const NODES: (u32, u32) = (1, 64);

    fn configure(params: &serde_json::Value, env: &Env) -> Result<PaxosConfig, crate::scenario::ScenarioError> {
        config::configure(params, env)
    }

    fn init(id: NodeId, cfg: &PaxosConfig, _cx: &mut Ctx<Self>) -> Self {
        Paxos::new(id, cfg)
    }

    fn on_message(&mut self, from: NodeId, msg: Msg, cx: &mut Ctx<Self>) {
        self.receive(from, msg, cx);
        self.flush_local(cx);
    }

    fn on_timer(&mut self, timer: Timer, cx: &mut Ctx<Self>) {
        match timer {
            Timer::Retry => self.retry(cx),
        }
        self.flush_local(cx);
    }

    fn on_command(&mut self, cmd: &Command, cx: &mut Ctx<Self>) {
        match cmd {
            Command::ClientRequest { value } => self.client_request(value, cx),
            Command::Timeout => self.forced_timeout(cx),
            Command::StartElection => {}
        }
        self.flush_local(cx);
    }

    fn on_recover(&mut self, cx: &mut Ctx<Self>) {
        self.recover(cx);
        self.flush_local(cx);
    }

    fn view(&self, _cfg: &PaxosConfig) -> NodeView {
        view::node_view(self)
    }

    fn describe(msg: &Msg) -> MsgView {
        view::describe(msg)
    }

    fn describe_timer(timer: &Timer) -> String {
        match timer {
            Timer::Retry => "retry timeout".into(),
        }
    }

    fn check(cx: &CheckCx<Self>) -> Vec<Violation> {
        invariants::check(cx)
    }

    fn outcome(cx: &CheckCx<Self>) -> serde_json::Value {
        invariants::outcome(cx)
    }
}

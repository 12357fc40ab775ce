//! The sans-IO contract between the simulator and a protocol.
//!
//! A node reacts to a message, a timer or a command and returns effects as data through
//! [`Ctx`]: it never reads a clock, never draws a random number (it asks for a timer *range*
//! and the simulator samples it), and never sees another node's memory. Tests can therefore
//! assert the exact effects of one step (compare openraft's engine tests, stateright's actors).

use std::fmt::Debug;

use serde::Serialize;

use super::say::Say;
use super::time::{NodeId, Time};
use super::view::{MsgView, NodeView};

/// A scenario action aimed at one node that the protocol itself interprets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// A client asks this node to apply `value` (Raft, Paxos).
    ClientRequest { value: String },
    /// Fire this node's election timer now (RaftScope's "time out").
    Timeout,
    /// Start an election from this node (bully, ring).
    StartElection,
}

impl Command {
    /// The scenario action name, as written in scenario files.
    pub fn action(&self) -> &'static str {
        match self {
            Command::ClientRequest { .. } => "client_request",
            Command::Timeout => "timeout",
            Command::StartElection => "start_election",
        }
    }
}

/// An effect a node asks the simulator to carry out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect<M, T> {
    Send { to: NodeId, msg: M },
    /// Start (or restart) `timer`; it fires after a delay drawn uniformly from `lo..=hi` µs.
    SetTimer { timer: T, lo: Time, hi: Time },
    CancelTimer { timer: T },
    /// A plain-language line for the event log.
    Note(Say),
}

/// What a node may see and do during one step.
pub struct Ctx<P: Protocol> {
    pub id: NodeId,
    /// Number of nodes in the run (ids are 1..=n).
    pub n: u32,
    pub now: Time,
    pub effects: Vec<Effect<P::Msg, P::Timer>>,
}

impl<P: Protocol> Ctx<P> {
    pub fn new(id: NodeId, n: u32, now: Time) -> Self {
        Ctx { id, n, now, effects: Vec::new() }
    }

    pub fn send(&mut self, to: NodeId, msg: P::Msg) {
        self.effects.push(Effect::Send { to, msg });
    }

    /// Send `msg` to every other node, in id order.
    pub fn broadcast(&mut self, msg: P::Msg) {
        for to in 1..=self.n {
            if to != self.id {
                self.send(to, msg.clone());
            }
        }
    }

    pub fn set_timer(&mut self, timer: P::Timer, lo: Time, hi: Time) {
        self.effects.push(Effect::SetTimer { timer, lo, hi });
    }

    pub fn cancel_timer(&mut self, timer: P::Timer) {
        self.effects.push(Effect::CancelTimer { timer });
    }

    pub fn note(&mut self, text: impl Into<Say>) {
        self.effects.push(Effect::Note(text.into()));
    }
}

/// A named safety or agreement property that was found broken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// One of the protocol's `INVARIANTS`.
    pub name: &'static str,
    pub nodes: Vec<NodeId>,
    pub explanation: Say,
}

/// Everything an invariant may look at: every node's state (a god's-eye view the nodes
/// themselves never have), which nodes are up, and the messages still in the network.
pub struct CheckCx<'a, P: Protocol> {
    pub now: Time,
    pub cfg: &'a P::Config,
    /// `nodes[i]` is node `i + 1`.
    pub nodes: &'a [P],
    pub up: &'a [bool],
    pub in_flight: &'a [&'a P::Msg],
}

impl<'a, P: Protocol> CheckCx<'a, P> {
    /// Live nodes with their ids.
    pub fn live(&self) -> impl Iterator<Item = (NodeId, &'a P)> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(i, _)| self.up[*i])
            .map(|(i, p)| (i as NodeId + 1, p))
    }
}

/// Facts of the run a protocol may use to validate its params and choose defaults.
#[derive(Clone, Debug)]
pub struct Env {
    pub nodes: u32,
    /// The network's latency range in µs.
    pub latency: (Time, Time),
}

/// A choice made per node in the scenario's params, kept as `params[param]["<id>"] = choice`
/// (absent = `default`), e.g. OM's traitors. Declared as data so that a UI can offer it on
/// any node without knowing the protocol; changing it re-runs the scenario from the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct NodeParam {
    /// The key under `params`, e.g. "traitors".
    pub param: &'static str,
    /// What the choice is about, for a label: "Traitor strategy".
    pub label: &'static str,
    /// The meaning of leaving the node out, e.g. "loyal".
    pub default: &'static str,
    /// Allowed values with a few words on each: ("flip", "says the opposite").
    pub choices: &'static [(&'static str, &'static str)],
}

pub trait Protocol: Clone + Debug + Sized + 'static {
    type Msg: Clone + Debug + Serialize;
    type Timer: Clone + Debug + PartialEq + Serialize;
    type Config: Clone + Debug;

    /// The scenario's `protocol` name.
    const NAME: &'static str;
    /// Every invariant checked, by the paper's names; the report lists all of them.
    const INVARIANTS: &'static [&'static str];
    /// Scenario actions of [`Command`] kind this protocol understands.
    const COMMANDS: &'static [&'static str];
    /// Names accepted in `params.bugs`.
    const BUGS: &'static [&'static str] = &[];
    /// Allowed node counts.
    const NODES: (u32, u32) = (1, 64);
    /// Per-node choices the scenario's params offer (see [`NodeParam`]).
    const NODE_PARAMS: &'static [NodeParam] = &[];
    /// Fields of `outcome` that count things (messages per election, per round) rather than
    /// say who leads or what is decided: they change with every message, so a UI that marks
    /// the run's milestones where the outcome changes leaves them out.
    const TALLIES: &'static [&'static str] = &[];

    /// Parse `params` (already known to be a JSON object); errors name the field.
    fn configure(params: &serde_json::Value, env: &Env) -> Result<Self::Config, crate::scenario::ScenarioError>;
    fn init(id: NodeId, cfg: &Self::Config, cx: &mut Ctx<Self>) -> Self;
    fn on_message(&mut self, from: NodeId, msg: Self::Msg, cx: &mut Ctx<Self>);
    fn on_timer(&mut self, timer: Self::Timer, cx: &mut Ctx<Self>);
    fn on_command(&mut self, cmd: &Command, cx: &mut Ctx<Self>);
    /// The node restarts after a crash: drop volatile state, keep durable state. Its timers
    /// were cancelled by the crash.
    fn on_recover(&mut self, cx: &mut Ctx<Self>);

    fn view(&self, cfg: &Self::Config) -> NodeView;
    fn describe(msg: &Self::Msg) -> MsgView;
    fn describe_timer(timer: &Self::Timer) -> String;
    fn check(cx: &CheckCx<Self>) -> Vec<Violation>;
    /// The `outcome` object of the report.
    fn outcome(cx: &CheckCx<Self>) -> serde_json::Value;
}

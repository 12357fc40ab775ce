//! Ring election (Chang & Roberts 1979, as course notes seed 002 teach it).

mod invariants;
mod msg;
mod node;
pub mod says;
#[cfg(test)]
mod tests;


use crate::scenario::{at, ms_value, read_params, says as refusals, ScenarioError};
use crate::sim::protocol::{CheckCx, Command, Ctx, Env, Protocol, Violation};
use crate::sim::time::{NodeId, Time};
use crate::sim::view::{push_row, MsgView, NodeView, RowText};

pub use msg::{Body, Cand, Msg, Timer};
pub use node::Outgoing;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ring {
    pub me: Cand,
    ack_timeout: Time,
    round_timeout: Time,
    leader_check: Time,
    pub participating: bool,
    /// The notes' `elected_i`: `None` is their "@" (undefined).
    pub elected: Option<Cand>,
    /// The highest election number this node has seen: the election it is in, or last took
    /// part in. Kept across a crash (durable), so a node that comes back starts a newer one.
    pub num: u32,
    /// The newest election in which this node compared its own id (as initiator, or joining).
    considered: u32,
    /// The highest election id this node has seen in election `num` (its own included once it
    /// joined): a lower bound of that election's winner. 0 when it has seen none.
    best: u32,
    /// The election whose winner `elected` names.
    result_of: u32,
    /// Its id was dropped by a newer election still under way: it waits a round for that
    /// election to reach it (it may have gone by while this node was down).
    waiting: bool,
    pub outbox: Vec<Outgoing>,
    next_seq: u64,
    /// (sender, seq) of ring messages already handled, so duplicates are ignored.
    seen: crate::sorted::SortedSet<(NodeId, u64)>,
    /// The leader check waiting for its answer: (nonce, the leader asked).
    probe: Option<(u64, NodeId)>,
    /// Messages this node sent, by kind (instrumentation for the report; survives a crash).
    pub sent: Sent,
    /// When this node last sent an Election or Elected message (instrumentation, for the
    /// leader check's liveness property: is the ring quiet?).
    pub last_election_sent: Option<Time>,
}

/// Messages one node sent: Chang & Roberts' own (Election, Elected), and the ones crash
/// handling adds (acks for ring repair; leader checks and their answers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    pub election: u64,
    pub elected: u64,
    pub ack: u64,
    pub check: u64,
}

impl Sent {
    fn count(&mut self, body: &Body) {
        match body {
            Body::Election { .. } => self.election += 1,
            Body::Elected { .. } => self.elected += 1,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RingConfig {
    /// Election id of each node, in ring order (`ids[i]` belongs to node i + 1).
    pub ids: Vec<u32>,
    pub ack_timeout: Time,
    /// How long a participant waits for progress before calling a new election.
    pub round_timeout: Time,
    /// How often a node checks that its leader still leads; 0 = never (the notes' scripted
    /// elections).
    pub leader_check: Time,
    /// The network's slowest latency when the run starts, for the leader check's liveness
    /// property (docs/protocols/ring.md).
    pub max_latency: Time,
}

/// The `params` ring knows (`bugs` is checked by the scenario's validation).
const PARAMS: &[&str] = &["ids", "ack_timeout_ms", "round_timeout_ms", "leader_check_ms", "bugs"];

/// Election ids for `nodes` nodes when the params give a list of another length: the first
/// ones kept in ring order, then new ids above the highest (a ring resized by a link or the
/// page's node-count field keeps its shape where it can).
pub fn fit_ids(params: &mut serde_json::Map<String, serde_json::Value>, nodes: u32) {
    let Some(list) = params.get_mut("ids").and_then(serde_json::Value::as_array_mut) else { return };
    let mut top = list.iter().filter_map(serde_json::Value::as_u64).max().unwrap_or(0);
    list.truncate(nodes as usize);
    while list.len() < nodes as usize {
        top += 1;
        list.push(top.into());
    }
}

pub const MAX_ELECTION_ID: u32 = 1_000_000;

impl Protocol for Ring {
    type Msg = Msg;
    type Timer = Timer;
    type Config = RingConfig;

    const NAME: &'static str = "ring";
    const INVARIANTS: &'static [&'static str] = &[invariants::UNIQUE_LEADER, invariants::AGREEMENT];
    const COMMANDS: &'static [&'static str] = &["start_election"];
    /// Message counts: Chang & Roberts' own, and crash handling's, kept apart.
    const TALLIES: &'static [&'static str] = &["messages", "crash_handling"];
    const NODES: (u32, u32) = (2, 64);

    fn configure(params: &serde_json::Value, env: &Env) -> Result<RingConfig, ScenarioError> {
        let p = read_params(params, PARAMS)?;
        let ids = match p.get::<Vec<u32>>("ids")? {
            None => (1..=env.nodes).collect(),
            Some(ids) => {
                if ids.len() != env.nodes as usize {
                    return Err(at("params.ids", crate::say!(says::IDS_COUNT, ids = ids.len(), nodes = env.nodes)));
                }
                for (i, &id) in ids.iter().enumerate() {
                    if id == 0 || id > MAX_ELECTION_ID {
                        return Err(at(&format!("params.ids[{i}]"), crate::say!(refusals::OUT_OF_RANGE, value = id, min = 1u32, max = MAX_ELECTION_ID)));
                    }
                    if ids[..i].contains(&id) {
                        return Err(at(&format!("params.ids[{i}]"), crate::say!(says::ID_TWICE, id)));
                    }
                }
                ids
            }
        };
        // Like the notes' T = 2·Tmax + Tprocess: a round trip at the slowest latency, plus 5 ms.
        let ack_timeout = match p.get("ack_timeout_ms")? {
            Some(v) => ms_value("ack_timeout_ms", v, 1, crate::scenario::limits::MAX_PARAM_MS)?,
            None => 2 * env.latency.1 + 5_000,
        };
        // Long enough for an Election and an Elected message to go round, even skipping nodes.
        let round_timeout = match p.get("round_timeout_ms")? {
            Some(v) => ms_value("round_timeout_ms", v, 1, crate::scenario::limits::MAX_PARAM_MS)?,
            None => 2 * env.nodes as u64 * ack_timeout,
        };
        let leader_check = match p.get("leader_check_ms")? {
            Some(v) => ms_value("leader_check_ms", v, 0, crate::scenario::limits::MAX_PARAM_MS)?,
            None => 0,
        };
        Ok(RingConfig { ids, ack_timeout, round_timeout, leader_check, max_latency: env.latency.1 })
    }

    fn init(id: NodeId, cfg: &RingConfig, cx: &mut Ctx<Self>) -> Self {
        let mut r = Ring::new(id, cfg);
        r.arm_leader_check(cx);
        r
    }

    fn on_message(&mut self, from: NodeId, msg: Msg, cx: &mut Ctx<Self>) {
        match msg {
            Msg::Ring { seq, body } => self.on_ring(from, seq, body, cx),
            Msg::Ack { seq, num, decided } => self.on_ack(from, seq, num, decided, cx),
            Msg::Check { nonce } => self.on_check(from, nonce, cx),
            Msg::CheckReply { nonce, leads, num } => self.on_check_reply(from, nonce, leads, num, cx),
        }
    }

    fn on_timer(&mut self, timer: Timer, cx: &mut Ctx<Self>) {
        match timer {
            Timer::AckTimeout { seq } => self.on_ack_timeout(seq, cx),
            Timer::RoundTimeout => self.on_round_timeout(cx),
            Timer::LeaderCheck => self.on_leader_check(cx),
            Timer::CheckTimeout { nonce } => self.on_check_timeout(nonce, cx),
        }
    }

    fn on_command(&mut self, cmd: &Command, cx: &mut Ctx<Self>) {
        if let Command::StartElection = cmd {
            self.start_election(cx);
        }
    }

    fn on_recover(&mut self, cx: &mut Ctx<Self>) {
        self.recover(cx);
    }

    fn view(&self, _cfg: &RingConfig) -> NodeView {
        let (role, colour) = if self.participating {
            ("participating", "#fc8d62")
        } else if self.elected == Some(self.me) {
            ("leader", "#66c2a5")
        } else {
            ("non-participating", "#8da0cb")
        };
        let elected: RowText = self.elected.map_or(says::UNDEFINED.into(), |c| format!("P{} (id {})", c.node, c.eid).into());
        let mut rows = Vec::new();
        push_row(&mut rows, "election id", self.me.eid.to_string().into());
        push_row(&mut rows, "election number", format!("#{}", self.num).into());
        push_row(&mut rows, "state", role.into());
        push_row(&mut rows, "elected", elected);
        push_row(&mut rows, "awaiting ack", self.outbox.len().to_string().into());
        NodeView::new(role, colour, self.me.eid.to_string().into(), rows)
    }

    fn describe(msg: &Msg) -> MsgView {
        let (label, kind, colour) = match msg {
            Msg::Ring { body: Body::Election { cand, .. }, .. } => (format!("Election({})", cand.eid), "election", "#fc8d62"),
            Msg::Ring { body: Body::Elected { leader, .. }, .. } => (format!("Elected({})", leader.eid), "elected", "#66c2a5"),
            Msg::Ack { .. } => ("ack".to_string(), "ack", "#b3b3b3"),
            Msg::Check { .. } => ("check".to_string(), "check", "#8da0cb"),
            Msg::CheckReply { leads, .. } => ((if *leads { "leader" } else { "not leader" }).to_string(), "check_reply", "#8da0cb"),
        };
        MsgView::new(label, kind, colour)
    }

    fn describe_timer(timer: &Timer) -> String {
        match timer {
            Timer::AckTimeout { .. } => "ack timeout".into(),
            Timer::RoundTimeout => "round timeout".into(),
            Timer::LeaderCheck => "next leader check".into(),
            Timer::CheckTimeout { .. } => "wait for the leader's answer".into(),
        }
    }

    fn check(cx: &CheckCx<Self>) -> Vec<Violation> {
        invariants::check(cx)
    }

    fn outcome(cx: &CheckCx<Self>) -> serde_json::Value {
        invariants::outcome(cx)
    }
}

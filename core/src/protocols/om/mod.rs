//! The Byzantine generals problem (Lamport, Shostak & Pease, "The Byzantine Generals
//! Problem", 1982): algorithm OM(m) with oral messages (§3) and SM(m) with signed messages
//! (§4), as the course notes teach them (seeds 002 and 003): a commander and n−1 lieutenants,
//! traitors among any of them, synchronous rounds, a missing order counts as the default
//! (`params.default`, RETREAT unless set; the orders themselves are `params.values`).
//!
//! Synchrony (the paper's A3, "the absence of a message can be detected"): the protocol runs
//! in rounds of length max latency + 1 µs. Every message of round r is sent at the start of
//! the round and arrives within max latency, so by the round's end anything missing will never
//! come. The extra microsecond is there because the simulator orders events of the same
//! microsecond by creation: a round timer set before a message was sent would fire before
//! that message's arrival at the very same instant, and count an on-time message as missing.
//! See docs/protocols/om.md.

mod collude;
mod decide;
mod params;
mod invariants;
mod msg;
mod oral;
pub mod says;
mod signed;
mod traitor;
mod view;
#[cfg(test)]
mod tests;

use crate::sorted::SortedMap;


use crate::scenario::{at, at_field, one_of, read_params, says as refusals, Params, ScenarioError};
use crate::say;
use crate::sim::protocol::{CheckCx, Command, Ctx, Env, NodeParam, Protocol, Violation};
use crate::sim::say::word;
use crate::sim::{Arg, Say};
use crate::sim::runner::MAX_IN_FLIGHT;
use crate::sim::time::{NodeId, Time};
use crate::sim::view::{MsgView, NodeView};

pub use decide::{choice, majority, Eval, Got, Rows, Tree};
pub use invariants::{IC1, IC2};
pub use msg::{path_label, Msg, Sig, Timer, Value, Values, MAX_VALUES, NAME_LEN};
pub use traitor::{draw, Strategy, ALL as STRATEGIES};

/// The most messages an OM(m) run may need; more is refused in `configure`.
pub const MAX_MESSAGES: u64 = 100_000;

/// What every general knows about the run (copied into each node: handlers get no config).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setup {
    pub n: u32,
    pub m: u32,
    pub commander: NodeId,
    /// The commander's order (a traitor commander may send something else).
    pub order: Value,
    /// `params.values`: the orders a commander may give.
    pub values: Values,
    /// `params.default`: what a missing message counts as and what a lieutenant obeys when
    /// there is no majority (§3: RETREAT) or V is not a single order (§4's choice).
    pub default: Value,
    /// The traitors, bit id−1 set (n ≤ 64): colluders know each other (collude.rs).
    pub traitors: u64,
    /// The traitors whose strategy is `collude`.
    pub colluders: u64,
    /// SM(m) when true, OM(m) when false.
    pub signed: bool,
    pub random_seed: u64,
    /// Length of one synchronous round in µs (max latency + 1).
    pub round_len: Time,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OmConfig {
    pub setup: Setup,
    pub traitors: SortedMap<NodeId, Strategy>,
}

impl OmConfig {
    pub fn loyal(&self, id: NodeId) -> bool {
        !self.traitors.contains_key(&id)
    }
}

/// An order a lieutenant accepted into its set V (SM(m)), with the signatures that prove it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub value: Value,
    pub sigs: Vec<Sig>,
    pub round: u32,
}

/// One general.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Om {
    pub id: NodeId,
    pub s: Setup,
    /// None for a loyal general.
    pub strategy: Option<Strategy>,
    /// The current round, 1..=m+1; m+2 once the rounds are over.
    pub round: u32,
    /// OM(m): what arrived along each path (or the default when nothing did).
    pub tree: Tree,
    /// SM(m): the set V, in the order its values were accepted.
    pub accepted: Vec<Accepted>,
    /// SM(m): messages thrown away because a signature did not match, as (label, reason).
    pub rejected: Vec<(String, Say)>,
    /// Durable: once decided, a general does not change its mind.
    pub decision: Option<Value>,
    /// Messages this general sent in each round (index r − 1).
    pub sent: Vec<u64>,
    /// The commander: what it told each lieutenant (None: nothing).
    pub told: Vec<(NodeId, Option<Value>)>,
    /// Crashed during the rounds and came back: synchronous rounds do not wait, so it takes
    /// no further part.
    pub out: bool,
}

/// The `params` OM knows (`bugs` is checked by the scenario's validation).
const PARAMS: &[&str] = &["m", "commander", "order", "values", "default", "traitors", "signed", "random_seed", "bugs"];

/// `params.traitors`: node id (as a JSON key) → strategy name.
fn traitors(p: &Params, n: u32) -> Result<SortedMap<NodeId, Strategy>, ScenarioError> {
    let names = traitor::CHOICES.map(|(name, _)| name);
    let mut out = SortedMap::new();
    let Some(given) = p.raw("traitors") else { return Ok(out) };
    let Some(given) = given.as_object() else {
        return Err(at("params.traitors", say!(refusals::OBJECT_LIKE, example = "{\"3\": \"two_faced\"}")));
    };
    for (key, strategy) in given {
        let name = strategy.as_str().map_or_else(|| strategy.to_string(), str::to_string);
        let strategy = match one_of(&name, &names) {
            Ok(i) => traitor::ALL[i],
            Err(e) => return Err(at_field("params.traitors", key, e)),
        };
        match key.parse::<u32>() {
            Ok(id) if (1..=n).contains(&id) => {
                out.insert(id, strategy);
            }
            _ => return Err(at_field("params.traitors", key, say!(says::NOT_A_GENERAL_KEY, key = key.as_str(), n))),
        }
    }
    Ok(out)
}

/// Messages OM(m) sends with n generals when everyone sends (no silent traitor): round k
/// carries (n−1)(n−2)…(n−k), so the total is (n−1) + (n−1)(n−2) + … + (n−1)…(n−m−1).
/// Returns (total, largest round), saturating.
pub fn om_message_count(n: u32, m: u32) -> (u64, u64) {
    let (mut total, mut term, mut largest) = (0u64, 1u64, 0u64);
    for k in 1..=m as u64 + 1 {
        term = term.saturating_mul((n as u64).saturating_sub(k));
        total = total.saturating_add(term);
        largest = largest.max(term);
    }
    (total, largest)
}

/// 26404 → "26,404".
pub fn thousands(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Protocol for Om {
    type Msg = Msg;
    type Timer = Timer;
    type Config = OmConfig;

    const NAME: &'static str = "om";
    const INVARIANTS: &'static [&'static str] = &[IC1, IC2];
    const COMMANDS: &'static [&'static str] = &[];
    /// The messages of each round, counted as they are sent.
    const TALLIES: &'static [&'static str] = &["sent_by_round"];
    /// "Tres o más generales" (seed 002).
    const NODES: (u32, u32) = (3, 64);
    const NODE_PARAMS: &'static [NodeParam] = &[NodeParam {
        param: "traitors",
        label: "Traitor strategy",
        default: "loyal",
        choices: &traitor::CHOICES,
    }];

    fn configure(params: &serde_json::Value, env: &Env) -> Result<OmConfig, ScenarioError> {
        let p = read_params(params, PARAMS)?;
        let n = env.nodes;
        let m = p.get::<u32>("m")?.unwrap_or(1);
        let signed = p.get::<bool>("signed")?.unwrap_or(false);
        if m > n - 2 {
            return Err(at("params.m", say!(says::M_RANGE, m, max = n - 2, n)));
        }
        let commander = p.get::<u32>("commander")?.unwrap_or(1);
        if commander == 0 || commander > n {
            return Err(at("params.commander", say!(says::NOT_A_GENERAL, commander, n)));
        }
        let traitors = traitors(&p, n)?;
        let values = params::values(&p)?;
        let order = params::order(&p, "order", Value::ATTACK, &values)?;
        let default = params::order(&p, "default", Value::RETREAT, &values)?;
        let mask = |keep: fn(Strategy) -> bool| traitors.iter().filter(|(_, s)| keep(**s)).fold(0u64, |m, (id, _)| m | 1 << (id - 1));
        if !signed {
            let (total, largest) = om_message_count(n, m);
            if total > MAX_MESSAGES || largest > MAX_IN_FLIGHT as u64 {
                let count = |c: u64| -> Arg { if c >= 10u64.pow(18) { says::MORE_THAN.into() } else { thousands(c).into() } };
                let (limit, round_limit) = (thousands(MAX_MESSAGES), thousands(MAX_IN_FLIGHT as u64));
                let said = say!(says::TOO_MANY_MESSAGES, m, n, total = count(total), largest = count(largest), limit, round_limit);
                return Err(at("params.m", said));
            }
        }
        let setup = Setup {
            n,
            m,
            commander,
            order,
            values,
            default,
            traitors: mask(|_| true),
            colluders: mask(|s| s == Strategy::Collude),
            signed,
            random_seed: p.get::<u64>("random_seed")?.unwrap_or(0),
            round_len: env.latency.1 + 1,
        };
        Ok(OmConfig { setup, traitors })
    }

    fn init(id: NodeId, cfg: &OmConfig, cx: &mut Ctx<Self>) -> Self {
        let mut g = Om {
            id,
            s: cfg.setup,
            strategy: cfg.traitors.get(&id).copied(),
            round: 1,
            tree: Tree::new(),
            accepted: Vec::new(),
            rejected: Vec::new(),
            decision: None,
            sent: vec![0; cfg.setup.m as usize + 1],
            told: Vec::new(),
            out: false,
        };
        if g.is_commander() {
            g.command(cx);
        } else {
            cx.set_timer(Timer::RoundEnd { round: 1 }, g.s.round_len, g.s.round_len);
        }
        g
    }

    fn on_message(&mut self, from: NodeId, msg: Msg, cx: &mut Ctx<Self>) {
        if self.out || self.is_commander() {
            return;
        }
        if let Err(why) = self.check_path(from, &msg) {
            cx.note(say!(says::IGNORES, node = self.id, label = view::label(&msg), why));
            return;
        }
        match msg {
            Msg::Oral { path, value, .. } => self.om_receive(path, value, cx),
            Msg::Signed { sigs, value, .. } => self.sm_receive(sigs, value, cx),
        }
    }

    fn on_timer(&mut self, timer: Timer, cx: &mut Ctx<Self>) {
        let Timer::RoundEnd { round } = timer;
        if self.out || round != self.round {
            return;
        }
        if self.s.signed {
            self.sm_end_round(round, cx);
        } else {
            self.om_end_round(round, cx);
        }
        self.round = round + 1;
        if round <= self.s.m {
            cx.set_timer(Timer::RoundEnd { round: round + 1 }, self.s.round_len, self.s.round_len);
        }
    }

    fn on_command(&mut self, _cmd: &Command, _cx: &mut Ctx<Self>) {}

    fn on_recover(&mut self, cx: &mut Ctx<Self>) {
        // What it heard was volatile; its decision (if it made one) was written down.
        self.tree.clear();
        self.accepted.clear();
        if self.decision.is_none() && !self.is_commander() {
            self.out = true;
            cx.note(say!(says::BACK_OUT, node = self.id));
        }
    }

    fn view(&self, cfg: &OmConfig) -> NodeView {
        view::node(self, cfg)
    }

    fn describe(msg: &Msg) -> MsgView {
        view::message(msg)
    }

    fn describe_timer(timer: &Timer) -> String {
        let Timer::RoundEnd { round } = timer;
        format!("end of round {round}")
    }

    fn check(cx: &CheckCx<Self>) -> Vec<Violation> {
        invariants::check(cx)
    }

    fn outcome(cx: &CheckCx<Self>) -> serde_json::Value {
        invariants::outcome(cx)
    }
}

impl Om {
    pub fn is_commander(&self) -> bool {
        self.id == self.s.commander
    }

    /// "P3, a traitor (flip: says the opposite)," or "P3".
    pub(crate) fn who(&self) -> Arg {
        match self.strategy {
            Some(s) => say!(says::TRAITOR_NAMED, node = self.id, strategy = word("word", s.name()), gloss = word("word", s.gloss())).into(),
            None => format!("P{}", self.id).into(),
        }
    }

    /// §3 step (1) / §4 step (1): the commander sends its value to every lieutenant.
    fn command(&mut self, cx: &mut Ctx<Self>) {
        let lieutenants: Vec<NodeId> = (1..=self.s.n).filter(|&k| k != self.id).collect();
        let chain = if self.s.signed && self.strategy == Some(Strategy::Collude) { self.s.conspiracy() } else { Vec::new() };
        if chain.len() > 1 {
            // Its fellows will sign for it later (collude.rs): nothing now.
            self.told = lieutenants.iter().map(|&to| (to, None)).collect();
            cx.note(say!(says::COLLUDE_HOLDS, who = self.who(), order = self.s.order, round = chain.len()));
            return;
        }
        for (i, &to) in lieutenants.iter().enumerate() {
            let v = self.tell(self.s.order, &[], to, i);
            self.told.push((to, v));
            if let Some(v) = v {
                self.send_on(&[], &[], to, v, cx);
            }
        }
        let what = if self.s.signed { says::SIGNS_AND_SENDS } else { says::SENDS };
        let (order, told) = (self.s.order, says::grouped(&self.told, &self.s.values));
        cx.note(match self.strategy {
            None => say!(says::ORDERS, node = self.id, order, what, told),
            Some(_) => say!(says::TRAITOR_ORDERS, who = self.who(), order, what, told),
        });
    }

    /// Send value `told` to `to`, extending the path (oral) or the signature chain (signed)
    /// of the value being passed on; the sender signs what it actually sends.
    pub(crate) fn send_on(&mut self, path: &[NodeId], sigs: &[Sig], to: NodeId, told: Value, cx: &mut Ctx<Self>) {
        let round = path.len().max(sigs.len()) + 1;
        self.sent[round - 1] += 1;
        let msg = if self.s.signed {
            let mut sigs = sigs.to_vec();
            sigs.push(Sig { by: self.id, on: told });
            Msg::Signed { sigs, to, value: told }
        } else {
            let mut path = path.to_vec();
            path.push(self.id);
            Msg::Oral { path, to, value: told }
        };
        cx.send(to, msg);
    }

    /// The paper's assumptions A1–A3 about who can claim what: the path starts at the
    /// commander, passes through no general twice, ends with the actual sender (A2: "the
    /// receiver of a message knows who sent it"), and a value of round r arrives in round r.
    fn check_path(&self, from: NodeId, msg: &Msg) -> Result<(), Say> {
        let path = msg.path();
        if msg.to() != self.id {
            return Err(say!(says::ADDRESSED_ELSEWHERE, to = msg.to()));
        }
        if path.first() != Some(&self.s.commander) {
            return Err(says::NOT_FROM_COMMANDER.into());
        }
        if path.last() != Some(&from) {
            return Err(say!(says::NOT_FROM_LAST, from));
        }
        let mut seen = path.clone();
        seen.push(self.id);
        crate::sorted::sort_small(&mut seen);
        if seen.windows(2).any(|w| w[0] == w[1]) {
            return Err(says::TWICE.into());
        }
        if path.len() as u32 != self.round {
            return Err(say!(says::LATE, round = path.len(), now = self.round));
        }
        Ok(())
    }
}

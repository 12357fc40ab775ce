//! A run of protocol `P`: the engine's [`Core`] (compiled once for every protocol) and what
//! only `P` knows: its config, its nodes, the payloads of the messages in flight and the
//! values of the running timers. Everything here is a thin typed shim around calls into the
//! core, so that each protocol adds its own code to the bundle and little of the engine's.

use std::collections::VecDeque;
use std::ops::Deref;
use std::sync::Arc;

use super::engine::Core;
use super::network::NetConfig;
use super::nodes::Nodes;
use super::protocol::{CheckCx, Command, Ctx, Effect, Protocol, Violation};
use super::script::ScriptEvent;
use super::time::{NodeId, Time};
use super::trace::{TraceEvent, What};
use super::view::{MsgView, NodeView, WorldView};

/// Everything a run is, at one step. Clone it to checkpoint. The protocol-independent state
/// (clock, steps, statistics, violations ...) is read through `Deref` to [`Core`].
#[derive(Clone, Debug)]
pub struct World<P: Protocol> {
    core: Core,
    typed: Typed<P>,
}

/// A message's payload, and whether it is on its way to be delivered: a copy of what the
/// core's record of the message says, kept here so that the invariants' list of messages
/// (made every step) is read from one table.
#[derive(Clone, Debug)]
struct Payload<M> {
    deliver: bool,
    msg: M,
}

/// The payloads of the messages in flight, in the window of ids of the core's own table of
/// them: they end at the same id (the last one sent), the core decides when its window
/// slides and this one follows (see `take`). Kept apart from the core's table, which is not
/// generic, yet with no lookup of its own.
#[derive(Clone, Debug)]
struct Payloads<M>(VecDeque<Option<Payload<M>>>);

impl<M> Payloads<M> {
    /// Where message `id` is.
    #[inline]
    fn slot(&self, core: &Core, id: u64) -> usize {
        (id + self.0.len() as u64 - core.next_msg()) as usize
    }

    #[inline]
    fn get(&self, core: &Core, id: u64) -> &Payload<M> {
        self.0[self.slot(core, id)].as_ref().expect("a payload for every message in flight")
    }

    /// Take message `id`'s payload out, the core having forgotten the message: the window
    /// then slides as the core's did.
    #[inline]
    fn take(&mut self, core: &Core, id: u64) -> Payload<M> {
        let slot = self.slot(core, id);
        let payload = self.0[slot].take().expect("a payload for every message in flight");
        while self.0.len() > core.in_flight_span() {
            self.0.pop_front();
        }
        payload
    }

    /// The messages on their way to be delivered, in id order: what invariants may see.
    #[inline]
    fn deliverable(&self) -> impl Iterator<Item = &M> + '_ {
        self.0.iter().flatten().filter(|p| p.deliver).map(|p| &p.msg)
    }
}

/// The half of a world typed by its protocol.
#[derive(Debug)]
struct Typed<P: Protocol> {
    cfg: P::Config,
    nodes: Vec<P>,
    /// Payloads of the messages in flight (the core keeps the rest of each message).
    msgs: Payloads<P::Msg>,
    /// Running timers per node, in step with the core's lists (same positions).
    timers: Vec<Vec<P::Timer>>,
    /// The effects buffer handed to every handler, kept to reuse its allocation.
    effects: Vec<Effect<P::Msg, P::Timer>>,
    /// An empty buffer kept for `check`'s list of messages (see there).
    check_buf: Vec<usize>,
}

/// A copy without the scratch buffers, which are empty between steps: a checkpoint then
/// needs no code to copy effects.
impl<P: Protocol> Clone for Typed<P> {
    fn clone(&self) -> Self {
        Typed {
            cfg: self.cfg.clone(),
            nodes: self.nodes.clone(),
            msgs: self.msgs.clone(),
            timers: self.timers.clone(),
            effects: Vec::new(),
            check_buf: Vec::new(),
        }
    }
}

impl<P: Protocol> Deref for World<P> {
    type Target = Core;
    #[inline]
    fn deref(&self) -> &Core {
        &self.core
    }
}

impl<P: Protocol> World<P> {
    /// Start every node at time 0 (their start-up effects go to `out` as step 0).
    /// `script` must be in time order (as `scenario::prepare` makes it).
    pub fn new(
        cfg: P::Config,
        n: u32,
        net: NetConfig,
        seed: u64,
        script: Arc<[ScriptEvent]>,
        end: Time,
        out: &mut Vec<TraceEvent>,
    ) -> Self {
        let mut core = Core::new(P::NAME, n, net, seed, script, end);
        let mut typed = Typed {
            cfg,
            nodes: Vec::with_capacity(n as usize),
            msgs: Payloads(VecDeque::new()),
            timers: vec![Vec::new(); n as usize],
            effects: Vec::new(),
            check_buf: Vec::new(),
        };
        for id in 1..=n {
            let mut cx = typed.ctx(&core, id);
            let node = P::init(id, &typed.cfg, &mut cx);
            typed.nodes.push(node);
            typed.apply(&mut core, id, cx.effects, out);
        }
        core.started(dispatch(&mut typed), out);
        World { core, typed }
    }

    /// Process the next event. Returns false when the run is over.
    #[inline]
    pub fn step(&mut self, out: &mut Vec<TraceEvent>) -> bool {
        self.core.step(dispatch(&mut self.typed), out)
    }

    #[inline]
    pub fn cfg(&self) -> &P::Config {
        &self.typed.cfg
    }

    #[inline]
    pub fn nodes(&self) -> &[P] {
        &self.typed.nodes
    }

    /// The protocol's `outcome` object for the report.
    pub fn outcome(&self) -> serde_json::Value {
        let t = &self.typed;
        let msgs: Vec<&P::Msg> = t.msgs.deliverable().collect();
        P::outcome(&CheckCx { now: self.core.now(), cfg: &t.cfg, nodes: &t.nodes, up: self.core.up(), in_flight: &msgs })
    }

    /// The world as the UI draws it at display time `at` (>= the last event's time).
    pub fn view(&self, at: Time) -> WorldView {
        self.core.view(at, &self.typed)
    }
}

/// How the core calls the typed half during a step: through `dyn Nodes` in the page's wasm,
/// where one copy of the engine for all five protocols is what counts, and directly in
/// native builds, where the engine is then compiled into each protocol's shim and runs
/// about 2 % faster (the CLI, the property runs and the soak). The same code either way.
#[cfg(target_arch = "wasm32")]
#[inline]
fn dispatch<P: Protocol>(typed: &mut Typed<P>) -> &mut dyn Nodes {
    typed
}
#[cfg(not(target_arch = "wasm32"))]
#[inline]
fn dispatch<P: Protocol>(typed: &mut Typed<P>) -> &mut Typed<P> {
    typed
}

impl<P: Protocol> Typed<P> {
    fn ctx(&mut self, core: &Core, node: NodeId) -> Ctx<P> {
        Ctx { id: node, n: core.n(), now: core.now(), effects: std::mem::take(&mut self.effects) }
    }


    /// Carry out a node's effects, in the order it asked for them; the emptied buffer is
    /// kept for the next handler.
    fn apply(&mut self, core: &mut Core, node: NodeId, mut effects: Vec<Effect<P::Msg, P::Timer>>, out: &mut Vec<TraceEvent>) {
        for e in effects.drain(..) {
            match e {
                Effect::Send { to, msg } => {
                    let (copies, deliver) = core.send(node, to, P::describe(&msg), out);
                    if copies == 2 {
                        self.msgs.0.push_back(Some(Payload { deliver, msg: msg.clone() }));
                    }
                    self.msgs.0.push_back(Some(Payload { deliver, msg }));
                }
                Effect::SetTimer { timer, lo, hi } => {
                    self.cancel(core, node, &timer);
                    core.set_timer(node, lo, hi);
                    self.timers[node as usize - 1].push(timer);
                }
                Effect::CancelTimer { timer } => self.cancel(core, node, &timer),
                Effect::Note(text) => core.record(out, What::Note { node, text }),
            }
        }
        self.effects = effects;
    }

    /// Forget `timer`; its queue entry goes stale.
    fn cancel(&mut self, core: &mut Core, node: NodeId, timer: &P::Timer) {
        let timers = &mut self.timers[node as usize - 1];
        if let Some(pos) = timers.iter().position(|t| t == timer) {
            timers.remove(pos);
            core.cancel_timer(node, pos);
        }
    }
}

impl<P: Protocol> Nodes for Typed<P> {
    fn forget(&mut self, core: &Core, msg: u64) {
        self.msgs.take(core, msg);
    }

    fn undeliverable(&mut self, core: &Core, msg: u64) {
        let slot = self.msgs.slot(core, msg);
        if let Some(p) = &mut self.msgs.0[slot] {
            p.deliver = false;
        }
    }

    fn deliver(&mut self, core: &mut Core, msg: u64, from: NodeId, to: NodeId, out: &mut Vec<TraceEvent>) {
        let msg = self.msgs.take(core, msg).msg;
        let mut cx = self.ctx(core, to);
        self.nodes[to as usize - 1].on_message(from, msg, &mut cx);
        self.apply(core, to, cx.effects, out);
    }

    fn fire(&mut self, core: &mut Core, node: NodeId, pos: usize, out: &mut Vec<TraceEvent>) {
        let timer = self.timers[node as usize - 1].remove(pos);
        core.record(out, What::Timer { node, timer: P::describe_timer(&timer) });
        let mut cx = self.ctx(core, node);
        self.nodes[node as usize - 1].on_timer(timer, &mut cx);
        self.apply(core, node, cx.effects, out);
    }

    fn command(&mut self, core: &mut Core, node: NodeId, cmd: &Command, out: &mut Vec<TraceEvent>) {
        let mut cx = self.ctx(core, node);
        self.nodes[node as usize - 1].on_command(cmd, &mut cx);
        self.apply(core, node, cx.effects, out);
    }

    fn recover(&mut self, core: &mut Core, node: NodeId, out: &mut Vec<TraceEvent>) {
        let mut cx = self.ctx(core, node);
        self.nodes[node as usize - 1].on_recover(&mut cx);
        self.apply(core, node, cx.effects, out);
    }

    fn crashed(&mut self, node: NodeId) {
        self.timers[node as usize - 1].clear();
    }

    fn check(&mut self, core: &Core) -> Vec<Violation> {
        // The list of deliverable messages is rebuilt every step in one kept allocation: an
        // empty Vec of pointer-sized words is collected in place into a Vec of references
        // and back (the standard library reuses the buffer when the layouts match).
        let mut msgs: Vec<&P::Msg> = std::mem::take(&mut self.check_buf).into_iter().map(|_| unreachable!()).collect();
        msgs.extend(self.msgs.deliverable());
        let found = P::check(&CheckCx { now: core.now(), cfg: &self.cfg, nodes: &self.nodes, up: core.up(), in_flight: &msgs });
        msgs.clear();
        self.check_buf = msgs.into_iter().map(|_| unreachable!()).collect();
        found
    }

    fn node_view(&self, id: NodeId) -> NodeView {
        self.nodes[id as usize - 1].view(&self.cfg)
    }

    fn timer_label(&self, node: NodeId, pos: usize) -> String {
        P::describe_timer(&self.timers[node as usize - 1][pos])
    }

    fn msg_view(&self, core: &Core, msg: u64) -> MsgView {
        P::describe(&self.msgs.get(core, msg).msg)
    }
}

//! One object-safe face for a run of any protocol, used by the CLI and the web app.

use super::history::History;
use super::protocol::{NodeParam, Protocol};
use super::report::{InvariantStatus, MessageStats, Report};
use super::time::{to_ms, Time};
use super::trace::{TraceEvent, TraceHash};
use super::view::WorldView;

pub use crate::protocols::build;

/// A run never takes more steps than this; a scenario that would is stopped and says so.
pub const MAX_STEPS: u64 = 2_000_000;
/// A run whose network holds more messages than this is stopped: a message storm (say, a
/// protocol multiplying duplicates) would otherwise eat the browser tab's memory.
pub const MAX_IN_FLIGHT: usize = 20_000;

pub trait Simulation {
    fn protocol(&self) -> &'static str;
    fn seed(&self) -> u64;
    /// Scenario actions the protocol interprets itself (`Protocol::COMMANDS`).
    fn commands(&self) -> &'static [&'static str];
    /// Per-node choices the scenario's params offer (`Protocol::NODE_PARAMS`).
    fn node_params(&self) -> &'static [NodeParam];
    /// The report's `outcome` object at the current step (who leads, what is decided).
    fn outcome(&self) -> serde_json::Value;
    fn now(&self) -> Time;
    fn end(&self) -> Time;
    /// Steps taken to reach the current state.
    fn steps(&self) -> u64;
    /// Time of the next event within the run, if any.
    fn next_time(&self) -> Option<Time>;
    fn step(&mut self) -> bool;
    /// Take every step whose time is <= `t`.
    fn run_until(&mut self, t: Time);
    /// Run to `duration_ms` (or the step cap).
    fn run_to_end(&mut self);
    /// Go to the state right after `step` steps (cheap: from the nearest checkpoint).
    fn seek(&mut self, step: u64);
    /// Go to display time `t`, backwards or forwards: the state after every step whose time
    /// is <= `t`. Going back restores the nearest checkpoint and replays from it.
    fn seek_time(&mut self, t: Time) {
        if t < self.now() {
            // The trace is in step order, hence in time order.
            let trace = self.trace();
            let i = trace.partition_point(|e| e.at <= t);
            self.seek(if i == 0 { 0 } else { trace[i - 1].step });
        }
        self.run_until(t);
    }
    /// The world at display time `at` (>= now).
    fn view(&self, at: Time) -> WorldView;
    /// The trace recorded so far (it may reach past the current step after a seek back).
    fn trace(&self) -> &[TraceEvent];
    fn invariants(&self) -> Vec<InvariantStatus>;
    /// Messages in the network now.
    fn in_flight(&self) -> usize;
    fn stats(&self) -> &MessageStats;
}

/// Why a run may not go on, if it hit a cap.
fn stop_reason(steps: u64, in_flight: usize, now: Time) -> Option<String> {
    if steps >= MAX_STEPS {
        Some(format!("step limit {MAX_STEPS} reached at {} ms", to_ms(now)))
    } else if in_flight > MAX_IN_FLIGHT {
        Some(format!("more than {MAX_IN_FLIGHT} messages in flight at {} ms (a message storm)", to_ms(now)))
    } else {
        None
    }
}

/// The report is built here, once for every protocol, rather than in a trait method: the
/// web page never asks for it, and a trait method would put one copy per protocol (with the
/// trace's JSON serialiser) into the page's bundle through the vtable.
impl dyn Simulation + '_ {
    /// The report of the run up to the current step.
    pub fn report(&self) -> Report {
        let steps = self.steps();
        let mut hash = TraceHash::default();
        self.trace().iter().take_while(|e| e.step <= steps).for_each(|e| hash.add(e));
        let stopped_early = stop_reason(steps, self.in_flight(), self.now()).filter(|_| self.next_time().is_some());
        Report {
            protocol: self.protocol(),
            seed: self.seed(),
            end_ms: to_ms(if stopped_early.is_some() { self.now() } else { self.end() }),
            events: steps,
            messages: self.stats().clone(),
            invariants: self.invariants(),
            outcome: self.outcome(),
            trace_hash: hash.hex(),
            stopped_early,
        }
    }
}

pub struct Run<P: Protocol> {
    pub(crate) seed: u64,
    pub(crate) history: History<P>,
}

impl<P: Protocol> Run<P> {
    fn stop_reason(&self) -> Option<String> {
        let w = self.history.world();
        stop_reason(w.steps(), w.in_flight(), w.now())
    }
}

impl<P: Protocol> Simulation for Run<P> {
    fn protocol(&self) -> &'static str {
        P::NAME
    }
    fn seed(&self) -> u64 {
        self.seed
    }
    fn commands(&self) -> &'static [&'static str] {
        P::COMMANDS
    }
    fn node_params(&self) -> &'static [NodeParam] {
        P::NODE_PARAMS
    }
    fn outcome(&self) -> serde_json::Value {
        self.history.world().outcome()
    }
    fn now(&self) -> Time {
        self.history.world().now()
    }
    fn end(&self) -> Time {
        self.history.world().end()
    }
    fn steps(&self) -> u64 {
        self.history.world().steps()
    }
    fn next_time(&self) -> Option<Time> {
        self.history.world().next_time()
    }
    fn step(&mut self) -> bool {
        self.stop_reason().is_none() && self.history.step()
    }
    fn run_until(&mut self, t: Time) {
        while self.next_time().is_some_and(|n| n <= t) && self.step() {}
    }
    fn run_to_end(&mut self) {
        while self.step() {}
    }
    fn seek(&mut self, step: u64) {
        self.history.seek(step.min(MAX_STEPS));
    }
    fn view(&self, at: Time) -> WorldView {
        self.history.world().view(at)
    }
    fn trace(&self) -> &[TraceEvent] {
        self.history.trace()
    }
    fn invariants(&self) -> Vec<InvariantStatus> {
        let found = &self.history.world().violations;
        P::INVARIANTS
            .iter()
            .map(|&name| InvariantStatus { name, ok: !found.contains_key(&name), violation: found.get(&name).cloned() })
            .collect()
    }
    fn in_flight(&self) -> usize {
        self.history.world().in_flight()
    }
    fn stats(&self) -> &MessageStats {
        &self.history.world().stats
    }
}

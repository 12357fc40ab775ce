//! A world of any protocol as the history and the run use it: to step it, copy it, report
//! and draw it. They take worlds as trait objects, so their logic is compiled once rather
//! than once per protocol (the page's bundle holds five protocols).

use std::any::Any;

use super::engine::{Core, World};
use super::protocol::Protocol;
use super::time::Time;
use super::trace::TraceEvent;
use super::view::WorldView;
use super::window::{Window, KEEP_AFTER};

pub trait Replay: Any {
    /// The protocol-independent half of the world (clock, steps, statistics, violations).
    fn core(&self) -> &Core;
    fn step(&mut self, out: &mut Vec<TraceEvent>) -> bool;
    fn copy(&self) -> Box<dyn Replay>;
    /// Become a copy of `other`, a world of the same protocol (the history's checkpoints
    /// of this run).
    fn copy_from(&mut self, other: &dyn Replay);
    /// The protocol's `outcome` object for the report.
    fn outcome(&self) -> serde_json::Value;
    /// The world as the UI draws it at display time `at` (>= now).
    fn view(&self, at: Time) -> WorldView;
}

/// Written once here rather than as trait methods, which would be compiled per protocol.
impl dyn Replay + '_ {
    pub fn steps(&self) -> u64 {
        self.core().steps()
    }
    pub fn now(&self) -> Time {
        self.core().now()
    }
    pub fn next_time(&self) -> Option<Time> {
        self.core().next_time()
    }
}

impl<P: Protocol> Replay for World<P> {
    fn core(&self) -> &Core {
        self
    }
    fn step(&mut self, out: &mut Vec<TraceEvent>) -> bool {
        World::step(self, out)
    }
    fn copy(&self) -> Box<dyn Replay> {
        Box::new(self.clone())
    }
    fn copy_from(&mut self, other: &dyn Replay) {
        let other: &dyn Any = other;
        self.clone_from(other.downcast_ref::<Self>().expect("a run's checkpoints are worlds of its protocol"));
    }
    fn outcome(&self) -> serde_json::Value {
        World::outcome(self)
    }
    fn view(&self, at: Time) -> WorldView {
        World::view(self, at)
    }
}

/// Step `world` to step `until`, each step's records into `window` (kept under its cap).
pub(crate) fn fill(world: &mut dyn Replay, window: &mut Window, until: u64, scratch: &mut Vec<TraceEvent>) {
    scratch.clear();
    while world.steps() < until && world.step(scratch) {
        window.push(world.steps(), scratch);
        window.bound();
    }
}

/// Step `world` (at the window's last step) until `2 * KEEP_AFTER` records follow step
/// `now` in `window`, or to step `recorded`.
pub(crate) fn fill_ahead(world: &mut dyn Replay, window: &mut Window, now: u64, recorded: u64, scratch: &mut Vec<TraceEvent>) {
    scratch.clear();
    while world.steps() < recorded && window.after(now) < 2 * KEEP_AFTER && world.step(scratch) {
        window.push(world.steps(), scratch);
    }
}

/// Step `world` to step `until`, or past every event at or before time `t`, whichever
/// comes first; the records are dropped.
pub(crate) fn skip(world: &mut dyn Replay, until: u64, t: Time, scratch: &mut Vec<TraceEvent>) {
    while world.steps() < until && world.next_time().is_some_and(|n| n <= t) && world.step(scratch) {
        scratch.clear();
    }
}

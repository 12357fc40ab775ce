//! What the history needs of a world: to step it, and to copy it. The history takes worlds
//! as trait objects, so its logic is compiled once rather than once per protocol (the
//! page's bundle holds five protocols).

use std::any::Any;

use super::engine::{Core, World};
use super::protocol::Protocol;
use super::time::Time;
use super::trace::TraceEvent;
use super::window::{Window, KEEP_AFTER};

pub trait Replay: Any {
    fn steps(&self) -> u64;
    fn now(&self) -> Time;
    fn next_time(&self) -> Option<Time>;
    fn step(&mut self, out: &mut Vec<TraceEvent>) -> bool;
    fn copy(&self) -> Box<dyn Replay>;
    /// Become a copy of `other`, a world of the same protocol (the history's checkpoints
    /// of this run).
    fn copy_from(&mut self, other: &dyn Replay);
}

impl<P: Protocol> Replay for World<P> {
    fn steps(&self) -> u64 {
        Core::steps(self)
    }
    fn now(&self) -> Time {
        Core::now(self)
    }
    fn next_time(&self) -> Option<Time> {
        Core::next_time(self)
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

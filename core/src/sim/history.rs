//! A run with its history: the world now, the complete trace recorded so far, and a
//! checkpoint every `EVERY` steps so that seeking to any step replays at most `EVERY` steps.
//! Checkpoints hold world states, never the trace, so memory grows with the run's length
//! divided by `EVERY`.

use super::engine::World;
use super::protocol::Protocol;
use super::trace::TraceEvent;

/// Steps between checkpoints: seeking costs at most this many replayed steps.
pub const EVERY: u64 = 1024;

#[derive(Clone, Debug)]
pub struct History<P: Protocol> {
    world: World<P>,
    /// `checkpoints[k]` is the world after `k * EVERY` steps.
    checkpoints: Vec<World<P>>,
    trace: Vec<TraceEvent>,
    /// How far the trace has been recorded (in steps).
    recorded: u64,
    scratch: Vec<TraceEvent>,
}

impl<P: Protocol> History<P> {
    pub fn new(world: World<P>, startup: Vec<TraceEvent>) -> Self {
        History { checkpoints: vec![world.clone()], world, trace: startup, recorded: 0, scratch: Vec::new() }
    }

    pub fn world(&self) -> &World<P> {
        &self.world
    }
    pub fn trace(&self) -> &[TraceEvent] {
        &self.trace
    }
    pub fn recorded(&self) -> u64 {
        self.recorded
    }

    /// One step forward; records the trace the first time a step is taken.
    pub fn step(&mut self) -> bool {
        self.scratch.clear();
        if !self.world.step(&mut self.scratch) {
            return false;
        }
        let s = self.world.steps();
        if s > self.recorded {
            self.recorded = s;
            self.trace.append(&mut self.scratch);
            if s % EVERY == 0 && s / EVERY == self.checkpoints.len() as u64 {
                self.checkpoints.push(self.world.clone());
            }
        }
        true
    }

    /// Go to the state right after `step` steps (clamped to the end of the run).
    pub fn seek(&mut self, step: u64) {
        let k = ((step / EVERY) as usize).min(self.checkpoints.len() - 1);
        // Restore when going back, or when a checkpoint is nearer than the current state.
        if step < self.world.steps() || k as u64 * EVERY > self.world.steps() {
            self.world = self.checkpoints[k].clone();
        }
        while self.world.steps() < step && self.step() {}
    }

    pub fn checkpoints(&self) -> usize {
        self.checkpoints.len()
    }
}

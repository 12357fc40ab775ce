//! Read access to the run's trace, for the event log and the space-time diagram: the window
//! of it kept in memory around the step shown.

use std::cell::RefCell;
use std::rc::Rc;

use consenso_core::sim::window::TraceWindow;
use consenso_core::Simulation;

use super::run::Loaded;

/// The recorded trace of a run. It compares equal while the run and its step count are the
/// same, so views built from it re-render only when something happened, not on every
/// animation frame.
#[derive(Clone)]
pub struct Past {
    sim: Rc<RefCell<Box<dyn Simulation>>>,
    /// Steps taken to reach the frame shown: trace records with a later step are the future
    /// (recorded before a seek back).
    pub steps: u64,
}

impl PartialEq for Past {
    fn eq(&self, other: &Self) -> bool {
        self.same_run(other) && self.steps == other.steps
    }
}

impl Past {
    /// Both show the same run (possibly at different steps).
    pub fn same_run(&self, other: &Past) -> bool {
        Rc::ptr_eq(&self.sim, &other.sim)
    }

    /// Run `f` on the trace around the step shown (it may reach past `steps`).
    pub fn with_trace<R>(&self, f: impl FnOnce(TraceWindow) -> R) -> R {
        f(self.sim.borrow().trace())
    }
}

impl Loaded {
    pub fn past(&self) -> Past {
        Past { sim: self.sim.clone(), steps: self.sim.borrow().steps() }
    }
}

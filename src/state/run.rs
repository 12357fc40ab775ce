//! One loaded run: the simulation, the facts that do not change while it plays, and the
//! `Frame` the view draws at the current instant.
//!
//! The simulation sits behind a `RefCell` because stepping it mutates it, and cloning a whole
//! run on every animation frame would be wasteful; everything the view reads is copied into
//! an immutable `Frame` after each change.

use std::cell::RefCell;
use std::rc::Rc;

use consenso_core::sim::protocol::NodeParam;
use consenso_core::sim::report::InvariantStatus;
use consenso_core::sim::trace::What;
use consenso_core::sim::view::WorldView;
use consenso_core::sim::{NodeId, Say, Time};
use consenso_core::{build, Scenario, Simulation};

use super::timeline::{self, Mark};
use crate::told::Told;

#[derive(Clone)]
pub struct Loaded {
    pub(super) sim: Rc<RefCell<Box<dyn Simulation>>>,
    pub about: Rc<About>,
    pub frame: Rc<Frame>,
    /// Every message kind seen so far in this run, with its colour, in order of appearance
    /// (so words in the caption can wear the colour of the message they name).
    pub kinds: Rc<Vec<Kind>>,
    /// The timeline's ticks over the whole run (faults, milestones, violations); empty until
    /// `marked` (see `Loaded::start`).
    pub marks: Rc<Vec<Mark>>,
    /// The run has been played ahead for its marks.
    pub marked: bool,
}

#[derive(Clone, PartialEq)]
pub struct Kind {
    pub kind: String,
    pub colour: String,
}

/// Facts about the run that do not change while it plays.
#[derive(PartialEq)]
pub struct About {
    pub protocol: &'static str,
    pub nodes: usize,
    pub seed: u64,
    pub end: Time,
    /// Scenario actions the protocol interprets itself, e.g. ["client_request", "timeout"].
    pub commands: &'static [&'static str],
    /// Per-node choices of the scenario's params (OM's traitors).
    pub node_params: &'static [NodeParam],
    /// The scenario as parsed: the inspector reads params and the network settings from it.
    pub scenario: Scenario,
}

/// Everything drawn at one display instant.
#[derive(PartialEq)]
pub struct Frame {
    pub t: Time,
    pub world: Rc<WorldView>,
    /// The latest protocol note at or before `t`.
    pub note: Option<Rc<Note>>,
    pub invariants: Rc<Vec<InvariantStatus>>,
    /// Nothing in flight and no timer running: see `QUIET_SPEEDUP`.
    pub quiet: bool,
}

#[derive(PartialEq)]
pub struct Note {
    pub at: Time,
    pub node: NodeId,
    /// Said in the page's language when drawn (`Words::say`).
    pub text: Say,
}

impl Loaded {
    /// Check and start a scenario, run it ahead once to find the timeline's marks, and show
    /// its first instant.
    pub fn build(source: &str) -> Result<Loaded, Told> {
        Ok(Loaded::start(source)?.marked())
    }

    /// Check and start a scenario and show its first instant, without its marks yet: the page's
    /// first picture does not wait for the run to be played to its end (the page marks it
    /// with the next action, see `AppState::step`).
    pub fn start(source: &str) -> Result<Loaded, Told> {
        let scenario = Scenario::parse(source)?;
        let sim = build(&scenario)?;
        let about = About {
            protocol: sim.protocol(),
            nodes: scenario.nodes as usize,
            seed: sim.seed(),
            end: sim.end(),
            commands: sim.commands(),
            node_params: sim.node_params(),
            scenario,
        };
        let frame = Rc::new(Frame::capture(&*sim, 0));
        let kinds = with_kinds(&Rc::default(), &frame.world);
        Ok(Loaded { sim: Rc::new(RefCell::new(sim)), about: Rc::new(about), frame, kinds, marks: Rc::default(), marked: false })
    }

    /// This run with its marks: played from its start to its end once, then back to the
    /// instant shown (checkpoints make both seeks cheap).
    pub fn marked(self) -> Loaded {
        if self.marked {
            return self;
        }
        let marks = {
            let mut sim = self.sim.borrow_mut();
            sim.seek(0);
            let marks = timeline::run_ahead(&mut **sim);
            sim.seek_time(self.frame.t);
            marks
        };
        Loaded { marks: Rc::new(marks), marked: true, ..self }
    }

    /// The picture at `t` (clamped to the run): every event up to `t` processed, none after.
    pub fn advance(&self, t: Time) -> Loaded {
        let t = t.min(self.about.end);
        let mut sim = self.sim.borrow_mut();
        sim.seek_time(t);
        let frame = Rc::new(Frame::capture(&**sim, t));
        let kinds = with_kinds(&self.kinds, &frame.world);
        Loaded { frame, kinds, ..self.clone() }
    }

    /// Time of the first event after the current instant (the end when there is none).
    pub fn next_event(&self) -> Time {
        self.next_time().unwrap_or(self.about.end)
    }

    /// Time of the last event before the current instant (0 when there is none).
    pub fn previous_event(&self) -> Time {
        let sim = self.sim.borrow();
        let trace = sim.trace();
        let i = trace.partition_point(|e| e.at < self.frame.t);
        if i == 0 {
            0
        } else {
            trace[i - 1].at
        }
    }

    /// Time of the next event of the run, if any (for skipping quiet time).
    pub fn next_time(&self) -> Option<Time> {
        self.sim.borrow().next_time()
    }
}

/// `kinds` plus the message kinds first seen in `world` (the same list if there are none).
fn with_kinds(kinds: &Rc<Vec<Kind>>, world: &WorldView) -> Rc<Vec<Kind>> {
    let mut out = None::<Vec<Kind>>;
    for m in &world.messages {
        let list = out.as_ref().unwrap_or(kinds);
        if !list.iter().any(|k| k.kind == m.view.kind) {
            out.get_or_insert_with(|| kinds.to_vec()).push(Kind { kind: m.view.kind.clone(), colour: m.view.colour.clone() });
        }
    }
    out.map_or_else(|| kinds.clone(), Rc::new)
}

impl Frame {
    fn capture(sim: &dyn Simulation, t: Time) -> Frame {
        let world = sim.view(t);
        let quiet = world.messages.is_empty() && world.nodes.iter().all(|n| n.timers.is_empty());
        // The trace reaches past the current step (the run was played ahead for the
        // timeline); only the past counts. It is in step order, so search, then walk back
        // (to the note before the window of the trace in memory, if need be).
        let steps = sim.steps();
        let trace = sim.trace();
        let past = &trace[..trace.partition_point(|e| e.step <= steps)];
        let note = past.iter().rev().chain(trace.note_before).find_map(|e| match &e.what {
            What::Note { node, text } => Some(Rc::new(Note { at: e.at, node: *node, text: text.clone() })),
            _ => None,
        });
        Frame { t, world: Rc::new(world), note, invariants: Rc::new(sim.invariants()), quiet }
    }
}

//! The one reducer that holds the app's state (the shape of Yew's function_todomvc example).
//!
//! Components never own simulation state: they render a `Frame` and send `Action`s. The
//! simulation itself sits behind a `RefCell` because stepping it mutates it, and cloning a
//! whole run on every animation frame would be wasteful; everything the view reads is copied
//! into an immutable `Frame` after each change.

use std::cell::RefCell;
use std::rc::Rc;

use consenso_core::sim::report::InvariantStatus;
use consenso_core::sim::trace::What;
use consenso_core::sim::view::WorldView;
use consenso_core::sim::{NodeId, Time};
use consenso_core::{build, Scenario, Simulation};
use yew::Reducible;

/// The scenario the page opens with.
pub const DEFAULT_SCENARIO: &str = include_str!("../examples/ring-basic.json");

/// Wall-clock ms per ms of virtual time by default: a 60 ms message flies for ~1.2 s.
pub const DEFAULT_SLOWDOWN: u32 = 20;

/// The slow-motion factors offered; 1 is real time.
pub const SLOWDOWNS: &[u32] = &[80, 40, 20, 10, 4, 1];

/// When nothing is in flight and no timer runs, nothing can be seen changing, so virtual
/// time passes this much faster (never past the next event, so nothing is skipped).
pub const QUIET_SPEEDUP: f64 = 10.0;

/// A long frame (tab in the background, debugger) must not jump the picture ahead.
const MAX_FRAME_MS: f64 = 100.0;

pub enum Action {
    /// Advance virtual time by this many ms of wall time (sent by the driver).
    Tick(f64),
    TogglePlay,
    /// Rebuild the run from the scenario text and play from the start.
    Restart,
    SetSlowdown(u32),
    /// Open a scenario of the catalog, by id.
    Load(&'static str),
    /// Show the run at this virtual time (µs), before or after the current one.
    Seek(Time),
    /// Open a scenario from a share link or an imported file (see share.rs).
    Open(crate::share::Opening),
}

#[derive(Clone)]
pub struct AppState {
    /// The scenario text the run was built from; restart rebuilds from it.
    pub source: Rc<str>,
    /// The loaded run, or the one-line message saying why the scenario was refused.
    pub run: Result<Loaded, String>,
    pub playing: bool,
    pub slowdown: u32,
    /// The catalog entry the scenario came from, if any.
    pub entry: Option<&'static str>,
}

#[derive(Clone)]
pub struct Loaded {
    sim: Rc<RefCell<Box<dyn Simulation>>>,
    pub about: Rc<About>,
    pub frame: Rc<Frame>,
    /// Every message kind seen so far in this run, with its colour, in order of appearance
    /// (so words in the caption can wear the colour of the message they name).
    pub kinds: Rc<Vec<Kind>>,
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
    pub text: String,
}

impl AppState {
    /// Load a scenario and start playing it (or show why it cannot run).
    pub fn new(source: &str) -> Self {
        let run = Loaded::build(source);
        AppState { source: source.into(), playing: run.is_ok(), run, slowdown: DEFAULT_SLOWDOWN, entry: None }
    }

    /// The page as a link opens it: the linked scenario, or the reason the link is refused.
    pub fn from_link(search: &str) -> Self {
        let opened = crate::link::parse(search).and_then(|l| Ok((crate::link::scenario(&l)?, l.speed)));
        match opened {
            Ok(((entry, text), speed)) => {
                let mut s = AppState::new(&text);
                s.entry = Some(entry.id);
                s.slowdown = speed.unwrap_or(DEFAULT_SLOWDOWN);
                s
            }
            Err(message) => AppState { run: Err(message), playing: false, ..AppState::new(DEFAULT_SCENARIO) },
        }
    }

    /// The run has reached its end (playing again starts over).
    pub fn finished(&self) -> bool {
        self.run.as_ref().is_ok_and(|r| r.frame.t >= r.about.end)
    }

    /// The state `wall_ms` of playing later, or `None` when time stands still.
    fn tick(&self, wall_ms: f64) -> Option<Self> {
        let run = self.run.as_ref().ok().filter(|_| self.playing)?;
        let mut rate = 1000.0 / f64::from(self.slowdown); // virtual µs per wall ms
        if run.frame.quiet {
            rate *= QUIET_SPEEDUP;
        }
        let step = (wall_ms.clamp(0.0, MAX_FRAME_MS) * rate) as Time;
        let mut t = (run.frame.t + step).min(run.about.end);
        if run.frame.quiet {
            if let Some(next) = run.sim.borrow().next_time() {
                t = t.min(next);
            }
        }
        let run = run.advance(t);
        let playing = run.frame.t < run.about.end;
        Some(AppState { run: Ok(run), playing, ..self.clone() })
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            // A stray frame while paused changes nothing: keep the same state, render nothing.
            Action::Tick(wall_ms) => match self.tick(wall_ms) {
                Some(next) => next,
                None => return self,
            },
            Action::TogglePlay if self.playing => AppState { playing: false, ..(*self).clone() },
            Action::TogglePlay if !self.finished() => AppState { playing: self.run.is_ok(), ..(*self).clone() },
            // Play at the end starts over, like a video player.
            Action::TogglePlay | Action::Restart => {
                AppState { slowdown: self.slowdown, entry: self.entry, ..AppState::new(&self.source) }
            }
            Action::Load(id) => match crate::catalog::by_id(id) {
                Some(e) => AppState { slowdown: self.slowdown, entry: Some(e.id), ..AppState::new(e.text) },
                None => return self,
            },
            Action::Seek(t) => match &self.run {
                Ok(run) => AppState { run: Ok(run.advance(t.min(run.about.end))), ..(*self).clone() },
                Err(_) => return self,
            },
            Action::SetSlowdown(slowdown) => AppState { slowdown: slowdown.max(1), ..(*self).clone() },
            Action::Open(opening) => opening.apply(&self),
        };
        Rc::new(next)
    }
}

impl Loaded {
    fn build(source: &str) -> Result<Loaded, String> {
        let scenario = Scenario::parse(source).map_err(|e| e.to_string())?;
        let sim = build(&scenario).map_err(|e| e.to_string())?;
        let about = About {
            protocol: sim.protocol(),
            nodes: scenario.nodes as usize,
            seed: sim.seed(),
            end: sim.end(),
        };
        let frame = Rc::new(Frame::capture(&*sim, 0));
        let kinds = with_kinds(&Rc::default(), &frame.world);
        Ok(Loaded { sim: Rc::new(RefCell::new(sim)), about: Rc::new(about), frame, kinds })
    }

    /// The picture at `t`: every event up to `t` processed, and none after it.
    fn advance(&self, t: Time) -> Loaded {
        let mut sim = self.sim.borrow_mut();
        sim.seek_time(t);
        let frame = Rc::new(Frame::capture(&**sim, t));
        let kinds = with_kinds(&self.kinds, &frame.world);
        Loaded { frame, kinds, ..self.clone() }
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
        // The trace may reach past the current step after a seek back; only the past counts.
        let steps = sim.steps();
        let note = sim.trace().iter().rev().filter(|e| e.step <= steps).find_map(|e| match &e.what {
            What::Note { node, text } => Some(Rc::new(Note { at: e.at, node: *node, text: text.clone() })),
            _ => None,
        });
        Frame { t, world: Rc::new(world), note, invariants: Rc::new(sim.invariants()), quiet }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(s: AppState, a: Action) -> AppState {
        Rc::try_unwrap(Rc::new(s).reduce(a)).unwrap_or_else(|rc| (*rc).clone())
    }

    fn t(s: &AppState) -> Time {
        s.run.as_ref().unwrap().frame.t
    }

    #[test]
    fn the_default_scenario_loads_and_plays() {
        let s = AppState::new(DEFAULT_SCENARIO);
        assert!(s.run.is_ok() && s.playing);
    }

    #[test]
    fn a_bad_scenario_gives_a_message_naming_the_field_and_does_not_play() {
        let s = AppState::new(r#"{"protocol":"ring","nodes":1,"seed":1,"duration_ms":10}"#);
        let Err(msg) = &s.run else { panic!("accepted a one-node ring") };
        assert!(msg.contains("nodes"), "{msg}");
        assert!(!s.playing);
        let s = reduce(s, Action::Tick(16.0));
        assert!(s.run.is_err());
    }

    #[test]
    fn quiet_time_runs_faster_but_stops_at_the_next_event() {
        // Nothing happens before the election at 100 ms: time runs 10x, then waits there.
        let mut s = AppState::new(DEFAULT_SCENARIO);
        s = reduce(s, Action::Tick(16.0));
        assert_eq!(t(&s), (16.0 * 50.0 * QUIET_SPEEDUP) as Time);
        for _ in 0..50 {
            s = reduce(s, Action::Tick(16.0));
        }
        let run = s.run.as_ref().unwrap();
        assert!(!run.frame.world.messages.is_empty(), "the election message is in flight");
        assert!(run.frame.note.is_some());
    }

    #[test]
    fn playing_stops_at_the_end_and_play_then_starts_over() {
        let mut s = AppState::new(DEFAULT_SCENARIO);
        s = reduce(s, Action::SetSlowdown(1));
        while s.playing {
            s = reduce(s, Action::Tick(100.0));
        }
        assert!(s.finished());
        s = reduce(s, Action::TogglePlay);
        assert!(s.playing && t(&s) == 0 && s.slowdown == 1);
    }

    #[test]
    fn a_bad_link_is_refused_with_its_reason_and_a_good_one_opens_its_scenario() {
        let s = AppState::from_link("?nodes=0");
        assert!(s.run.as_ref().err().is_some_and(|m| m.contains("nodes")));
        assert!(!s.playing);
        let s = reduce(s, Action::Load("ring-basic"));
        assert!(s.run.is_ok() && s.playing && s.entry == Some("ring-basic"));
        let s = AppState::from_link("?scenario=ring-partition&speed=4");
        assert_eq!((s.entry, s.slowdown), (Some("ring-partition"), 4));
    }

    #[test]
    fn seeking_back_shows_the_earlier_picture_and_forward_again_the_later_one() {
        let mut s = reduce(AppState::new(DEFAULT_SCENARIO), Action::SetSlowdown(1));
        for _ in 0..30 {
            s = reduce(s, Action::Tick(100.0));
        }
        let later = s.run.as_ref().unwrap().frame.clone();
        let s = reduce(s, Action::Seek(200_000));
        let early = s.run.as_ref().unwrap().frame.clone();
        assert_eq!(early.t, 200_000);
        let fresh = reduce(AppState::new(DEFAULT_SCENARIO), Action::Seek(200_000));
        assert!(early.world == fresh.run.as_ref().unwrap().frame.world, "seeking back equals playing to 200 ms");
        let s = reduce(s, Action::Seek(later.t));
        assert!(s.run.as_ref().unwrap().frame.world == later.world);
    }

    #[test]
    fn pause_freezes_time() {
        let mut s = reduce(AppState::new(DEFAULT_SCENARIO), Action::TogglePlay);
        assert!(!s.playing);
        s = reduce(s, Action::Tick(50.0));
        assert_eq!(t(&s), 0);
    }
}

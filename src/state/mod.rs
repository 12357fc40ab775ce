//! The one reducer that holds the app's state (the shape of Yew's function_todomvc example).
//! Components never own simulation state: they render a `Frame` and send `Action`s.
//!
//! One file per concern: `run` (a loaded simulation and the frame it shows), `timeline`
//! (marks, speed), `interventions` (faults injected by the user as scenario events), `step`
//! (how each action changes the state).

mod interventions;
mod past;
mod run;
mod step;
mod timeline;
mod tour;
#[cfg(test)]
mod tests;

use consenso_core::sorted::SortedSet;
use std::rc::Rc;

use consenso_core::scenario::EventSpec;
use consenso_core::sim::{NodeId, Time};
use yew::Reducible;

use crate::i18n::Lang;

pub use interventions::{at_ms, network_at, node_param, Intervention, MAX_VALUE_CHARS};
pub use past::Past;
pub use run::{About, Kind, Loaded, Note};
pub use tour::TourAt;
pub use timeline::{notch_slowdown, speed_label, speed_notch, Mark, MarkKind, SPEED_STEPS};

/// The scenario the page opens with.
pub const DEFAULT_SCENARIO: &str = include_str!("../../examples/ring-basic.json");

/// Wall-clock ms per ms of virtual time by default: a 60 ms message flies for ~1.2 s.
pub const DEFAULT_SLOWDOWN: f64 = 20.0;

/// When nothing is in flight and no timer runs, nothing can be seen changing, so virtual
/// time passes this much faster (never past the next event, so nothing is skipped).
pub const QUIET_SPEEDUP: f64 = 10.0;

pub enum Action {
    /// Advance virtual time by this many ms of wall time (sent by the driver).
    Tick(f64),
    TogglePlay,
    /// Rebuild the run from the scenario text (interventions included) and play from the start.
    Restart,
    /// Slow-motion factor: wall ms per virtual ms.
    SetSlowdown(f64),
    /// Move the speed slider by this many notches (keyboard: + and -).
    NudgeSpeed(i32),
    /// Open a scenario of the catalog, by id.
    Load(&'static str),
    /// Show the run at this virtual time (µs), before or after the current one.
    Seek(Time),
    /// Pause and show the next event / the previous one.
    StepForward,
    StepBack,
    /// Pause and jump to the next / previous mark of the timeline.
    NextMark,
    PreviousMark,
    /// Inspect a node or a message (None: close the inspector).
    Select(Option<Selected>),
    /// Add a node to (or take it out of) the nodes picked for a partition.
    TogglePick(NodeId),
    /// Crash the selected node, or recover it if it is down (keyboard: c).
    CrashOrRecoverSelected,
    Intervene(Intervention),
    /// Set (Some) or clear (None) a node's choice for a per-node param, e.g. a traitor.
    SetNodeParam { node: NodeId, param: &'static str, choice: Option<String> },
    /// The node count and seed fields, as typed: rebuild with them or refuse them.
    SetNodes(String),
    SetSeed(String),
    ToggleHelp,
    /// Escape: close the help, else the inspector.
    Dismiss,
    DismissNotice,
    /// Open a scenario from a share link or an imported file (see share.rs).
    Open(crate::share::Opening),
    /// A tour was fetched: show this step of it (or, when it is the tour already shown in
    /// another language, just its new words).
    OpenTour { tour: Rc<crate::tour::Tour>, step: usize },
    /// A tour could not be opened; the message names the problem.
    TourFailed(crate::told::Told),
    /// Go to this step of the tour shown (Continue, Back).
    TourStep(usize),
    /// Leave the tour, keeping the run as it is, in free play.
    LeaveTour,
    /// The page's language (the tour's words are fetched again by the page).
    SetLang(Lang),
    /// The words of the page's language have arrived: render again, in them.
    WordsArrived,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selected {
    Node(NodeId),
    /// A message in flight, by its trace id.
    Message(u64),
}

#[derive(Clone)]
pub struct AppState {
    /// The scenario text the run was built from; restart rebuilds from it.
    pub source: Rc<str>,
    /// The loaded run, or why the scenario was refused (said in the page's language when shown).
    pub run: Result<Loaded, crate::told::Told>,
    pub playing: bool,
    pub slowdown: f64,
    /// The catalog entry the scenario came from, if any.
    pub entry: Option<&'static str>,
    /// The user's interventions, in time order; each is also an event of `source`.
    pub interventions: Rc<Vec<EventSpec>>,
    pub selected: Option<Selected>,
    /// Nodes picked for "partition off".
    pub picked: Rc<SortedSet<NodeId>>,
    /// The keyboard help overlay is open.
    pub help: bool,
    /// The last refusal or consequence worth telling ("history forked: ..."), if any.
    pub notice: Option<Rc<str>>,
    /// The language of the page's words and tours.
    pub lang: Lang,
    /// The guided tour shown, if any.
    pub tour: Option<TourAt>,
    /// Playing stops (pauses) on reaching this time: the pause of a tour step.
    pub stop_at: Option<Time>,
}

impl AppState {
    /// Load a scenario and start playing it (or show why it cannot run).
    pub fn new(source: &str) -> Self {
        AppState::with_run(source, Loaded::build(source))
    }

    /// As `new`, but the run's timeline marks come with the next action (see `step`): for the
    /// page's first picture.
    pub fn first(source: &str) -> Self {
        AppState::with_run(source, Loaded::start(source))
    }

    fn with_run(source: &str, run: Result<Loaded, crate::told::Told>) -> Self {
        AppState {
            source: source.into(),
            playing: run.is_ok(),
            run,
            slowdown: DEFAULT_SLOWDOWN,
            entry: None,
            interventions: Rc::default(),
            selected: None,
            picked: Rc::default(),
            help: false,
            notice: None,
            lang: Lang::default(),
            tour: None,
            stop_at: None,
        }
    }

    /// The page as a link opens it: the linked scenario, or the reason the link is refused.
    pub fn from_link(search: &str) -> Self {
        let opened = crate::link::parse(search).and_then(|l| Ok((crate::link::scenario(&l)?, l.speed, l.tour.is_some())));
        match opened {
            Ok(((entry, text), speed, tour)) => {
                let mut s = AppState::first(&text);
                s.playing &= !tour; // a tour's step replaces it once fetched
                s.entry = Some(entry.id);
                s.slowdown = speed.map_or(DEFAULT_SLOWDOWN, f64::from).clamp(timeline::FASTEST, timeline::SLOWEST);
                s
            }
            Err(message) => AppState { run: Err(message), playing: false, ..AppState::new(DEFAULT_SCENARIO) },
        }
    }

    /// The run has reached its end (playing again starts over).
    pub fn finished(&self) -> bool {
        self.run.as_ref().is_ok_and(|r| r.frame.t >= r.about.end)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.step(action) {
            Some(next) => Rc::new(next),
            // Nothing changed (a stray frame while paused, say): keep the state, render nothing.
            None => self,
        }
    }
}

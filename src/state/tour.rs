//! A guided tour in the reducer: which tour and step the page shows, and how Continue, Back and
//! leaving change the run. A step plays its segment — from `Tour::start_ms` to its pause — and
//! stops there (`AppState::stop_at`), so Continue on the same scenario plays on from where the
//! reader was, and a step on a new scenario opens it.

use std::rc::Rc;

use consenso_core::sim::Time;

use super::{AppState, Loaded};
use crate::told::Told;
use crate::tour::{Step, Tour};

/// The tour shown beside the run and the index of its step.
#[derive(Clone, PartialEq)]
pub struct TourAt {
    pub tour: Rc<Tour>,
    pub step: usize,
}

impl TourAt {
    pub fn current(&self) -> &Step {
        &self.tour.steps[self.step]
    }
}

impl AppState {
    /// The page at step `i` of `tour`: the step's scenario (kept when it is the one already
    /// shown and the reader is at this segment's start), playing from the step's start to its
    /// pause. An index past the end is clamped; a scenario the core refuses shows its reason.
    pub(super) fn tour_step(&self, tour: Rc<Tour>, i: usize) -> AppState {
        let i = i.min(tour.steps.len().saturating_sub(1));
        let Some(step) = tour.steps.get(i) else {
            let run = Err(Told::key("tour.no_steps", [("tour", tour.id.as_str().into())]));
            return AppState { run, playing: false, ..self.clone() };
        };
        let (start, stop) = (tour.start_ms(i) * 1000, step.pause_ms * 1000);
        let same = *self.source == *step.scenario && self.interventions.is_empty();
        let run = match &self.run {
            Ok(run) if same => Ok(run.advance(start)),
            _ => Loaded::build(&step.scenario).map(|r| r.advance(start)),
        };
        let run = match run {
            Ok(run) => run,
            Err(why) => {
                let args = [("tour", tour.id.as_str().into()), ("n", (i + 1).into()), ("step", step.id.as_str().into()), ("why", why)];
                let run = Err(Told::key("tour.step_refused", args));
                return AppState { run, playing: false, tour: None, stop_at: None, ..self.clone() };
            }
        };
        let entry = if same { self.entry } else { crate::share::catalog_entry_of(&step.scenario) };
        AppState {
            source: step.scenario.as_str().into(),
            run: Ok(run),
            playing: start < stop,
            stop_at: (start < stop).then_some(stop),
            entry,
            interventions: if same { self.interventions.clone() } else { Rc::default() },
            selected: None,
            picked: Rc::default(),
            notice: None,
            tour: Some(TourAt { tour, step: i }),
            ..self.clone()
        }
    }

    /// The same tour in another language (fetched again): the run and step stay as they are.
    pub(super) fn retold(&self, tour: Rc<Tour>, i: usize) -> AppState {
        AppState { lang: tour.lang, tour: Some(TourAt { tour, step: i }), ..self.clone() }
    }

    /// Where a tour's segment stops playing: the time to clamp a tick to, if the run is before it.
    pub(super) fn stop_before(&self, t: Time) -> Option<Time> {
        self.stop_at.filter(|stop| t < *stop)
    }
}

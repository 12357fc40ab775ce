//! How each action changes the state. `None` means "nothing changed" (no re-render).

use std::rc::Rc;

use consenso_core::sim::Time;
use consenso_core::Scenario;

use super::interventions::{self, at_ms, Intervention};
use super::run::Loaded;
use crate::i18n::Words;
use super::timeline::{self, notch_slowdown, speed_notch, SPEED_STEPS};
use super::{Action, AppState, Selected, QUIET_SPEEDUP};

/// A long frame (tab in the background, debugger) must not jump the picture ahead.
const MAX_FRAME_MS: f64 = 100.0;

impl AppState {
    pub(super) fn step(&self, action: Action) -> Option<AppState> {
        // A run opened without its marks (the page's first picture, see `Loaded::start`) gets
        // them with whatever comes next: the animation's first tick (a frame after that picture
        // is painted) or the reader's first click.
        if let Some(run) = self.run.as_ref().ok().filter(|r| !r.marked) {
            let marked = AppState { run: Ok(run.clone().marked()), ..self.clone() };
            return Some(marked.step(action).unwrap_or(marked));
        }
        let same = || self.clone();
        Some(match action {
            Action::Tick(wall_ms) => self.tick(wall_ms)?,
            Action::TogglePlay if self.playing => AppState { playing: false, ..same() },
            Action::TogglePlay if !self.finished() => AppState { playing: self.run.is_ok(), ..same() },
            // Play at the end starts over, like a video player.
            Action::TogglePlay | Action::Restart => self.rebuilt(&self.source.clone(), 0, true)?,
            Action::Load(id) => {
                let e = crate::catalog::by_id(id)?;
                AppState { slowdown: self.slowdown, entry: Some(e.id), lang: self.lang, ..AppState::new(e.text) }
            }
            Action::Seek(t) => self.at(t)?,
            Action::StepForward => AppState { playing: false, ..self.at(self.run.as_ref().ok()?.next_event())? },
            Action::StepBack => AppState { playing: false, ..self.at(self.run.as_ref().ok()?.previous_event())? },
            Action::NextMark | Action::PreviousMark => {
                let run = self.run.as_ref().ok()?;
                let t = match action {
                    Action::NextMark => timeline::mark_after(&run.marks, run.frame.t),
                    _ => timeline::mark_before(&run.marks, run.frame.t),
                };
                AppState { playing: false, ..self.at(t?)? }
            }
            Action::SetSlowdown(s) => AppState { slowdown: s.clamp(timeline::FASTEST, timeline::SLOWEST), ..same() },
            Action::NudgeSpeed(by) => {
                let notch = (speed_notch(self.slowdown) as i32 + by).clamp(0, SPEED_STEPS as i32);
                AppState { slowdown: notch_slowdown(notch as u32), ..same() }
            }
            Action::Select(Some(Selected::Node(id))) if self.run.as_ref().ok()?.about.nodes < id as usize => {
                self.told(&self.words().f("notice.no_node", &[("id", &id), ("n", &self.run.as_ref().ok()?.about.nodes)]))
            }
            Action::Select(selected) => AppState { selected, ..same() },
            Action::TogglePick(id) => {
                let mut picked = (*self.picked).clone();
                if !picked.remove(&id) {
                    picked.insert(id);
                }
                AppState { picked: Rc::new(picked), ..same() }
            }
            Action::CrashOrRecoverSelected => {
                let Some(Selected::Node(id)) = self.selected else {
                    return Some(self.told(self.words().t("notice.select_first")));
                };
                let up = self.run.as_ref().ok()?.frame.world.nodes.iter().any(|n| n.id == id && n.up);
                self.intervene(if up { Intervention::Crash(id) } else { Intervention::Recover(id) })
            }
            Action::Intervene(i) => self.intervene(i),
            Action::SetNodeParam { node, param, choice } => self.set_node_param(node, param, choice.as_deref())?,
            Action::SetNodes(text) => match text.trim().parse::<u32>() {
                Ok(n) => self.overridden(Some(n), None)?,
                Err(_) => self.told(&self.words().f("notice.nodes", &[("text", &clip(&text))])),
            },
            Action::SetSeed(text) => match text.trim().parse::<u64>() {
                Ok(seed) => self.overridden(None, Some(seed))?,
                Err(_) => self.told(&self.words().f("notice.seed", &[("text", &clip(&text))])),
            },
            Action::ToggleHelp => AppState { help: !self.help, ..same() },
            Action::Dismiss if self.help => AppState { help: false, ..same() },
            Action::Dismiss => AppState { selected: None, ..same() },
            Action::DismissNotice => AppState { notice: None, ..same() },
            Action::Open(opening) => AppState { lang: self.lang, ..opening.apply(self) },
            Action::OpenTour { tour, step } => match &self.tour {
                Some(at) if at.tour.id == tour.id && at.step == step && self.run.is_ok() => self.retold(tour, step),
                _ => AppState { lang: tour.lang, ..self.tour_step(tour, step) },
            },
            Action::TourFailed(why) => AppState { run: Err(why), playing: false, tour: None, stop_at: None, ..same() },
            Action::TourStep(i) => self.tour_step(self.tour.as_ref()?.tour.clone(), i),
            Action::LeaveTour => AppState { tour: None, stop_at: None, ..same() },
            Action::SetLang(lang) if lang == self.lang => return None,
            Action::SetLang(lang) => AppState { lang, ..same() },
            // Nothing in the state changes, but everything drawn does.
            Action::WordsArrived => same(),
        })
    }

    /// The state `wall_ms` of playing later, or `None` when time stands still.
    fn tick(&self, wall_ms: f64) -> Option<Self> {
        let run = self.run.as_ref().ok().filter(|_| self.playing)?;
        let mut rate = 1000.0 / self.slowdown; // virtual µs per wall ms
        if run.frame.quiet {
            rate *= QUIET_SPEEDUP;
        }
        let step = (wall_ms.clamp(0.0, MAX_FRAME_MS) * rate) as Time;
        let mut t = (run.frame.t + step).min(run.about.end);
        if run.frame.quiet {
            if let Some(next) = run.next_time() {
                t = t.min(next);
            }
        }
        let stop = self.stop_before(run.frame.t);
        if let Some(stop) = stop {
            t = t.min(stop);
        }
        let run = run.advance(t);
        let stopped = stop == Some(run.frame.t);
        let playing = run.frame.t < run.about.end && !stopped;
        let stop_at = if stopped { None } else { self.stop_at };
        Some(AppState { run: Ok(run), playing, stop_at, ..self.clone() })
    }

    /// The same state shown at time `t`.
    fn at(&self, t: Time) -> Option<AppState> {
        let run = self.run.as_ref().ok()?;
        Some(AppState { run: Ok(run.advance(t)), ..self.clone() })
    }

    /// The same state with a notice for the user.
    /// The words of the page's language, for notices.
    fn words(&self) -> Words {
        Words::of(self.lang)
    }

    fn told(&self, message: &str) -> AppState {
        AppState { notice: Some(message.into()), ..self.clone() }
    }

    /// The run rebuilt from `source` and shown at `t` (playing if `play`); `None` if refused.
    fn rebuilt(&self, source: &str, t: Time, play: bool) -> Option<AppState> {
        let run = Loaded::build(source).ok()?.advance(t);
        let playing = play || (self.playing && run.frame.t < run.about.end);
        Some(AppState { source: source.into(), run: Ok(run), playing, notice: None, ..self.clone() })
    }

    fn intervene(&self, i: Intervention) -> AppState {
        let Ok(run) = &self.run else { return self.clone() };
        let at = at_ms(run.frame.t);
        if let Err(why) = i.check(run, at * 1000, self.words()) {
            return self.told(&why);
        }
        let forked = interventions::fork(&run.about.scenario, &self.interventions, i.event(at));
        let source = text_of(&forked.scenario);
        match Loaded::build(&source) {
            Ok(fresh) => AppState {
                source: source.into(),
                run: Ok(fresh.advance(at * 1000)),
                interventions: Rc::new(forked.user),
                notice: (forked.discarded > 0).then(|| {
                    let n = forked.discarded;
                    let key = if n == 1 { "notice.forked_one" } else { "notice.forked" };
                    self.words().f(key, &[("t", &at), ("n", &n)]).into()
                }),
                ..self.clone()
            },
            Err(why) => self.told(&self.words().f("notice.refused", &[("why", &self.words().told(&why))])),
        }
    }

    fn set_node_param(&self, node: u32, param: &str, choice: Option<&str>) -> Option<AppState> {
        let run = self.run.as_ref().ok()?;
        let scenario = interventions::with_node_param(&run.about.scenario, param, node, choice);
        Some(match self.replace_scenario(&scenario, run.frame.t, self.playing) {
            Ok(next) => next,
            Err(why) => self.told(&why),
        })
    }

    /// Rebuild with another node count or seed: a new run from time 0 (the user's
    /// interventions are removed: they were made against the old run).
    fn overridden(&self, nodes: Option<u32>, seed: Option<u64>) -> Option<AppState> {
        let run = self.run.as_ref().ok()?;
        if nodes.is_none_or(|n| n as usize == run.about.nodes) && seed.is_none_or(|s| s == run.about.seed) {
            return None;
        }
        let scenario = interventions::with_overrides(&run.about.scenario, &self.interventions, nodes, seed);
        Some(match self.replace_scenario(&scenario, 0, true) {
            Ok(next) => {
                let n = self.interventions.len();
                let key = if n == 1 { "notice.rebuilt_one" } else { "notice.rebuilt" };
                let notice = (n > 0).then(|| self.words().f(key, &[("n", &n)]).into());
                AppState { interventions: Rc::default(), selected: None, picked: Rc::default(), notice, ..next }
            }
            Err(why) => self.told(&why),
        })
    }

    /// Run `scenario` instead, shown at `t` (playing if `play`), or say why it is refused.
    fn replace_scenario(&self, scenario: &Scenario, t: Time, play: bool) -> Result<AppState, String> {
        let source = text_of(scenario);
        let run = Loaded::build(&source).map_err(|why| self.words().f("notice.refused", &[("why", &self.words().told(&why))]))?.advance(t);
        let playing = play && run.frame.t < run.about.end;
        Ok(AppState { source: source.into(), run: Ok(run), playing, notice: None, ..self.clone() })
    }
}

fn clip(text: &str) -> String {
    text.chars().take(30).collect()
}

/// The scenario as compact JSON (the page keeps it, links carry it; compact is shorter).
fn text_of(scenario: &Scenario) -> String {
    // Not `expect`: that would format serde_json's error with Debug, code the wasm never needs.
    serde_json::to_string(scenario).unwrap_or_else(|_| unreachable!("a scenario always serialises"))
}

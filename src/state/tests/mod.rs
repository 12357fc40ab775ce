//! Reducer tests: each action's exact effect on the state, the scenario events that
//! interventions write, fork semantics, time travel and refusals of bad input.

mod interventions;
mod timeline;
mod tour;

use std::rc::Rc;

use consenso_core::scenario::EventSpec;
use consenso_core::sim::view::WorldView;
use consenso_core::sim::Time;
use consenso_core::Scenario;
use yew::Reducible;

use super::*;

pub const RAFT: &str = include_str!("../../../examples/raft-basic.json");
pub const OM: &str = include_str!("../../../examples/om-four-case1-traitor-lieutenant.json");

pub fn reduce(s: AppState, a: Action) -> AppState {
    Rc::try_unwrap(Rc::new(s).reduce(a)).unwrap_or_else(|rc| (*rc).clone())
}

pub fn t(s: &AppState) -> Time {
    s.run.as_ref().unwrap().frame.t
}

pub fn world(s: &AppState) -> Rc<WorldView> {
    s.run.as_ref().unwrap().frame.world.clone()
}

/// The events of the scenario the state runs.
pub fn events(s: &AppState) -> Vec<EventSpec> {
    Scenario::parse(&s.source).unwrap().events
}

/// `text` loaded, paused and shown at `at` µs.
pub fn paused_at(text: &str, at: Time) -> AppState {
    let s = reduce(AppState::new(text), Action::TogglePlay);
    reduce(s, Action::Seek(at))
}


#[test]
fn the_default_scenario_loads_and_plays() {
    let s = AppState::new(DEFAULT_SCENARIO);
    assert!(s.run.is_ok() && s.playing);
}

#[test]
fn a_bad_scenario_gives_a_message_naming_the_field_and_does_not_play() {
    let s = AppState::new(r#"{"protocol":"ring","nodes":1,"seed":1,"duration_ms":10}"#);
    let Err(msg) = s.run.as_ref().map_err(|m| m.en()) else { panic!("accepted a one-node ring") };
    assert!(msg.contains("nodes"), "{msg}");
    assert!(!s.playing);
    let s = reduce(s, Action::Tick(16.0));
    assert!(s.run.is_err());
}

#[test]
fn quiet_time_runs_faster_but_stops_at_the_next_event() {
    // Nothing happens before the ring's first event: time runs 10x, but the tick that would
    // jump over that event stops exactly on it (issue 19: a test that passes without the stop
    // does not test it).
    let mut s = AppState::new(DEFAULT_SCENARIO);
    let fast = (16.0 * 1000.0 / DEFAULT_SLOWDOWN * QUIET_SPEEDUP) as Time;
    let next = s.run.as_ref().unwrap().next_time().expect("the scenario has an event");
    assert!(next % fast != 0 && next > fast, "the event at {next} µs must fall strictly between two fast ticks");
    s = reduce(s, Action::Tick(16.0));
    assert_eq!(t(&s), fast, "quiet time runs {QUIET_SPEEDUP}x");
    let mut before = t(&s);
    while t(&s) < next {
        assert!(s.run.as_ref().unwrap().frame.quiet, "quiet until the event at {next} µs, not at {}", t(&s));
        before = t(&s);
        s = reduce(s, Action::Tick(16.0));
    }
    assert_eq!(t(&s), next, "the fast tick from {before} µs stops on the event, not past it");
    let run = s.run.as_ref().unwrap();
    assert!(!run.frame.quiet && !run.frame.world.messages.is_empty(), "the event at {next} µs put a message in flight");
    assert!(run.frame.note.is_some());
    // Busy again: the next tick runs at the normal rate.
    let s = reduce(s, Action::Tick(16.0));
    assert_eq!(t(&s), next + fast / QUIET_SPEEDUP as Time);
}

#[test]
fn playing_stops_at_the_end_and_play_then_starts_over() {
    let mut s = AppState::new(DEFAULT_SCENARIO);
    s = reduce(s, Action::SetSlowdown(1.0));
    while s.playing {
        s = reduce(s, Action::Tick(100.0));
    }
    assert!(s.finished());
    s = reduce(s, Action::TogglePlay);
    assert!(s.playing && t(&s) == 0 && s.slowdown == 1.0);
}

#[test]
fn a_bad_link_is_refused_with_its_reason_and_a_good_one_opens_its_scenario() {
    let s = AppState::from_link("?nodes=0");
    assert!(s.run.as_ref().err().is_some_and(|m| m.en().contains("nodes")));
    assert!(!s.playing);
    let s = reduce(s, Action::Load("ring-basic"));
    assert!(s.run.is_ok() && s.playing && s.entry == Some("ring-basic"));
    let s = AppState::from_link("?scenario=ring-partition&speed=4");
    assert_eq!((s.entry, s.slowdown), (Some("ring-partition"), 4.0));
}

#[test]
fn seeking_back_shows_the_earlier_picture_and_forward_again_the_later_one() {
    let mut s = reduce(AppState::new(DEFAULT_SCENARIO), Action::SetSlowdown(1.0));
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

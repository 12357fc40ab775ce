//! Tours in the reducer: a step plays from its start to its pause and stops there; Continue
//! on the same scenario plays on; a new scenario opens; Back and leaving keep what they say.

use crate::i18n::Lang;
use crate::tour::{file_name, load, Tour};

use super::*;

fn raft(lang: Lang) -> Rc<Tour> {
    let read = |path: String| std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    Rc::new(load("raft", lang, &read(file_name("raft", None)), &read(file_name("raft", Some(lang)))).unwrap())
}

/// Play (ticks of 50 ms wall time) until the page pauses; the time it paused at.
fn play_until_paused(mut s: AppState) -> AppState {
    for _ in 0..100_000 {
        if !s.playing {
            return s;
        }
        s = reduce(s, Action::Tick(50.0));
    }
    panic!("still playing at {} µs", t(&s));
}

#[test]
fn a_step_plays_to_its_pause_and_continue_plays_on_or_opens_the_next_scenario() {
    let tour = raft(Lang::En);
    let s = reduce(AppState::new(DEFAULT_SCENARIO), Action::OpenTour { tour: tour.clone(), step: 1 });
    assert_eq!(&*s.source, tour.steps[1].scenario.as_str());
    assert_eq!(t(&s), tour.start_ms(1) * 1000);
    assert!(s.playing && s.lang == Lang::En);
    let s = play_until_paused(s);
    assert_eq!(t(&s), tour.steps[1].pause_ms * 1000, "paused at the step's pause");
    assert_eq!(s.stop_at, None);

    let s = reduce(s, Action::TourStep(2));
    assert_eq!(tour.steps[2].scenario, tour.steps[1].scenario);
    assert_eq!(t(&s), tour.steps[1].pause_ms * 1000, "Continue plays on from the previous pause");
    let s = play_until_paused(s);
    assert_eq!(t(&s), tour.steps[2].pause_ms * 1000);

    let other = (1..tour.steps.len()).find(|&i| tour.steps[i].scenario != tour.steps[i - 1].scenario).unwrap();
    let s = play_until_paused(reduce(s, Action::TourStep(other)));
    assert_eq!(&*s.source, tour.steps[other].scenario.as_str());
    assert_eq!(t(&s), tour.steps[other].pause_ms * 1000);
    assert_eq!(s.tour.as_ref().map(|a| a.step), Some(other));
}

#[test]
fn play_after_the_pause_goes_on_and_leaving_keeps_the_run() {
    let tour = raft(Lang::Pt);
    let s = play_until_paused(reduce(AppState::new(DEFAULT_SCENARIO), Action::OpenTour { tour, step: 3 }));
    let paused = t(&s);
    let s = reduce(reduce(s, Action::TogglePlay), Action::Tick(100.0));
    assert!(s.playing && t(&s) > paused, "free play after the pause");
    let before = (s.source.clone(), t(&s));
    let s = reduce(s, Action::LeaveTour);
    assert!(s.tour.is_none() && s.playing);
    assert_eq!((s.source.clone(), t(&s)), before);
}

#[test]
fn another_language_changes_the_words_not_the_run() {
    let s = play_until_paused(reduce(AppState::new(DEFAULT_SCENARIO), Action::OpenTour { tour: raft(Lang::En), step: 4 }));
    let at = t(&s);
    let s = reduce(s, Action::OpenTour { tour: raft(Lang::Es), step: 4 });
    assert_eq!((t(&s), s.lang), (at, Lang::Es));
    assert_eq!(s.tour.as_ref().unwrap().tour.lang, Lang::Es);
    assert!(!s.playing);
}

#[test]
fn a_failed_tour_shows_its_reason_and_loading_a_scenario_keeps_the_language() {
    let s = reduce(AppState::new(DEFAULT_SCENARIO), Action::SetLang(Lang::Pt));
    let s = reduce(s, Action::Load("ring-basic"));
    assert_eq!(s.lang, Lang::Pt);
    let s = reduce(s, Action::TourFailed("tours/raft.json: the server answered 404".into()));
    assert!(s.run.err().unwrap().en().contains("404"));
}

//! Time travel: step, step back, the scrubber, marks, speed.

use consenso_core::{build, Simulation};

use crate::components::event_text::sentence;
use crate::i18n::Words;
use super::super::timeline::{notch_slowdown, speed_label, speed_notch, FASTEST, SLOWEST};
use super::*;

/// A straight run of `text` to its end, for the trace and the world at any time.
fn straight(text: &str) -> Box<dyn Simulation> {
    let mut sim = build(&Scenario::parse(text).unwrap()).unwrap();
    sim.run_to_end();
    sim
}

fn fresh_world(text: &str, at: Time) -> WorldView {
    let mut sim = build(&Scenario::parse(text).unwrap()).unwrap();
    sim.run_until(at);
    sim.view(at)
}

#[test]
fn step_goes_to_the_next_event_and_step_back_to_the_previous_one_and_both_pause() {
    let sim = straight(RAFT);
    let times: Vec<Time> = sim.trace().iter().map(|e| e.at).collect();
    let s = reduce(AppState::new(RAFT), Action::Seek(500_000));
    assert!(s.playing);
    let s = reduce(s, Action::StepForward);
    let next = *times.iter().find(|&&at| at > 500_000).unwrap();
    assert_eq!(t(&s), next);
    assert!(!s.playing);
    assert!(*world(&s) == fresh_world(RAFT, next));
    let s = reduce(s, Action::StepBack);
    let previous = *times.iter().rev().find(|&&at| at < next).unwrap();
    assert_eq!(t(&s), previous);
    assert!(previous <= 500_000);
    assert!(*world(&s) == fresh_world(RAFT, previous));
    let s = reduce(s, Action::StepBack);
    assert_eq!(t(&s), *times.iter().rev().find(|&&at| at < previous).unwrap());
}

#[test]
fn stepping_stops_at_both_ends() {
    let s = paused_at(RAFT, 0);
    let s = reduce(s, Action::StepBack);
    assert_eq!(t(&s), 0);
    let end = reduce(s, Action::Seek(u64::MAX));
    assert_eq!(t(&end), 3_000_000, "the scrubber's far end is the end of the run");
    assert_eq!(t(&reduce(end, Action::StepForward)), 3_000_000);
}

#[test]
fn the_scrubber_seeks_to_whole_ms_and_shows_the_same_world_as_playing_there() {
    let s = paused_at(RAFT, 2_345_000);
    assert_eq!(t(&s), 2_345_000);
    assert!(*world(&s) == fresh_world(RAFT, 2_345_000));
    let s = reduce(s, Action::Seek(120_000));
    assert!(*world(&s) == fresh_world(RAFT, 120_000));
}

#[test]
fn marks_show_faults_commands_milestones_and_violations_at_their_times() {
    let s = AppState::new(RAFT);
    let marks = s.run.as_ref().unwrap().marks.clone();
    let said = |m: &Mark| m.event.as_ref().map_or_else(|| m.text.clone(), |e| sentence(Words::ENGLISH, e));
    let find = |kind: MarkKind, text: &str| marks.iter().find(|m| m.kind == kind && said(m).contains(text)).map(|m| m.at);
    assert_eq!(find(MarkKind::Fault, "P1 crashes"), Some(1_000_000));
    assert_eq!(find(MarkKind::Fault, "P1 recovers"), Some(2_000_000));
    assert_eq!(find(MarkKind::Command, "P3 gets a client request x=1"), Some(400_000));
    // The first election: the outcome gets a leader, and the mark says it in the protocol's words.
    let won = straight(RAFT).trace().iter().find(|e| matches!(&e.what, consenso_core::sim::trace::What::Note { text, .. } if text.to_string().contains("wins the election"))).unwrap().at;
    assert_eq!(find(MarkKind::Milestone, "wins the election"), Some(won));
    assert!(marks.windows(2).all(|w| w[0].at <= w[1].at), "marks are in time order");
    assert!(!marks.iter().any(|m| m.kind == MarkKind::Violation), "raft-basic breaks nothing");

    let bug = crate::catalog::by_id("raft-figure8-bug").unwrap().text;
    let s = AppState::new(bug);
    let report = straight(bug).report();
    let broken = report.invariants.iter().find(|i| !i.ok).unwrap();
    let marks = &s.run.as_ref().unwrap().marks;
    let v = marks.iter().find(|m| m.kind == MarkKind::Violation).unwrap();
    assert_eq!((v.at, v.invariant.as_deref()), (broken.violation.as_ref().unwrap().at_us, Some(broken.name)));
}

/// Bully counts each election's messages in its outcome and OM each round's: a milestone mark
/// per counted message would bury the elections and decisions the timeline is for.
#[test]
fn message_counts_in_the_outcome_make_no_milestones() {
    for id in ["bully-crash-worst-case", "om-seven-m2-two-traitors"] {
        let text = crate::catalog::by_id(id).unwrap().text;
        let marks = AppState::new(text).run.unwrap().marks;
        let milestones: Vec<&Mark> = marks.iter().filter(|m| m.kind == MarkKind::Milestone).collect();
        // Played by hand: how often the outcome changes at all, and without its counts.
        let mut sim = build(&Scenario::parse(text).unwrap()).unwrap();
        let tallies = sim.tallies();
        assert!(!tallies.is_empty(), "{id}: its outcome counts messages");
        let without = |mut v: serde_json::Value| {
            v.as_object_mut().unwrap().retain(|k, _| !tallies.contains(&k.as_str()));
            v
        };
        let (mut before, mut any, mut decided) = (sim.outcome(), 0, Vec::new());
        while sim.step() {
            let now = sim.outcome();
            if now != before {
                any += 1;
                if without(now.clone()) != without(before.clone()) {
                    decided.push(sim.now());
                }
            }
            before = now;
        }
        assert!(!decided.is_empty() && any > decided.len(), "{id}: {any} outcome changes, {} without the counts", decided.len());
        assert_eq!(milestones.iter().map(|m| m.at).collect::<Vec<_>>(), decided, "{id}: a milestone where, and only where, more than a count changed");
    }
}

#[test]
fn next_and_previous_mark_jump_between_marks_and_pause() {
    let s = AppState::new(RAFT);
    let marks = s.run.as_ref().unwrap().marks.clone();
    let s = reduce(s, Action::NextMark);
    assert_eq!(t(&s), marks.iter().find(|m| m.at > 0).unwrap().at);
    assert!(!s.playing);
    let s = reduce(reduce(s, Action::Seek(1_050_000)), Action::PreviousMark);
    assert_eq!(t(&s), 1_000_000, "the crash of P1 is the last mark before 1050 ms");
    let s = reduce(s, Action::PreviousMark);
    assert_eq!(t(&s), marks.iter().rev().find(|m| m.at < 1_000_000).unwrap().at);
}

#[test]
fn the_speed_slider_is_logarithmic_from_slowest_to_fastest() {
    assert!((notch_slowdown(0) - SLOWEST).abs() < 1e-9);
    assert!((notch_slowdown(SPEED_STEPS) - FASTEST).abs() < 1e-9);
    // Equal steps multiply the factor by the same ratio.
    let r1 = notch_slowdown(10) / notch_slowdown(20);
    let r2 = notch_slowdown(60) / notch_slowdown(70);
    assert!((r1 - r2).abs() < 1e-9 && r1 > 1.0);
    assert_eq!(speed_notch(notch_slowdown(37)), 37);
    assert_eq!(speed_label(Words::ENGLISH, 20.0), "20× slow motion");
    assert_eq!(speed_label(Words::ENGLISH, 1.0), "real time");
    assert_eq!(speed_label(Words::ENGLISH, 0.2), "5× fast forward");
    assert_eq!(speed_label(Words::ENGLISH, 2.5), "2.5× slow motion");
    let s = reduce(AppState::new(RAFT), Action::NudgeSpeed(1000));
    assert!((s.slowdown - FASTEST).abs() < 1e-9, "nudging stops at the fastest");
    let s = reduce(s, Action::SetSlowdown(1e9));
    assert_eq!(s.slowdown, SLOWEST);
}

#[test]
fn help_and_escape() {
    let s = reduce(paused_at(RAFT, 0), Action::Select(Some(Selected::Node(2))));
    let s = reduce(s, Action::ToggleHelp);
    assert!(s.help);
    let s = reduce(s, Action::Dismiss);
    assert!(!s.help && s.selected == Some(Selected::Node(2)), "Escape closes the help first");
    let s = reduce(s, Action::Dismiss);
    assert_eq!(s.selected, None);
}

#[test]
fn the_first_picture_of_a_link_is_marked_by_the_next_action_with_the_whole_runs_marks() {
    let text = crate::catalog::by_id("raft-figure8-bug").unwrap().text;
    let full = AppState::new(text);
    let expected = &full.run.as_ref().unwrap().marks;
    assert!(expected.iter().any(|m| m.kind == MarkKind::Violation));
    let linked = AppState::from_link("?scenario=raft-figure8-bug");
    let run = linked.run.as_ref().unwrap();
    assert!(!run.marked && run.marks.is_empty(), "the page's first picture does not wait for the run ahead");
    // The animation's first tick marks it, and moves on as a tick does.
    let ticked = reduce(linked.clone(), Action::Tick(16.0));
    assert!(ticked.run.as_ref().unwrap().marked);
    assert_eq!(ticked.run.as_ref().unwrap().marks, *expected);
    assert_eq!(t(&ticked), t(&reduce(full.clone(), Action::Tick(16.0))));
    // So does any other action, from where it is: the marks are the whole run's, not those
    // after the instant shown.
    let seeked = reduce(reduce(linked, Action::Seek(700_000)), Action::TogglePlay);
    let run = seeked.run.as_ref().unwrap();
    assert_eq!(run.marks, *expected);
    let again = reduce(reduce(full, Action::Seek(700_000)), Action::TogglePlay);
    assert_eq!((run.frame.t, run.past().steps), (t(&again), again.run.as_ref().unwrap().past().steps));
}

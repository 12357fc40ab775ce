//! Time travel: the timeline's marks (faults, milestones, violations) found by playing the
//! run ahead once, and the log-scale speed.

use consenso_core::sim::trace::{TraceEvent, What};
use consenso_core::sim::Time;
use consenso_core::Simulation;

use crate::i18n::Words;
use crate::math::{log10, pow};

/// Playing ahead for the marks stops after this many steps (a day-long soak would otherwise
/// freeze the tab on load); the timeline then shows marks for the part it has seen.
pub const RUN_AHEAD_STEPS: u64 = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// Crash, recover, partition, heal, cut, restore, drop, delay, network change.
    Fault,
    /// A command given to a node: client request, forced timeout, start an election.
    Command,
    /// The run's outcome changed: a leader elected or lost, a value chosen or committed, a
    /// general decided. Read from the report's `outcome`, so it needs no protocol knowledge.
    Milestone,
    /// An invariant broke (the first time only).
    Violation,
}

impl MarkKind {
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Fault => "fault",
            MarkKind::Command => "command",
            MarkKind::Milestone => "milestone",
            MarkKind::Violation => "violation",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub at: Time,
    pub kind: MarkKind,
    /// A milestone's words when no record says it (the outcome's changed fields).
    pub text: String,
    /// The trace record of a fault, command or violation (the tooltip says it as the event
    /// log does).
    pub event: Option<What>,
    /// For a violation, the invariant's name.
    pub invariant: Option<String>,
}

/// Play `sim` from where it is to its end (at most `RUN_AHEAD_STEPS` steps), returning the
/// marks of the whole run in time order. The caller seeks back afterwards.
pub fn run_ahead(sim: &mut dyn Simulation) -> Vec<Mark> {
    let mut marks = Vec::new();
    let tallies = sim.tallies();
    let mut outcome = sim.outcome();
    while sim.steps() < RUN_AHEAD_STEPS && sim.step() {
        let new = sim.trace().of_step(sim.steps());
        marks.extend(new.iter().filter_map(trace_mark));
        let now = sim.outcome();
        if milestone(&outcome, &now, tallies) {
            // The step's own note says it best ("P1 wins the election for term 1 ...", in the
            // page's language when drawn); the outcome's changed fields are the fallback.
            let note = new.iter().rev().find(|e| matches!(e.what, What::Note { .. })).map(|e| e.what.clone());
            let text = if note.is_some() { String::new() } else { changed_fields(&outcome, &now, tallies) };
            marks.push(Mark { at: sim.now(), kind: MarkKind::Milestone, text, event: note, invariant: None });
            outcome = now;
        }
    }
    marks
}

/// The mark a trace record makes on the timeline, if any. Its tooltip is the record's
/// sentence in the event log, made when drawn (so in the page's language).
fn trace_mark(e: &TraceEvent) -> Option<Mark> {
    let kind = match &e.what {
        What::Crash { .. }
        | What::Recover { .. }
        | What::Partition { .. }
        | What::Heal
        | What::Cut { .. }
        | What::Restore { .. }
        | What::DropMessage { .. }
        | What::DelayMessage { .. }
        | What::SetNetwork { .. } => MarkKind::Fault,
        What::Command { .. } => MarkKind::Command,
        What::Violation { .. } => MarkKind::Violation,
        _ => return None,
    };
    let invariant = match &e.what {
        What::Violation { name, .. } => Some(name.clone()),
        _ => None,
    };
    Some(Mark { at: e.at, kind, text: String::new(), event: Some(e.what.clone()), invariant })
}

/// Whether the outcome changed in a field that says who leads or what is decided: a count of
/// messages (a protocol's `TALLIES`) changes with every message and is no milestone.
pub fn milestone(before: &serde_json::Value, after: &serde_json::Value, tallies: &[&str]) -> bool {
    match (before.as_object(), after.as_object()) {
        (Some(b), Some(a)) => {
            let differs = |k: &String, v: &serde_json::Value, other: &serde_json::Map<String, serde_json::Value>| {
                !tallies.contains(&k.as_str()) && other.get(k) != Some(v)
            };
            a.iter().any(|(k, v)| differs(k, v, b)) || b.iter().any(|(k, v)| differs(k, v, a))
        }
        _ => before != after,
    }
}

/// "leader: 3, term: 2" for the top-level fields that differ, tallies left out.
fn changed_fields(before: &serde_json::Value, after: &serde_json::Value, tallies: &[&str]) -> String {
    match after.as_object() {
        Some(fields) => fields
            .iter()
            .filter(|(k, v)| !tallies.contains(&k.as_str()) && before.get(k.as_str()) != Some(v))
            .map(|(k, v)| format!("{k}: {}", serde_json::to_string(v).unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(", "),
        None => serde_json::to_string(after).unwrap_or_default(),
    }
}

/// The next mark strictly after `t`, or the last one strictly before it.
pub fn mark_after(marks: &[Mark], t: Time) -> Option<Time> {
    marks.iter().map(|m| m.at).find(|&at| at > t)
}

pub fn mark_before(marks: &[Mark], t: Time) -> Option<Time> {
    marks.iter().rev().map(|m| m.at).find(|&at| at < t)
}

/// Speed is a slow-motion factor: wall ms per ms of virtual time. The slider moves it on a
/// log scale from `SLOWEST` (a 10 ms message takes 3 s to cross: one message every few
/// seconds) to `FASTEST` (20 times faster than real time), in `SPEED_STEPS` notches.
pub const SLOWEST: f64 = 300.0;
pub const FASTEST: f64 = 0.05;
pub const SPEED_STEPS: u32 = 100;

/// The slider notch (0 = slowest) showing slow-motion factor `slowdown`.
pub fn speed_notch(slowdown: f64) -> u32 {
    let span = log10(SLOWEST) - log10(FASTEST);
    let x = (log10(SLOWEST) - log10(slowdown.clamp(FASTEST, SLOWEST))) / span;
    (x * f64::from(SPEED_STEPS)).round() as u32
}

/// The slow-motion factor of slider notch `notch`.
pub fn notch_slowdown(notch: u32) -> f64 {
    let span = log10(SLOWEST) - log10(FASTEST);
    let x = f64::from(notch.min(SPEED_STEPS)) / f64::from(SPEED_STEPS);
    pow(10.0, log10(SLOWEST) - x * span)
}

/// How the speed reads: "20× slow motion", "real time", "5× fast forward".
pub fn speed_label(w: Words, slowdown: f64) -> String {
    // One decimal below 10, none above, in integers (no float printing in the bundle).
    let round = |x: f64| {
        let tenths = (x * 10.0).round() as u64;
        match tenths {
            0..=99 if !tenths.is_multiple_of(10) => format!("{}.{}", tenths / 10, tenths % 10),
            _ => ((tenths + 5) / 10).to_string(),
        }
    };
    if slowdown > 1.05 {
        w.f("control.slow_motion", &[("x", &round(slowdown))])
    } else if slowdown < 0.95 {
        w.f("control.fast_forward", &[("x", &round(1.0 / slowdown))])
    } else {
        w.t("control.real_time").to_string()
    }
}

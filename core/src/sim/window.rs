//! The part of a run's trace kept in memory: every record of a contiguous range of steps
//! around the step being viewed. A long run's whole trace would grow without bound (about
//! 150 MB per virtual hour of a 5-node Raft cluster), so the history keeps this window and
//! regenerates it by replaying from a checkpoint when the viewer moves out of it.

use std::ops::Deref;
use std::rc::Rc;

use super::time::Time;
use super::trace::{TraceEvent, What};

/// Records the window holds at most (plus one step's records). About 7 MB in wasm.
pub const CAP: usize = 65_536;
/// Records a window keeps before the step viewed (unless it reaches the run's start):
/// enough for the event log's scan (20,000 records) and the space-time diagram's widest
/// window (about 6,300 steps zoomed all the way out, a few records each).
pub const KEEP_BEFORE: usize = 24_576;
/// Records a window keeps after the step viewed (unless it reaches the recorded end): the
/// space-time diagram draws what follows the cursor and looks 2,000 records further ahead
/// for the deliveries of the messages it draws.
pub const KEEP_AFTER: usize = 8_192;

#[derive(Clone, Debug)]
pub(crate) struct Window {
    events: Vec<TraceEvent>,
    /// The window holds every record of the steps `lo..=hi` and no other (empty: `hi < lo`).
    lo: u64,
    hi: u64,
    /// Position of `events[0]` in the whole trace.
    first: u64,
    /// The latest note of a step before `lo`: the caption shows the latest note however old.
    note_before: Option<Rc<TraceEvent>>,
    /// The start-up records (step 0) while they are not in `events`, for replays from the
    /// start. They move between windows, never copied: the page's bundle then needs no
    /// `Clone` of every kind of record.
    startup: Vec<TraceEvent>,
}

/// The latest note among `records`, copied.
pub(crate) fn latest_note(records: &[TraceEvent]) -> Option<Rc<TraceEvent>> {
    records.iter().rev().find_map(|e| match &e.what {
        What::Note { node, text } => Some(Rc::new(TraceEvent { step: e.step, at: e.at, what: What::Note { node: *node, text: text.clone() } })),
        _ => None,
    })
}

impl Window {
    /// A window at the run's start holding its start-up records (step 0).
    pub fn at_start(startup: Vec<TraceEvent>) -> Window {
        Window { events: startup, lo: 0, hi: 0, first: 0, note_before: None, startup: Vec::new() }
    }

    /// An empty window that fills from the step after `step`, whose records begin at
    /// position `first` of the trace; `note` is the latest note up to `step`.
    pub fn following(step: u64, first: u64, note: Option<Rc<TraceEvent>>, startup: Vec<TraceEvent>) -> Window {
        Window { events: Vec::new(), lo: step + 1, hi: step, first, note_before: note, startup }
    }

    /// The start-up records, wherever they are.
    pub fn start(&self) -> &[TraceEvent] {
        if self.lo == 0 { &self.events[..self.before(0)] } else { &self.startup }
    }

    /// Take the start-up records out, for the window that replaces this one.
    pub fn take_start(&mut self) -> Vec<TraceEvent> {
        if self.lo == 0 {
            self.events.drain(..self.before(0)).collect()
        } else {
            std::mem::take(&mut self.startup)
        }
    }

    pub fn lo(&self) -> u64 {
        self.lo
    }
    pub fn hi(&self) -> u64 {
        self.hi
    }
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Append the records of `step`, which must be the step after `hi`.
    pub fn push(&mut self, step: u64, records: &mut Vec<TraceEvent>) {
        debug_assert_eq!(step, self.hi + 1, "the window's steps are contiguous");
        self.hi = step;
        self.events.append(records);
    }

    /// Keep the window under `CAP` as it grows at its end: drop its oldest records in bulk
    /// (a front drain per step would move the whole window each time), keeping room for
    /// `2 * KEEP_AFTER` more, so that `KEEP_BEFORE` records stay before any step within
    /// that many of the end.
    pub fn bound(&mut self) {
        if self.events.len() > CAP {
            self.keep_last(CAP - 2 * KEEP_AFTER);
        }
    }

    /// Drop the oldest records, keeping about `keep` (whole steps: a step is never split).
    pub fn keep_last(&mut self, keep: usize) {
        let Some(from) = self.events.len().checked_sub(keep).filter(|&k| k > 0) else { return };
        let step = self.events[from].step;
        let cut = self.events.partition_point(|e| e.step < step);
        if cut == 0 {
            return;
        }
        if let Some(note) = latest_note(&self.events[..cut]) {
            self.note_before = Some(note);
        }
        let mut rest = cut;
        if self.lo == 0 {
            self.startup = self.take_start();
            rest -= self.startup.len();
        }
        self.events.drain(..rest);
        self.first += cut as u64;
        self.lo = step;
    }

    /// Records of steps up to `step`.
    pub fn before(&self, step: u64) -> usize {
        self.events.partition_point(|e| e.step <= step)
    }

    /// Records of steps after `step`.
    pub fn after(&self, step: u64) -> usize {
        self.events.len() - self.before(step)
    }

    /// Whether the window holds what the page needs when it shows step `q`: `q` itself,
    /// `KEEP_BEFORE` records before it and `KEEP_AFTER` after it, as far as the run
    /// reaches (`recorded` is how far it has been recorded).
    pub fn serves(&self, q: u64, recorded: u64) -> bool {
        let at_end = self.hi >= recorded;
        self.lo <= q
            && (q <= self.hi || at_end)
            && (self.lo == 0 || self.before(q) >= KEEP_BEFORE)
            && (at_end || self.after(q) >= KEEP_AFTER)
    }

    /// The step the run is at, at time `t`, if the window knows it: the step of the last
    /// record at or before `t` (0 before the first one).
    pub fn step_at(&self, t: Time, recorded: u64) -> Option<u64> {
        let i = self.events.partition_point(|e| e.at <= t);
        match i.checked_sub(1) {
            None => (self.lo == 0).then_some(0),
            Some(_) if i == self.events.len() && self.hi < recorded => None,
            Some(k) => Some(self.events[k].step),
        }
    }

    /// The records of steps up to `step`, if the window holds all of them from the start.
    pub fn prefix(&self, step: u64) -> Option<&[TraceEvent]> {
        (self.lo == 0 && self.hi >= step).then(|| &self.events[..self.before(step)])
    }

    pub fn view(&self, known_end: Option<(u64, Time)>) -> TraceWindow<'_> {
        TraceWindow { events: &self.events, first: self.first, note_before: self.note_before.as_deref(), known_end }
    }
}

/// What the page reads of a run's trace: the records in memory (every record of a range of
/// steps around the current one, in step order) and what it needs of the rest.
#[derive(Clone, Copy, Debug)]
pub struct TraceWindow<'a> {
    pub events: &'a [TraceEvent],
    /// Position of `events[0]` in the whole trace.
    pub first: u64,
    /// The latest note before `events`, if any.
    pub note_before: Option<&'a TraceEvent>,
    /// Step and time of the last record of the whole trace recorded so far.
    pub known_end: Option<(u64, Time)>,
}

impl<'a> TraceWindow<'a> {
    /// A window holding a whole trace.
    pub fn whole(events: &'a [TraceEvent]) -> TraceWindow<'a> {
        TraceWindow { events, first: 0, note_before: None, known_end: events.last().map(|e| (e.step, e.at)) }
    }

    /// The records of `step` (empty if the window does not hold it).
    pub fn of_step(&self, step: u64) -> &'a [TraceEvent] {
        let lo = self.events.partition_point(|e| e.step < step);
        let hi = self.events.partition_point(|e| e.step <= step);
        &self.events[lo..hi]
    }
}

impl Deref for TraceWindow<'_> {
    type Target = [TraceEvent];
    fn deref(&self) -> &[TraceEvent] {
        self.events
    }
}

//! One process of the bully algorithm, as the notes (seed 002) give it:
//! - a process that finds the coordinator gone sends Election to every higher id;
//! - a process that gets an Election answers (Answer) and holds its own election;
//! - a process that hears no Answer within T proclaims itself and sends Coordinator;
//! - a process that gets Coordinator takes the sender as coordinator;
//! - a recovered process holds an election, and the highest id wins it ("bullies").
//!
//! Choices where the notes are silent are marked "Not in the notes" and listed in
//! docs/protocols/bully.md.

use crate::sim::protocol::Ctx;
use crate::sim::time::{to_ms, NodeId, Time};

use super::msg::{ElectionId, Msg, Timer};
use super::tally::{Cause, Log};
use super::BullyConfig;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Election sent to the higher ids; waiting up to T for an Answer.
    AwaitAnswers,
    /// A higher id answered; waiting up to T' for its Coordinator message.
    AwaitCoordinator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Election {
    pub id: ElectionId,
    pub stage: Stage,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bully {
    pub me: NodeId,
    pub timing: BullyConfig,
    /// Who this process believes is coordinator; `Some(me)` when it is the coordinator.
    pub coordinator: Option<NodeId>,
    /// When it last became coordinator (meaningful while it is).
    pub since: Time,
    pub election: Option<Election>,
    /// Elections started so far; kept across a crash so election ids stay unique.
    pub(super) next_seq: u32,
    pub log: Log,
}

/// "P2", "P2 and P3", "P2, P3 and P4".
pub fn names(ids: &[NodeId]) -> String {
    let p: Vec<String> = ids.iter().map(|i| format!("P{i}")).collect();
    match p.split_last() {
        None => "nobody".into(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Timeouts fire 1 µs after their bound: a message arriving at exactly T is in time (the
/// notes: no Answer "después de transcurrido tiempo T"), but the simulator runs events of one
/// instant in the order they were scheduled, which would put the older timer first.
pub const JUST_AFTER: Time = 1;

pub fn ms(t: Time) -> String {
    format!("{} ms", to_ms(t))
}

impl Bully {
    pub fn new(me: NodeId, timing: BullyConfig) -> Self {
        Bully { me, timing, coordinator: None, since: 0, election: None, next_seq: 0, log: Log::default() }
    }

    pub fn is_coordinator(&self) -> bool {
        self.coordinator == Some(self.me)
    }

    fn send(&mut self, cx: &mut Ctx<Bully>, to: NodeId, msg: Msg) {
        self.log.count(&msg);
        cx.send(to, msg);
    }

    fn new_election(&mut self, cause: Cause, now: Time) -> ElectionId {
        self.next_seq += 1;
        let id = ElectionId { by: self.me, seq: self.next_seq };
        self.log.start(id, now, cause);
        id
    }

    /// Notes, Part I: the process with the highest id may announce itself to everyone. The
    /// others watch for a coordinator from the start.
    pub(super) fn start_up(&mut self, cx: &mut Ctx<Bully>) {
        if self.me == cx.n {
            let id = self.new_election(Cause::StartUp, cx.now);
            cx.note(format!("P{} has the highest id, so no one can outrank it: it announces itself coordinator", self.me));
            self.proclaim(id, cx);
        } else {
            self.watch(cx);
        }
    }

    /// Arm (or re-arm) the failure detector on the coordinator.
    fn watch(&mut self, cx: &mut Ctx<Bully>) {
        let d = self.timing.detect() + JUST_AFTER;
        cx.set_timer(Timer::FailureDetector, d, d);
    }

    fn stop_electing(&mut self, cx: &mut Ctx<Bully>) {
        if self.election.take().is_some() {
            cx.cancel_timer(Timer::AnswerWait);
            cx.cancel_timer(Timer::CoordinatorWait);
        }
    }

    /// Send Election to every higher id except `skip` (the coordinator this process has just
    /// found dead: Coulouris et al.'s reading, which gives the notes' best case of n−2
    /// messages). With nobody to ask, proclaim at once.
    pub(super) fn start_election(&mut self, id: ElectionId, skip: Option<NodeId>, cx: &mut Ctx<Bully>) {
        let higher: Vec<NodeId> = (self.me + 1..=cx.n).filter(|&h| Some(h) != skip).collect();
        if !self.is_coordinator() {
            self.coordinator = None;
            cx.cancel_timer(Timer::FailureDetector);
        }
        if higher.is_empty() {
            match skip {
                Some(c) => cx.note(format!("The only higher id is P{c}, which P{} believes crashed: it proclaims itself at once", self.me)),
                None => cx.note(format!("P{} has the highest id: it proclaims itself at once", self.me)),
            }
            self.proclaim(id, cx);
            return;
        }
        cx.note(format!("P{} sends Election to {} and waits T = {} for an Answer", self.me, names(&higher), ms(self.timing.t())));
        for h in higher {
            self.send(cx, h, Msg::Election { election: id });
        }
        self.election = Some(Election { id, stage: Stage::AwaitAnswers });
        let t = self.timing.t() + JUST_AFTER;
        cx.set_timer(Timer::AnswerWait, t, t);
    }

    /// Become (or stay) coordinator and tell every lower id. Higher ids are not told: they
    /// are down, and a process that comes back holds its own election.
    fn proclaim(&mut self, id: ElectionId, cx: &mut Ctx<Bully>) {
        self.stop_electing(cx);
        if !self.is_coordinator() {
            self.coordinator = Some(self.me);
            self.since = cx.now;
            cx.cancel_timer(Timer::FailureDetector);
            let h = self.timing.heartbeat;
            cx.set_timer(Timer::Heartbeat, h, h);
        }
        self.log.announce(id);
        let lower: Vec<NodeId> = (1..self.me).collect();
        if lower.is_empty() {
            cx.note(format!("P{} is the coordinator (it has no lower ids to tell)", self.me));
        } else {
            cx.note(format!("P{} is the coordinator: it sends Coordinator to {}", self.me, names(&lower)));
        }
        for l in lower {
            self.send(cx, l, Msg::Coordinator { leader: self.me, election: id });
        }
    }

    /// Take `x` as coordinator: end any election, stop being coordinator, watch `x`.
    fn adopt(&mut self, x: NodeId, cx: &mut Ctx<Bully>) {
        if self.is_coordinator() {
            cx.cancel_timer(Timer::Heartbeat);
        }
        self.stop_electing(cx);
        self.coordinator = Some(x);
        self.watch(cx);
    }

    pub(super) fn on_election(&mut self, from: NodeId, id: ElectionId, cx: &mut Ctx<Bully>) {
        self.send(cx, from, Msg::Answer { election: id });
        if self.is_coordinator() {
            // Not in the notes, which have every receiver hold a new election: the coordinator
            // has already won one, and would only announce itself again to everyone. Telling
            // the asker alone gives it the same answer with one message instead of n−1.
            cx.note(format!("P{} is the coordinator: it answers P{from} and tells it so", self.me));
            self.send(cx, from, Msg::Coordinator { leader: self.me, election: id });
            self.log.announce(id);
        } else if self.election.is_some() {
            cx.note(format!("P{} answers P{from}; it is already holding an election", self.me));
        } else {
            cx.note(format!("P{} answers P{from} (it outranks it) and holds an election of its own", self.me));
            self.start_election(id, None, cx);
        }
    }

    pub(super) fn on_answer(&mut self, from: NodeId, id: ElectionId, cx: &mut Ctx<Bully>) {
        match self.election {
            Some(e) if e.id == id && e.stage == Stage::AwaitAnswers => {
                self.election = Some(Election { id, stage: Stage::AwaitCoordinator });
                cx.cancel_timer(Timer::AnswerWait);
                let t2 = self.timing.t_prime() + JUST_AFTER;
                cx.set_timer(Timer::CoordinatorWait, t2, t2);
                cx.note(format!(
                    "P{} gets an Answer from P{from}: a higher process is alive and takes over. P{} waits up to T' = {} for its Coordinator message",
                    self.me, self.me, ms(self.timing.t_prime())
                ));
            }
            Some(e) if e.id == id => {}
            _ if self.is_coordinator() && self.log.announced(id) => cx.note(format!(
                "Too late: P{from} is alive, but its Answer took longer than T, so P{} already proclaimed itself. \
                 Bully's timeout is only right in a synchronous system, where every message arrives within Tmax",
                self.me
            )),
            _ => cx.note(format!("P{} is no longer waiting for Answers: it ignores P{from}'s", self.me)),
        }
    }

    /// A Coordinator message or a heartbeat from `x` (both say "x is coordinator"). As in
    /// the notes, a Coordinator message from a higher id is always obeyed, even by a process
    /// that still follows an even higher one (whose crash it may not have noticed yet). In a
    /// hand-over such a message can be stale; the higher coordinator's next heartbeat then
    /// wins the process back, since a heartbeat from a higher id is obeyed too.
    pub(super) fn on_coordinator(&mut self, x: NodeId, heartbeat: bool, cx: &mut Ctx<Bully>) {
        let me = self.me;
        if x < me {
            // Cannot happen: Coordinator messages and heartbeats only go to lower ids.
            return;
        }
        match self.coordinator {
            Some(c) if c == x => {
                if !heartbeat {
                    cx.note(format!("P{me} already follows P{x}"));
                }
                self.watch(cx);
            }
            Some(c) if heartbeat && c > x => {
                // A heartbeat from a lower coordinator than the one this process follows: P{x}
                // announced itself before hearing of P{c} and will hear of it (a hand-over).
            }
            _ => {
                let what = if heartbeat { "a heartbeat" } else { "Coordinator" };
                if self.is_coordinator() {
                    cx.note(format!("P{me} gets {what} from P{x}, which outranks it: P{me} steps down and follows P{x}"));
                } else {
                    cx.note(format!("P{me} gets {what} from P{x} and takes P{x} as its coordinator"));
                }
                self.adopt(x, cx);
            }
        }
    }

    pub(super) fn on_heartbeat_due(&mut self, cx: &mut Ctx<Bully>) {
        if !self.is_coordinator() {
            return;
        }
        for l in 1..self.me {
            self.send(cx, l, Msg::Heartbeat { leader: self.me });
        }
        let h = self.timing.heartbeat;
        cx.set_timer(Timer::Heartbeat, h, h);
    }

    /// The failure detector fired: nothing from the coordinator for heartbeat + T.
    pub(super) fn on_suspect(&mut self, cx: &mut Ctx<Bully>) {
        self.suspect(false, cx);
    }

    fn suspect(&mut self, forced: bool, cx: &mut Ctx<Bully>) {
        let suspect = self.coordinator;
        let me = self.me;
        let why = if forced { "is made to time out".to_string() } else { format!("has waited heartbeat + T = {}", ms(self.timing.detect())) };
        match suspect {
            Some(c) => cx.note(format!("P{me} {why} without news from P{c}: it suspects P{c} crashed and starts an election")),
            None => cx.note(format!("P{me} {why} without hearing from any coordinator: it starts an election")),
        }
        let id = self.new_election(Cause::Suspected { suspect, forced }, cx.now);
        self.start_election(id, suspect, cx);
    }

    pub(super) fn on_answer_wait_over(&mut self, cx: &mut Ctx<Bully>) {
        let Some(Election { id, stage: Stage::AwaitAnswers }) = self.election else { return };
        cx.note(format!(
            "No Answer within T = {}: P{} concludes every higher process is down and proclaims itself coordinator",
            ms(self.timing.t()),
            self.me
        ));
        self.proclaim(id, cx);
    }

    /// Coulouris et al.: with an Answer but no Coordinator message within T', the process
    /// that answered has probably crashed since; start again (same election).
    pub(super) fn on_coordinator_wait_over(&mut self, cx: &mut Ctx<Bully>) {
        let Some(Election { id, stage: Stage::AwaitCoordinator }) = self.election else { return };
        cx.note(format!(
            "P{} got an Answer but no Coordinator message within T' = {}: the process that answered may have crashed, so P{} starts over",
            self.me,
            ms(self.timing.t_prime()),
            self.me
        ));
        self.election = None;
        self.start_election(id, None, cx);
    }

    pub(super) fn on_start_election(&mut self, cx: &mut Ctx<Bully>) {
        if self.election.is_some() {
            cx.note(format!("P{} is already holding an election", self.me));
            return;
        }
        cx.note(format!("P{} is asked to start an election", self.me));
        let id = self.new_election(Cause::Command, cx.now);
        self.start_election(id, None, cx);
    }

    /// A `timeout` action: this process's failure detector fires now.
    pub(super) fn on_forced_timeout(&mut self, cx: &mut Ctx<Bully>) {
        if self.is_coordinator() {
            cx.note(format!("P{} is the coordinator: it watches no one, so there is nothing to time out", self.me));
        } else if self.election.is_some() {
            cx.note(format!("P{} is holding an election: its failure detector is off", self.me));
        } else {
            self.suspect(true, cx);
        }
    }

    /// Notes, Part II: a process that comes back has lost its state and holds an election;
    /// if it has the highest id it wins at once ("bully").
    pub(super) fn recover(&mut self, cx: &mut Ctx<Bully>) {
        self.coordinator = None;
        self.election = None;
        cx.note(format!("P{} is back, remembers no coordinator, and starts an election", self.me));
        let id = self.new_election(Cause::Recovered, cx.now);
        self.start_election(id, None, cx);
    }
}

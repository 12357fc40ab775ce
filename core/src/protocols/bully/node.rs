//! One process of the bully algorithm, as the notes (seed 002) give it:
//! - a process that finds the coordinator gone sends Election to every higher id;
//! - a process that gets an Election answers (Answer) and holds its own election;
//! - a process that hears no Answer within T proclaims itself and sends Coordinator;
//! - a process that gets Coordinator takes the sender as coordinator;
//! - a recovered process holds an election, and the highest id wins it ("bullies").
//!
//! Choices where the notes are silent are marked "Not in the notes" and listed in
//! docs/protocols/bully.md.

use crate::say;
use crate::sim::protocol::Ctx;
use crate::sim::says::nodes_and;
use crate::sim::Arg;
use crate::sim::time::{to_ms, NodeId, Time};

use super::msg::{ElectionId, Msg, Timer};
use super::says;
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
            cx.note(say!(says::HIGHEST_AT_START, node = self.me));
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

    /// Send Election to every higher id, the coordinator this process suspects included
    /// (Garcia-Molina 1982, the Bully Algorithm's Election procedure asks every higher node
    /// whether it is up; the notes, Part I: "envía Election Messages a procesos que tengan un
    /// ID mayor al suyo"). A
    /// suspicion is only a guess: if the suspected coordinator is alive it answers within T,
    /// so a wrong suspicion costs messages, never a second coordinator. With nobody higher to
    /// ask, proclaim at once.
    pub(super) fn start_election(&mut self, id: ElectionId, cx: &mut Ctx<Bully>) {
        let higher: Vec<NodeId> = (self.me + 1..=cx.n).collect();
        if !self.is_coordinator() {
            self.coordinator = None;
            cx.cancel_timer(Timer::FailureDetector);
        }
        if higher.is_empty() {
            cx.note(say!(says::HIGHEST_PROCLAIMS, node = self.me));
            self.proclaim(id, cx);
            return;
        }
        cx.note(say!(says::SENDS_ELECTION, node = self.me, higher = nodes_and(&higher), t = ms(self.timing.t())));
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
            cx.note(say!(says::COORDINATOR_ALONE, node = self.me));
        } else {
            cx.note(say!(says::COORDINATOR_TELLS, node = self.me, lower = nodes_and(&lower)));
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
            cx.note(say!(says::COORDINATOR_ANSWERS, node = self.me, from));
            self.send(cx, from, Msg::Coordinator { leader: self.me, election: id });
            self.log.announce(id);
        } else if self.election.is_some() {
            cx.note(say!(says::ANSWERS_ELECTING, node = self.me, from));
        } else {
            cx.note(say!(says::ANSWERS_AND_ELECTS, node = self.me, from));
            self.start_election(id, cx);
        }
    }

    pub(super) fn on_answer(&mut self, from: NodeId, id: ElectionId, cx: &mut Ctx<Bully>) {
        match self.election {
            Some(e) if e.id == id && e.stage == Stage::AwaitAnswers => {
                self.election = Some(Election { id, stage: Stage::AwaitCoordinator });
                cx.cancel_timer(Timer::AnswerWait);
                let t2 = self.timing.t_prime() + JUST_AFTER;
                cx.set_timer(Timer::CoordinatorWait, t2, t2);
                cx.note(say!(says::GETS_ANSWER, node = self.me, from, t = ms(self.timing.t_prime())));
            }
            Some(e) if e.id == id => {}
            _ if self.is_coordinator() && self.log.announced(id) => cx.note(say!(says::ANSWER_TOO_LATE, from, node = self.me)),
            _ => cx.note(say!(says::ANSWER_IGNORED, node = self.me, from)),
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
                    cx.note(say!(says::ALREADY_FOLLOWS, node = me, leader = x));
                }
                self.watch(cx);
            }
            Some(c) if heartbeat && c > x => {
                // A heartbeat from a lower coordinator than the one this process follows: P{x}
                // announced itself before hearing of P{c} and will hear of it (a hand-over).
            }
            _ => {
                let what = if heartbeat { says::A_HEARTBEAT } else { says::COORDINATOR_MESSAGE };
                if self.is_coordinator() {
                    cx.note(say!(says::STEPS_DOWN, node = me, what, leader = x));
                } else {
                    cx.note(say!(says::FOLLOWS, node = me, what, leader = x));
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
        let why: Arg = if forced { says::MADE_TO_TIME_OUT.into() } else { say!(says::HAS_WAITED, t = ms(self.timing.detect())).into() };
        match suspect {
            Some(c) => cx.note(say!(says::SUSPECTS, node = me, why, coordinator = c)),
            None => cx.note(say!(says::NO_COORDINATOR, node = me, why)),
        }
        let id = self.new_election(Cause::Suspected { suspect, forced }, cx.now);
        self.start_election(id, cx);
    }

    pub(super) fn on_answer_wait_over(&mut self, cx: &mut Ctx<Bully>) {
        let Some(Election { id, stage: Stage::AwaitAnswers }) = self.election else { return };
        cx.note(say!(says::NO_ANSWER, t = ms(self.timing.t()), node = self.me));
        self.proclaim(id, cx);
    }

    /// Coulouris et al.: with an Answer but no Coordinator message within T', the process
    /// that answered has probably crashed since; start again (same election).
    pub(super) fn on_coordinator_wait_over(&mut self, cx: &mut Ctx<Bully>) {
        let Some(Election { id, stage: Stage::AwaitCoordinator }) = self.election else { return };
        cx.note(say!(says::NO_COORDINATOR_MESSAGE, node = self.me, t = ms(self.timing.t_prime())));
        self.election = None;
        self.start_election(id, cx);
    }

    pub(super) fn on_start_election(&mut self, cx: &mut Ctx<Bully>) {
        if self.election.is_some() {
            cx.note(say!(says::ALREADY_ELECTING, node = self.me));
            return;
        }
        cx.note(say!(says::ASKED_TO_ELECT, node = self.me));
        let id = self.new_election(Cause::Command, cx.now);
        self.start_election(id, cx);
    }

    /// A `timeout` action: this process's failure detector fires now.
    pub(super) fn on_forced_timeout(&mut self, cx: &mut Ctx<Bully>) {
        if self.is_coordinator() {
            cx.note(say!(says::NOTHING_TO_TIME_OUT, node = self.me));
        } else if self.election.is_some() {
            cx.note(say!(says::DETECTOR_OFF, node = self.me));
        } else {
            self.suspect(true, cx);
        }
    }

    /// Notes, Part II: a process that comes back has lost its state and holds an election;
    /// if it has the highest id it wins at once ("bully").
    pub(super) fn recover(&mut self, cx: &mut Ctx<Bully>) {
        self.coordinator = None;
        self.election = None;
        cx.note(say!(says::BACK, node = self.me));
        let id = self.new_election(Cause::Recovered, cx.now);
        self.start_election(id, cx);
    }
}

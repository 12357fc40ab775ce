//! One node of ring election, as the course notes (seed 002) give Chang & Roberts (1979):
//! a node is *participating* or *non-participating*; an election message carries the highest
//! id seen so far clockwise; when a node receives its own id it is the leader and sends an
//! *elected* message round the ring.
//!
//! Ring repair (not in the notes; as Coulouris et al. describe it): every ring message is
//! acknowledged, and a sender that hears no ack within the timeout presumes its successor
//! crashed and forwards to the next one.

use crate::sim::protocol::Ctx;
use crate::sim::time::{NodeId, Time};

use super::msg::{Body, Cand, Msg, Timer};
use super::{Ring, RingConfig};

/// A ring message waiting for its acknowledgement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub seq: u64,
    pub to: NodeId,
    pub body: Body,
}

impl Ring {
    pub fn new(id: NodeId, cfg: &RingConfig) -> Self {
        Ring {
            me: Cand { eid: cfg.ids[id as usize - 1], node: id },
            ack_timeout: cfg.ack_timeout,
            participating: false,
            elected: None,
            outbox: Vec::new(),
            next_seq: 0,
        }
    }

    /// The clockwise neighbour of `node` (ids 1..=n in ring order).
    fn successor(node: NodeId, n: u32) -> NodeId {
        node % n + 1
    }

    pub(super) fn start_election(&mut self, cx: &mut Ctx<Ring>) {
        if self.participating {
            cx.note(format!("P{} is already participating", self.me.node));
            return;
        }
        self.participating = true;
        cx.note(format!("P{} starts an election and sends its id {}", self.me.node, self.me.eid));
        self.forward(Body::Election { cand: self.me }, Self::successor(self.me.node, cx.n), cx);
    }

    /// Send `body` to `to` and wait for its ack.
    fn forward(&mut self, body: Body, to: NodeId, cx: &mut Ctx<Ring>) {
        if to == self.me.node {
            // Every other node was skipped: the message has come round to us.
            cx.note(format!("P{} has no live successor left", self.me.node));
            self.receive(body, cx);
            return;
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        self.outbox.push(Outgoing { seq, to, body });
        cx.send(to, Msg::Ring { seq, body });
        cx.set_timer(Timer::AckTimeout { seq }, self.ack_timeout, self.ack_timeout);
    }

    pub(super) fn on_ring(&mut self, from: NodeId, seq: u64, body: Body, cx: &mut Ctx<Ring>) {
        cx.send(from, Msg::Ack { seq });
        self.receive(body, cx);
    }

    pub(super) fn on_ack(&mut self, seq: u64, cx: &mut Ctx<Ring>) {
        if let Some(i) = self.outbox.iter().position(|o| o.seq == seq) {
            self.outbox.remove(i);
            cx.cancel_timer(Timer::AckTimeout { seq });
        }
    }

    pub(super) fn on_ack_timeout(&mut self, seq: u64, cx: &mut Ctx<Ring>) {
        let Some(i) = self.outbox.iter().position(|o| o.seq == seq) else { return };
        let o = self.outbox.remove(i);
        let next = Self::successor(o.to, cx.n);
        cx.note(format!("P{} got no ack from P{}: presumes it crashed and skips it", self.me.node, o.to));
        self.forward(o.body, next, cx);
    }

    fn receive(&mut self, body: Body, cx: &mut Ctx<Ring>) {
        let succ = Self::successor(self.me.node, cx.n);
        let me = self.me;
        match body {
            Body::Election { cand } if !self.participating => {
                // Non-participating: join, and forward the larger of the two ids.
                self.participating = true;
                let best = if cand.eid > me.eid { cand } else { me };
                if best == me && cand != me {
                    cx.note(format!("P{} joins; its id {} beats {}, so it forwards its own", me.node, me.eid, cand.eid));
                } else {
                    cx.note(format!("P{} joins and forwards id {}", me.node, best.eid));
                }
                self.forward(Body::Election { cand: best }, succ, cx);
            }
            Body::Election { cand } if cand.eid > me.eid => {
                cx.note(format!("P{} forwards the higher id {}", me.node, cand.eid));
                self.forward(Body::Election { cand }, succ, cx);
            }
            Body::Election { cand } if cand.eid < me.eid => {
                cx.note(format!("P{} is participating with a higher id: it discards id {}", me.node, cand.eid));
            }
            Body::Election { .. } => {
                // Our own id came all the way round: no live node has a higher one.
                self.participating = false;
                self.elected = Some(me);
                cx.note(format!("P{} got its own id back: it is the leader", me.node));
                self.forward(Body::Elected { leader: me }, succ, cx);
            }
            Body::Elected { leader } => {
                self.participating = false;
                self.elected = Some(leader);
                if leader.eid == me.eid {
                    cx.note(format!("Elected({}) went round the ring: the election is over", leader.eid));
                } else {
                    cx.note(format!("P{} learns that P{} is the leader", me.node, leader.node));
                    self.forward(Body::Elected { leader }, succ, cx);
                }
            }
        }
    }

    /// Volatile state is lost in a crash; the returning node calls an election so that a
    /// higher id is not left out (the notes' convention for bully, seed 002).
    pub(super) fn recover(&mut self, cx: &mut Ctx<Ring>) {
        self.participating = false;
        self.elected = None;
        self.outbox.clear();
        // `next_seq` is kept so a late ack from before the crash cannot match a new message.
        cx.note(format!("P{} is back and calls an election", self.me.node));
        self.start_election(cx);
    }

    pub fn ack_timeout(&self) -> Time {
        self.ack_timeout
    }
}

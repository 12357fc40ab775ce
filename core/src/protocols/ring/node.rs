//! One node of ring election, as the course notes (seed 002) give Chang & Roberts (1979):
//! a node is *participating* or *non-participating*; an election message carries the highest
//! id seen so far clockwise; when a node receives its own id it is the leader and sends an
//! *elected* message round the ring.
//!
//! Ring repair (not in the notes; as Coulouris et al. describe it): every ring message is
//! acknowledged, and a sender that hears no ack within the timeout presumes its successor
//! crashed and forwards to the next one.

use crate::sorted::SortedSet;

use crate::say;
use crate::sim::protocol::Ctx;
use crate::sim::time::{NodeId, Time};

use super::msg::{Body, Cand, Msg, Timer};
use super::says;
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
            round_timeout: cfg.round_timeout,
            participating: false,
            elected: None,
            outbox: Vec::new(),
            next_seq: 0,
            seen: SortedSet::new(),
            beaten_by: None,
            round: 0,
        }
    }

    /// The clockwise neighbour of `node` (ids 1..=n in ring order).
    fn successor(node: NodeId, n: u32) -> NodeId {
        node % n + 1
    }

    pub(super) fn start_election(&mut self, cx: &mut Ctx<Ring>) {
        if self.participating {
            // An election it joined may have died with a crashed node that held the message:
            // asked to start one, it starts afresh rather than wait forever.
            cx.note(say!(says::RESTARTS_ELECTION, node = self.me.node, eid = self.me.eid));
        } else {
            cx.note(say!(says::STARTS_ELECTION, node = self.me.node, eid = self.me.eid));
        }
        self.participate(cx);
        self.beaten_by = None;
        let round = self.next_round();
        self.forward(Body::Election { cand: self.me, round }, Self::successor(self.me.node, cx.n), cx);
    }

    /// Send `body` to `to` and wait for its ack.
    fn forward(&mut self, body: Body, to: NodeId, cx: &mut Ctx<Ring>) {
        if to == self.me.node {
            // Every other node was skipped: the message has come round to us.
            cx.note(say!(says::NO_SUCCESSOR, node = self.me.node));
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
        // The network may duplicate a message; acting on it twice would start extra rounds.
        if self.seen.insert((from, seq)) {
            self.receive(body, cx);
        } else {
            cx.note(say!(says::DUPLICATE, node = self.me.node, from));
        }
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
        cx.note(say!(says::SKIPS, node = self.me.node, to = o.to));
        match o.body {
            // The candidate (or the elected leader) itself is gone: only it may stop the
            // message, which would circulate for ever. Drop it and call a fresh election.
            Body::Election { cand: Cand { node, eid }, .. } | Body::Elected { leader: Cand { node, eid } } if node == o.to => {
                cx.note(say!(says::OWNER_CRASHED, node = self.me.node, eid, owner = node));
                self.start_election(cx);
            }
            body => self.forward(body, next, cx),
        }
    }

    /// A new round for our own id on the ring.
    fn next_round(&mut self) -> u32 {
        self.round += 1;
        self.round
    }

    /// Join (or see progress in) an election, and (re)arm the round timer.
    fn participate(&mut self, cx: &mut Ctx<Ring>) {
        self.participating = true;
        cx.set_timer(Timer::RoundTimeout, self.round_timeout, self.round_timeout);
    }

    fn stop_participating(&mut self, cx: &mut Ctx<Ring>) {
        self.participating = false;
        self.beaten_by = None;
        cx.cancel_timer(Timer::RoundTimeout);
    }

    /// Not in the notes, whose algorithm assumes no crash during an election: if the node
    /// holding the election message crashes, every participant would wait forever (and
    /// swallow lower ids). A participant that sees no progress for a whole round's time
    /// calls a new election with its own id.
    pub(super) fn on_round_timeout(&mut self, cx: &mut Ctx<Ring>) {
        cx.note(say!(says::STALLED, node = self.me.node));
        self.start_election(cx);
    }

    fn receive(&mut self, body: Body, cx: &mut Ctx<Ring>) {
        let succ = Self::successor(self.me.node, cx.n);
        let me = self.me;
        match body {
            Body::Election { cand, .. } if cand == me && self.elected == Some(me) && !self.participating => {
                // Not in the notes: a leader that sees its own id again is looking at a copy
                // of a message that already won (a lost ack made the sender retry past its
                // successor); forwarding it would start a needless new round.
                cx.note(say!(says::ALREADY_LEADS, node = me.node));
            }
            Body::Election { cand, round } if !self.participating => {
                // Non-participating: join, and forward the larger of the two ids.
                self.participate(cx);
                let best = if cand.eid > me.eid { cand } else { me };
                if best != me {
                    self.beaten_by = Some(cand.eid);
                }
                if best == me && cand != me {
                    cx.note(say!(says::JOINS_WITH_OWN, node = me.node, eid = me.eid, other = cand.eid));
                } else {
                    cx.note(say!(says::JOINS, node = me.node, eid = best.eid));
                }
                let round = if best == me { self.next_round() } else { round };
                self.forward(Body::Election { cand: best, round }, succ, cx);
            }
            Body::Election { cand, round } if cand.eid > me.eid => {
                cx.note(say!(says::FORWARDS_HIGHER, node = me.node, eid = cand.eid));
                self.participate(cx);
                self.beaten_by = self.beaten_by.max(Some(cand.eid));
                self.forward(Body::Election { cand, round }, succ, cx);
            }
            Body::Election { cand, .. } if cand.eid < me.eid => {
                cx.note(say!(says::DISCARDS, node = me.node, eid = cand.eid));
            }
            Body::Election { round, .. } if round != self.round => {
                // Not in the notes: an older copy of our id, from before we restarted.
                cx.note(say!(says::OLD_COPY, node = me.node, round, now = self.round));
            }
            Body::Election { .. } if self.beaten_by.is_some() => {
                // Not in the notes: with ring repair, a node that was skipped while down may be
                // back, so our id can come round without passing it. We already forwarded a
                // higher id in this election, so that node is alive: we cannot be the leader.
                let higher = self.beaten_by.unwrap_or_default();
                cx.note(say!(says::STAYS_OUT, node = me.node, higher));
            }
            Body::Election { .. } => {
                // Our own id came all the way round: no live node has a higher one.
                self.stop_participating(cx);
                self.elected = Some(me);
                cx.note(say!(says::IS_LEADER, node = me.node));
                self.forward(Body::Elected { leader: me }, succ, cx);
            }
            Body::Elected { leader } if !self.participating && self.elected == Some(leader) && leader != me => {
                // Not in the notes: the leader crashed, so its Elected message was never
                // stopped by it and came round again. Everyone already knows; stop it here.
                cx.note(say!(says::STOPS_ELECTED, node = me.node, leader = leader.node));
            }
            Body::Elected { leader } if !self.participating && self.elected.is_some_and(|e| e.eid > leader.eid) => {
                // Not in the notes: a message rerouted round a crashed node can arrive after
                // the result of a later election; every election is announced only after its
                // Election message passed every live node, so a lower leader is stale news.
                cx.note(say!(says::STALE_ELECTED, node = me.node, eid = leader.eid));
            }
            Body::Elected { leader } if leader == me && (self.participating || self.elected != Some(me)) => {
                // Our Elected message came back, but we have joined a newer election (or
                // learnt of a newer leader) since: leading again would make two leaders.
                cx.note(say!(says::MOVED_ON, eid = me.eid, node = me.node));
            }
            Body::Elected { leader } if leader.eid < me.eid => {
                // Not in the notes: this node is alive and its id is higher than the announced
                // leader's, so that election never counted it (it was skipped while down, or its
                // own Election message died with a forwarder that crashed). Accepting would leave
                // a lower leader while a higher id lives; it stops the announcement and calls an
                // election of its own, which every live node will see.
                cx.note(say!(says::HIGHER_THAN_ELECTED, node = me.node, eid = leader.eid));
                self.start_election(cx);
            }
            Body::Elected { leader } => {
                self.stop_participating(cx);
                self.elected = Some(leader);
                if leader.eid == me.eid {
                    cx.note(say!(says::ELECTION_OVER, eid = leader.eid));
                } else {
                    cx.note(say!(says::LEARNS_LEADER, node = me.node, leader = leader.node));
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
        self.seen.clear();
        self.beaten_by = None;
        // `next_seq` is kept so a late ack from before the crash cannot match a new message.
        cx.note(say!(says::BACK, node = self.me.node));
        self.start_election(cx);
    }

    pub fn ack_timeout(&self) -> Time {
        self.ack_timeout
    }
}

//! One node of ring election, as the course notes (seed 002) give Chang & Roberts (1979):
//! a node is *participating* or *non-participating*; an election message carries the highest
//! id seen so far clockwise; when a node receives its own id it is the leader and sends an
//! *elected* message round the ring.
//!
//! Beyond the notes, which assume no crash (docs/protocols/ring.md says why each is here):
//! - ring repair (Coulouris et al.): every ring message is acknowledged, and a sender that
//!   hears no ack within the timeout presumes its successor crashed and skips it;
//! - election numbers: every election has a number, kept across crashes; messages of one
//!   number follow Chang & Roberts unchanged, an older election's messages are dropped, and a
//!   newer one resets participation;
//! - the leader check (`leader_check_ms` > 0): a node that finds its leader down, or no
//!   longer leading, starts an election (the notes: a process that finds the coordinator down
//!   starts one).

use crate::sorted::SortedSet;

use crate::say;
use crate::sim::protocol::Ctx;
use crate::sim::time::{NodeId, Time};

use super::msg::{Body, Cand, Msg, Timer};
use super::says;
use super::{Ring, RingConfig, Sent};

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
            leader_check: cfg.leader_check,
            participating: false,
            elected: None,
            num: 0,
            considered: 0,
            best: 0,
            result_of: 0,
            waiting: false,
            outbox: Vec::new(),
            next_seq: 0,
            seen: SortedSet::new(),
            probe: None,
            sent: Sent::default(),
            last_election_sent: None,
        }
    }

    /// The clockwise neighbour of `node` (ids 1..=n in ring order).
    fn successor(node: NodeId, n: u32) -> NodeId {
        node % n + 1
    }

    /// Arm the periodic leader check, if it is on.
    pub(super) fn arm_leader_check(&mut self, cx: &mut Ctx<Ring>) {
        if self.leader_check > 0 {
            cx.set_timer(Timer::LeaderCheck, self.leader_check, self.leader_check);
        }
    }

    /// Start a new election: its number is one above the highest this node has seen, so it
    /// supersedes every election this node knows of (and, started at the same time as
    /// others that saw the same number, it is the same election as theirs: Chang & Roberts'
    /// concurrent initiators).
    pub(super) fn start_election(&mut self, cx: &mut Ctx<Ring>) {
        let old = self.num;
        self.num += 1;
        if self.participating {
            cx.note(say!(says::RESTARTS_ELECTION, node = self.me.node, old, num = self.num, eid = self.me.eid));
        } else {
            cx.note(say!(says::STARTS_ELECTION, node = self.me.node, num = self.num, eid = self.me.eid));
        }
        self.participate(cx);
        self.considered = self.num;
        self.best = self.me.eid;
        let body = Body::Election { num: self.num, cand: self.me };
        self.forward(body, Self::successor(self.me.node, cx.n), cx);
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
        self.sent.count(&body);
        self.last_election_sent = Some(cx.now);
        cx.send(to, Msg::Ring { seq, body });
        cx.set_timer(Timer::AckTimeout { seq }, self.ack_timeout, self.ack_timeout);
    }

    pub(super) fn on_ring(&mut self, from: NodeId, seq: u64, body: Body, cx: &mut Ctx<Ring>) {
        // The ack says which election this node is in once it has handled the message (the
        // newer of its own and the message's): the sender learns whether its message was
        // dropped as part of an older election.
        self.sent.ack += 1;
        let num = self.num.max(body.num());
        cx.send(from, Msg::Ack { seq, num, decided: num == self.num && self.decided() });
        // The network may duplicate a message; acting on it twice would start extra rounds.
        if self.seen.insert((from, seq)) {
            self.receive(body, cx);
        } else {
            cx.note(say!(says::DUPLICATE, node = self.me.node, from));
        }
    }

    /// Whether this node is taking part in an election: participating, or waiting for a
    /// newer election that dropped its id to come round (the invariants' "not quiet yet").
    pub fn electing(&self) -> bool {
        self.participating || self.waiting
    }

    /// Whether this node knows the winner of the election it is in.
    fn decided(&self) -> bool {
        self.elected.is_some() && self.result_of == self.num && !self.participating
    }

    pub(super) fn on_ack(&mut self, from: NodeId, seq: u64, num: u32, decided: bool, cx: &mut Ctx<Ring>) {
        let Some(i) = self.outbox.iter().position(|o| o.seq == seq) else { return };
        let o = self.outbox.remove(i);
        cx.cancel_timer(Timer::AckTimeout { seq });
        if num <= o.body.num() {
            return;
        }
        // P{from} is in a newer election and dropped our message.
        if num > self.num {
            cx.note(say!(says::ACK_NEWER, from, num, node = self.me.node, old = o.body.num()));
            self.num = num;
            self.best = 0;
            self.stop_participating(cx);
            if self.elected == Some(self.me) {
                // It won an older election: a newer one is under way, so it no longer leads.
                self.elected = None;
            }
        }
        // If that newer election is still under way it goes round the whole ring and will
        // reach this node, which joins it; but it may also have gone by while this node was
        // down: wait a round for it, then call an election (`on_round_timeout`). If it is
        // already decided it will not come, and it never compared this node's id.
        if self.participating || self.considered >= num || self.result_of >= num {
            return;
        }
        if decided {
            cx.note(say!(says::DROPPED_BY_DECIDED, from, num, node = self.me.node));
            self.start_election(cx);
        } else if !self.waiting {
            cx.note(say!(says::WAITS_FOR_NEWER, node = self.me.node, num));
            self.waiting = true;
            cx.set_timer(Timer::RoundTimeout, self.round_timeout, self.round_timeout);
        }
    }

    /// Not in the notes: this node has just learnt the result of an election it took no part
    /// in (it came back after that election's Election message went by, and its own message
    /// belonged to an older election). That election never compared its id: if the winner's
    /// is lower, it calls an election that will (as a process that comes back does in bully,
    /// seed 002, Parte II).
    fn ensure_counted(&mut self, cx: &mut Ctx<Ring>) {
        if self.participating || self.considered >= self.num || self.elected.is_some_and(|l| l.eid > self.me.eid) {
            return;
        }
        cx.note(say!(says::NOT_COUNTED, num = self.num, node = self.me.node, old = self.considered));
        self.start_election(cx);
    }

    pub(super) fn on_ack_timeout(&mut self, seq: u64, cx: &mut Ctx<Ring>) {
        let Some(i) = self.outbox.iter().position(|o| o.seq == seq) else { return };
        let o = self.outbox.remove(i);
        let next = Self::successor(o.to, cx.n);
        cx.note(say!(says::SKIPS, node = self.me.node, to = o.to));
        let owner = match o.body {
            Body::Election { cand, .. } => cand,
            Body::Elected { leader, .. } => leader,
        };
        if o.body.num() < self.num {
            // We have moved on to a newer election since: the old message would be dropped.
            cx.note(say!(says::OLD_NOT_RESENT, node = self.me.node, old = o.body.num(), num = self.num));
        } else if owner.node == o.to {
            // The candidate (or the elected leader) itself is gone: only it may stop the
            // message, which would circulate for ever. Drop it and call a new election.
            cx.note(say!(says::OWNER_CRASHED, node = self.me.node, eid = owner.eid, owner = owner.node));
            self.start_election(cx);
        } else {
            self.forward(o.body, next, cx);
        }
    }

    /// Join (or see progress in) an election, and (re)arm the round timer.
    fn participate(&mut self, cx: &mut Ctx<Ring>) {
        self.participating = true;
        self.waiting = false;
        cx.set_timer(Timer::RoundTimeout, self.round_timeout, self.round_timeout);
    }

    fn stop_participating(&mut self, cx: &mut Ctx<Ring>) {
        self.participating = false;
        self.waiting = false;
        cx.cancel_timer(Timer::RoundTimeout);
    }

    /// Not in the notes, whose algorithm assumes no crash during an election: if the node
    /// holding the election message crashes, every participant would wait forever (and
    /// swallow lower ids). A participant that sees no progress for a whole round's time
    /// calls a new election.
    pub(super) fn on_round_timeout(&mut self, cx: &mut Ctx<Ring>) {
        if self.waiting {
            // Waiting for a newer election that dropped our id: it never came.
            cx.note(say!(says::NEWER_NEVER_CAME, num = self.num, node = self.me.node));
            self.start_election(cx);
            return;
        }
        cx.note(say!(says::STALLED, node = self.me.node, num = self.num));
        self.start_election(cx);
    }

    /// A ring message: first its election number, then Chang & Roberts' rules.
    fn receive(&mut self, body: Body, cx: &mut Ctx<Ring>) {
        let me = self.me;
        let num = body.num();
        if num < self.num {
            // An older election's message: a newer one has begun since, which supersedes it.
            let what = match body {
                Body::Election { cand, .. } => format!("Election({})", cand.eid),
                Body::Elected { leader, .. } => format!("Elected({})", leader.eid),
            };
            cx.note(say!(says::OLDER_DROPPED, node = me.node, what, old = num, num = self.num));
            return;
        }
        if num > self.num {
            // A newer election: whatever this node took part in belongs to an older one.
            if self.participating {
                cx.note(say!(says::NEWER_ELECTION, node = me.node, num, old = self.num));
            }
            self.num = num;
            self.best = 0;
            self.stop_participating(cx);
        }
        let succ = Self::successor(me.node, cx.n);
        match body {
            Body::Election { cand, .. } if !self.participating => {
                // Non-participating: join, and forward the larger of the two ids.
                self.participate(cx);
                self.considered = num;
                let best = if cand.eid > me.eid { cand } else { me };
                self.best = self.best.max(best.eid);
                if best == me && cand != me {
                    cx.note(say!(says::JOINS_WITH_OWN, node = me.node, eid = me.eid, other = cand.eid));
                } else {
                    cx.note(say!(says::JOINS, node = me.node, eid = best.eid));
                }
                self.forward(Body::Election { num, cand: best }, succ, cx);
            }
            Body::Election { cand, .. } if cand.eid > me.eid => {
                cx.note(say!(says::FORWARDS_HIGHER, node = me.node, eid = cand.eid));
                self.participate(cx);
                self.best = self.best.max(cand.eid);
                self.forward(body, succ, cx);
            }
            Body::Election { cand, .. } if cand.eid < me.eid => {
                cx.note(say!(says::DISCARDS, node = me.node, eid = cand.eid));
            }
            Body::Election { .. } if self.best > me.eid => {
                // The winner of an election is the highest id in it, so no result below the
                // highest id a node has seen in that election can be right. In Chang & Roberts
                // this never happens (a node's id comes back only after passing every higher
                // one, each of which discards it). With crashes it can: a node that was not in
                // the election when this id went by (down, and skipped) joined it later. The
                // higher id is on its way: drop ours.
                cx.note(say!(says::STAYS_OUT, node = me.node, higher = self.best, num));
            }
            Body::Election { .. } => {
                // Our own id came all the way round: no live node has a higher one.
                self.stop_participating(cx);
                self.elected = Some(me);
                self.result_of = num;
                cx.note(say!(says::IS_LEADER, node = me.node, num));
                self.forward(Body::Elected { num, leader: me }, succ, cx);
            }
            Body::Elected { leader, .. } if leader.eid < self.best => {
                // The same bound: this node has seen a higher id in this election than the
                // announced winner's (its holder joined after the winner's id went by).
                cx.note(say!(says::BELOW_BEST, node = me.node, eid = leader.eid, num, higher = self.best));
            }
            Body::Elected { leader, .. } => {
                self.stop_participating(cx);
                self.elected = Some(leader);
                self.result_of = num;
                if leader == me {
                    cx.note(say!(says::ELECTION_OVER, eid = leader.eid, num));
                } else {
                    cx.note(say!(says::LEARNS_LEADER, node = me.node, leader = leader.node, num));
                    self.forward(body, succ, cx);
                    self.ensure_counted(cx);
                }
            }
        }
    }

    /// The leader check is due: ask the leader whether it still leads. A node in an
    /// election leaves it to the round timeout; a node that knows no leader starts one.
    pub(super) fn on_leader_check(&mut self, cx: &mut Ctx<Ring>) {
        self.arm_leader_check(cx);
        if self.electing() || self.probe.is_some() {
            return;
        }
        match self.elected {
            Some(l) if l == self.me => {}
            Some(l) => {
                let nonce = self.next_seq;
                self.next_seq += 1;
                self.probe = Some((nonce, l.node));
                self.sent.check += 1;
                cx.send(l.node, Msg::Check { nonce });
                cx.set_timer(Timer::CheckTimeout { nonce }, self.ack_timeout, self.ack_timeout);
            }
            None => {
                cx.note(say!(says::KNOWS_NO_LEADER, node = self.me.node));
                self.start_election(cx);
            }
        }
    }

    pub(super) fn on_check(&mut self, from: NodeId, nonce: u64, cx: &mut Ctx<Ring>) {
        let leads = !self.participating && self.elected == Some(self.me);
        self.sent.check += 1;
        cx.send(from, Msg::CheckReply { nonce, leads, num: self.num });
    }

    pub(super) fn on_check_reply(&mut self, from: NodeId, nonce: u64, leads: bool, num: u32, cx: &mut Ctx<Ring>) {
        if self.probe != Some((nonce, from)) {
            return;
        }
        self.probe = None;
        cx.cancel_timer(Timer::CheckTimeout { nonce });
        if leads || self.participating || !self.elected.is_some_and(|l| l.node == from) {
            return;
        }
        if num > self.num {
            // The leader has joined a newer election, which is on its way round to us too.
            cx.note(say!(says::LEADER_IN_NEWER, leader = from, node = self.me.node, num));
        } else {
            cx.note(say!(says::LEADER_STEPPED_DOWN, leader = from, node = self.me.node));
            self.start_election(cx);
        }
    }

    pub(super) fn on_check_timeout(&mut self, nonce: u64, cx: &mut Ctx<Ring>) {
        let Some((n, leader)) = self.probe else { return };
        if n != nonce {
            return;
        }
        self.probe = None;
        if !self.participating && self.elected.is_some_and(|l| l.node == leader) {
            cx.note(say!(says::LEADER_SILENT, node = self.me.node, leader, t = crate::sim::time::to_ms(self.ack_timeout)));
            self.start_election(cx);
        }
    }

    /// Volatile state is lost in a crash; the returning node calls an election so that a
    /// higher id is not left out (the notes' convention for bully, seed 002). Its election
    /// number is durable, so the new election is newer than any it took part in.
    pub(super) fn recover(&mut self, cx: &mut Ctx<Ring>) {
        self.participating = false;
        self.elected = None;
        self.outbox.clear();
        self.seen.clear();
        self.probe = None;
        self.waiting = false;
        // `next_seq` is kept so a late ack from before the crash cannot match a new message.
        cx.note(say!(says::BACK, node = self.me.node));
        self.arm_leader_check(cx);
        self.start_election(cx);
    }

    pub fn ack_timeout(&self) -> Time {
        self.ack_timeout
    }
}

//! Counting the messages of each election, for the report: the notes' complexity claims
//! (best case n−1 messages, worst case O(n²)) are about one election. Each node counts what
//! it sent, per election id; the counts are instrumentation, so they survive a crash (a
//! message sent is sent) while the node's protocol state does not.
//!
//! Only the first `COUNTED` elections each process starts are counted: the logs are cloned
//! into every history checkpoint, so a long run that keeps electing (broken timing) would
//! otherwise make memory grow with the square of its length. Every process sees the starter's
//! sequence number in the election id, so all of them apply the same cut.

use crate::sorted::SortedMap;

use crate::sim::Object;

use crate::sim::time::{to_ms, NodeId, Time};

use super::msg::{ElectionId, Msg};
use super::Bully;

/// Elections per starter whose messages are counted.
pub const COUNTED: u32 = 32;

pub fn counted(id: ElectionId) -> bool {
    id.seq <= COUNTED
}

/// Why a node started an election.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The highest id announces itself when the run starts (notes, Part I).
    StartUp,
    /// The failure detector fired (`forced`: by a `timeout` action); `suspect` is the
    /// coordinator it gave up on, if it knew one.
    Suspected { suspect: Option<NodeId>, forced: bool },
    /// A recovered process starts an election (notes, Part II).
    Recovered,
    /// A `start_election` action.
    Command,
}

impl Cause {
    fn describe(self, by: NodeId) -> String {
        match self {
            Cause::StartUp => format!("start-up: P{by} has the highest id"),
            Cause::Suspected { suspect: Some(c), forced: false } => format!("P{by} suspected P{c} had crashed"),
            Cause::Suspected { suspect: Some(c), forced: true } => format!("P{by} was made to time out on P{c}"),
            Cause::Suspected { suspect: None, .. } => format!("P{by} heard from no coordinator"),
            Cause::Recovered => format!("P{by} recovered"),
            Cause::Command => format!("P{by} was asked to start an election"),
        }
    }
}

/// Messages one node sent for one election.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub election: u32,
    pub answer: u32,
    pub coordinator: u32,
    /// It proclaimed itself, or (already coordinator) told an asker so.
    pub announced: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Log {
    /// Elections this node started (the counted ones): id, time, cause.
    pub started: Vec<(ElectionId, Time, Cause)>,
    pub sent: SortedMap<ElectionId, Tally>,
}

impl Log {
    pub fn count(&mut self, msg: &Msg) {
        let (id, field): (ElectionId, fn(&mut Tally) -> &mut u32) = match msg {
            Msg::Election { election } => (*election, |t| &mut t.election),
            Msg::Answer { election } => (*election, |t| &mut t.answer),
            Msg::Coordinator { election, .. } => (*election, |t| &mut t.coordinator),
            Msg::Heartbeat { .. } => return,
        };
        if !counted(id) {
            return;
        }
        *field(self.sent.entry(id).or_default()) += 1;
    }

    /// Record that this node announced itself coordinator in election `id` (the lowest id
    /// proclaims without sending anything: nobody is below it).
    pub fn announce(&mut self, id: ElectionId) {
        if counted(id) {
            self.sent.entry(id).or_default().announced = true;
        }
    }

    pub fn start(&mut self, id: ElectionId, at: Time, cause: Cause) {
        if counted(id) {
            self.started.push((id, at, cause));
        }
    }

    pub fn announced(&self, id: ElectionId) -> bool {
        self.sent.get(&id).is_some_and(|t| t.announced)
    }
}

/// One entry per election, in the order they started: who started it and why, who announced
/// itself coordinator in it (more than one means the timing assumption broke), and how many
/// Election, Answer and Coordinator messages it took in all.
pub fn elections(nodes: &[Bully]) -> Vec<serde_json::Value> {
    let mut started: Vec<(Time, ElectionId, Cause)> =
        nodes.iter().flat_map(|b| b.log.started.iter().map(|&(id, at, cause)| (at, id, cause))).collect();
    crate::sorted::sort_small_by(&mut started, |a, b| (a.0, a.1) < (b.0, b.1));
    started
        .into_iter()
        .map(|(at, id, cause)| {
            let mut sum = Tally::default();
            let mut winners = Vec::new();
            for (i, b) in nodes.iter().enumerate() {
                if let Some(t) = b.log.sent.get(&id) {
                    sum.election += t.election;
                    sum.answer += t.answer;
                    sum.coordinator += t.coordinator;
                    if t.announced {
                        winners.push(i as NodeId + 1);
                    }
                }
            }
            let messages = Object::new()
                .with("election", sum.election.into())
                .with("answer", sum.answer.into())
                .with("coordinator", sum.coordinator.into())
                .with("total", (sum.election + sum.answer + sum.coordinator).into());
            Object::new()
                .with("by", id.by.into())
                .with("started_ms", to_ms(at).into())
                .with("cause", cause.describe(id.by).into())
                .with("coordinators", winners.into())
                .with("messages", messages.into())
                .into()
        })
        .collect()
}

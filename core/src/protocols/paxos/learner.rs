//! The learner (§2.3 "Learning a chosen value"): a value is chosen once a majority of
//! acceptors accepted the same proposal; the learner then answers the client (the notes'
//! phase 2c).

use crate::sorted::{SortedMap, SortedSet};

use crate::say;
use crate::sim::time::NodeId;
use crate::sim::Arg;

use super::config::Role;
use super::msg::{Ballot, Cmd, Msg, Slot};
use super::node::{Ghost, Out};
use super::says::{self, inst, who};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Learner {
    /// What it learned, per instance. Kept across a crash: it stands for the state machine
    /// the learner applied the value to.
    pub learned: SortedMap<Slot, (Ballot, Cmd)>,
    /// Volatile: who sent 2b for each (instance, proposal) not learned yet.
    pub votes: SortedMap<(Slot, Ballot), (Cmd, SortedSet<NodeId>)>,
}

impl Learner {
    pub fn on_accepted(&mut self, from: NodeId, b: Ballot, slot: Slot, cmd: Cmd, ghost: &mut Ghost, out: &mut Out) {
        if self.learned.contains_key(&slot) {
            return;
        }
        let me = who(out.cfg, out.me, Role::Learner);
        let need = out.cfg.majority();
        // Counting per proposal, not per value: 2b messages of different proposals do not add
        // up, because only one proposal's acceptors are known to form a majority.
        let (cmd, from_set) = self.votes.entry((slot, b)).or_insert_with(|| (cmd, SortedSet::new()));
        from_set.insert(from);
        let (have, cmd) = (from_set.len(), cmd.clone());
        if have < need {
            out.note(say!(says::LEARNER_COUNTS, who = me, have, need, ballot = b, value = &cmd.value, inst = inst(slot)));
            return;
        }
        self.votes.retain(|(s, _), _| *s != slot);
        self.learned.insert(slot, (b, cmd.clone()));
        ghost.learned(out.now(), slot);
        let answers: Arg = if out.cfg.all_roles() { "".into() } else { says::ANSWERS_CLIENT.into() };
        let acceptors = out.cfg.acceptor_count();
        out.note(say!(says::LEARNER_CHOSEN, who = me, have, acceptors, ballot = b, value = &cmd.value, inst = inst(slot), answers));
        let msg = Msg::Answer { b, slot, cmd };
        if out.cfg.all_roles() {
            // Every node learns for itself from the 2b broadcast: only its own proposer hears.
            out.send(out.me, msg);
        } else {
            for p in out.cfg.proposers() {
                out.send(p, msg.clone());
            }
        }
    }

    pub fn recover(&mut self) {
        self.votes.clear();
    }
}

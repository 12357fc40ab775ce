//! The `collude` strategy: the traitors who collude share one plan, fixed before the run,
//! to split the loyal lieutenants. The loyal lieutenants (neither commander nor traitor) in
//! id order form two halves; the first half is told a, the commander's order, and the second
//! half b, the value after it in `params.values`. Every colluder sticks to the plan whenever
//! it speaks, relaying included, so each loyal lieutenant hears one story from all of them.
//!
//! Oral messages (§3): a colluder tells every recipient its half's value along every path.
//!
//! Signed messages (§4): "we make no assumptions about a traitorous general's signature. In
//! particular, we allow his signature to be forged by another traitor, thereby permitting
//! collusion among the traitors." A loyal general's signature still cannot be forged (A4a),
//! so against a loyal commander the colluders can only keep his order to themselves. With a
//! colluding commander they show each loyal lieutenant its half's order as late as they can,
//! so that the loyal cannot pass it on to the other half (step 2A relays only chains of at
//! most m signatures): in round k = min(c, m+1), c the colluders counting the commander, on a
//! chain of k colluders' signatures (the commander's first), sent by the last of them. With
//! c ≥ m+1 it arrives in round m+1 and each half ends with V = {its own order}: IC1 breaks,
//! as Theorem 2 allows with more than m traitors. With c ≤ m the loyal relay it and all end
//! with V = {a, b}, as the theorem promises.

use crate::sim::time::NodeId;

use super::msg::Value;
use super::{Om, Setup};

impl Setup {
    pub fn is_traitor(&self, id: NodeId) -> bool {
        self.traitors >> (id - 1) & 1 == 1
    }

    pub fn colludes(&self, id: NodeId) -> bool {
        self.colluders >> (id - 1) & 1 == 1
    }

    /// What the plan tells general `to`: a to the first half (rounded up) of the loyal
    /// lieutenants, b to the rest; a to a traitor (nothing rides on what a traitor hears).
    pub fn plan_for(&self, to: NodeId) -> Value {
        let loyal: Vec<NodeId> = (1..=self.n).filter(|&k| k != self.commander && !self.is_traitor(k)).collect();
        match loyal.iter().position(|&k| k == to) {
            Some(i) if i >= loyal.len().div_ceil(2) => self.values.after(self.order, 1),
            _ => self.order,
        }
    }

    /// SM(m) with a colluding commander: the chain of colluders whose (forged) signatures
    /// carry the plan to the loyal lieutenants, commander first; its last member sends it in
    /// round `chain.len()`. Empty when the commander does not collude.
    pub fn conspiracy(&self) -> Vec<NodeId> {
        if !self.colludes(self.commander) {
            return Vec::new();
        }
        let fellows = (1..=self.n).filter(|&k| k != self.commander && self.colludes(k));
        std::iter::once(self.commander).chain(fellows).take(self.m as usize + 1).collect()
    }
}

impl Om {
    /// What this general sends to `to` when the honest value is `v` (see traitor.rs).
    pub(super) fn tell(&self, v: Value, path: &[NodeId], to: NodeId, index: usize) -> Option<Value> {
        match self.strategy {
            Some(super::Strategy::Collude) => Some(self.s.plan_for(to)),
            s => super::traitor::tell(s, v, &self.s.values, self.id, path, to, index, self.s.random_seed),
        }
    }
}

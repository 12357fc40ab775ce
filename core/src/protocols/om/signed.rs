//! SM(m), §4 of the paper. Every order carries the signatures of the generals it passed
//! through; a general can sign only for itself and anyone can check a signature (A4). A
//! lieutenant keeps the set V of orders it received with valid signatures; the first time it
//! sees an order v along a chain of k ≤ m signatures (the commander's and k−1 lieutenants'),
//! it adds v to V and, at the end of the round, signs and sends it to every lieutenant not
//! yet in the chain. After round m+1 it obeys choice(V).

use crate::sorted::SortedSet;

use crate::say;
use crate::sim::protocol::Ctx;
use crate::sim::Arg;

use super::decide::choice;
use super::msg::{path_label, Msg, Sig, Value};
use super::says::{self, grouped, names, orders};
use super::{Accepted, Om, Strategy};

impl Om {
    pub(super) fn sm_receive(&mut self, sigs: Vec<Sig>, value: Value, cx: &mut Ctx<Om>) {
        let path: Vec<_> = sigs.iter().map(|s| s.by).collect();
        let label = path_label(&path, Some(self.id));
        // A4(a): a loyal general's signature cannot be forged, and any alteration of the
        // contents of his signed messages can be detected.
        if let Some(bad) = sigs.iter().find(|s| s.on != value) {
            let changed_by = sigs.iter().find(|s| s.on == value).map(|s| s.by).unwrap_or(bad.by);
            let reason = say!(says::SIGNED_OTHER, signer = bad.by, signed = bad.on, value);
            cx.note(say!(says::REJECTS_FORGED, node = self.id, path = label, value, reason, changed_by, signer = bad.by));
            self.rejected.push((label, say!(says::REJECTED, value, reason)));
            return;
        }
        // §4 step (2B): an order already in V is not passed on again.
        if self.values().contains(&value) {
            return;
        }
        cx.note(say!(says::ADDS, node = self.id, value, signers = names(&path)));
        self.accepted.push(Accepted { value, sigs, round: self.round });
    }

    /// The set V of orders received with valid signatures.
    pub fn values(&self) -> SortedSet<Value> {
        self.accepted.iter().map(|a| a.value).collect()
    }

    pub(super) fn sm_end_round(&mut self, r: u32, cx: &mut Ctx<Om>) {
        if r > self.s.m {
            let v = choice(&self.values(), self.s.default);
            self.decision = Some(v);
            if self.strategy.is_none() {
                cx.note(say!(says::DECIDES_CHOICE, round = r, node = self.id, value = v, set = set_of(&self.values())));
            }
            return;
        }
        // §4 step (2A): "if k < m, then he sends the message v:0:j1:…:jk:i to every
        // lieutenant other than j1, …, jk" — for each order first received this round.
        let fresh: Vec<Accepted> = self.accepted.iter().filter(|a| a.round == r).cloned().collect();
        let colludes = self.strategy == Some(Strategy::Collude);
        let mut parts = Vec::new();
        for a in &fresh {
            let path: Vec<_> = a.sigs.iter().map(|s| s.by).collect();
            let (mut sent, mut lies) = (Vec::new(), Vec::new());
            let to_all = self.others(&path);
            // A colluder passes nothing on (collude.rs): what it could pass on would reach
            // both halves of the loyal lieutenants.
            for (i, &to) in to_all.iter().enumerate().filter(|_| !colludes) {
                if let Some(t) = self.tell(a.value, &path, to, i) {
                    if t != a.value {
                        lies.push(t);
                    }
                    sent.push(to);
                    self.send_on(&[], &a.sigs, to, t, cx);
                }
            }
            let (value, signer, path) = (a.value, path[0], path_label(&path, Some(self.id)));
            parts.push(
                match self.strategy {
                    None => say!(says::SIGNS_ON, value, path, to = names(&to_all)),
                    Some(_) if sent.is_empty() => say!(says::KEEPS, value, path),
                    Some(_) if !lies.is_empty() => {
                        let forged = orders(&lies, &self.s.values);
                        say!(says::TRIES_FORGE, forged, value, count = lies.len(), sent = sent.len(), signer)
                    }
                    Some(_) if sent.len() < to_all.len() => say!(says::PASSES_ONLY, value, path, to = names(&sent)),
                    Some(_) => say!(says::FAITHFUL, value, path, to = names(&sent)),
                }
                .into(),
            );
        }
        if !parts.is_empty() {
            cx.note(say!(says::END_OF_ROUND, round = r, who = self.who(), parts = Arg::list(parts, "; ")));
        }
        let chain = if colludes { self.s.conspiracy() } else { Vec::new() };
        if chain.len() == r as usize + 1 && chain.last() == Some(&self.id) {
            self.reveal(&chain, r, cx);
        }
    }

    /// A colluder, last of the conspiracy's chain, shows each general outside the chain the
    /// plan's order for it, signed by the whole chain: the fellow traitors' signatures are
    /// forged, which §4 allows among traitors (collude.rs). It arrives in round r + 1.
    fn reveal(&mut self, chain: &[u32], r: u32, cx: &mut Ctx<Om>) {
        let mut told = Vec::new();
        for to in (1..=self.s.n).filter(|k| !chain.contains(k)) {
            let value = self.s.plan_for(to);
            let sigs = chain.iter().map(|&by| Sig { by, on: value }).collect();
            self.sent[r as usize] += 1;
            cx.send(to, Msg::Signed { sigs, to, value });
            told.push((to, Some(value)));
        }
        let (told, path) = (grouped(&told, &self.s.values), path_label(chain, None));
        cx.note(say!(says::COLLUDE_REVEALS, round = r, who = self.who(), told, path));
    }
}

/// "{attack, retreat}", its orders words of the reader's language.
pub(super) fn set_of(v: &SortedSet<Value>) -> Arg {
    let orders = Arg::list(v.iter().map(|&x| x.into()).collect(), ", ");
    Arg::list(vec!["{".into(), orders, "}".into()], "")
}

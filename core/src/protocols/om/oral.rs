//! OM(m), §3 of the paper, run as synchronous rounds. In round 1 the commander sends its
//! value; at the end of round r ≤ m each lieutenant passes every value it heard in round r
//! (path p, with p not through itself) to every general not yet on p — lieutenant i acting as
//! the commander of OM(m−r) — so round r+1 carries the values along paths of length r+1.
//! After round m+1 it decides by majority, bottom-up over its tree (decide.rs).

use crate::say;
use crate::sim::protocol::Ctx;
use crate::sim::Arg;
use crate::sim::time::NodeId;

use super::decide::{Eval, Got};
use super::msg::{path_label, Value};
use super::says::{self, grouped, names};
use super::Om;

/// At most this many paths are spelled out in one caption.
const LIST: usize = 4;

impl Om {
    pub(super) fn om_receive(&mut self, path: Vec<NodeId>, value: Value, cx: &mut Ctx<Om>) {
        // The network may duplicate a message; the first copy is the one that counts.
        if self.tree.contains_key(&path) {
            cx.note(say!(says::COPY_IGNORED, node = self.id, path = path_label(&path, Some(self.id))));
            return;
        }
        self.tree.insert(path, Got { value, defaulted: false });
    }

    pub(super) fn om_end_round(&mut self, r: u32, cx: &mut Ctx<Om>) {
        self.fill_defaults(r, cx);
        if r <= self.s.m {
            self.relay(r, cx);
        } else {
            self.decide(cx);
        }
    }

    /// §3 step (2): "or else be RETREAT if he receives no value" (RETREAT is `params.default`) — for every path of this
    /// round along which nothing arrived.
    fn fill_defaults(&mut self, r: u32, cx: &mut Ctx<Om>) {
        let expected: Vec<Vec<NodeId>> = if r == 1 {
            vec![vec![self.s.commander]]
        } else {
            self.tree
                .keys()
                .filter(|p| p.len() as u32 == r - 1)
                .flat_map(|p| self.others(p).into_iter().map(move |k| [p.as_slice(), &[k]].concat()))
                .collect()
        };
        let mut missing = Vec::new();
        for p in expected {
            if !self.tree.contains_key(&p) {
                missing.push(path_label(&p, Some(self.id)));
                self.tree.insert(p, Got { value: self.s.default, defaulted: true });
            }
        }
        if !missing.is_empty() {
            let (paths, default) = (listed(&missing), self.s.default);
            cx.note(if missing.len() == 1 {
                say!(says::NOTHING_ARRIVED_ONE, round = r, node = self.id, paths, default)
            } else {
                say!(says::NOTHING_ARRIVED, round = r, node = self.id, paths, default)
            });
        }
    }

    /// Generals not on path `p` and not this one, in id order: whom a value heard along `p`
    /// goes to next.
    pub(super) fn others(&self, p: &[NodeId]) -> Vec<NodeId> {
        (1..=self.s.n).filter(|k| *k != self.id && !p.contains(k)).collect()
    }

    fn relay(&mut self, r: u32, cx: &mut Ctx<Om>) {
        let heard: Vec<(Vec<NodeId>, Value)> =
            self.tree.iter().filter(|(p, _)| p.len() as u32 == r).map(|(p, g)| (p.clone(), g.value)).collect();
        let (mut sent, mut altered) = (0usize, 0usize);
        // What it told whom, for the caption when it passes on a single value.
        let mut told = Vec::new();
        for (p, v) in &heard {
            for (i, to) in self.others(p).into_iter().enumerate() {
                let t = self.tell(*v, p, to, i);
                told.push((to, t));
                altered += usize::from(t != Some(*v));
                if let Some(t) = t {
                    sent += 1;
                    self.send_on(p, &[], to, t, cx);
                }
            }
        }
        let note = match (&heard[..], self.strategy) {
            ([(p, v)], None) => {
                say!(says::PASSES_ONE, round = r, node = self.id, path = path_label(p, Some(self.id)), value = *v, to = names(&self.others(p)))
            }
            (_, None) => say!(says::PASSES_EACH, round = r, node = self.id, count = heard.len(), sent),
            (_, Some(_)) if sent == 0 => say!(says::PASSES_NOTHING, round = r, who = self.who()),
            ([(p, v)], Some(_)) => {
                say!(says::TELLS_OTHERWISE, round = r, who = self.who(), value = *v, path = path_label(p, Some(self.id)), told = grouped(&told, &self.s.values))
            }
            (_, Some(_)) => say!(says::ALTERS, round = r, who = self.who(), altered),
        };
        cx.note(note);
    }

    /// §3 step (3): the value for the commander's own instance, by majority bottom-up.
    fn decide(&mut self, cx: &mut Ctx<Om>) {
        let default = self.s.default;
        let eval = Eval { tree: &self.tree, me: self.id, n: self.s.n, m: self.s.m, values: &self.s.values, default };
        let c = self.s.commander;
        let v = eval.resolve(&mut vec![c], &mut None).unwrap_or(default);
        // The top-level inputs, for the caption: the commander's value and, for every other
        // lieutenant k, this lieutenant's value for k's sub-instance.
        let from_c = self.tree.get(&vec![c]).map_or(default, |g| g.value);
        let mut parts: Vec<Arg> = vec![say!(says::FROM_COMMANDER, value = from_c, node = c).into()];
        let mut inputs = vec![from_c];
        for k in self.others(&[c]) {
            let sub = eval.resolve(&mut vec![c, k], &mut None).unwrap_or(default);
            parts.push(say!(says::VIA, value = sub, node = k).into());
            inputs.push(sub);
        }
        self.decision = Some(v);
        if self.strategy.is_none() {
            // With no majority among the inputs, majority() gives the default (§3: RETREAT):
            // say so, rather than call the default a majority.
            let held = inputs.iter().any(|x| 2 * inputs.iter().filter(|y| *y == x).count() > inputs.len());
            let inputs = Arg::list(parts, ", ");
            cx.note(if held {
                say!(says::DECIDES, node = self.id, value = v, inputs)
            } else {
                say!(says::DECIDES_DEFAULT, node = self.id, value = v, inputs)
            });
        }
    }
}

/// "1→3→2, 1→4→2 and 3 more".
fn listed(items: &[String]) -> Arg {
    if items.len() <= LIST {
        items.join(", ").into()
    } else {
        say!(says::AND_MORE, list = items[..LIST].join(", "), more = items.len() - LIST).into()
    }
}

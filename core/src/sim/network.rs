//! The network model: latency range, loss, duplication, optional FIFO links, partitions and
//! one-way cuts. A message's fate is decided when it is sent, so the UI can draw it in flight.

use super::rng::SimRng;
use super::time::{NodeId, Time};
use super::view::Fate;

/// The network as a scenario configures it (already validated; probabilities in ppm).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetConfig {
    pub latency: (Time, Time),
    pub loss_ppm: u32,
    pub duplicate_ppm: u32,
    pub fifo: bool,
}

/// One copy of a sent message as the network will treat it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transit {
    pub fate: Fate,
    /// Arrival time, or the time the message dies for other fates.
    pub until: Time,
}

#[derive(Clone, Debug)]
pub struct Network {
    pub cfg: NetConfig,
    /// Partition group of each node (index = id - 1); all equal when healed.
    group: Vec<u32>,
    /// One-way cuts, by directed link (see `link`); empty while no link is cut, since every
    /// history checkpoint holds a copy.
    cut: Vec<bool>,
    /// Latest arrival per directed link, for FIFO ordering; empty unless FIFO.
    last_arrival: Vec<Time>,
}

impl Network {
    pub fn new(cfg: NetConfig, n: u32) -> Self {
        Network { cfg, group: vec![0; n as usize], cut: Vec::new(), last_arrival: Vec::new() }
    }

    fn links(&self) -> usize {
        self.group.len() * self.group.len()
    }

    /// Index of the directed link `from -> to` in the per-link tables (n is at most 64, so
    /// a flat n x n table is small and needs no tree).
    fn link(&self, from: NodeId, to: NodeId) -> usize {
        (from as usize - 1) * self.group.len() + (to as usize - 1)
    }

    pub fn connected(&self, from: NodeId, to: NodeId) -> bool {
        from == to
            || (self.group[from as usize - 1] == self.group[to as usize - 1] && !self.cut.get(self.link(from, to)).is_some_and(|&c| c))
    }

    /// Split into `groups`; nodes named in no group form one more group together.
    pub fn partition(&mut self, groups: &[Vec<NodeId>]) {
        let rest = groups.len() as u32 + 1;
        self.group.iter_mut().for_each(|g| *g = rest);
        for (gi, members) in groups.iter().enumerate() {
            for &id in members {
                self.group[id as usize - 1] = gi as u32 + 1;
            }
        }
    }

    /// Heal every partition and every one-way cut.
    pub fn heal(&mut self) {
        self.group.iter_mut().for_each(|g| *g = 0);
        self.cut.clear();
    }

    pub fn cut(&mut self, from: NodeId, to: NodeId) {
        if self.cut.is_empty() {
            self.cut = vec![false; self.links()];
        }
        let l = self.link(from, to);
        self.cut[l] = true;
    }

    pub fn restore(&mut self, from: NodeId, to: NodeId) {
        let l = self.link(from, to);
        if let Some(c) = self.cut.get_mut(l) {
            *c = false;
        }
    }

    pub fn cut_links(&self) -> Vec<(NodeId, NodeId)> {
        let n = self.group.len() as NodeId;
        let mut out = Vec::new();
        for from in 1..=n {
            for to in 1..=n {
                if !self.connected(from, to) {
                    out.push((from, to));
                }
            }
        }
        out
    }

    /// Decide the fate of one send: one copy, and a second when the network duplicates it.
    /// Randomness is drawn in a fixed order (latency, loss, duplicate, second latency) so the
    /// same seed gives the same run.
    pub fn transmit(&mut self, rng: &mut SimRng, from: NodeId, to: NodeId, now: Time) -> (Transit, Option<Transit>) {
        let (lo, hi) = self.cfg.latency;
        let first = now + rng.range(lo, hi);
        if !self.connected(from, to) {
            // Dies halfway, where the cut is drawn.
            return (Transit { fate: Fate::Cut, until: now + (first - now) / 2 }, None);
        }
        if rng.chance(self.cfg.loss_ppm) {
            return (Transit { fate: Fate::Lost, until: now + (first - now) / 2 }, None);
        }
        let copy = self.arrival(from, to, first);
        if rng.chance(self.cfg.duplicate_ppm) {
            let second = now + rng.range(lo, hi);
            return (copy, Some(self.arrival(from, to, second)));
        }
        (copy, None)
    }

    fn arrival(&mut self, from: NodeId, to: NodeId, at: Time) -> Transit {
        let mut until = at;
        if self.cfg.fifo {
            if self.last_arrival.is_empty() {
                self.last_arrival = vec![0; self.links()];
            }
            let l = self.link(from, to);
            let last = &mut self.last_arrival[l];
            // Equal times keep send order: the event queue breaks ties by sequence number.
            until = until.max(*last);
            *last = until;
        }
        Transit { fate: Fate::Deliver, until }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(fifo: bool) -> Network {
        Network::new(NetConfig { latency: (10, 100), loss_ppm: 0, duplicate_ppm: 0, fifo }, 4)
    }

    #[test]
    fn partition_cuts_links_between_groups_only() {
        let mut n = net(false);
        n.partition(&[vec![1, 2]]);
        assert!(n.connected(1, 2) && n.connected(3, 4));
        assert!(!n.connected(1, 3) && !n.connected(4, 2));
        n.heal();
        assert!(n.connected(1, 3));
    }

    #[test]
    fn one_way_cut_is_one_way() {
        let mut n = net(false);
        n.cut(1, 2);
        assert!(!n.connected(1, 2) && n.connected(2, 1));
        assert_eq!(n.cut_links(), vec![(1, 2)]);
        n.restore(1, 2);
        assert!(n.connected(1, 2));
    }

    #[test]
    fn a_cut_from_the_last_node_and_fifo_from_it_use_its_own_links() {
        // The last node's row of the per-link tables (mutation testing found only nodes
        // below n used).
        let mut n = net(true);
        n.cut(4, 1);
        assert!(!n.connected(4, 1) && n.connected(1, 4) && n.connected(4, 2) && n.connected(3, 1));
        assert_eq!(n.cut_links(), vec![(4, 1)]);
        let mut rng = SimRng::new(9);
        let first = n.transmit(&mut rng, 4, 3, 0).0;
        let second = n.transmit(&mut rng, 4, 3, 1).0;
        assert!(second.until >= first.until);
    }

    #[test]
    fn a_lost_message_dies_halfway_like_a_cut_one() {
        let mut n = net(false);
        n.cfg.loss_ppm = 1_000_000;
        let mut rng = SimRng::new(4);
        for now in [0, 1000, 77_777] {
            let t = n.transmit(&mut rng, 1, 2, now).0;
            assert_eq!(t.fate, Fate::Lost);
            assert!(t.until >= now + 5 && t.until <= now + 50, "sent at {now}, dies at {}", t.until);
        }
    }

    #[test]
    fn nodes_named_in_no_group_form_a_group_of_their_own() {
        let mut n = net(false);
        n.partition(&[vec![1], vec![2]]);
        assert!(n.connected(3, 4));
        for (a, b) in [(1, 2), (1, 3), (1, 4), (2, 3), (2, 4)] {
            assert!(!n.connected(a, b) && !n.connected(b, a), "P{a} and P{b} are in different groups");
        }
        n.partition(&[vec![1, 2], vec![3, 4]]);
        assert!(n.connected(1, 2) && n.connected(3, 4) && !n.connected(2, 3));
    }

    #[test]
    fn fifo_links_never_reorder() {
        let mut n = net(true);
        let mut rng = SimRng::new(3);
        let mut last = 0;
        for now in 0..200 {
            let t = n.transmit(&mut rng, 1, 2, now).0;
            assert!(t.until >= last, "message sent at {now} overtook an earlier one");
            last = t.until;
        }
    }

    #[test]
    fn cut_message_dies_halfway_and_loss_one_loses_everything() {
        let mut n = net(false);
        let mut rng = SimRng::new(1);
        n.cut(1, 2);
        let t = n.transmit(&mut rng, 1, 2, 1000).0;
        assert_eq!(t.fate, Fate::Cut);
        assert!(t.until >= 1005 && t.until <= 1050);
        n.cfg.loss_ppm = 1_000_000;
        assert_eq!(n.transmit(&mut rng, 2, 1, 0).0.fate, Fate::Lost);
        n.cfg.loss_ppm = 0;
        n.cfg.duplicate_ppm = 1_000_000;
        assert!(n.transmit(&mut rng, 2, 1, 0).1.is_some());
    }
}

//! Where each node goes in the network drawing: on a ring, or in columns when the protocol
//! says its roles form a pipeline (`NodeView::column`, set by Paxos: proposers | acceptors |
//! learners, as the course notes draw them). Pure geometry, so it is tested natively.

use consenso_core::sim::view::NodeSnapshot;
use consenso_core::sim::NodeId;

use super::geometry::{node_position, outward, Pt, HEIGHT, NODE_R, WIDTH};

/// Column centres as fractions of the width: room for labels left of the first column and
/// right of the last.
const COLUMN_SPAN: (f64, f64) = (0.22, 0.78);
/// The band of height the columns use (the top leaves room for a label above nothing).
const COLUMN_TOP: f64 = 30.0;
const COLUMN_BOTTOM: f64 = HEIGHT - 10.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub at: Pt,
    /// Unit vector pointing to the side where the node's labels go.
    pub out: Pt,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// `places[id - 1]` is node `id`'s place.
    places: Vec<Place>,
    /// Node radius: smaller when a column is crowded.
    pub r: f64,
    pub columns: bool,
}

impl Layout {
    /// The layout for these nodes (in id order 1..n, as `WorldView::nodes` is).
    pub fn of(nodes: &[NodeSnapshot]) -> Layout {
        let cols: Option<Vec<u8>> = nodes.iter().map(|n| n.view.column).collect();
        match cols {
            Some(cols) if !cols.is_empty() => Layout::columns(&cols),
            _ => Layout::ring(nodes.len()),
        }
    }

    pub fn ring(n: usize) -> Layout {
        let places = (1..=n as NodeId).map(|id| Place { at: node_position(id, n), out: outward(id, n) }).collect();
        Layout { places, r: NODE_R, columns: false }
    }

    /// `cols[i]` is the column hint of node i+1; hints need not be contiguous (they are ranked).
    pub fn columns(cols: &[u8]) -> Layout {
        let mut distinct = cols.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let k = distinct.len();
        let per_column = |c: u8| cols.iter().filter(|&&x| x == c).count();
        let most = distinct.iter().map(|&c| per_column(c)).max().unwrap_or(1);
        let spacing = (COLUMN_BOTTOM - COLUMN_TOP) / most as f64;
        let r = NODE_R.min(spacing * 0.38);
        let mut seen = vec![0usize; k];
        let places = cols
            .iter()
            .map(|&c| {
                let rank = distinct.binary_search(&c).unwrap_or(0);
                let x = if k == 1 {
                    WIDTH / 2.0
                } else {
                    WIDTH * (COLUMN_SPAN.0 + (COLUMN_SPAN.1 - COLUMN_SPAN.0) * rank as f64 / (k - 1) as f64)
                };
                let count = per_column(c) as f64;
                // Centred vertically, at the spacing of the fullest column.
                let top = (COLUMN_TOP + COLUMN_BOTTOM) / 2.0 - spacing * count / 2.0;
                let y = top + spacing * (seen[rank] as f64 + 0.5);
                seen[rank] += 1;
                // Labels go outwards: left of the first column, right of the others.
                let out = if rank == 0 && k > 1 { Pt { x: -1.0, y: 0.0 } } else { Pt { x: 1.0, y: 0.0 } };
                Place { at: Pt { x, y }, out }
            })
            .collect();
        Layout { places, r, columns: true }
    }

    pub fn at(&self, id: NodeId) -> Pt {
        self.place(id).at
    }

    pub fn out(&self, id: NodeId) -> Pt {
        self.place(id).out
    }

    fn place(&self, id: NodeId) -> &Place {
        const NOWHERE: Place = Place { at: Pt { x: 0.0, y: 0.0 }, out: Pt { x: 1.0, y: 0.0 } };
        self.places.get((id as usize).wrapping_sub(1)).unwrap_or(&NOWHERE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use consenso_core::sim::view::NodeView;

    fn node(id: NodeId, column: Option<u8>) -> NodeSnapshot {
        NodeSnapshot { id, up: true, view: NodeView { column, ..Default::default() }, timers: vec![] }
    }

    #[test]
    fn paxos_roles_go_in_columns_left_to_right() {
        // 2 proposers, 3 acceptors, 1 learner, as paxos-basic numbers them.
        let hints = [0, 0, 1, 1, 1, 2];
        let nodes: Vec<_> = hints.iter().enumerate().map(|(i, &c)| node(i as NodeId + 1, Some(c))).collect();
        let l = Layout::of(&nodes);
        assert!(l.columns);
        let x = |id| l.at(id).x;
        assert!(x(1) == x(2) && x(3) == x(4) && x(4) == x(5));
        assert!(x(1) < x(3) && x(3) < x(6), "proposers < acceptors < learners");
        // Within a column, ids go down the page, without overlapping.
        assert!(l.at(3).y + 2.0 * l.r <= l.at(4).y && l.at(4).y + 2.0 * l.r <= l.at(5).y);
        // Everything is inside the drawing.
        for id in 1..=6 {
            let p = l.at(id);
            assert!(p.x - l.r >= 0.0 && p.x + l.r <= WIDTH && p.y - l.r >= 0.0 && p.y + l.r <= HEIGHT, "{p:?}");
        }
        // Labels of the first column go left, away from the arrows; the others go right.
        assert!(l.out(1).x < 0.0 && l.out(3).x > 0.0 && l.out(6).x > 0.0);
    }

    #[test]
    fn a_crowded_column_shrinks_the_nodes_so_they_do_not_overlap() {
        let cols = [0, 1, 1, 1, 1, 1, 1, 1, 1, 2];
        let l = Layout::columns(&cols);
        assert!(l.r < NODE_R);
        for id in 2..9 {
            assert!(l.at(id + 1).y - l.at(id).y >= 2.0 * l.r);
        }
    }

    #[test]
    fn without_a_hint_for_every_node_the_nodes_stay_on_a_ring() {
        // Paxos with every role on every node gives no column.
        let nodes = vec![node(1, None), node(2, None), node(3, None)];
        let l = Layout::of(&nodes);
        assert!(!l.columns);
        assert_eq!(l.at(1), node_position(1, 3));
        // A partial hint is no column layout either.
        let nodes = vec![node(1, Some(0)), node(2, None)];
        assert!(!Layout::of(&nodes).columns);
    }

    #[test]
    fn nine_nodes_on_the_ring_do_not_overlap() {
        let l = Layout::ring(9);
        for a in 1..=9 {
            for b in (a + 1)..=9 {
                let (p, q) = (l.at(a), l.at(b));
                assert!(((p.x - q.x).powi(2) + (p.y - q.y).powi(2)).sqrt() > 2.0 * l.r, "P{a} and P{b} overlap");
            }
        }
    }
}

//! Where each node goes in the network drawing: on a ring, or in columns when the protocol
//! says its roles form a pipeline (`NodeView::column`, set by Paxos: proposers | acceptors |
//! learners, as the course notes draw them). Pure geometry, so it is tested natively.

use consenso_core::sim::view::NodeSnapshot;
use consenso_core::sim::NodeId;

use super::geometry::{label_anchor, label_block, left_share, node_position, outward, Bounds, Pt, HEIGHT, LINE_H, NODE_R, WIDTH};

/// Column centres as fractions of the width: room for labels left of the first column and
/// right of the last.
const COLUMN_SPAN: (f64, f64) = (0.22, 0.78);
/// The band of height the columns use (the top leaves room for a label above nothing).
const COLUMN_TOP: f64 = 30.0;
const COLUMN_BOTTOM: f64 = HEIGHT - 10.0;

/// How far beyond its circle a node's drawing reaches: two timer arcs (node.rs draws the
/// first 9 units out, the next 10 further, each 7 wide), or the leader's crown.
const ARC_REACH: f64 = 9.0 + 10.0 + 3.5;
/// A margin round the whole drawing, for strokes and the selection ring.
const PAD: f64 = 10.0;

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
        consenso_core::sorted::sort_small(&mut distinct);
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

    /// The box the drawing takes: every node with its timer arcs, and beside each the block of
    /// `lines` lines where its labels go, as wide as the widest of `widths` (one per node, in
    /// id order) among the nodes whose labels go to the same side: a node's text then moves
    /// the edge only when it is the widest on its side. It becomes the viewBox, so the drawing
    /// fills its frame however the nodes are laid out.
    pub fn bounds(&self, widths: impl IntoIterator<Item = f64>, lines: usize) -> Bounds {
        // 0 left, 1 above, 2 right.
        let side = |p: &Place| (2.0 - 2.0 * left_share(label_anchor(p.out, lines, LINE_H, self.r).0)) as usize;
        let mut widest = [0.0f64; 3];
        for (p, w) in self.places.iter().zip(widths) {
            widest[side(p)] = widest[side(p)].max(w);
        }
        let reach = self.r + ARC_REACH;
        let b = self.places.iter().fold(Bounds::EMPTY, |b, p| {
            let text = label_block(p.at, p.out, lines, self.r, widest[side(p)]);
            b.include(p.at.x - reach, p.at.y - reach, p.at.x + reach, p.at.y + reach).include(text.x0, text.y0, text.x1, text.y1)
        });
        b.include(b.x0 - PAD, b.y0 - PAD, b.x1 + PAD, b.y1 + PAD)
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
    use crate::components::geometry::label_block;

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

    /// Every node's circle with its arcs, and its label block, as `bounds` should hold them.
    fn parts(l: &Layout, n: usize, widths: &[f64], lines: usize) -> Vec<Bounds> {
        let mut out = Vec::new();
        for id in 1..=n as NodeId {
            let (p, reach) = (l.at(id), l.r + ARC_REACH);
            out.push(Bounds::EMPTY.include(p.x - reach, p.y - reach, p.x + reach, p.y + reach));
            out.push(label_block(p, l.out(id), lines, l.r, widths[id as usize - 1]));
        }
        out
    }

    #[test]
    fn the_view_box_holds_every_node_and_its_labels_and_no_more() {
        let paxos: Vec<u8> = vec![0, 0, 1, 1, 1, 1, 1, 2];
        for (l, n) in [(Layout::ring(3), 3), (Layout::ring(5), 5), (Layout::ring(9), 9), (Layout::columns(&paxos), 8)] {
            let widths: Vec<f64> = (0..n).map(|i| 100.0 + 37.0 * i as f64).collect();
            let b = l.bounds(widths.iter().copied(), 4);
            // Each node's label block is as wide as the widest on its side, so at least its own.
            let parts = parts(&l, n, &widths, 4);
            for p in &parts {
                assert!(b.x0 + PAD <= p.x0 + 1e-9 && p.x1 <= b.x1 - PAD + 1e-9 && b.y0 + PAD <= p.y0 + 1e-9 && p.y1 <= b.y1 - PAD + 1e-9, "{p:?} is outside {b:?}");
            }
            // Tight: something reaches each edge but the margin (labels may be wider than their own).
            let top = parts.iter().map(|p| p.y0).fold(f64::INFINITY, f64::min);
            let bottom = parts.iter().map(|p| p.y1).fold(f64::NEG_INFINITY, f64::max);
            assert!((b.y0 + PAD - top).abs() < 1e-9 && (b.y1 - PAD - bottom).abs() < 1e-9, "{b:?}: top {top}, bottom {bottom}");
        }
    }

    #[test]
    fn a_wider_label_on_one_side_widens_only_that_side() {
        // Paxos columns: the proposers' labels go left, the others' right.
        let l = Layout::columns(&[0, 0, 1, 1, 1, 2]);
        let narrow = l.bounds([100.0; 6], 4);
        let wide_left = l.bounds([300.0, 100.0, 100.0, 100.0, 100.0, 100.0], 4);
        assert_eq!(wide_left.x0, narrow.x0 - 200.0);
        assert_eq!((wide_left.x1, wide_left.y0, wide_left.y1), (narrow.x1, narrow.y0, narrow.y1));
        // A ring with the same room on both sides is centred on the canvas.
        let b = Layout::ring(5).bounds([250.0; 5], 4);
        assert!(((b.x0 + b.x1) / 2.0 - WIDTH / 2.0).abs() < 1e-9, "{b:?}");
    }

    #[test]
    fn the_view_box_is_in_whole_units_and_the_canvas_when_there_is_nothing() {
        let b = Bounds::EMPTY.include(-12.4, -40.0, 1429.2, 622.5);
        assert_eq!(b.view_box(), "-13 -40 1443 663");
        assert_eq!(Layout::ring(0).bounds([], 4).view_box(), format!("0 0 {WIDTH} {HEIGHT}"));
    }
}

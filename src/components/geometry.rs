//! Where things go in the drawing, in SVG user units (the viewBox scales them to the screen).

use std::f64::consts::PI;

/// The canvas the layouts place nodes on. The drawing's viewBox is not this canvas but the box
/// the nodes and their labels take on it (`Layout::bounds`), so the drawing fills its frame.
pub const WIDTH: f64 = 1300.0;
pub const HEIGHT: f64 = 650.0;
/// Line spacing of the text block beside a node (name, role, timers, cells).
pub const LINE_H: f64 = 30.0;
/// Node circles are large so their labels read at the back of a lecture hall.
pub const NODE_R: f64 = 56.0;
/// The ring is an ellipse: screens are wider than tall, and the labels go beside the nodes
/// (WIDTH leaves ~300 units each side for a label like "non-participating").
const RING_RX: f64 = 330.0;
const RING_RY: f64 = 200.0;
/// Low enough to leave room for the top node's labels above it.
const CENTRE: Pt = Pt { x: WIDTH / 2.0, y: 372.0 };
/// Messages in opposite directions between the same two nodes travel in separate lanes.
const LANE: f64 = 10.0;
/// Gap between a node's edge and where its arrows start and end.
const EDGE_GAP: f64 = 6.0;

/// An axis-aligned box in drawing units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Bounds {
    /// Nothing yet: the first `include` sets it.
    pub const EMPTY: Bounds = Bounds { x0: f64::INFINITY, y0: f64::INFINITY, x1: f64::NEG_INFINITY, y1: f64::NEG_INFINITY };

    pub fn include(self, x0: f64, y0: f64, x1: f64, y1: f64) -> Bounds {
        Bounds { x0: self.x0.min(x0), y0: self.y0.min(y0), x1: self.x1.max(x1), y1: self.y1.max(y1) }
    }

    /// The SVG viewBox attribute "x y width height", in whole units; the canvas when empty.
    pub fn view_box(self) -> String {
        let b = if self.x0 > self.x1 { Bounds { x0: 0.0, y0: 0.0, x1: WIDTH, y1: HEIGHT } } else { self };
        let (x, y) = (b.x0.floor() as i64, b.y0.floor() as i64);
        format!("{x} {y} {} {}", b.x1.ceil() as i64 - x, b.y1.ceil() as i64 - y)
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pt {
    pub x: f64,
    pub y: f64,
}

impl Pt {
    pub fn lerp(self, to: Pt, f: f64) -> Pt {
        Pt { x: self.x + (to.x - self.x) * f, y: self.y + (to.y - self.y) * f }
    }
    pub fn add(self, v: Pt, k: f64) -> Pt {
        Pt { x: self.x + v.x * k, y: self.y + v.y * k }
    }
}

/// Node `id` (1..=n) on a ring, P1 at the top, ids increasing clockwise.
pub fn node_position(id: u32, n: usize) -> Pt {
    let o = outward(id, n);
    Pt { x: CENTRE.x + o.x * RING_RX, y: CENTRE.y + o.y * RING_RY }
}

/// Unit vector from the ring's centre towards node `id`: its labels go that way.
pub fn outward(id: u32, n: usize) -> Pt {
    let a = -PI / 2.0 + 2.0 * PI * f64::from(id.saturating_sub(1)) / n.max(1) as f64;
    Pt { x: crate::math::cos(a), y: crate::math::sin(a) }
}

/// The visible path of a message from `a` to `b` (centres of nodes of radius `r`): edge to
/// edge, shifted into the lane on the right of its direction. Returns (start, end, unit
/// direction, unit right).
pub fn lane(a: Pt, b: Pt, r: f64) -> (Pt, Pt, Pt, Pt) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let dir = Pt { x: dx / len, y: dy / len };
    // With y pointing down, (-dy, dx) is on the right of the direction of travel.
    let right = Pt { x: -dir.y, y: dir.x };
    let reach = r + EDGE_GAP;
    let start = a.add(dir, reach).add(right, LANE);
    let end = b.add(dir, -reach).add(right, LANE);
    (start, end, dir, right)
}

/// A number with one decimal, for SVG attributes (finer is invisible; shorter to diff).
pub fn num(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    if t.is_multiple_of(10) {
        format!("{sign}{}", t / 10)
    } else {
        format!("{sign}{}.{}", t / 10, t % 10)
    }
}

pub fn translate(p: Pt) -> String {
    format!("translate({},{})", num(p.x), num(p.y))
}

/// Where a block of `lines` lines of text beside a node goes, away from the ring's centre:
/// the baseline of its first line relative to the node's centre, and its text-anchor.
/// Only the top node's block goes above it; the others go to the side, which costs no height.
pub fn label_anchor(out: Pt, lines: usize, line_h: f64, r: f64) -> (Pt, &'static str) {
    let reach = r + 26.0;
    let block = lines as f64 * line_h;
    if out.x.abs() < 0.3 && out.y < 0.0 {
        (Pt { x: 0.0, y: -reach - block + line_h * 0.8 }, "middle")
    } else {
        let right = out.x >= -1e-9;
        let x = if right { reach } else { -reach };
        (Pt { x, y: -block / 2.0 + line_h * 0.8 }, if right { "start" } else { "end" })
    }
}

/// How much of a text block lies left of its anchor `a` (from `label_anchor`): all of it on
/// the left ("end"), half above the node ("middle", at x 0), none on the right ("start").
pub fn left_share(a: Pt) -> f64 {
    if a.x < 0.0 {
        1.0
    } else if a.x == 0.0 {
        0.5
    } else {
        0.0
    }
}

/// The box a block of `lines` lines, `width` units wide, takes beside the node at `at` (see
/// `label_anchor`): from the top of its first line to the bottom of its last.
pub fn label_block(at: Pt, out: Pt, lines: usize, r: f64, width: f64) -> Bounds {
    let (a, _) = label_anchor(out, lines, LINE_H, r);
    let x0 = at.x + a.x - width * left_share(a);
    let y0 = at.y + a.y - LINE_H * 0.8;
    Bounds::EMPTY.include(x0, y0, x0 + width, y0 + lines as f64 * LINE_H)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_at_most_one_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(-0.06), "-0.1");
        assert_eq!(num(-3.0), "-3");
    }

    #[test]
    fn first_node_is_on_top() {
        let p = node_position(1, 5);
        assert!((p.x - WIDTH / 2.0).abs() < 1e-9 && p.y < HEIGHT / 2.0);
    }
}

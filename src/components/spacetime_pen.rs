//! Draws the space-time diagram's window (`Drawing`: arrows, downs, rules, crash and recovery
//! marks) into a group that Yew renders empty, anew each time the window's records change (a
//! step was taken or the window moved); a frame that only moves the cursor leaves it alone.
//! Rust decides what goes where; spacetime_pen.js only makes the elements (attribute values
//! through setAttribute, text as textContent: never markup) and rounds numbers to tenths as
//! geometry.rs's num() does.
//!
//! Why not `html!`: each element and dynamic attribute of `html!` is wasm code (a virtual
//! node to build, compare and drop, inlined per call site); a message's group of title,
//! line, head and label was 1.7 KB of gzipped wasm as `html!`, and the wasm is 2.6 KB smaller
//! with the pen (which is 0.7 KB of gzipped JS). The frame (rows, axis, cursor) stays in
//! `html!`: moved here it saved less wasm than its JS cost.

use web_sys::Element;

use super::message::{readable_labels, Box4};
use super::spacetime_drawing::{row_y, Arrow, Drawing, TOP};
use crate::i18n::Words;

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/components/spacetime_pen.js")]
extern "C" {
    fn clear(g: &Element);
    fn down(g: &Element, x1: f64, x2: f64, y: f64);
    fn rule(g: &Element, class: &str, x: f64, y1: f64, y2: f64, text: &str);
    #[allow(clippy::too_many_arguments)]
    fn arrow(g: &Element, id: f64, from: u32, to: u32, kind: &str, colour: &str, x1: f64, y1: f64, x2: f64, y2: f64, dead: bool, title: &str, label: &str);
    fn mark(g: &Element, crashed: bool, x: f64, y: f64, title: &str);
}

/// Arrow labels only when the window holds at most this many arrows, and at most
/// `MAX_LABELS` of them, each placed only where it overlaps no other.
const LABELS_UP_TO: usize = 60;
const MAX_LABELS: usize = 20;
/// Estimated width of a character of an arrow label (13 px).
const LABEL_CHAR_W: f64 = 7.2;
/// A dead message's line stops this far towards its receiver, ending in a cross.
const DEATH_POINT: f64 = 0.6;

/// Where an arrow's line runs, (y1, x2, y2): to its receiver, or part of the way there when
/// the message died (at least 8 units right of its start, so the cross stays clear of the
/// sender).
fn line_end(a: &Arrow, n: usize) -> (f64, f64, f64) {
    let (y1, y_to) = (row_y(a.from, n), row_y(a.to, n));
    if a.dead {
        (y1, a.x1 + (a.x2 - a.x1).max(8.0), y1 + (y_to - y1) * DEATH_POINT)
    } else {
        (y1, a.x2, y_to)
    }
}

/// Which arrows get their label: at most `MAX_LABELS`, none over another, none when crowded.
fn shown_labels(d: &Drawing, n: usize) -> Vec<bool> {
    let boxes: Vec<Box4> = d
        .arrows
        .iter()
        .map(|a| {
            let (y1, x2, y2) = line_end(a, n);
            let (cx, cy) = ((a.x1 + x2) / 2.0, (y1 + y2) / 2.0 - 5.0);
            let half = a.label.chars().count() as f64 * LABEL_CHAR_W / 2.0;
            (cx - half - 8.0, cy - 14.0, cx + half + 8.0, cy + 5.0)
        })
        .collect();
    let max = if d.arrows.len() <= LABELS_UP_TO { MAX_LABELS } else { 0 };
    readable_labels(&boxes, &[], max)
}

/// Replaces what `g` shows with drawing `d` of `n` nodes whose rows end at `bottom`. Downs
/// first, then rules, arrows and marks: later ones are drawn over earlier ones.
pub fn records(g: &Element, d: &Drawing, n: usize, bottom: f64, w: Words) {
    clear(g);
    for &(node, a, b) in &d.downs {
        down(g, a, b, row_y(node, n));
    }
    for r in &d.rules {
        rule(g, r.class, r.x, TOP - 10.0, bottom, &r.text);
    }
    let lost = format!(" · {}", w.t("spacetime.lost"));
    for (a, show) in d.arrows.iter().zip(shown_labels(d, n)) {
        let (y1, x2, y2) = line_end(a, n);
        let title = format!("{} · P{} → P{}{}", a.label, a.from, a.to, if a.dead { &lost } else { "" });
        // Ids stay far below 2^53: a number, not a BigInt, crosses to JS.
        arrow(g, a.id as f64, a.from, a.to, a.kind, a.colour, a.x1, y1, x2, y2, a.dead, &title, if show { a.label } else { "" });
    }
    for &(node, x, crashed) in &d.marks {
        mark(g, crashed, x, row_y(node, n), &w.f(if crashed { "event.crash" } else { "event.recover" }, &[("node", &node)]));
    }
}

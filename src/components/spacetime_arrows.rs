//! The space-time diagram's window drawn: an arrow per message (a cross where it died), where
//! nodes were down, crash and recovery marks, and rules at the network's changes. Rebuilt only
//! when its `Drawing` is a new one (a step was taken or the window moved); a frame that only
//! moves the cursor leaves it alone.
//!
//! Size matters here (the diagram was the wasm's most expensive view): every element and
//! dynamic attribute of `html!` is code, so what can be one attribute is one — an arrow is
//! one path for its line and one for its head or cross, a mark is placed by one `transform`,
//! and every static style is in www/views.css.

use std::rc::Rc;

use yew::prelude::*;

use super::geometry::num;
use super::message::{readable_labels, Box4};
use super::spacetime_drawing::{row_y, Arrow, Drawing, TOP};
use crate::i18n::Words;

/// Arrow labels only when the window holds at most this many arrows, and at most
/// `MAX_LABELS` of them, each placed only where it overlaps no other.
const LABELS_UP_TO: usize = 60;
const MAX_LABELS: usize = 20;
/// Estimated width of a character of an arrow label (13 px).
const LABEL_CHAR_W: f64 = 7.2;
/// A dead message's line stops this far towards its receiver, ending in a cross.
const DEATH_POINT: f64 = 0.6;

#[derive(Properties)]
pub struct StArrowsProps {
    pub drawing: Rc<Drawing>,
    pub n: usize,
    /// Where the rows end (the rules run down to it).
    pub bottom: f64,
    pub words: Words,
}

/// The same drawing object (the memo hands out the same `Rc` while nothing changed): no
/// element-by-element comparison of hundreds of arrows on every frame.
impl PartialEq for StArrowsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.drawing, &o.drawing) && self.n == o.n && self.words == o.words
    }
}

/// Where an arrow's line ends: at its receiver, or part of the way there when the message
/// died (at least 8 units right of its start, so the cross stays clear of the sender).
fn line_end(a: &Arrow, n: usize) -> (f64, f64, f64) {
    let (y1, y_to) = (row_y(a.from, n), row_y(a.to, n));
    if a.dead {
        (y1, a.x1 + (a.x2 - a.x1).max(8.0), y1 + (y_to - y1) * DEATH_POINT)
    } else {
        (y1, a.x2, y_to)
    }
}

/// Appends a path command and its point ("L12.5,30") to `d`.
fn point(d: &mut String, command: char, x: f64, y: f64) {
    d.push(command);
    d.push_str(&num(x));
    d.push(',');
    d.push_str(&num(y));
}

#[function_component(StArrows)]
pub fn st_arrows(props: &StArrowsProps) -> Html {
    let (d, n, w) = (&props.drawing, props.n, props.words);
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
    let labels = readable_labels(&boxes, &[], max);
    // Every stretch a node was down, as one dashed path along its line.
    let mut downs = String::new();
    for &(node, a, b) in &d.downs {
        point(&mut downs, 'M', a, row_y(node, n));
        point(&mut downs, 'L', b, row_y(node, n));
    }
    let rule = format!("M0,{}V{}", num(TOP - 10.0), num(props.bottom));
    let rule_text_y = num(props.bottom - 6.0);
    html! {
        <>
            <path class="st-down" d={downs} />
            { for d.rules.iter().map(|r| html! {
                <g class={classes!("st-rule", r.class)} transform={format!("translate({},0)", num(r.x))}>
                    <path d={rule.clone()} />
                    <text x="4" y={rule_text_y.clone()}>{ r.text.clone() }</text>
                </g>
            }) }
            { for d.arrows.iter().zip(labels).map(|(a, label)| {
                let (y1, x2, y2) = line_end(a, n);
                let mut line = String::new();
                point(&mut line, 'M', a.x1, y1);
                point(&mut line, 'L', x2, y2);
                let lost = if a.dead { format!(" · {}", w.t("spacetime.lost")) } else { String::new() };
                html! {
                    <g key={a.id} class={if a.dead { "st-message dead" } else { "st-message" }} data-id={a.id.to_string()}
                       data-from={a.from.to_string()} data-to={a.to.to_string()} data-kind={a.kind.clone()}
                       style={format!("color:{}", a.colour)}>
                        <title>{ format!("{} · P{} → P{}{lost}", a.label, a.from, a.to) }</title>
                        <path class="line" d={line} />
                        <path class={if a.dead { "x" } else { "head" }} d={tip(a.x1, y1, x2, y2, a.dead)} />
                        if label {
                            <text x={num((a.x1 + x2) / 2.0)} y={num((y1 + y2) / 2.0 - 5.0)}>{ a.label.clone() }</text>
                        }
                    </g>
                }
            }) }
            { for d.marks.iter().map(|&(node, x, crashed)| html! {
                <g class={if crashed { "st-crash" } else { "st-recover" }} transform={format!("translate({},{})", num(x), num(row_y(node, n)))}>
                    <title>{ w.f(if crashed { "event.crash" } else { "event.recover" }, &[("node", &node)]) }</title>
                    // A cross, or a ring of radius 7.
                    <path d={if crashed { "M-9,-9L9,9M9,-9L-9,9" } else { "M-7,0a7,7 0 1,0 14,0a7,7 0 1,0-14,0" }} />
                </g>
            }) }
        </>
    }
}

/// What ends an arrow at (x2, y2): a cross of half-width 6 where the message died, else an
/// arrowhead 10 long and 8 wide pointing along the line from (x1, y1).
fn tip(x1: f64, y1: f64, x2: f64, y2: f64, dead: bool) -> String {
    let mut d = String::new();
    if dead {
        point(&mut d, 'M', x2 - 6.0, y2 - 6.0);
        d.push_str("l12,12m0,-12l-12,12");
        return d;
    }
    let (dx, dy) = (x2 - x1, y2 - y1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (x2 - ux * 10.0, y2 - uy * 10.0);
    let (px, py) = (-uy * 4.0, ux * 4.0);
    point(&mut d, 'M', x2, y2);
    point(&mut d, 'L', bx + px, by + py);
    point(&mut d, 'L', bx - px, by - py);
    d.push('Z');
    d
}

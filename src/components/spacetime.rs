//! The space-time (Lamport) diagram: one line per node, time to the right, an arrow per
//! message from (sender, send) to (receiver, delivery), a cross where a message died,
//! crashes and network changes marked, a cursor at the moment shown. Clicking it goes to
//! that moment. What was recorded after the cursor (after a step back) is shown faded.
//!
//! The arrows are rebuilt only when a step is taken or the window's records change
//! (`StArrows` gets equal props otherwise); per frame only the cursor and the scroll move.

use std::rc::Rc;

use consenso_core::sim::trace::{TraceEvent, What};
use consenso_core::sim::view::{Fate, WorldView};
use consenso_core::sim::window::TraceWindow;
use consenso_core::sim::{NodeId, Time};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::event_text::ms;
use super::geometry::num;
use super::message::{readable_labels, Box4};
use super::spacetime_axis::Axis;
use crate::i18n::Words;
use crate::state::{Kind, Past};

/// Drawing width in SVG units on a wide screen, and on a phone (fewer units, so the same
/// text is larger there: the viewBox is scaled to the screen's width).
const WIDE_W: f64 = 1300.0;
const NARROW_W: f64 = 760.0;
/// Screens narrower than this (CSS px) get `NARROW_W`.
const NARROW_BELOW: f64 = 700.0;
/// Room for the node names on the left.
const LEFT: f64 = 110.0;

const TOP: f64 = 34.0;
const AXIS_H: f64 = 40.0;
/// Arrows whose sender is further left than this part of the plot's width before the window
/// are not drawn.
const LOOK_BACK: f64 = 0.5;
/// Records scanned past the window for the deliveries of messages sent in it.
const LOOK_AHEAD: usize = 2000;
/// Arrow labels only when the window holds at most this many arrows, and at most
/// `MAX_LABELS` of them, each placed only where it overlaps no other.
const LABELS_UP_TO: usize = 60;
const MAX_LABELS: usize = 20;
/// Estimated width of a character of an arrow label (13 px).
const LABEL_CHAR_W: f64 = 7.2;
/// A dead message's line stops this far towards its receiver, ending in a cross.
const DEATH_POINT: f64 = 0.6;

fn row_h(n: usize) -> f64 {
    (420.0 / n.max(1) as f64).clamp(36.0, 64.0)
}

fn row_y(id: NodeId, n: usize) -> f64 {
    TOP + (f64::from(id) - 0.5) * row_h(n)
}

#[derive(Properties, PartialEq)]
pub struct SpaceTimeProps {
    pub past: Past,
    pub world: Rc<WorldView>,
    pub kinds: Rc<Vec<Kind>>,
    pub on_seek: Callback<Time>,
    /// The user's zoom: 0 = automatic, each unit √2 times closer (see `Axis::choose`).
    pub zoom: i32,
    pub words: Words,
}

#[function_component(SpaceTime)]
pub fn space_time(props: &SpaceTimeProps) -> Html {
    let w = &props.world;
    let n = w.nodes.len();
    let height = TOP + n as f64 * row_h(n) + AXIS_H;
    let past = &props.past;
    let narrow = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).is_some_and(|v| v < NARROW_BELOW);
    let view_w = if narrow { NARROW_W } else { WIDE_W };
    let plot_w = view_w - LEFT - 20.0;

    let (axis, cursor, x0, lo, hi) = past.with_trace(|t| {
        let (steps, horizon) = t.known_end.unwrap_or((0, 0));
        let axis = Axis::choose(steps, horizon.max(w.now), plot_w, props.zoom);
        let cursor = axis.x(past.steps, w.now);
        let x0 = axis.window_start(cursor, plot_w);
        let lo = t.partition_point(|e| axis.x(e.step, e.at) < x0 - LOOK_BACK * plot_w);
        let hi = t.partition_point(|e| axis.x(e.step, e.at) <= x0 + plot_w);
        (axis, cursor, x0, lo, hi)
    });
    let up: Vec<bool> = w.nodes.iter().map(|n| n.up).collect();
    let words = props.words;
    let drawing = use_memo((past.clone(), axis, lo, hi, up, props.kinds.clone(), plot_w as u32, words), |(past, axis, lo, hi, up, kinds, _, words)| {
        past.with_trace(|t| Drawing::build(t, past.steps, *lo..*hi, up, &Look { axis: *axis, kinds, plot_w, words: *words }))
    });
    let ticks = past.with_trace(|t| ticks(&t, &axis, x0, plot_w));

    let onclick = {
        let (past, on_seek) = (past.clone(), props.on_seek.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(vx) = view_x(&e, view_w, height) else { return };
            if vx >= LEFT {
                on_seek.emit(past.with_trace(|t| axis.time_at(x0 + vx - LEFT, &t)));
            }
        })
    };
    let shift = format!("translate({},0)", num(LEFT - x0));
    let cursor_x = LEFT + cursor - x0;
    let bottom = height - AXIS_H;
    html! {
        <div class="spacetime-wrap">
            <svg id="spacetime" xmlns="http://www.w3.org/2000/svg" viewBox={format!("0 0 {} {}", num(view_w), num(height))}
                 role="img" aria-label={words.t("spacetime.label")}
                 data-fits={axis.fits.to_string()} {onclick}>
                <defs>
                    <clipPath id="st-clip"><rect x={num(LEFT)} y="0" width={num(plot_w)} height={num(height)} /></clipPath>
                </defs>
                { for w.nodes.iter().map(|node| html! {
                    <g class={classes!("st-node", (!node.up).then_some("down"))} data-node={node.id.to_string()}>
                        <line class="lane" x1={num(LEFT)} x2={num(view_w - 20.0)} y1={num(row_y(node.id, n))} y2={num(row_y(node.id, n))} />
                        <circle cx="22" cy={num(row_y(node.id, n))} r="9" fill={if node.up { node.view.colour.clone() } else { "#e6e6e6".into() }} />
                        <text class="name" x="38" y={num(row_y(node.id, n) + 7.0)}>{ format!("P{}", node.id) }</text>
                    </g>
                }) }
                <g clip-path="url(#st-clip)">
                    <g transform={shift.clone()}>
                        <StArrows drawing={drawing} n={n} top={TOP} bottom={bottom} {words} />
                    </g>
                    // What lies after the cursor was recorded before a step back: faded.
                    <rect class="st-future" x={num(cursor_x)} y="0" width={num((view_w - cursor_x).max(0.0))} height={num(bottom)} />
                    <g class="st-ticks" transform={shift}>
                        { for ticks.iter().map(|(x, t)| html! {
                            <g class="tick">
                                <line x1={num(*x)} x2={num(*x)} y1={num(bottom)} y2={num(bottom + 6.0)} />
                                <text x={num(*x)} y={num(bottom + 26.0)}>{ ms(*t) }</text>
                            </g>
                        }) }
                    </g>
                </g>
                <g class="st-cursor">
                    <line x1={num(cursor_x)} x2={num(cursor_x)} y1={num(TOP - 14.0)} y2={num(bottom)} />
                    // max/min, not clamp: clamp's check of its bounds would bring f64 Debug (and
                    // core's float formatter) into the wasm for a panic message.
                    <text x={num(cursor_x.max(LEFT + 40.0).min(view_w - 50.0))} y={num(TOP - 18.0)}>{ ms(w.now) }</text>
                </g>
            </svg>
        </div>
    }
}

/// The click's x in viewBox units (the SVG keeps its aspect ratio, centred in its box).
fn view_x(e: &MouseEvent, view_w: f64, height: f64) -> Option<f64> {
    let el: web_sys::Element = e.current_target()?.dyn_into().ok()?;
    let r = el.get_bounding_client_rect();
    let scale = (r.width() / view_w).min(r.height() / height);
    if scale <= 0.0 {
        return None;
    }
    let pad = (r.width() - view_w * scale) / 2.0;
    Some((f64::from(e.client_x()) - r.left() - pad) / scale)
}

/// Tick marks at round times across the window, in axis units, never closer than 80.
fn ticks(trace: &[TraceEvent], axis: &Axis, x0: f64, plot_w: f64) -> Vec<(f64, Time)> {
    let (t0, t1) = (axis.time_at(x0, trace), axis.time_at(x0 + plot_w, trace));
    let mut out: Vec<(f64, Time)> = Vec::new();
    for t in Axis::ticks(t0, t1, 8) {
        let i = trace.partition_point(|e| e.at <= t);
        let step = i.checked_sub(1).map_or(0, |k| trace[k].step);
        let x = axis.x(step, t);
        if out.last().is_none_or(|&(px, _)| x - px >= 80.0) && x >= x0 && x <= x0 + plot_w {
            out.push((x, t));
        }
    }
    out
}

#[derive(PartialEq, Debug)]
struct Arrow {
    id: u64,
    from: NodeId,
    to: NodeId,
    x1: f64,
    x2: f64,
    kind: String,
    colour: String,
    label: String,
    dead: bool,
}

#[derive(PartialEq, Debug)]
struct Rule {
    x: f64,
    class: &'static str,
    text: String,
}

/// What the window shows, in axis units (x) and node ids (rows).
#[derive(PartialEq, Debug, Default)]
struct Drawing {
    arrows: Vec<Arrow>,
    /// (node, from x, to x): the node is down.
    downs: Vec<(NodeId, f64, f64)>,
    /// (node, x, crashed?): a crash or a recovery.
    marks: Vec<(NodeId, f64, bool)>,
    rules: Vec<Rule>,
}

/// How the window is drawn: where times fall, the message kinds' colours, the plot's width
/// and the page's words.
struct Look<'a> {
    axis: Axis,
    kinds: &'a [Kind],
    plot_w: f64,
    words: Words,
}

impl Drawing {
    fn build(trace: TraceWindow, steps: u64, window: std::ops::Range<usize>, up_now: &[bool], look: &Look) -> Drawing {
        let Look { axis, kinds, plot_w, words: w } = *look;
        let mut d = Drawing::default();
        let x = |e: &TraceEvent| axis.x(e.step, e.at);
        let last_step = trace.known_end.map_or(0, |(step, _)| step);
        // Where each message sent in the window ends: its delivery or drop, if recorded.
        let ahead = (window.end + LOOK_AHEAD).min(trace.len());
        // Message ids are handed out in send order, so the window's sends have ids in
        // `first..`; `ends[id - first]` is where message `id` ends (x, died?), if recorded.
        let first = trace[window.clone()].iter().find_map(|e| match e.what {
            What::Send { id, .. } => Some(id),
            _ => None,
        });
        let mut ends: Vec<Option<(f64, bool)>> = Vec::new();
        if let Some(first) = first {
            for e in &trace[window.start..ahead] {
                let (id, dead) = match e.what {
                    What::Deliver { id, .. } => (id, false),
                    What::Drop { id, .. } => (id, true),
                    _ => continue,
                };
                let Some(k) = id.checked_sub(first).map(|k| k as usize) else { continue };
                if ends.len() <= k {
                    ends.resize(k + 1, None);
                }
                ends[k] = Some((x(e), dead));
            }
        }
        let end_of = |id: u64| ends.get(id.checked_sub(first?)? as usize).copied().flatten();
        // Who is down at the window's start: undo (or replay) crashes between it and now.
        let mut up = up_now.to_vec();
        let now_end = trace.partition_point(|e| e.step <= steps);
        let flip = |up: &mut Vec<bool>, e: &TraceEvent, forward: bool| match e.what {
            What::Crash { node } => up[node as usize - 1] = !forward,
            What::Recover { node } => up[node as usize - 1] = forward,
            _ => {}
        };
        if now_end >= window.start {
            trace[window.start..now_end].iter().rev().for_each(|e| flip(&mut up, e, false));
        } else {
            trace[now_end..window.start].iter().for_each(|e| flip(&mut up, e, true));
        }
        let start_x = trace.get(window.start).map_or(0.0, x);
        let mut down_since: Vec<Option<f64>> = up.iter().map(|&u| (!u).then_some(start_x)).collect();

        let colour = |kind: &str| kinds.iter().find(|k| k.kind == kind).map_or("#888888".to_string(), |k| k.colour.clone());
        for e in &trace[window.clone()] {
            let ex = x(e);
            match &e.what {
                What::Send { id, from, to, label, kind, until, fate } => {
                    let (x2, dead) = end_of(*id).unwrap_or((axis.x(last_step + 1, *until), *fate != Fate::Deliver));
                    d.arrows.push(Arrow { id: *id, from: *from, to: *to, x1: ex, x2, kind: kind.clone(), colour: colour(kind), label: label.clone(), dead });
                }
                What::Crash { node } => {
                    down_since[*node as usize - 1] = Some(ex);
                    d.marks.push((*node, ex, true));
                }
                What::Recover { node } => {
                    if let Some(since) = down_since[*node as usize - 1].take() {
                        d.downs.push((*node, since, ex));
                    }
                    d.marks.push((*node, ex, false));
                }
                What::Partition { .. } => d.rules.push(Rule { x: ex, class: "network", text: w.t("spacetime.partition").into() }),
                What::Heal => d.rules.push(Rule { x: ex, class: "network", text: w.t("spacetime.heal").into() }),
                What::Cut { from, to } => d.rules.push(Rule { x: ex, class: "network", text: w.f("spacetime.cut", &[("from", &from), ("to", &to)]) }),
                What::Restore { from, to } => d.rules.push(Rule { x: ex, class: "network", text: w.f("spacetime.restore", &[("from", &from), ("to", &to)]) }),
                What::Violation { name, .. } => d.rules.push(Rule { x: ex, class: "violation", text: format!("✗ {name}") }),
                _ => {}
            }
        }
        let end_x = trace.get(window.end.saturating_sub(1)).map_or(0.0, x) + plot_w;
        for (i, since) in down_since.iter().enumerate() {
            if let Some(since) = since {
                d.downs.push((i as NodeId + 1, *since, end_x));
            }
        }
        d
    }
}

#[derive(Properties, PartialEq)]
struct StArrowsProps {
    drawing: Rc<Drawing>,
    n: usize,
    top: f64,
    bottom: f64,
    words: Words,
}

#[function_component(StArrows)]
fn st_arrows(props: &StArrowsProps) -> Html {
    let d = &props.drawing;
    let n = props.n;
    let ends = |a: &Arrow| {
        let (y1, y_to) = (row_y(a.from, n), row_y(a.to, n));
        let y2 = if a.dead { y1 + (y_to - y1) * DEATH_POINT } else { y_to };
        let x2 = if a.dead { a.x1 + (a.x2 - a.x1).max(8.0) } else { a.x2 };
        (y1, x2, y2)
    };
    let boxes: Vec<Box4> = d
        .arrows
        .iter()
        .map(|a| {
            let (y1, x2, y2) = ends(a);
            let (cx, cy) = ((a.x1 + x2) / 2.0, (y1 + y2) / 2.0 - 5.0);
            let half = a.label.chars().count() as f64 * LABEL_CHAR_W / 2.0;
            (cx - half - 8.0, cy - 14.0, cx + half + 8.0, cy + 5.0)
        })
        .collect();
    let max = if d.arrows.len() <= LABELS_UP_TO { MAX_LABELS } else { 0 };
    let labels = readable_labels(&boxes, &[], max);
    html! {
        <>
            { for d.downs.iter().map(|&(node, a, b)| html! {
                <line class="st-down" data-node={node.to_string()} x1={num(a)} x2={num(b)} y1={num(row_y(node, n))} y2={num(row_y(node, n))} />
            }) }
            { for d.rules.iter().map(|r| html! {
                <g class={classes!("st-rule", r.class)}>
                    <line x1={num(r.x)} x2={num(r.x)} y1={num(props.top - 10.0)} y2={num(props.bottom)} />
                    <text x={num(r.x + 4.0)} y={num(props.bottom - 6.0)}>{ r.text.clone() }</text>
                </g>
            }) }
            { for d.arrows.iter().zip(labels).map(|(a, label)| {
                let (y1, x2, y2) = ends(a);
                html! {
                    <g key={a.id} class={classes!("st-message", a.dead.then_some("dead"))} data-id={a.id.to_string()}
                       data-from={a.from.to_string()} data-to={a.to.to_string()} data-kind={a.kind.clone()}
                       style={format!("color:{}", a.colour)}>
                        <title>{ format!("{} · P{} → P{}{}", a.label, a.from, a.to, if a.dead { format!(" · {}", props.words.t("spacetime.lost")) } else { String::new() }) }</title>
                        <line x1={num(a.x1)} y1={num(y1)} x2={num(x2)} y2={num(y2)} />
                        if !a.dead { <path class="head" d={head(a.x1, y1, x2, y2)} /> }
                        if a.dead {
                            <path class="x" transform={format!("translate({},{})", num(x2), num(y2))} d="M-6,-6L6,6M6,-6L-6,6" />
                        }
                        if label {
                            <text x={num((a.x1 + x2) / 2.0)} y={num((y1 + y2) / 2.0 - 5.0)}>{ a.label.clone() }</text>
                        }
                    </g>
                }
            }) }
            { for d.marks.iter().map(|&(node, x, crashed)| {
                let y = row_y(node, n);
                html! {
                    <g class={if crashed { "st-crash" } else { "st-recover" }} transform={format!("translate({},{})", num(x), num(y))}>
                        <title>{ props.words.f(if crashed { "event.crash" } else { "event.recover" }, &[("node", &node)]) }</title>
                        if crashed { <path d="M-9,-9L9,9M9,-9L-9,9" /> } else { <circle r="7" /> }
                    </g>
                }
            }) }
        </>
    }
}

/// An arrowhead at (x2, y2) pointing along the line from (x1, y1), in the arrow's colour.
fn head(x1: f64, y1: f64, x2: f64, y2: f64) -> String {
    let (dx, dy) = (x2 - x1, y2 - y1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (x2 - ux * 10.0, y2 - uy * 10.0);
    let (px, py) = (-uy * 4.0, ux * 4.0);
    format!("M{},{}L{},{}L{},{}Z", num(x2), num(y2), num(bx + px), num(by + py), num(bx - px), num(by - py))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(step: u64, at: Time, what: What) -> TraceEvent {
        TraceEvent { step, at, what }
    }

    fn send(id: u64, from: NodeId, to: NodeId, until: Time, fate: Fate) -> What {
        What::Send { id, from, to, label: "m".into(), kind: "k".into(), until, fate }
    }

    #[test]
    fn arrows_run_from_send_to_delivery_and_dead_ones_are_marked() {
        let trace = vec![
            ev(1, 0, send(1, 1, 2, 10_000, Fate::Deliver)),
            ev(1, 0, send(2, 1, 3, 5_000, Fate::Lost)),
            ev(2, 5_000, What::Drop { id: 2, from: 1, to: 3, label: "m".into(), reason: "lost".into() }),
            ev(3, 10_000, What::Deliver { id: 1, from: 1, to: 2, label: "m".into() }),
            ev(3, 10_000, send(3, 2, 1, 20_000, Fate::Deliver)),
        ];
        let axis = Axis { gap: 10.0, per_us: 0.001, fits: true };
        let d = Drawing::build(TraceWindow::whole(&trace), 3, 0..trace.len(), &[true, true, true], &Look { axis, kinds: &[], plot_w: 1000.0, words: Words::ENGLISH });
        assert_eq!(d.arrows.len(), 3);
        let a = &d.arrows[0];
        assert_eq!((a.x1, a.x2, a.dead), (10.0, 40.0, false));
        assert!(d.arrows[1].dead && d.arrows[1].x2 == 25.0);
        // Not delivered yet: its end is estimated past the last step, at its arrival time.
        assert_eq!(d.arrows[2].x2, axis.x(4, 20_000));
        assert_eq!(d.arrows[2].colour, "#888888");
    }

    #[test]
    fn a_crash_and_recovery_mark_the_line_and_a_node_down_now_is_down_to_the_end() {
        let trace = vec![
            ev(1, 1000, What::Crash { node: 2 }),
            ev(2, 2000, What::Recover { node: 2 }),
            ev(3, 3000, What::Crash { node: 1 }),
        ];
        let axis = Axis { gap: 10.0, per_us: 0.01, fits: true };
        let d = Drawing::build(TraceWindow::whole(&trace), 3, 0..3, &[false, true], &Look { axis, kinds: &[], plot_w: 1000.0, words: Words::ENGLISH });
        assert_eq!(d.marks.len(), 3);
        assert_eq!(d.downs[0], (2, axis.x(1, 1000), axis.x(2, 2000)));
        assert_eq!(d.downs[1].0, 1);
        // Seen from a window that starts after P2's crash: P2 is down from the window's start.
        let d = Drawing::build(TraceWindow::whole(&trace), 3, 1..3, &[false, true], &Look { axis, kinds: &[], plot_w: 1000.0, words: Words::ENGLISH });
        assert_eq!(d.downs[0], (2, axis.x(2, 2000), axis.x(2, 2000)));
    }
}

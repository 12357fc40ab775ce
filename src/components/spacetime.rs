//! The space-time (Lamport) diagram: one line per node, time to the right, an arrow per
//! message from (sender, send) to (receiver, delivery), a cross where a message died,
//! crashes and network changes marked, a cursor at the moment shown. Clicking it goes to
//! that moment. What was recorded after the cursor (after a step back) is shown faded.
//!
//! The window's records (arrows, downs, rules, marks; spacetime_drawing.rs) are drawn by
//! spacetime_pen.rs, only when a step is taken or the window's records change. Per frame
//! only the rows, the faded future, the time axis, the cursor and the scroll are rendered
//! here, with as few elements and dynamic attributes as the picture allows (each is wasm
//! code); static styles live in www/views.css.

use std::rc::Rc;

use consenso_core::sim::trace::TraceEvent;
use consenso_core::sim::view::WorldView;
use consenso_core::sim::Time;
use web_sys::Element;
use yew::prelude::*;

use super::event_text::ms;
use super::geometry::num;
use super::spacetime_pen as pen;
use super::spacetime_axis::Axis;
use super::spacetime_drawing::{row_h, row_y, Drawing, Look, TOP};
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
const AXIS_H: f64 = 40.0;
/// Arrows whose sender is further left than this part of the plot's width before the window
/// are not drawn.
const LOOK_BACK: f64 = 0.5;

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
    let bottom = TOP + n as f64 * row_h(n);
    let height = bottom + AXIS_H;
    let past = &props.past;
    let narrow = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).is_some_and(|v| v < NARROW_BELOW);
    let view_w = if narrow { NARROW_W } else { WIDE_W };
    let plot_w = view_w - LEFT - 20.0;

    let (axis, cursor, x0, lo, hi, ticks) = past.with_trace(|t| {
        let (steps, horizon) = t.known_end.unwrap_or((0, 0));
        let axis = Axis::choose(steps, horizon.max(w.now), plot_w, props.zoom);
        let cursor = axis.x(past.steps, w.now);
        let x0 = axis.window_start(cursor, plot_w);
        let lo = t.partition_point(|e| axis.x(e.step, e.at) < x0 - LOOK_BACK * plot_w);
        let hi = t.partition_point(|e| axis.x(e.step, e.at) <= x0 + plot_w);
        (axis, cursor, x0, lo, hi, ticks(&t, &axis, x0, plot_w))
    });
    let up: Vec<bool> = w.nodes.iter().map(|n| n.up).collect();
    let words = props.words;
    // The window's records are drawn into the group `records` once Yew has drawn the rest,
    // and only when they change (see spacetime_pen.rs).
    let records = use_node_ref();
    {
        let records = records.clone();
        use_effect_with((past.clone(), axis, lo, hi, up, props.kinds.clone(), plot_w as u32, words), move |(past, axis, lo, hi, up, kinds, _, words)| {
            if let Some(g) = records.cast::<Element>() {
                past.with_trace(|t| {
                    let d = Drawing::build(t, past.steps, *lo..*hi, up, &Look { axis: *axis, kinds, plot_w, words: *words });
                    pen::records(&g, &d, up.len(), TOP + up.len() as f64 * row_h(up.len()), *words);
                });
            }
        });
    }

    // Yew delegates events to the app's root, so a click's `current_target` is that root, not
    // this SVG: the click is placed against the SVG's own box, found through its ref.
    let svg_ref = use_node_ref();
    let onclick = {
        let (past, on_seek, svg_ref) = (past.clone(), props.on_seek.clone(), svg_ref.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(svg) = svg_ref.cast::<Element>() else { return };
            let Some(vx) = view_x(&e, &svg, view_w, height) else { return };
            if vx >= LEFT {
                on_seek.emit(past.with_trace(|t| axis.time_at(x0 + vx - LEFT, &t)));
            }
        })
    };
    let cursor_x = LEFT + cursor - x0;
    // The node lines, one path.
    let mut lanes = String::new();
    for node in &w.nodes {
        lanes.push_str(&format!("M{},{}H{}", num(LEFT), num(row_y(node.id, n)), num(view_w - 20.0)));
    }
    html! {
        <div class="spacetime-wrap">
            <svg id="spacetime" ref={svg_ref} xmlns="http://www.w3.org/2000/svg" viewBox={format!("0 0 {} {}", num(view_w), num(height))}
                 role="img" aria-label={words.t("spacetime.label")}
                 data-fits={if axis.fits { "true" } else { "false" }} {onclick}>
                <path class="st-lanes" d={lanes} />
                // The group places the row; circle and name sit at fixed x in it.
                { for w.nodes.iter().map(|node| html! {
                    <g class={if node.up { "st-node" } else { "st-node down" }} data-node={node.id.to_string()} transform={format!("translate(0,{})", num(row_y(node.id, n)))}>
                        <circle cx="22" r="9" fill={node.view.colour.clone()} />
                        <text x="38" y="7">{ format!("P{}", node.id) }</text>
                    </g>
                }) }
                // The plot: a viewport that clips, showing axis units x0 to x0 + plot_w.
                <svg x={num(LEFT)} width={num(plot_w)} height={num(height)} viewBox={format!("{} 0 {} {}", num(x0), num(plot_w), num(height))}>
                    <g ref={records} />
                    // What lies after the cursor was recorded before a step back: faded.
                    <rect class="st-future" x={num(cursor)} width={num((x0 + plot_w - cursor).max(0.0))} height={num(bottom)} />
                    <g class="st-ticks" transform={format!("translate(0,{})", num(bottom))}>
                        <path d={ticks.0} />
                        { for ticks.1.iter().map(|(x, t)| html! { <text x={num(*x)} y="26">{ ms(*t) }</text> }) }
                    </g>
                </svg>
                <g class="st-cursor">
                    <path d={format!("M{},{}V{}", num(cursor_x), num(TOP - 14.0), num(bottom))} />
                    // max/min, not clamp: clamp's check of its bounds would bring f64 Debug (and
                    // core's float formatter) into the wasm for a panic message.
                    <text x={num(cursor_x.max(LEFT + 40.0).min(view_w - 50.0))} y={num(TOP - 18.0)}>{ ms(w.now) }</text>
                </g>
            </svg>
        </div>
    }
}

/// The click's x in `svg`'s viewBox units (the SVG keeps its aspect ratio, centred in its box).
fn view_x(e: &MouseEvent, svg: &Element, view_w: f64, height: f64) -> Option<f64> {
    let r = svg.get_bounding_client_rect();
    let scale = (r.width() / view_w).min(r.height() / height);
    if scale <= 0.0 {
        return None;
    }
    let pad = (r.width() - view_w * scale) / 2.0;
    Some((f64::from(e.client_x()) - r.left() - pad) / scale)
}

/// Tick marks at round times across the window, in axis units, never closer than 80: the
/// marks as one path (6 units down from the axis) and each (x, time) to label.
fn ticks(trace: &[TraceEvent], axis: &Axis, x0: f64, plot_w: f64) -> (String, Vec<(f64, Time)>) {
    let (t0, t1) = (axis.time_at(x0, trace), axis.time_at(x0 + plot_w, trace));
    let step = Axis::tick_step(t1.saturating_sub(t0), 8);
    let (mut marks, mut out) = (String::new(), Vec::new());
    let (mut last, mut i) = (f64::NEG_INFINITY, 0);
    let mut t = t0.div_ceil(step) * step;
    while t <= t1 {
        // A time's x is after the last record at or before it (`trace[i - 1]`).
        while i < trace.len() && trace[i].at <= t {
            i += 1;
        }
        let x = axis.x(if i > 0 { trace[i - 1].step } else { 0 }, t);
        if x - last >= 80.0 && x >= x0 && x <= x0 + plot_w {
            marks.push_str(&format!("M{},0v6", num(x)));
            out.push((x, t));
            last = x;
        }
        t += step;
    }
    (marks, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use consenso_core::sim::trace::What;

    #[test]
    fn ticks_fall_on_round_times_at_the_axis_x_and_never_closer_than_80() {
        let ev = |step, at| TraceEvent { step, at, what: What::Heal };
        // A pure time axis, 100 units per 10 ms: 0 to 100 ms in view, a tick every 20 ms.
        let axis = Axis { gap: 0.0, per_us: 0.01, fits: true };
        let (marks, t) = ticks(&[ev(1, 0)], &axis, 0.0, 1000.0);
        assert_eq!(t, vec![(0.0, 0), (200.0, 20_000), (400.0, 40_000), (600.0, 60_000), (800.0, 80_000), (1000.0, 100_000)]);
        assert!(marks.starts_with("M0,0v6M200,0v6"), "{marks}");
        // Step 9 at 100 ms takes 900 of the 1000 units: the 20, 40 and 60 ms ticks would be
        // 20 units apart and are left out; 100 ms falls after step 9's record.
        let axis = Axis { gap: 100.0, per_us: 0.001, fits: true };
        let (_, t) = ticks(&[ev(9, 100_000)], &axis, 0.0, 1000.0);
        assert_eq!(t, vec![(0.0, 0), (80.0, 80_000), (1000.0, 100_000)]);
    }
}

//! One node: a large circle in its role's colour with its label inside, its name and role
//! beside it, its timers as arcs that empty around it, a crown on the leader, a cross when
//! crashed. Colour is never the only signal: the role is always written out.

use consenso_core::sim::view::{Cell, NodeSnapshot, TimerView};
use consenso_core::sim::Time;
use yew::prelude::*;

use super::geometry::{label_anchor, num, translate, Pt, LINE_H};
use crate::i18n::Words;

const ARC_W: f64 = 7.0;
/// A cell of the node's sequence (a Raft log entry): a square, with a gap between cells.
const CELL: f64 = 24.0;
const CELL_GAP: f64 = 3.0;

/// Props of `node_glyph`, a plain function rather than a component: `now` moves on every frame
/// of a run that plays, so a component's props check never spared a redraw, only cost a deep
/// comparison per node per frame (and the wasm its lifecycle code).
pub struct NodeProps<'a> {
    pub node: &'a NodeSnapshot,
    pub at: Pt,
    /// Unit vector pointing away from the drawing's centre: the side for the labels.
    pub out: Pt,
    pub now: Time,
    /// Circle radius (smaller in a crowded column).
    pub r: f64,
    pub words: Words,
}

/// The one role every protocol marks with a crown. A protocol-agnostic flag in `NodeView`
/// would be better than a name (see the report to the lead).
fn is_leader(role: &str) -> bool {
    role.eq_ignore_ascii_case("leader")
}

pub fn node_glyph(props: NodeProps) -> Html {
    let (n, w) = (props.node, props.words);
    let name = format!("P{}", n.id);
    let leader = n.up && is_leader(&n.view.role);
    let role_text = if n.up { w.data("role", &n.view.role) } else { w.t("node.crashed") };
    let fill = if n.up { n.view.colour.clone() } else { "#e6e6e6".to_string() };
    // A word on the circle ("attack", "done") is said in the page's language; data stays.
    let label = &w.row("label", &n.view.label);
    let tooltip = n.view.rows.iter().fold(name.clone(), |s, (k, v)| format!("{s}\n{}: {}", w.row("row", k), w.row("value", v)));

    let timers = shown_timers(n);
    let timer_lines = timers.len().max(1);
    let has_cells = has_cells(n);
    let lines = side_lines(n);
    let r = props.r;
    let (anchor_at, anchor) = label_anchor(props.out, lines, LINE_H, r);
    let y = |i: usize| num(anchor_at.y + i as f64 * LINE_H);
    let x = num(anchor_at.x);
    let cells_top = anchor_at.y + (2 + timer_lines) as f64 * LINE_H - LINE_H * 0.8 + (LINE_H - CELL) / 2.0;
    let cross = num(r * 0.6);

    html! {
        <g key={n.id} class={classes!("node", leader.then_some("leader"), (!n.up).then_some("down"))}
           data-node={n.id.to_string()} data-role={n.view.role.clone()} data-up={n.up.to_string()}
           transform={translate(props.at)}>
            <title>{tooltip}</title>
            { for timers.iter().enumerate().map(|(i, t)| timer_arc(t, props.now, i, r)) }
            <circle class="body" r={num(r)} fill={fill} />
            if leader { { crown() } }
            <text class="label" y={if leader { "22" } else { "12" }} style={label_size(label)}>{ label }</text>
            if !n.up {
                <path class="cross" d={format!("M-{cross},-{cross}L{cross},{cross}M{cross},-{cross}L-{cross},{cross}")} />
            }
            <text class="side" text-anchor={anchor}>
                <tspan class="name" x={x.clone()} y={y(0)}>{ name }</tspan>
                <tspan class="role" x={x.clone()} y={y(1)}>{ role_text }</tspan>
                { for timers.iter().enumerate().map(|(i, t)| html! {
                    <tspan class="timer-text" x={x.clone()} y={y(2 + i)}>{ timer_text(t, props.now, w) }</tspan>
                }) }
            </text>
            if has_cells { { cells(&n.view.cells, n.view.cells_skipped, anchor_at.x, cells_top, anchor, w) } }
        </g>
    }
}

/// The timers drawn beside a node: none while it is down.
fn shown_timers(n: &NodeSnapshot) -> &[TimerView] {
    if n.up {
        &n.timers
    } else {
        &[]
    }
}

fn has_cells(n: &NodeSnapshot) -> bool {
    !n.view.cells.is_empty() || n.view.cells_skipped > 0
}

/// Lines of the text block beside a node: name, role, one per timer, and its cells. Room for one
/// timer line is kept even without a timer, so labels do not jump about.
pub fn side_lines(n: &NodeSnapshot) -> usize {
    2 + shown_timers(n).len().max(1) + usize::from(has_cells(n))
}

/// How wide the text block beside a node is, in drawing units, estimated from its text (the
/// drawing's viewBox is computed before the browser lays the text out); `phone` as in
/// style.css's phone @media, which draws roles at 30 px and leaves timers to their arcs.
/// Generous on purpose: its name ("P3") is never the widest line, and a timer's countdown is
/// counted as four digits so the estimate does not change as it counts down.
pub fn side_width(n: &NodeSnapshot, phone: bool, w: Words) -> f64 {
    /// Average advance of a line's characters, in ems, in DejaVu Sans, the widest of the usual
    /// system sans-serif fonts (measured: roles 0.47 to 0.55, timer lines 0.50 to 0.54).
    const EM: f64 = 0.52;
    /// " · 0000 ms" after a timer's label.
    const COUNTDOWN: usize = 10;
    // In the page's language; bytes, not characters: the same for English, a little more room
    // for accented letters.
    let role = if n.up { w.data("role", &n.view.role).len() } else { w.t("node.crashed").len() };
    let timers = shown_timers(n).iter().map(|t| w.data("timer", &t.label).len() + COUNTDOWN).max().unwrap_or(0);
    let cells = n.view.cells.len() + usize::from(n.view.cells_skipped > 0);
    let (role_px, timer_px) = if phone { (30.0, 0.0) } else { (26.0, 22.0) };
    (role as f64 * role_px * EM).max(timers as f64 * timer_px * EM).max(cells as f64 * (CELL + CELL_GAP))
}

/// The node's sequence as a row of squares beside it: each cell's text in its colour, solid
/// when settled (committed), pale with a dashed outline when not (shape as well as colour).
/// "…" first when earlier cells are left out.
fn cells(list: &[Cell], skipped: u64, x: f64, top: f64, anchor: &str, w: Words) -> Html {
    let lead = if skipped > 0 { CELL } else { 0.0 };
    let width = lead + list.len() as f64 * (CELL + CELL_GAP);
    let left = match anchor {
        "end" => x - width,
        "middle" => x - width / 2.0,
        _ => x,
    };
    let cell_x = |i: usize| left + lead + i as f64 * (CELL + CELL_GAP);
    html! {
        <g class="cells" data-count={list.len().to_string()} data-skipped={skipped.to_string()}>
            if skipped > 0 {
                <text class="skipped" x={num(left + CELL / 2.0)} y={num(top + CELL * 0.72)}>
                    <title>{ w.f("node.skipped", &[("n", &skipped)]) }</title>{ "…" }
                </text>
            }
            // A no-op (Raft §8) is round, not square, and says "no-op" under itself: it is
            // an entry of its term but no client's value. Under a run of no-ops the word is
            // written once, under the last (side by side the words would overlap).
            { for list.iter().enumerate().map(|(i, c)| html! {
                <g class={classes!("cell", if c.settled { "settled" } else { "unsettled" }, c.noop.then_some("noop"))}
                   transform={format!("translate({},{})", num(cell_x(i)), num(top))}>
                    <title>{ c.hint.clone() }</title>
                    <rect width={num(CELL)} height={num(CELL)} rx={if c.noop { num(CELL / 2.0) } else { "3".into() }} fill={c.colour.clone()} />
                    <text x={num(CELL / 2.0)} y={num(CELL * 0.72)}>{ c.text.clone() }</text>
                    if c.noop && !list.get(i + 1).is_some_and(|next| next.noop) {
                        <text class="noop-label" x={num(CELL / 2.0)} y={num(CELL + 9.0)} style="font-size: 9px">{ w.t("cell.noop") }</text>
                    }
                </g>
            }) }
        </g>
    }
}

/// A timer as an arc that starts full at `start` and is empty at `expiry`.
fn timer_arc(t: &TimerView, now: Time, ring: usize, node_r: f64) -> Html {
    let r = node_r + 9.0 + ring as f64 * (ARC_W + 3.0);
    let span = t.expiry.saturating_sub(t.start).max(1) as f64;
    let left = (t.expiry.saturating_sub(now) as f64 / span).clamp(0.0, 1.0);
    let circumference = 2.0 * std::f64::consts::PI * r;
    html! {
        <g class="timer" data-timer={t.label.clone()}>
            <circle class="track" r={num(r)} />
            // Rotated so the arc starts at 12 o'clock.
            <circle class="arc" r={num(r)} transform="rotate(-90)"
                stroke-dasharray={format!("{} {}", num(left * circumference), num(circumference))} />
        </g>
    }
}

fn timer_text(t: &TimerView, now: Time, w: Words) -> String {
    format!("{} · {} ms", w.data("timer", &t.label), t.expiry.saturating_sub(now).div_ceil(1000))
}

fn crown() -> Html {
    html! {
        <path class="crown" transform="translate(0,-24)"
              d="M-20,8L-20,-10L-10,-1L0,-14L10,-1L20,-10L20,8Z" />
    }
}

/// Short labels (an id, a term) are drawn large; longer ones ("attack") shrink to fit the circle.
fn label_size(label: &str) -> String {
    let px = match label.chars().count() {
        0..=3 => 34,
        4 => 28,
        5 => 22,
        _ => 18,
    };
    format!("font-size: {px}px")
}

#[cfg(test)]
mod tests {
    use super::*;
    use consenso_core::sim::view::NodeView;

    fn node(role: &str, timers: &[&str], cells: usize) -> NodeSnapshot {
        let timers = timers.iter().map(|l| TimerView { label: l.to_string(), start: 0, expiry: 5_000 }).collect();
        let cells = vec![Cell::default(); cells];
        NodeSnapshot { id: 3, up: true, view: NodeView { role: role.into(), cells, ..Default::default() }, timers }
    }

    #[test]
    fn the_room_beside_a_node_is_that_of_its_widest_line() {
        let follower = node("follower", &["failure detector (heartbeat + T)"], 0);
        // The timer line "failure detector (heartbeat + T) · 123 ms" is the widest.
        assert!(side_width(&follower, false, Words::ENGLISH) > side_width(&node("follower", &[], 0), false, Words::ENGLISH) * 3.0);
        // Phones hide the countdowns: the role is then the widest line.
        assert_eq!(side_width(&follower, true, Words::ENGLISH), side_width(&node("follower", &[], 0), true, Words::ENGLISH));
        // Ten log cells outgrow a short role; a crashed node shows only "crashed".
        assert_eq!(side_width(&node("leader", &[], 10), false, Words::ENGLISH), 10.0 * (CELL + CELL_GAP));
        let crashed = NodeSnapshot { up: false, ..node("non-participating", &["round timeout"], 0) };
        assert_eq!(side_width(&crashed, false, Words::ENGLISH), side_width(&node("crashed", &[], 0), false, Words::ENGLISH));
        assert_eq!(side_lines(&crashed), 3);
        assert_eq!(side_lines(&node("leader", &["heartbeat"], 2)), 4);
    }
}

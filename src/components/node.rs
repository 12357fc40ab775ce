//! One node: a large circle in its role's colour with its label inside, its name and role
//! beside it, its timers as arcs that empty around it, a crown on the leader, a cross when
//! crashed. Colour is never the only signal: the role is always written out.

use consenso_core::sim::view::{NodeSnapshot, TimerView};
use consenso_core::sim::Time;
use yew::prelude::*;

use super::geometry::{label_anchor, num, translate, Pt, NODE_R};

const LINE_H: f64 = 30.0;
const ARC_W: f64 = 7.0;

#[derive(Properties, PartialEq)]
pub struct NodeProps {
    pub node: NodeSnapshot,
    pub at: Pt,
    /// Unit vector pointing away from the drawing's centre: the side for the labels.
    pub out: Pt,
    pub now: Time,
}

/// The one role every protocol marks with a crown. A protocol-agnostic flag in `NodeView`
/// would be better than a name (see the report to the lead).
fn is_leader(role: &str) -> bool {
    role.eq_ignore_ascii_case("leader")
}

#[function_component(NodeGlyph)]
pub fn node_glyph(props: &NodeProps) -> Html {
    let n = &props.node;
    let name = format!("P{}", n.id);
    let leader = n.up && is_leader(&n.view.role);
    let role_text = if n.up { n.view.role.clone() } else { "crashed".to_string() };
    let fill = if n.up { n.view.colour.clone() } else { "#e6e6e6".to_string() };
    let tooltip = n.view.rows.iter().fold(name.clone(), |s, (k, v)| format!("{s}\n{k}: {v}"));

    let timers: Vec<&TimerView> = if n.up { n.timers.iter().collect() } else { Vec::new() };
    // Room for one timer line is kept even without a timer, so labels do not jump about.
    let lines = 2 + timers.len().max(1);
    let (anchor_at, anchor) = label_anchor(props.out, lines, LINE_H);
    let y = |i: usize| num(anchor_at.y + i as f64 * LINE_H);
    let x = num(anchor_at.x);

    html! {
        <g class={classes!("node", leader.then_some("leader"), (!n.up).then_some("down"))}
           data-node={n.id.to_string()} data-role={n.view.role.clone()} data-up={n.up.to_string()}
           transform={translate(props.at)}>
            <title>{tooltip}</title>
            { for timers.iter().enumerate().map(|(i, t)| timer_arc(t, props.now, i)) }
            <circle class="body" r={num(NODE_R)} fill={fill} />
            if leader { { crown() } }
            <text class="label" y={if leader { "22" } else { "12" }} style={label_size(&n.view.label)}>{ n.view.label.clone() }</text>
            if !n.up {
                <path class="cross" d="M-34,-34L34,34M34,-34L-34,34" />
            }
            <text class="side" text-anchor={anchor}>
                <tspan class="name" x={x.clone()} y={y(0)}>{ name }</tspan>
                <tspan class="role" x={x.clone()} y={y(1)}>{ role_text }</tspan>
                { for timers.iter().enumerate().map(|(i, t)| html! {
                    <tspan class="timer-text" x={x.clone()} y={y(2 + i)}>{ timer_text(t, props.now) }</tspan>
                }) }
            </text>
        </g>
    }
}

/// A timer as an arc that starts full at `start` and is empty at `expiry`.
fn timer_arc(t: &TimerView, now: Time, ring: usize) -> Html {
    let r = NODE_R + 9.0 + ring as f64 * (ARC_W + 3.0);
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

fn timer_text(t: &TimerView, now: Time) -> String {
    format!("{} · {} ms", t.label, t.expiry.saturating_sub(now).div_ceil(1000))
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

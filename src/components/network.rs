//! The network drawing: nodes on a ring, messages flying between them, cut links. It draws
//! from `WorldView` alone, so it serves every protocol.

use std::rc::Rc;

use consenso_core::sim::view::WorldView;
use yew::prelude::*;

use super::geometry::{lane, node_position, num, outward, HEIGHT, WIDTH};
use super::message::{arrow, dot, Flight};
use super::node::NodeGlyph;

#[derive(Properties, PartialEq)]
pub struct NetworkProps {
    pub world: Rc<WorldView>,
    /// Text for screen readers; the caption says what is happening.
    pub summary: AttrValue,
}

#[function_component(NetworkView)]
pub fn network_view(props: &NetworkProps) -> Html {
    let w = &props.world;
    let n = w.nodes.len();
    let flights: Vec<_> = w
        .messages
        .iter()
        .map(|m| (m, Flight::new(m, node_position(m.from, n), node_position(m.to, n), w.now)))
        .collect();
    html! {
        <svg id="network" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={props.summary.clone()}>
            <g class="cuts">{ for w.cut_links.iter().map(|&(a, b)| cut_link(a, b, n)) }</g>
            <g class="arrows">{ for flights.iter().map(|(m, f)| arrow(m, f)) }</g>
            <g class="nodes">
                { for w.nodes.iter().map(|node| html! {
                    <NodeGlyph key={node.id} node={node.clone()} now={w.now}
                        at={node_position(node.id, n)} out={outward(node.id, n)} />
                }) }
            </g>
            // Dots go over the nodes: a message arriving is the thing to watch.
            <g class="messages">{ for flights.iter().map(|(m, f)| dot(m, f)) }</g>
        </svg>
    }
}

/// A directed link that is cut: a dashed red line with a cross in the middle of its lane.
fn cut_link(from: u32, to: u32, n: usize) -> Html {
    let (start, end, _, _) = lane(node_position(from, n), node_position(to, n));
    let mid = start.lerp(end, 0.5);
    html! {
        <g class="cut" data-from={from.to_string()} data-to={to.to_string()}>
            <line x1={num(start.x)} y1={num(start.y)} x2={num(end.x)} y2={num(end.y)} />
            <path transform={super::geometry::translate(mid)} d="M-9,-9L9,9M9,-9L-9,9" />
        </g>
    }
}

//! The network drawing: nodes on a ring (or in columns, see `layout`), messages flying
//! between them, cut links. It draws from `WorldView` alone, so it serves every protocol.

use std::rc::Rc;

use consenso_core::sim::view::WorldView;
use yew::prelude::*;

use super::geometry::{label_block, lane, num, translate, LINE_H};
use super::layout::Layout;
use super::message::{label_text, readable_labels_news_first, Box4, Flight};
use super::message_layer::{Item, Layer};
use super::node::{node_glyph, side_lines, side_width, NodeProps};
use crate::i18n::Words;

/// At most this many message labels at once: past it, the dots speak for themselves.
const MAX_LABELS: usize = 24;
/// Lines kept for the text block beside every node even when fewer are shown (name, role, a
/// timer, a row of cells): the drawing does not shrink and grow as a log's first entry comes
/// and goes.
const STEADY_LINES: usize = 4;
/// Up to this window width (px: style.css's `max-width: 40rem`) the page draws names and roles
/// larger and hides timers' countdowns; the room kept for labels follows.
const PHONE_MAX_PX: f64 = 640.0;

#[derive(Properties, PartialEq)]
pub struct NetworkProps {
    pub world: Rc<WorldView>,
    /// Text for screen readers; the caption says what is happening.
    pub summary: AttrValue,
    pub words: Words,
}

#[function_component(NetworkView)]
pub fn network_view(props: &NetworkProps) -> Html {
    let w = &props.world;
    // The layout depends only on the nodes' column hints, which do not change during a run.
    let hints: Vec<Option<u8>> = w.nodes.iter().map(|n| n.view.column).collect();
    let layout = {
        let world = w.clone();
        use_memo(hints, move |_| Layout::of(&world.nodes))
    };
    // The messages are put on the page by the layer, after Yew has drawn the rest (see
    // message_layer for why): here the drawing only keeps a group for each of their layers.
    let (arrows, dots, layer) = (use_node_ref(), use_node_ref(), use_mut_ref(Layer::default));
    {
        let (arrows, dots, world, layout, words) = (arrows.clone(), dots.clone(), w.clone(), layout.clone(), props.words);
        use_effect(move || {
            if let (Some(a), Some(d)) = (arrows.cast(), dots.cast()) {
                show_messages(&mut layer.borrow_mut(), a, d, &world, &layout, words);
            }
        });
    }
    let phone = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).is_some_and(|v| v <= PHONE_MAX_PX);
    let lines = w.nodes.iter().map(side_lines).max().unwrap_or(0).max(STEADY_LINES);
    html! {
        <svg id="network" xmlns="http://www.w3.org/2000/svg" viewBox={layout.bounds(w.nodes.iter().map(|n| side_width(n, phone, props.words)), lines).view_box()}
             role="img" aria-label={props.summary.clone()} data-layout={if layout.columns { "columns" } else { "ring" }}>
            <g class="cuts">{ for w.cut_links.iter().map(|&(a, b)| cut_link(a, b, &layout)) }</g>
            <g class="arrows" ref={arrows} />
            <g class="nodes">
                { for w.nodes.iter().map(|node| node_glyph(NodeProps { node, now: w.now,
                    at: layout.at(node.id), out: layout.out(node.id), r: layout.r, words: props.words })) }
            </g>
            // Dots go over the nodes: a message arriving is the thing to watch.
            <g class="messages" ref={dots} />
        </svg>
    }
}

/// Puts the messages in flight on the page. In id order (the simulator lists them so), hence
/// oldest first: they keep their labels when it gets crowded.
fn show_messages(layer: &mut Layer, arrows: web_sys::Element, dots: web_sys::Element, w: &WorldView, layout: &Layout, words: Words) {
    let flights: Vec<_> = w.messages.iter().map(|m| Flight::new(m, layout.at(m.from), layout.at(m.to), w.now, layout.r)).collect();
    let texts: Vec<String> = w.messages.iter().zip(&flights).map(|(m, f)| label_text(m, f, words)).collect();
    let boxes: Vec<_> = flights.iter().zip(&texts).map(|(f, t)| f.label_box(t.chars().count())).collect();
    let kinds: Vec<&str> = w.messages.iter().map(|m| m.view.kind.as_str()).collect();
    let shown = readable_labels_news_first(&kinds, &boxes, &node_boxes(w, layout), MAX_LABELS);
    let tooltip = flights.len() <= MAX_LABELS;
    let items: Vec<Item> = w
        .messages
        .iter()
        .zip(&flights)
        .zip(texts)
        .zip(shown)
        .map(|(((m, flight), text), show)| Item { m, flight, label: show.then_some(text), tooltip })
        .collect();
    layer.sync(arrows, dots, &items);
}

/// Where each node and its name and role are drawn (estimated): message labels keep off them.
fn node_boxes(w: &WorldView, layout: &Layout) -> Vec<Box4> {
    const BLOCK_W: f64 = 150.0;
    let mut out = Vec::with_capacity(w.nodes.len() * 2);
    for n in &w.nodes {
        let (at, r) = (layout.at(n.id), layout.r);
        out.push((at.x - r, at.y - r, at.x + r, at.y + r));
        // Name and role: the first two lines of the block beside the node.
        let b = label_block(at, layout.out(n.id), side_lines(n), r, BLOCK_W);
        out.push((b.x0, b.y0, b.x1, b.y0 + 2.0 * LINE_H));
    }
    out
}

/// A directed link that is cut: a dashed red line with a cross in the middle of its lane.
fn cut_link(from: u32, to: u32, layout: &Layout) -> Html {
    let (start, end, _, _) = lane(layout.at(from), layout.at(to), layout.r);
    let mid = start.lerp(end, 0.5);
    html! {
        <g class="cut" data-from={from.to_string()} data-to={to.to_string()}>
            <line x1={num(start.x)} y1={num(start.y)} x2={num(end.x)} y2={num(end.y)} />
            <path transform={translate(mid)} d="M-9,-9L9,9M9,-9L-9,9" />
        </g>
    }
}

//! The network view in a real browser (wasm-bindgen-test in headless Chromium): the messages
//! in flight, which `message_layer` puts on the page outside the virtual DOM, appear, move,
//! change and go exactly as the world says, in id order, each keeping its elements while it
//! flies.

use std::rc::Rc;
use std::time::Duration;

use consenso_core::sim::view::{Fate, MessageSnapshot, MsgView, NodeSnapshot, NodeView, WorldView};
use web_sys::Element;
use wasm_bindgen_test::*;

use super::network::{NetworkProps, NetworkView};
use crate::i18n::Words;

fn node(id: u32) -> NodeSnapshot {
    NodeSnapshot { id, up: true, view: NodeView { role: "follower".into(), ..NodeView::default() }, timers: vec![] }
}

fn msg(id: u64, from: u32, to: u32, fate: Fate) -> MessageSnapshot {
    let view = MsgView { label: format!("m{id}"), kind: "ping".into(), colour: "#123456".into() };
    MessageSnapshot { id, from, to, sent: 0, until: 1000, fate, view }
}

fn props(now: u64, messages: Vec<MessageSnapshot>) -> NetworkProps {
    let world = WorldView { now, nodes: (1..=3).map(node).collect(), messages, cut_links: vec![] };
    NetworkProps { world: Rc::new(world), summary: "three nodes".into(), words: Words::ENGLISH }
}

fn dots(root: &Element) -> Vec<Element> {
    let list = root.query_selector_all("svg#network g.messages g.message").unwrap();
    (0..list.length()).map(|i| wasm_bindgen::JsCast::unchecked_into(list.get(i).unwrap())).collect()
}

fn attr(e: &Element, name: &str) -> String {
    e.get_attribute(name).unwrap_or_default()
}

/// "translate(x,y)" with x and y written as geometry.rs's `num` writes them: at most one
/// decimal, no trailing ".0".
fn one_decimal_translate(t: &str) -> bool {
    let num = |v: &str| {
        let (int, frac) = v.split_once('.').unwrap_or((v, ""));
        let int = int.strip_prefix('-').unwrap_or(int);
        !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && (frac.is_empty() || (frac.len() == 1 && frac != "0" && frac.bytes().all(|b| b.is_ascii_digit())))
    };
    t.strip_prefix("translate(").and_then(|t| t.strip_suffix(')')).and_then(|t| t.split_once(',')).is_some_and(|(x, y)| num(x) && num(y))
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

#[wasm_bindgen_test]
async fn messages_appear_move_and_go_as_the_world_says() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let first = props(100, vec![msg(4, 1, 2, Fate::Deliver), msg(7, 2, 3, Fate::Lost)]);
    let mut app = yew::Renderer::<NetworkView>::with_root_and_props(root.clone(), first).render();
    settle().await;

    let shown = dots(&root);
    assert_eq!(shown.iter().map(|g| attr(g, "data-id")).collect::<Vec<_>>(), ["4", "7"]);
    assert_eq!(attr(&shown[0], "data-kind"), "ping");
    assert_eq!(attr(&shown[1], "data-fate"), "lost");
    assert_eq!(root.query_selector_all("svg#network g.arrows path.arrow").unwrap().length(), 2);
    assert_eq!(root.query_selector_all("svg#network g.arrows path.arrow.doomed").unwrap().length(), 1);
    // Two messages: room for both labels and a hover title each.
    assert_eq!(shown[0].query_selector("text").unwrap().unwrap().text_content().as_deref(), Some("m4"));
    assert_eq!(shown[0].query_selector("title").unwrap().unwrap().text_content().as_deref(), Some("m4 · P1 → P2"));
    let (at_100, kept) = (attr(&shown[0], "transform"), shown[0].clone());
    assert!(one_decimal_translate(&at_100), "{at_100}");

    // Later: message 4 has moved on, 7 is gone, 9 was sent; after a seek back, 2 shows again.
    let later = vec![msg(2, 3, 1, Fate::Deliver), msg(4, 1, 2, Fate::Deliver), msg(8, 1, 2, Fate::Deliver), msg(9, 3, 2, Fate::Dropped)];
    app.update(props(800, later));
    settle().await;
    let shown = dots(&root);
    assert_eq!(shown.iter().map(|g| attr(g, "data-id")).collect::<Vec<_>>(), ["2", "4", "8", "9"], "in id order");
    assert!(shown[1].is_same_node(Some(&kept)), "a message keeps its elements while it flies");
    assert_ne!(attr(&shown[1], "transform"), at_100, "and moves");
    assert!(shown.iter().all(|g| one_decimal_translate(&attr(g, "transform"))));
    // 4 and 8 fly the same lane in the same colour: one arrow for both; 9 is doomed, its own.
    let arrows = root.query_selector_all("svg#network g.arrows path.arrow").unwrap();
    assert_eq!(arrows.length(), 3);
    let doomed = root.query_selector("svg#network g.arrows path.arrow.doomed").unwrap().expect("a dashed arrow");
    // A doomed message fades, with its arrow, and gets a cross; its label says why.
    assert!(attr(&shown[3], "opacity").starts_with("0."), "{}", attr(&shown[3], "opacity"));
    assert_eq!(attr(&doomed, "opacity"), attr(&shown[3], "opacity"));
    assert!(shown[3].query_selector("path.dies").unwrap().is_some());
    assert_eq!(shown[3].query_selector("text").unwrap().unwrap().text_content().as_deref(), Some("m9 · dropped"));
    assert!(shown[1].query_selector("path.dies").unwrap().is_none());

    app.update(props(900, vec![]));
    settle().await;
    assert!(dots(&root).is_empty());
    assert_eq!(root.query_selector_all("svg#network g.arrows path").unwrap().length(), 0);
}

//! Marks the inspected node or message and the nodes picked for a partition in the network
//! drawing, with a style rule: the drawing itself stays free of interaction state.

use std::collections::BTreeSet;
use std::rc::Rc;

use consenso_core::sim::NodeId;
use yew::prelude::*;

use crate::state::Selected;

#[derive(Properties, PartialEq)]
pub struct SelectionProps {
    pub selected: Option<Selected>,
    pub picked: Rc<BTreeSet<NodeId>>,
}

#[function_component(SelectionStyle)]
pub fn selection_style(props: &SelectionProps) -> Html {
    let mut css = String::new();
    for id in props.picked.iter() {
        css += &format!("svg#network g.node[data-node=\"{id}\"] circle.body {{ stroke: var(--pick); stroke-width: 6px; stroke-dasharray: 10 6; }}\n");
    }
    match props.selected {
        Some(Selected::Node(id)) => css += &format!(
            "svg#network g.node[data-node=\"{id}\"] circle.body {{ stroke: var(--select); stroke-width: 7px; stroke-dasharray: none; }}\n"
        ),
        Some(Selected::Message(id)) => css += &format!(
            "svg#network g.message[data-id=\"{id}\"] circle {{ stroke: var(--select); stroke-width: 6px; }}\n"
        ),
        None => {}
    }
    html! { <style>{ css }</style> }
}

//! Marks the inspected node or message and the nodes picked for a partition in the network
//! drawing, with a style rule: the drawing itself stays free of interaction state.

use consenso_core::sorted::SortedSet;

use consenso_core::sim::NodeId;
use yew::prelude::*;

use crate::state::Selected;

/// A plain function rather than a component: one short text to compare each frame costs less
/// than a copy of Yew's component machinery in the wasm.
pub fn selection_style(selected: Option<Selected>, picked: &SortedSet<NodeId>) -> Html {
    let mut css = String::new();
    for id in picked.iter() {
        css += &format!("svg#network g.node[data-node=\"{id}\"] circle.body {{ stroke: var(--pick); stroke-width: 6px; stroke-dasharray: 10 6; }}\n");
    }
    match selected {
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

/// Marks what a tour step points at: its nodes (a ring around each) and the messages of its
/// kind. Also a style rule, for the same reason as the selection.
pub fn tour_highlight(h: &crate::tour::Highlight) -> Html {
    let mut css = String::new();
    for id in &h.nodes {
        css += &format!("svg#network g.node[data-node=\"{id}\"] circle.body {{ stroke: var(--tour); stroke-width: 8px; }}\n");
    }
    if let Some(kind) = &h.message_kind {
        let kind: String = kind.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect();
        css += &format!("svg#network g.message[data-kind=\"{kind}\"] circle {{ stroke: var(--tour); stroke-width: 5px; }}\n");
    }
    html! { <style id="tour-highlight">{ css }</style> }
}

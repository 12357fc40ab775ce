//! The inspector: what the selected node or message is, and what can be done to it (crash,
//! recover, the protocol's commands, per-node params; drop or delay a message). Every button
//! sends an intervention; the reducer turns it into a scenario event.

mod message;
mod node;

use consenso_core::sorted::SortedSet;
use std::rc::Rc;

use consenso_core::sim::view::WorldView;
use consenso_core::sim::NodeId;
use yew::prelude::*;

use crate::i18n::Words;
use crate::state::{About, Action, Selected};

/// Props of `inspector`, a plain function rather than a component: it has no state, and the
/// world it shows changes with every frame, so a component's props check would buy nothing
/// for the copy of Yew's component machinery it costs the wasm.
pub struct InspectorProps {
    pub selected: Option<Selected>,
    pub world: Rc<WorldView>,
    pub about: Rc<About>,
    pub picked: Rc<SortedSet<NodeId>>,
    pub dispatch: Callback<Action>,
    pub words: Words,
}

pub fn inspector(props: InspectorProps) -> Html {
    let words = props.words;
    let close = props.dispatch.reform(|_: MouseEvent| Action::Select(None));
    let close_button = html! {
        <button class="close icon" aria-label={words.t("inspector.close")} title={words.t("inspector.close_title")} onclick={close}>{ "×" }</button>
    };
    let w = &props.world;
    let node = |id: NodeId| w.nodes.iter().find(|n| n.id == id);
    let message = |id: u64| w.messages.iter().find(|m| m.id == id);
    match props.selected {
        Some(Selected::Node(id)) if node(id).is_some() => node::node_inspector(node::NodeInspectorProps {
            node: node(id).cloned().expect("checked"),
            world: w.clone(),
            about: props.about.clone(),
            picked: props.picked.contains(&id),
            dispatch: props.dispatch.clone(),
            close: close_button,
            words,
        }),
        Some(Selected::Message(id)) if message(id).is_some() => message::message_inspector(message::MessageInspectorProps {
            message: message(id).cloned().expect("checked"),
            now: w.now,
            dispatch: props.dispatch.clone(),
            close: close_button,
            words,
        }),
        Some(Selected::Message(id)) => html! {
            <section id="inspector" class="inspector" data-empty="true">
                <h2>{ words.f("inspector.gone_title", &[("id", &id)]) }{ close_button }</h2>
                <p class="hint">{ words.t("inspector.gone") }</p>
            </section>
        },
        _ => html! {
            <section id="inspector" class="inspector" data-empty="true">
                <h2>{ words.t("inspector.title") }</h2>
                <p class="hint">{ words.t("inspector.empty") }</p>
            </section>
        },
    }
}

/// The value of the page's `<input>` or `<select>` with this id, read when a button needs it.
/// The inspector's fields keep their own values between renders, so the inspector needs no
/// state (and so no component).
fn field_value(id: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()?.document()?.get_element_by_id(id)?;
    match element.dyn_into::<web_sys::HtmlSelectElement>() {
        Ok(select) => Some(select.value()),
        Err(other) => other.dyn_into::<web_sys::HtmlInputElement>().ok().map(|input| input.value()),
    }
}

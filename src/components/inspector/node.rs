//! The inspector of one node: id, up/down, role, the protocol's state rows, running timers,
//! and its interventions.

use std::rc::Rc;

use consenso_core::sim::protocol::NodeParam;
use consenso_core::sim::view::{NodeSnapshot, WorldView};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::Words;
use crate::state::{node_param, About, Action, Intervention, Selected, MAX_VALUE_CHARS};

/// Props of `node_inspector`, a plain function like `inspector` (mod.rs) and for its reason.
pub struct NodeInspectorProps {
    pub node: NodeSnapshot,
    pub world: Rc<WorldView>,
    pub about: Rc<About>,
    /// Picked for a partition.
    pub picked: bool,
    pub dispatch: Callback<Action>,
    pub close: Html,
    pub words: Words,
}

pub fn node_inspector(props: NodeInspectorProps) -> Html {
    let (n, w) = (&props.node, props.words);
    let id = n.id;
    let intervene = |i: Intervention| props.dispatch.reform(move |_: MouseEvent| Action::Intervene(i.clone()));
    let status = if n.up { w.f("inspector.up", &[("role", &w.data("role", &n.view.role))]) } else { w.t("inspector.down").to_string() };
    let crash_or_recover = if n.up {
        html! { <button data-command="crash" class="danger" onclick={intervene(Intervention::Crash(id))}>{ w.f("inspector.crash", &[("id", &id)]) }</button> }
    } else {
        html! { <button data-command="recover" onclick={intervene(Intervention::Recover(id))}>{ w.f("inspector.recover", &[("id", &id)]) }</button> }
    };
    let pick = props.dispatch.reform(move |_: MouseEvent| Action::TogglePick(id));
    html! {
        <section id="inspector" class="inspector" data-node={id.to_string()} data-up={n.up.to_string()} aria-labelledby="inspector-title">
            <h2 id="inspector-title">{ format!("P{id}") }<span class="status">{ status }</span>{ props.close.clone() }</h2>
            <dl class="rows">
                { for n.view.rows.iter().map(|(k, v)| html! { <><dt>{ w.row("row", k) }</dt><dd>{ w.row("value", v) }</dd></> }) }
            </dl>
            if !n.timers.is_empty() {
                <ul class="timers" aria-label={w.t("inspector.timers")}>
                    { for n.timers.iter().map(|t| html! {
                        <li>{ w.f("inspector.fires_in", &[("timer", &w.data("timer", &t.label)), ("t", &t.expiry.saturating_sub(props.world.now).div_ceil(1000))]) }</li>
                    }) }
                </ul>
            }
            <div class="actions" role="group" aria-label={w.f("inspector.interventions", &[("id", &id)])}>
                { crash_or_recover }
                { for props.about.commands.iter().map(|&c| command(c, id, n.up, &props.dispatch, w)) }
                <button data-command="pick" aria-pressed={props.picked.to_string()} onclick={pick}
                    title={w.t("inspector.pick_title")}>
                    { w.t(if props.picked { "inspector.picked" } else { "inspector.pick" }) }
                </button>
            </div>
            { for props.about.node_params.iter().map(|p| param_choice(p, id, &props.about, &props.dispatch, w)) }
            { in_flight(&props.world, id, &props.dispatch, w) }
        </section>
    }
}

/// "client_request" → "Client request". Command names are ASCII identifiers: ASCII upper
/// case keeps Unicode's case tables (~10 KB) out of the wasm.
fn command_label(action: &str) -> String {
    let mut words = action.replace('_', " ");
    if let Some(first) = words.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    words
}

/// A button for one protocol command; a client request comes with its value.
fn command(action: &'static str, id: u32, up: bool, dispatch: &Callback<Action>, w: Words) -> Html {
    let label = w.data("action", action);
    let label = if label == action { command_label(action) } else { label.to_string() };
    if action == "client_request" {
        return client_request(id, up, dispatch, label, w);
    }
    let onclick = dispatch.reform(move |_: MouseEvent| Action::Intervene(Intervention::Command { node: id, action: action.into(), value: None }));
    html! { <button data-command={action} disabled={!up} {onclick}>{ label }</button> }
}

/// The value field and its button. The field keeps what was typed between renders; the
/// button reads it when pressed, so this needs no node ref (and so no component).
fn client_request(node: u32, up: bool, dispatch: &Callback<Action>, label: String, w: Words) -> Html {
    let onclick = dispatch.reform(move |_: MouseEvent| {
        let value = super::field_value("request-value").unwrap_or_default();
        Action::Intervene(Intervention::Command { node, action: "client_request".into(), value: Some(value) })
    });
    html! {
        <span class="request">
            <label class="visually-hidden" for="request-value">{ w.t("inspector.request_value") }</label>
            // The default value, not `value`: Yew writes `value` back into the field on every
            // render (each frame while playing), over what is being typed.
            <input id="request-value" type="text" ~defaultValue="x=1" size="6" maxlength={MAX_VALUE_CHARS.to_string()} />
            <button data-command="client_request" disabled={!up} {onclick}>{ label }</button>
        </span>
    }
}

/// A select for one per-node param (OM: loyal or a traitor strategy).
fn param_choice(p: &'static NodeParam, id: u32, about: &About, dispatch: &Callback<Action>, w: Words) -> Html {
    let current = node_param(&about.scenario, p.param, id);
    let onchange = dispatch.reform(move |e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        Action::SetNodeParam { node: id, param: p.param, choice: (!v.is_empty()).then_some(v) }
    });
    html! {
        <label class="param">
            { format!("{} ", w.or(&format!("param.{}", p.param), p.label)) }
            <select data-param={p.param} {onchange}>
                <option value="" selected={current.is_none()}>{ w.or(&format!("param.{}.none", p.param), p.default) }</option>
                // Each choice as "name — what it does" (i18n `param.<param>.<choice>`); the protocol's gloss
                // alone without a key.
                { for p.choices.iter().map(|&(name, gloss)| html! {
                    <option value={name} selected={current == Some(name)}>{ w.or(&format!("param.{}.{name}", p.param), gloss) }</option>
                }) }
            </select>
            <span class="hint">{ format!(" {}", w.t("inspector.reruns")) }</span>
        </label>
    }
}

/// Messages to or from the node, each with drop and delay: the keyboard's way to reach dots.
fn in_flight(world: &WorldView, id: u32, dispatch: &Callback<Action>, w: Words) -> Html {
    const SHOWN: usize = 6;
    let mine: Vec<_> = world.messages.iter().filter(|m| m.from == id || m.to == id).collect();
    if mine.is_empty() {
        return Html::default();
    }
    html! {
        <div class="in-flight">
            <h3>{ w.f("inspector.in_flight", &[("id", &id)]) }</h3>
            <ul>
                { for mine.iter().take(SHOWN).map(|m| {
                    let mid = m.id;
                    let select = dispatch.reform(move |_: MouseEvent| Action::Select(Some(Selected::Message(mid))));
                    html! {
                        <li data-message={mid.to_string()}>
                            <button class="link" onclick={select}>{ format!("{} P{}→P{}", m.view.label, m.from, m.to) }</button>
                        </li>
                    }
                }) }
                if mine.len() > SHOWN { <li class="hint">{ w.f("inspector.more", &[("n", &(mine.len() - SHOWN))]) }</li> }
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_command_name_becomes_a_label() {
        assert_eq!(super::command_label("client_request"), "Client request");
        assert_eq!(super::command_label("timeout"), "Timeout");
        assert_eq!(super::command_label(""), "");
    }
}

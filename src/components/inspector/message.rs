//! The inspector of one message in flight: where it goes, when it arrives, and drop / delay.

use consenso_core::sim::view::{Fate, MessageSnapshot};
use consenso_core::sim::Time;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::Words;
use crate::state::{Action, Intervention};

/// The delays offered, in ms.
const DELAYS: &[u64] = &[20, 50, 100, 200, 500, 1000];

#[derive(Properties, PartialEq)]
pub struct MessageInspectorProps {
    pub message: MessageSnapshot,
    pub now: Time,
    pub dispatch: Callback<Action>,
    pub close: Html,
    pub words: Words,
}

#[function_component(MessageInspector)]
pub fn message_inspector(props: &MessageInspectorProps) -> Html {
    let (m, w) = (&props.message, props.words);
    let id = m.id;
    let delay = use_state(|| 100u64);
    let drop = props.dispatch.reform(move |_: MouseEvent| Action::Intervene(Intervention::Drop(id)));
    let by = *delay;
    let delay_it = props.dispatch.reform(move |_: MouseEvent| Action::Intervene(Intervention::Delay { message: id, by_ms: by }));
    let choose = {
        let delay = delay.clone();
        Callback::from(move |e: Event| {
            delay.set(e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(100));
        })
    };
    let left = m.until.saturating_sub(props.now).div_ceil(1000);
    let fate = match m.fate {
        Fate::Deliver => w.f("inspector.arrives", &[("t", &left)]),
        Fate::Lost => w.f("inspector.lost", &[("t", &left)]),
        Fate::Cut => w.f("inspector.cut", &[("t", &left)]),
        Fate::Dropped => w.t("inspector.dropped").to_string(),
    };
    let alive = m.fate == Fate::Deliver;
    html! {
        <section id="inspector" class="inspector" data-message={id.to_string()} aria-labelledby="inspector-title">
            <h2 id="inspector-title">{ m.view.label.clone() }<span class="status">{ w.f("inspector.message", &[("id", &id)]) }</span>{ props.close.clone() }</h2>
            <dl class="rows">
                <dt>{ w.t("inspector.route") }</dt><dd>{ format!("P{} → P{}", m.from, m.to) }</dd>
                <dt>{ w.t("inspector.kind") }</dt><dd>{ m.view.kind.clone() }</dd>
                <dt>{ w.t("inspector.sent") }</dt><dd>{ format!("{} ms", m.sent / 1000) }</dd>
                <dt>{ w.t("inspector.fate") }</dt><dd>{ fate }</dd>
            </dl>
            <div class="actions" role="group" aria-label={w.f("inspector.message_interventions", &[("id", &id)])}>
                <button data-command="drop" class="danger" disabled={!alive} onclick={drop}>{ w.t("inspector.drop") }</button>
                <label class="visually-hidden" for="delay-by">{ w.t("inspector.delay_by") }</label>
                <select id="delay-by" onchange={choose}>
                    { for DELAYS.iter().map(|&d| html! { <option value={d.to_string()} selected={d == by}>{ format!("{d} ms") }</option> }) }
                </select>
                <button data-command="delay" disabled={!alive} onclick={delay_it}>{ w.t("inspector.delay") }</button>
            </div>
        </section>
    }
}

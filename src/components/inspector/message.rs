//! The inspector of one message in flight: where it goes, when it arrives, and drop / delay.

use consenso_core::sim::view::{Fate, MessageSnapshot};
use consenso_core::sim::Time;
use yew::prelude::*;

use crate::i18n::Words;
use crate::state::{Action, Intervention};

/// The delays offered, in ms, and the one chosen at first.
const DELAYS: &[u64] = &[20, 50, 100, 200, 500, 1000];
const FIRST_DELAY: u64 = 100;

/// Props of `message_inspector`, a plain function like `inspector` (mod.rs) and for its reason.
pub struct MessageInspectorProps {
    pub message: MessageSnapshot,
    pub now: Time,
    pub dispatch: Callback<Action>,
    pub close: Html,
    pub words: Words,
}

pub fn message_inspector(props: MessageInspectorProps) -> Html {
    let (m, w) = (&props.message, props.words);
    let id = m.id;
    let drop = props.dispatch.reform(move |_: MouseEvent| Action::Intervene(Intervention::Drop(id)));
    // The select keeps its own choice (the page never sets it after the first render), read
    // when the button is pressed: no state, so no component.
    let delay_it = props.dispatch.reform(move |_: MouseEvent| {
        let by_ms = super::field_value("delay-by").and_then(|v| v.parse().ok()).unwrap_or(FIRST_DELAY);
        Action::Intervene(Intervention::Delay { message: id, by_ms })
    });
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
                <select id="delay-by">
                    { for DELAYS.iter().map(|&d| html! { <option value={d.to_string()} selected={d == FIRST_DELAY}>{ format!("{d} ms") }</option> }) }
                </select>
                <button data-command="delay" disabled={!alive} onclick={delay_it}>{ w.t("inspector.delay") }</button>
            </div>
        </section>
    }
}

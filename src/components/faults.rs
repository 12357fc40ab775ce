//! The network panel: pick nodes and partition them off, heal, and the loss and latency
//! sliders. Each change is an intervention at the current moment (a `partition`, `heal` or
//! `set_network` event of the scenario).

use consenso_core::sorted::SortedSet;
use std::rc::Rc;

use consenso_core::sim::NodeId;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::Words;
use crate::state::{Action, Intervention};

/// The latency slider sets the range [v, 1.5 v] ms: a spread keeps messages reordering.
pub fn latency_range(v: u64) -> [u64; 2] {
    [v, v + v / 2]
}

const LATENCY_MAX_MS: u64 = 500;

/// A component, not a plain function like the controls: its sliders are controlled (Yew writes
/// `value` back whenever they are rendered), so it must not re-render with every frame, or a
/// slider being dragged while the run plays jumps back.
#[derive(Properties, PartialEq)]
pub struct FaultsProps {
    pub nodes: usize,
    pub picked: Rc<SortedSet<NodeId>>,
    /// The network in force now: latency range (ms) and loss probability.
    pub latency_ms: [u64; 2],
    pub loss: f64,
    pub cut: bool,
    pub dispatch: Callback<Action>,
    pub words: Words,
}

#[function_component(Faults)]
pub fn faults(props: &FaultsProps) -> Html {
    let (d, w) = (&props.dispatch, props.words);
    let picked: Vec<NodeId> = props.picked.iter().copied().collect();
    let partition = d.reform(move |_: MouseEvent| Action::Intervene(Intervention::PartitionOff(picked.clone())));
    let heal = d.reform(|_: MouseEvent| Action::Intervene(Intervention::Heal));
    let loss = d.reform(|e: Event| {
        // Whole percents: parsing floats would pull a float parser into the bundle.
        let pct: u32 = e.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(0);
        Action::Intervene(Intervention::Network { latency_ms: None, loss: Some(f64::from(pct.min(100)) / 100.0) })
    });
    let latency = d.reform(|e: Event| {
        let v: u64 = e.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(10);
        Action::Intervene(Intervention::Network { latency_ms: Some(latency_range(v)), loss: None })
    });
    let loss_pct = (props.loss * 100.0).round() as u64;
    let [lo, hi] = props.latency_ms;
    html! {
        <section class="faults" aria-labelledby="faults-title">
            <h2 id="faults-title">{ w.t("faults.title") }</h2>
            <div class="picks" role="group" aria-label={w.t("faults.picked")}>
                { for (1..=props.nodes as NodeId).map(|id| {
                    let on = props.picked.contains(&id);
                    let toggle = d.reform(move |_: MouseEvent| Action::TogglePick(id));
                    html! { <button class="pick" data-pick={id.to_string()} aria-pressed={on.to_string()} onclick={toggle}>{ format!("P{id}") }</button> }
                }) }
            </div>
            <div class="actions">
                <button id="partition" disabled={props.picked.is_empty()} onclick={partition}>{ w.t("faults.partition") }</button>
                <button id="heal" disabled={!props.cut} onclick={heal}>{ w.t("faults.heal") }</button>
            </div>
            <label class="slider">
                <span>{ format!("{} ", w.t("faults.loss")) }<strong id="loss-value">{ format!("{loss_pct} %") }</strong></span>
                <input id="loss" type="range" min="0" max="100" step="5" value={loss_pct.to_string()}
                    aria-valuetext={w.f("faults.loss_text", &[("p", &loss_pct)])} onchange={loss} />
            </label>
            <label class="slider">
                <span>{ format!("{} ", w.t("faults.latency")) }<strong id="latency-value">{ format!("{lo}–{hi} ms") }</strong></span>
                <input id="latency" type="range" min="0" max={LATENCY_MAX_MS.to_string()} step="5" value={lo.min(LATENCY_MAX_MS).to_string()}
                    aria-valuetext={w.f("faults.latency_text", &[("lo", &lo), ("hi", &hi)])} onchange={latency} />
            </label>
        </section>
    }
}

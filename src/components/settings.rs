//! The run's node count and seed: changing one rebuilds the scenario with it (refused with a
//! message naming the problem when the protocol or the scenario cannot take it).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::Words;
use crate::state::Action;

/// A component, not a plain function like the controls: its inputs are controlled (Yew writes
/// `value` back into a field whenever the field is rendered), so it must not re-render with
/// every frame, or what is being typed is overwritten while the run plays.
#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub nodes: usize,
    pub seed: u64,
    pub dispatch: Callback<Action>,
    pub words: Words,
}

#[function_component(Settings)]
pub fn settings(props: &SettingsProps) -> Html {
    let value = |e: Event| e.target_unchecked_into::<HtmlInputElement>().value();
    let nodes = props.dispatch.reform(move |e: Event| Action::SetNodes(value(e)));
    let seed = props.dispatch.reform(move |e: Event| Action::SetSeed(value(e)));
    html! {
        <div class="settings">
            <label>{ format!("{} ", props.words.t("settings.nodes")) }<input id="nodes" type="number" min="1" max="64" value={props.nodes.to_string()} onchange={nodes} /></label>
            <label>{ format!("{} ", props.words.t("settings.seed")) }<input id="seed" type="text" inputmode="numeric" size="8" value={props.seed.to_string()} onchange={seed} /></label>
        </div>
    }
}

//! The protocol and scenario picker: one list, grouped by protocol.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::catalog::{self, CATALOG};
use crate::i18n::Words;

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// The catalog id now shown, if the scenario came from the catalog.
    pub current: Option<&'static str>,
    pub on_load: Callback<&'static str>,
    pub words: Words,
}

#[function_component(Picker)]
pub fn picker(props: &PickerProps) -> Html {
    let w = props.words;
    let onchange = {
        let on_load = props.on_load.clone();
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(entry) = catalog::by_id(&id) {
                on_load.emit(entry.id);
            }
        })
    };
    html! {
        <label class="picker">
            <span class="visually-hidden">{ w.t("picker.label") }</span>
            <select id="scenario" aria-label={w.t("picker.label")} {onchange}>
                if props.current.is_none() { <option selected=true disabled=true>{ w.t("picker.custom") }</option> }
                { for catalog::protocols().into_iter().map(|p| html! {
                    <optgroup label={w.or(&format!("protocol.{p}"), p).to_string()}>
                        { for CATALOG.iter().filter(|e| e.protocol == p).map(|e| html! {
                            <option value={e.id} selected={props.current == Some(e.id)}>{ w.or(&format!("scenario.{}", e.id), e.id).to_string() }</option>
                        }) }
                    </optgroup>
                }) }
            </select>
        </label>
    }
}

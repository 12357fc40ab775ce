//! The protocol and scenario picker: one list, grouped by protocol.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::catalog::{self, CATALOG};

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// The catalog id now shown, if the scenario came from the catalog.
    pub current: Option<&'static str>,
    pub on_load: Callback<&'static str>,
}

#[function_component(Picker)]
pub fn picker(props: &PickerProps) -> Html {
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
            <span class="visually-hidden">{ "Protocol and scenario" }</span>
            <select id="scenario" aria-label="Protocol and scenario" {onchange}>
                if props.current.is_none() { <option selected=true disabled=true>{ "Custom scenario" }</option> }
                { for catalog::protocols().into_iter().map(|p| html! {
                    <optgroup label={protocol_name(p)}>
                        { for CATALOG.iter().filter(|e| e.protocol == p).map(|e| html! {
                            <option value={e.id} selected={props.current == Some(e.id)}>{ e.title }</option>
                        }) }
                    </optgroup>
                }) }
            </select>
        </label>
    }
}

fn protocol_name(p: &str) -> &'static str {
    match p {
        "ring" => "Ring election",
        "bully" => "Bully election",
        "raft" => "Raft",
        "paxos" => "Paxos",
        "om" => "Byzantine generals",
        _ => "Other",
    }
}

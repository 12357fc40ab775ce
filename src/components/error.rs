//! Shown instead of the drawing when the scenario cannot run: the page is never blank.

use yew::prelude::*;

use crate::i18n::Words;

#[derive(Properties, PartialEq)]
pub struct ErrorProps {
    pub message: AttrValue,
    /// Offer the default scenario instead.
    pub on_default: Callback<()>,
    pub words: Words,
}

#[function_component(ErrorPanel)]
pub fn error_panel(props: &ErrorProps) -> Html {
    let w = props.words;
    let open_default = props.on_default.reform(|_: MouseEvent| ());
    html! {
        <section id="error" role="alert">
            <h2>{ w.t("error.title") }</h2>
            <p class="message"><code>{ props.message.clone() }</code></p>
            <p>{ w.t("error.hint") }</p>
            <button id="open-default" onclick={open_default}>{ w.t("control.open_default") }</button>
        </section>
    }
}

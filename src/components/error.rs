//! Shown instead of the drawing when the scenario cannot run: the page is never blank.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorProps {
    pub message: AttrValue,
    /// Offer the default scenario instead.
    pub on_default: Callback<()>,
}

#[function_component(ErrorPanel)]
pub fn error_panel(props: &ErrorProps) -> Html {
    let open_default = props.on_default.reform(|_: MouseEvent| ());
    html! {
        <section id="error" role="alert">
            <h2>{ "This scenario cannot run" }</h2>
            <p class="message"><code>{ props.message.clone() }</code></p>
            <p>{ "Fix what is named above, or start from a scenario that works." }</p>
            <button id="open-default" onclick={open_default}>{ "Open the default scenario" }</button>
        </section>
    }
}

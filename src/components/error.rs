//! Shown instead of the drawing when the scenario cannot run: the page is never blank.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorProps {
    pub message: AttrValue,
}

#[function_component(ErrorPanel)]
pub fn error_panel(props: &ErrorProps) -> Html {
    html! {
        <section id="error" role="alert">
            <h2>{ "This scenario cannot run" }</h2>
            <p class="message"><code>{ props.message.clone() }</code></p>
            <p>{ "Fix the field named above and load the scenario again." }</p>
        </section>
    }
}

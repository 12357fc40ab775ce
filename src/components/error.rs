//! Shown instead of the drawing when the scenario cannot run: the page is never blank.

use yew::prelude::*;

use crate::i18n::Words;

/// Props of `error_panel`, a plain function rather than a component: no state, and it shows
/// only when nothing runs (no frames to re-render it).
pub struct ErrorProps {
    pub message: AttrValue,
    /// Offer the default scenario instead.
    pub on_default: Callback<()>,
    pub words: Words,
}

pub fn error_panel(props: ErrorProps) -> Html {
    let w = props.words;
    let open_default = props.on_default.reform(|_: MouseEvent| ());
    html! {
        <section id="error" role="alert">
            <h2>{ w.t("error.title") }</h2>
            <p class="message"><code>{ props.message }</code></p>
            <p>{ w.t("error.hint") }</p>
            <button id="open-default" onclick={open_default}>{ w.t("control.open_default") }</button>
        </section>
    }
}

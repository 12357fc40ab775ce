//! The keyboard help overlay (`?`), a modal dialog listing every shortcut.

use yew::prelude::*;

use crate::keys::SHORTCUTS;
use crate::i18n::Words;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub dispatch: Callback<Action>,
    pub words: Words,
}

#[function_component(Help)]
pub fn help(props: &HelpProps) -> Html {
    let w = props.words;
    let close = props.dispatch.reform(|_: MouseEvent| Action::ToggleHelp);
    let button = use_node_ref();
    // Focus goes to the dialog's button, so Enter or Space closes it again.
    {
        let button = button.clone();
        use_effect_with((), move |_| {
            if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    html! {
        <div class="overlay">
            <div id="help" role="dialog" aria-modal="true" aria-labelledby="help-title">
                <h2 id="help-title">{ w.t("help.title") }</h2>
                <table>
                    { for SHORTCUTS.iter().map(|(keys, what)| html! { <tr><th scope="row"><kbd>{ w.t(keys) }</kbd></th><td>{ w.t(what) }</td></tr> }) }
                </table>
                <p class="hint">{ w.t("help.hint") }</p>
                <button id="help-close" ref={button} onclick={close}>{ w.t("help.close") }</button>
            </div>
        </div>
    }
}

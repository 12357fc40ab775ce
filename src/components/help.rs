//! The keyboard help overlay (`?`), a modal dialog listing every shortcut.

use yew::prelude::*;

use crate::keys::SHORTCUTS;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub dispatch: Callback<Action>,
}

#[function_component(Help)]
pub fn help(props: &HelpProps) -> Html {
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
                <h2 id="help-title">{ "Keyboard shortcuts" }</h2>
                <table>
                    { for SHORTCUTS.iter().map(|(keys, what)| html! { <tr><th scope="row"><kbd>{ *keys }</kbd></th><td>{ *what }</td></tr> }) }
                </table>
                <p class="hint">{ "Click a node to inspect it; shift-click to pick it for a partition. \
                    Every intervention is added to the scenario, so Restart replays it; intervening in the past \
                    forks the history there and discards your later interventions." }</p>
                <button id="help-close" ref={button} onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}

//! "Share this moment": puts the scenario and the time shown into the address bar, copies that
//! link, and shows it selected in a text field (the only way when the clipboard is refused,
//! and a visible confirmation when it is not).

use std::rc::Rc;

use consenso_core::sim::Time;
use js_sys::Reflect;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Clipboard, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::Words;
use crate::share;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub source: Rc<str>,
    pub t: Time,
    pub words: Words,
}

#[derive(Clone, PartialEq)]
struct Shared {
    link: String,
    at: Time,
    copied: bool,
}

#[function_component(ShareButton)]
pub fn share_button(props: &ShareProps) -> Html {
    let w = props.words;
    let shared = use_state(|| None::<Shared>);
    let field = use_node_ref();
    let onclick = {
        let (shared, source, at) = (shared.clone(), props.source.clone(), props.t);
        Callback::from(move |_: MouseEvent| {
            let shared = shared.clone();
            let source = source.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let href = share::location().and_then(|l| l.href().ok()).unwrap_or_default();
                let link = share::link_for(&href, &source, at).await;
                if let Some(i) = link.find('#') {
                    share::set_fragment(&link[i..]);
                }
                let copied = copy(&link).await;
                shared.set(Some(Shared { link, at, copied }));
            });
        })
    };
    {
        // Select the link so Ctrl+C (or a long press) copies it.
        let field = field.clone();
        use_effect_with((*shared).clone(), move |_| {
            if let Some(input) = field.cast::<HtmlInputElement>() {
                input.select();
            }
        });
    }
    let select_all = Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select());
    html! {
        <div class="share">
            <button id="share" {onclick} aria-label={w.t("share.aria")}>{ w.t("share.button") }</button>
            if let Some(s) = &*shared {
                <label class="share-link">
                    <span id="share-status" role="status">
                        { w.f(if s.copied { "share.copied" } else { "share.copy_this" }, &[("t", &(s.at / 1000))]) }
                    </span>
                    <input id="share-link" ref={field} type="text" readonly=true value={s.link.clone()} onfocus={select_all} />
                </label>
            }
        </div>
    }
}

/// Copy `text` to the clipboard; false when the browser has no clipboard API or refuses.
async fn copy(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return false };
    let clipboard = Reflect::get(&navigator, &"clipboard".into()).ok().and_then(|c| c.dyn_into::<Clipboard>().ok());
    match clipboard {
        Some(c) => JsFuture::from(c.write_text(text)).await.is_ok(),
        None => false,
    }
}

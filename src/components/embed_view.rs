//! `?embed`: the compact view for an iframe in course notes. The drawing, its sentence,
//! play/pause and restart, and a link to the full page; no picker, header or panels.

use std::rc::Rc;

use consenso_core::sim::view::WorldView;
use yew::prelude::*;

use super::caption::{caption, CaptionProps};
use super::network::NetworkView;
use crate::state::{Kind, Note};

/// A plain function, not a component: it has no state of its own, and each component costs
/// the wasm bundle a copy of Yew's component machinery.
pub struct EmbedProps {
    pub world: Rc<WorldView>,
    pub note: Option<Rc<Note>>,
    pub kinds: Rc<Vec<Kind>>,
    pub summary: String,
    pub playing: bool,
    /// The same link without `embed`, opened in a new tab.
    pub full_page: String,
    pub on_toggle: Callback<()>,
    pub on_restart: Callback<()>,
    pub words: crate::i18n::Words,
}

pub fn embed_view(props: EmbedProps) -> Html {
    let w = props.words;
    let t = |key| w.t(key);
    let label = t(if props.playing { "control.pause" } else { "control.play" });
    html! {
        <div class="embed">
            <figure class="stage">
                <NetworkView world={props.world.clone()} summary={props.summary} words={w} />
                <figcaption>
                    { caption(CaptionProps { note: props.note.clone(), world: props.world.clone(), kinds: props.kinds.clone(), words: w }) }
                </figcaption>
            </figure>
            <div class="embed-bar">
                <button id="play" class={if props.playing { "pause" } else { "play" }} aria-label={label}
                        onclick={props.on_toggle.reform(|_: MouseEvent| ())}>{ label }</button>
                <button id="restart" aria-label={t("control.restart")} onclick={props.on_restart.reform(|_: MouseEvent| ())}>
                    { t("control.restart") }
                </button>
                <a class="open-full" href={props.full_page} target="_blank" rel="noopener">
                    { t("embed.open_full") }<span aria-hidden="true">{ " ↗" }</span>
                </a>
            </div>
        </div>
    }
}

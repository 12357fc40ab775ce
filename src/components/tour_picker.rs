//! The header's guided-tour list and language list. Tours are named by their protocol's name
//! in the page's language (their own titles live in the tour files, fetched only when opened);
//! languages by their own names, so a reader finds theirs whatever the page shows.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::{text, Lang};
use crate::tour::TOURS;

/// `on_tour` gets a tour id; `on_lang` a language.
pub fn tour_picker(current: Option<&str>, lang: Lang, on_tour: Callback<String>, on_lang: Callback<Lang>) -> Html {
    let chosen = |e: Event| e.target_unchecked_into::<HtmlSelectElement>().value();
    let tour_change = on_tour.reform(move |e: Event| chosen(e));
    let lang_change = Callback::from(move |e: Event| {
        if let Some(l) = Lang::from_tag(&chosen(e)) {
            on_lang.emit(l);
        }
    });
    let choose = text(lang, "tour.choose");
    html! {
        <>
            <label class="picker tour-picker">
                <span class="visually-hidden">{ choose }</span>
                <select id="tour-picker" aria-label={choose} onchange={tour_change}>
                    <option value="" selected={current.is_none()} disabled=true>{ choose }</option>
                    { for TOURS.iter().map(|id| html! {
                        <option value={*id} selected={current == Some(*id)}>{ text(lang, &format!("tour.name.{id}")) }</option>
                    }) }
                </select>
            </label>
            <label class="picker lang-picker">
                <span class="visually-hidden">{ text(lang, "language.label") }</span>
                <select id="lang" aria-label={text(lang, "language.label")} onchange={lang_change}>
                    { for Lang::ALL.iter().map(|l| html! {
                        <option value={l.code()} lang={l.code()} selected={*l == lang}>{ l.endonym() }</option>
                    }) }
                </select>
            </label>
        </>
    }
}

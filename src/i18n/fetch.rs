//! Portuguese and Spanish are files (`i18n/pt.json`, copied into the site by Trunk) fetched
//! when a reader chooses the language, so readers of English do not download them inside the
//! wasm. English is compiled in and shows until they arrive.

use wasm_bindgen::prelude::*;

use super::strings::{install, installed};
use super::Lang;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console)]
    fn warn(s: &str);
}

/// Fetch and install `lang`'s words unless they are here; `arrived` is called once they are.
/// A failure leaves English and says so in one console warning (the page stays usable).
pub fn ensure(lang: Lang, arrived: impl FnOnce() + 'static) {
    if installed(lang) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let url = format!("i18n/{}.json", lang.code());
        let installed = match crate::fetch::fetch_text(&url).await {
            Ok(src) => install(lang, &src),
            Err(why) => Err(super::Words::of(Lang::En).told(&why)),
        };
        match installed {
            Ok(()) => arrived(),
            Err(problem) => warn(&format!("consenso: {url}: {problem}; the page stays in English")),
        }
    });
}

//! Portuguese and Spanish are files (`i18n/pt.json`, copied into the site by Trunk) fetched
//! when a reader chooses the language, so readers of English do not download them inside the
//! wasm. English is compiled in and shows until they arrive.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

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
        match fetch_text(&url).await.and_then(|src| install(lang, &src)) {
            Ok(()) => arrived(),
            Err(problem) => warn(&format!("consenso: {url}: {problem}; the page stays in English")),
        }
    });
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window to fetch from")?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| "the network request failed")?;
    let response: Response = response.dyn_into().map_err(|_| "not an HTTP response")?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let body = JsFuture::from(response.text().map_err(|_| "no body")?).await.map_err(|_| "the body could not be read")?;
    body.as_string().ok_or_else(|| "the body is not text".into())
}

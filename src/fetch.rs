//! A static file of the site as text, relative to the page: the guided tours (src/tour) and
//! the page's words in other languages (src/i18n) travel this way. One function for both, so
//! the bundle holds its future once.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::told::Told;

/// The file's text, or what went wrong in a few words.
pub async fn fetch_text(url: &str) -> Result<String, Told> {
    fn no<T>(key: &'static str) -> impl FnOnce(T) -> Told {
        move |_| Told::key(key, [])
    }
    let window = web_sys::window().ok_or(()).map_err(no("fetch.no_window"))?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(no("fetch.failed"))?;
    let response: Response = response.dyn_into().map_err(no("fetch.not_http"))?;
    if !response.ok() {
        return Err(Told::key("fetch.status", [("status", response.status().into()), ("text", response.status_text().into())]));
    }
    let body = response.text().map_err(no("fetch.body_cannot"))?;
    let text = JsFuture::from(body).await.map_err(no("fetch.body_failed"))?;
    text.as_string().ok_or(()).map_err(no("fetch.not_text"))
}

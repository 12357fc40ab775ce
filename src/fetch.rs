//! A static file of the site as text, relative to the page: the guided tours (src/tour) and
//! the page's words in other languages (src/i18n) travel this way. One function for both, so
//! the bundle holds its future once.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// The file's text, or what went wrong in a few words.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window to fetch from")?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| "the network request failed")?;
    let response: Response = response.dyn_into().map_err(|_| "the answer is not an HTTP response")?;
    if !response.ok() {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    let body = response.text().map_err(|_| "the body cannot be read")?;
    let text = JsFuture::from(body).await.map_err(|_| "the body could not be read")?;
    text.as_string().ok_or_else(|| "the body is not text".into())
}

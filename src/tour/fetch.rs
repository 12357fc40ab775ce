//! Tours are static files (tours/ is copied into the site by Trunk) fetched when a reader opens
//! one: all five tours in three languages are ~40 KB gzipped, too much to compile into the wasm
//! for readers who never take a tour. Only the two files of the chosen tour and language travel.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use super::{file_name, load, Tour, TourError, TOURS};
use crate::i18n::Lang;

/// Fetch a tour's structure and one language's texts (relative to the page) and check them.
pub async fn fetch(tour: &str, lang: Lang) -> Result<Tour, TourError> {
    if !TOURS.contains(&tour) {
        return Err(TourError::UnknownTour { id: tour.to_string(), known: TOURS.iter().map(|t| t.to_string()).collect() });
    }
    let structure = fetch_text(&file_name(tour, None)).await?;
    let texts = fetch_text(&file_name(tour, Some(lang))).await?;
    load(tour, lang, &structure, &texts)
}

async fn fetch_text(url: &str) -> Result<String, TourError> {
    let fail = |problem: String| TourError::Fetch { file: url.to_string(), problem };
    let window = web_sys::window().ok_or_else(|| fail("no window to fetch from".into()))?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| fail("the network request failed".into()))?;
    let response: Response = response.dyn_into().map_err(|_| fail("the answer is not an HTTP response".into()))?;
    if !response.ok() {
        return Err(fail(format!("the server answered {} {}", response.status(), response.status_text())));
    }
    let body = response.text().map_err(|_| fail("the body cannot be read".into()))?;
    let text = JsFuture::from(body).await.map_err(|_| fail("the body could not be read".into()))?;
    text.as_string().ok_or_else(|| fail("the body is not text".into()))
}

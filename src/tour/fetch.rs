//! Tours are static files (tours/ is copied into the site by Trunk) fetched when a reader opens
//! one: all five tours in three languages are ~40 KB gzipped, too much to compile into the wasm
//! for readers who never take a tour. Only the two files of the chosen tour and language travel.

use super::{file_name, load, Tour, TourError, TOURS};
use crate::i18n::Lang;
use crate::told::Told;

/// Fetch a tour's structure and one language's texts (relative to the page) and check them.
pub async fn fetch(tour: &str, lang: Lang) -> Result<Tour, TourError> {
    if !TOURS.contains(&tour) {
        return Err(TourError::other(Told::key("tour.not_found", [("tour", tour.into()), ("tours", TOURS.join(", ").into())])));
    }
    let structure = fetch_text(&file_name(tour, None)).await?;
    let texts = fetch_text(&file_name(tour, Some(lang))).await?;
    load(tour, lang, &structure, &texts)
}

async fn fetch_text(url: &str) -> Result<String, TourError> {
    crate::fetch::fetch_text(url).await.map_err(|why| TourError::other(Told::key("tour.not_loaded", [("url", url.into()), ("why", why)])))
}

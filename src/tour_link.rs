//! The page's side of guided tours: fetching a tour (from the link, the picker or a change of
//! language), the page's language, and recording tour, step and language in the address bar
//! so a teacher can link to "Raft, step 7".

use yew::prelude::*;

use crate::i18n::{self, Lang};
use crate::state::{Action, TourAt};
use crate::told::Told;

/// Which step to show once the tour is fetched.
pub enum StepKey {
    /// As a link names it: an id or a number from 1 (refused with a message if neither).
    Named(String),
    Index(usize),
}

/// The page's language: `?lang=` if it names one of ours, else the browser's, else English.
pub fn page_lang(search: &str) -> Lang {
    i18n::choose(i18n::query_lang(search), &browser_langs().iter().map(String::as_str).collect::<Vec<_>>())
}

fn browser_langs() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let list: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() { nav.language().into_iter().collect() } else { list }
}

/// Fetch tour `id` in `lang` and show step `key` of it (or say why not).
pub fn open(dispatch: Callback<Action>, id: String, lang: Lang, key: StepKey) {
    wasm_bindgen_futures::spawn_local(async move {
        let action = match fetched(&id, lang).await {
            Err(why) => Action::TourFailed(why),
            Ok(tour) => match key {
                StepKey::Index(step) => Action::OpenTour { tour: tour.into(), step },
                StepKey::Named(name) => match tour.find_step(&name) {
                    Some(step) => Action::OpenTour { tour: tour.into(), step },
                    None => Action::TourFailed(unknown_step(&tour, &name)),
                },
            },
        };
        dispatch.emit(action);
    });
}

/// The refusal of a `step=` the tour does not have, listing what it has.
pub fn unknown_step(tour: &crate::tour::Tour, name: &str) -> Told {
    let ids: Vec<&str> = tour.steps.iter().map(|s| s.id.as_str()).collect();
    let args = [("got", crate::link::clip(name)), ("tour", tour.id.as_str().into()), ("n", tour.steps.len().into()), ("ids", ids.join(", ").into())];
    Told::key("link.no_step", args)
}

#[cfg(target_arch = "wasm32")]
async fn fetched(id: &str, lang: Lang) -> Result<crate::tour::Tour, Told> {
    crate::tour::fetch(id, lang).await.map_err(crate::tour::TourError::told)
}

#[cfg(not(target_arch = "wasm32"))]
async fn fetched(id: &str, _: Lang) -> Result<crate::tour::Tour, Told> {
    Err(Told::Text(format!("tour {id}: tours are fetched by the page in a browser")))
}

/// Open the tour a link names, once. True while it is being fetched, so the page does not
/// flash another scenario first.
#[hook]
pub fn use_linked_tour(link: Option<(String, Option<String>)>, lang: Lang, dispatch: Callback<Action>) -> bool {
    let pending = use_state(|| link.is_some());
    {
        let pending = pending.clone();
        use_effect_with((), move |_| {
            if let Some((id, step)) = link {
                let key = StepKey::Named(step.unwrap_or_else(|| "1".into()));
                let done = dispatch.reform(move |a| {
                    pending.set(false);
                    a
                });
                open(done, id, lang, key);
            }
        });
    }
    *pending
}

/// Say the page's language to the browser and screen readers (`<html lang>`).
#[hook]
pub fn use_document_lang(lang: Lang) {
    use_effect_with(lang, |lang| {
        let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
}

/// Keep the address bar's `tour`, `step` and `lang` in step with the page; other parameters
/// stay. A share link's fragment is dropped once a tour shows, or reloading would open both.
#[hook]
pub fn use_recorded_tour(tour: Option<&TourAt>, lang: Lang, linked_lang: bool, pending: bool) {
    let key = tour.map(|at| (at.tour.id.clone(), at.current().id.clone()));
    use_effect_with((key, lang, pending), move |(key, lang, pending)| {
        let Some(l) = crate::share::location().filter(|_| !*pending) else { return };
        let search = l.search().unwrap_or_default();
        let mut kept: Vec<String> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty() && !matches!(p.split('=').next(), Some("tour" | "step" | "lang")))
            .map(String::from)
            .collect();
        if let Some((id, step)) = key {
            kept.push(format!("tour={id}"));
            kept.push(format!("step={step}"));
        }
        if key.is_some() || linked_lang || *lang != page_lang("") {
            kept.push(format!("lang={lang}"));
        }
        let query = if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) };
        let fragment = if key.is_some() { String::new() } else { l.hash().unwrap_or_default() };
        let path = l.pathname().unwrap_or_default();
        if query != search || (key.is_some() && !l.hash().unwrap_or_default().is_empty()) {
            crate::share::set_fragment(&format!("{path}{query}{fragment}"));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_the_tour_lacks_is_named_with_what_it_has() {
        let read = |p: String| std::fs::read_to_string(format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let file = |l| crate::tour::file_name("bully", l);
        let tour = crate::tour::load("bully", Lang::Es, &read(file(None)), &read(file(Some(Lang::Es)))).unwrap();
        let e = unknown_step(&tour, "99").en();
        assert!(e.starts_with("link parameter step: '99' is not a step of tour bully"), "{e}");
        assert!(e.contains(&format!("1..={}", tour.steps.len())) && e.contains(&tour.steps[0].id), "{e}");
    }
}

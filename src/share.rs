//! Share links: the scenario and the moment shown, in the URL fragment (see `hash.rs`), and
//! opening such a link (or an imported file) as a paused run.

use std::rc::Rc;

use consenso_core::scenario::limits::MAX_BYTES;
use consenso_core::sim::Time;
use consenso_core::Scenario;
use yew::prelude::*;
use yew::Reducible;

use crate::hash::{self, Payload};
use crate::state::{Action, AppState, DEFAULT_SCENARIO};
use crate::told::Told;

/// A scenario to open, from a link or a file, and where it came from (errors name it).
pub struct Opening {
    pub source: Result<String, Told>,
    /// Paused at this moment; `None` plays from the start.
    pub at: Option<Time>,
    pub origin: Told,
}

impl Opening {
    /// The state showing this scenario, or the error panel saying why it cannot run.
    pub fn apply(self, current: &AppState) -> AppState {
        let refused = |why: Told| AppState {
            run: Err(Told::key("share.refused", [("where", self.origin.clone()), ("why", why)])),
            playing: false,
            entry: None,
            slowdown: current.slowdown,
            ..AppState::new(DEFAULT_SCENARIO)
        };
        let text = match self.source {
            Ok(text) => text,
            Err(why) => return refused(why),
        };
        let mut state = AppState::new(&text);
        if let Err(why) = state.run {
            return refused(why);
        }
        state.slowdown = current.slowdown;
        state.entry = catalog_entry_of(&text);
        match self.at {
            None => state,
            Some(t) => {
                let paused = Rc::new(AppState { playing: false, ..state });
                (*paused.reduce(Action::Seek(t))).clone()
            }
        }
    }
}

/// The catalog entry whose scenario this is (however it is formatted), so the picker shows it.
pub(crate) fn catalog_entry_of(text: &str) -> Option<&'static str> {
    let scenario = Scenario::parse(text).ok()?;
    crate::catalog::CATALOG.iter().find(|e| Scenario::parse(e.text).is_ok_and(|s| s == scenario)).map(|e| e.id)
}

/// The scenario as compact JSON, for links (whitespace would only cost characters). Through
/// `serde_json::Value`, whose printer the bundle has anyway (serialising `Scenario` itself
/// would add its Serialize code to the wasm).
pub fn compact(source: &str) -> String {
    serde_json::from_str::<serde_json::Value>(source).map_or_else(|_| source.to_string(), |v| serde_json::to_string(&v).unwrap_or_default())
}

/// The full link to `source` shown at `at`: this page without its query (the fragment says
/// everything), plus the fragment.
pub async fn link_for(page: &str, source: &str, at: Time) -> String {
    let text = compact(source);
    let payload = match crate::compress::deflate(text.as_bytes()).await {
        Some(bytes) => Payload::Deflated(bytes),
        None => Payload::Plain(text),
    };
    format!("{}{}", without_query(page), hash::format(at, &payload))
}

/// What a `location.hash` opens, or `None` when there is no fragment.
pub async fn open_fragment(fragment: &str) -> Option<Opening> {
    let parsed = hash::parse(fragment)?;
    let (at, source) = match parsed {
        Err(why) => (None, Err(why)),
        Ok(f) => (Some(f.at), scenario_text(f.payload).await),
    };
    Some(Opening { source, at, origin: Told::key("share.the_link", []) })
}

async fn scenario_text(payload: Payload) -> Result<String, Told> {
    match payload {
        Payload::Plain(text) => Ok(text),
        Payload::Deflated(bytes) => {
            let text = crate::compress::inflate(&bytes, MAX_BYTES).await?;
            String::from_utf8(text).map_err(|_| Told::key("share.not_utf8", []))
        }
    }
}

/// `href` without its query and fragment.
pub fn without_query(href: &str) -> &str {
    href.split(['?', '#']).next().unwrap_or(href)
}

/// The full page for an embedded view: the same link without `embed`.
pub fn full_page(href: &str) -> String {
    let (rest, fragment) = href.split_once('#').map_or((href, ""), |(r, f)| (r, f));
    let (base, query) = rest.split_once('?').unwrap_or((rest, ""));
    let kept: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && p.split('=').next() != Some("embed")).collect();
    let query = if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) };
    let fragment = if fragment.is_empty() { String::new() } else { format!("#{fragment}") };
    format!("{base}{query}{fragment}")
}

/// The page's first state: a link's scenario waits paused while the fragment is decoded (it
/// replaces it a few ms later), rather than playing for those ms.
pub fn paused_if_shared(state: AppState) -> AppState {
    let fragment = location().and_then(|l| l.hash().ok()).unwrap_or_default();
    if hash::parse(&fragment).is_some() {
        AppState { playing: false, ..state }
    } else {
        state
    }
}

/// Drop the fragment from the address bar (after refusing it, so a reload does not repeat it).
pub fn clear_fragment() {
    if let Some(l) = location() {
        let (path, query) = (l.pathname().unwrap_or_default(), l.search().unwrap_or_default());
        set_fragment(&format!("{path}{query}"));
    }
}

pub fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// Open the scenario of the page's fragment, now and whenever it changes (a pasted link in the
/// same tab changes only the fragment). Returns true while the first one is being decoded, so
/// the page does not flash another scenario first.
#[hook]
pub fn use_shared_link(dispatch: Callback<Action>) -> bool {
    let first = location().and_then(|l| l.hash().ok()).unwrap_or_default();
    let pending = use_state(|| hash::parse(&first).is_some());
    {
        let pending = pending.clone();
        use_effect_with((), move |_| {
            let open = move |fragment: String| {
                let (dispatch, pending) = (dispatch.clone(), pending.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(opening) = open_fragment(&fragment).await {
                        dispatch.emit(Action::Open(opening));
                    }
                    pending.set(false);
                });
            };
            open.clone()(first);
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "hashchange", move |_| {
                    open(location().and_then(|l| l.hash().ok()).unwrap_or_default())
                })
            });
            move || drop(listener)
        });
    }
    *pending
}

/// Show `fragment` (or any same-page URL) in the address bar without reloading or adding a history entry.
pub fn set_fragment(fragment: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_text_is_the_same_scenario_and_shorter() {
        let pretty = crate::catalog::default_entry().text;
        let compact = compact(pretty);
        assert!(compact.len() < pretty.len() && !compact.contains('\n'));
        assert_eq!(Scenario::parse(&compact).unwrap(), Scenario::parse(pretty).unwrap());
        assert_eq!(catalog_entry_of(&compact), Some(crate::catalog::default_entry().id));
    }

    #[test]
    fn opening_a_link_shows_that_moment_paused() {
        let text = compact(crate::catalog::by_id("ring-basic").unwrap().text);
        let opening = Opening { source: Ok(text), at: Some(345_678), origin: "the shared link".into() };
        let s = opening.apply(&AppState::new(DEFAULT_SCENARIO));
        assert!(!s.playing && s.entry == Some("ring-basic"));
        let played = (*Rc::new(AppState::new(DEFAULT_SCENARIO)).reduce(Action::Seek(345_678))).clone();
        let (a, b) = (s.run.as_ref().unwrap(), played.run.as_ref().unwrap());
        assert_eq!(a.frame.t, 345_678);
        assert!(a.frame.world == b.frame.world, "the link's moment equals playing to it");
    }

    #[test]
    fn a_bad_opening_names_its_origin_and_the_problem() {
        let bad = Opening { source: Ok(r#"{"protocol":"ring","nodes":1,"seed":1,"duration_ms":9}"#.into()), at: Some(5), origin: Told::key("file.named", [("name", "x.json".into())]) };
        let msg = bad.apply(&AppState::new(DEFAULT_SCENARIO)).run.err().unwrap().en();
        assert!(msg.starts_with("file x.json: ") && msg.contains("nodes"), "{msg}");
        let corrupt = Opening { source: Err(Told::key("share.corrupt", [])), at: None, origin: Told::key("share.the_link", []) };
        let s = corrupt.apply(&AppState::new(DEFAULT_SCENARIO));
        let said = s.run.err().unwrap().en();
        assert_eq!(said, "the shared link: the data is corrupt (it does not decompress); was the link cut short or edited?");
        assert!(!s.playing);
    }

    #[test]
    fn the_full_page_drops_only_embed() {
        assert_eq!(full_page("https://x.org/c/?protocol=om&embed&seed=3#t=5&z=AA"), "https://x.org/c/?protocol=om&seed=3#t=5&z=AA");
        assert_eq!(full_page("https://x.org/?embed=1"), "https://x.org/");
        assert_eq!(without_query("https://x.org/c/index.html?a=1#t=2"), "https://x.org/c/index.html");
    }
}

//! The page: wires the reducer, the animation driver, the keyboard and the components.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::caption::{caption, CaptionProps};
use crate::components::embed_view::{embed_view, EmbedProps};
use crate::components::scenario_file::{scenario_file, FileProps};
use crate::components::share_button::ShareButton;
use crate::components::controls::{controls, ControlsProps};
use crate::components::error::{error_panel, ErrorProps};
use crate::components::event_log::EventLog;
use crate::components::faults::Faults;
use crate::components::help::Help;
use crate::components::inspector::{inspector, InspectorProps};
use crate::components::invariants::{invariants, InvariantsProps};
use crate::components::stage::Stage;
use crate::components::picker::Picker;
use crate::components::selection::selection_style;
use crate::components::settings::Settings;
use crate::components::timeline::Timeline;
use crate::components::selection::tour_highlight;
use crate::components::tour_panel::tour_panel;
use crate::components::tour_picker::tour_picker;
use crate::driver::use_animation_frames;
use crate::i18n::{query_lang, Lang, Words};
use crate::tour_link::{self, StepKey};
use crate::keys::use_shortcuts;
use crate::link::flag;
use crate::state::{at_ms, network_at, Action, AppState, Selected};

#[function_component(App)]
pub fn app() -> Html {
    let search = use_memo((), |_| location_search());
    let state = use_reducer(|| {
        let lang = crate::tour_link::page_lang(&search);
        let opened = crate::share::paused_if_shared(AppState { lang, ..AppState::from_link(&search) });
        crate::bench_notice::told_if_missing(opened, flag(&search, "bench"))
    });
    // One stable callback (the dispatcher never changes), so the driver, the keyboard and
    // the components keep theirs across renders.
    let dispatch = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| Callback::from(move |a: Action| dispatcher.dispatch(a)))).clone()
    };
    let on_frame = dispatch.reform(Action::Tick);
    let on_load = dispatch.reform(Action::Load);
    let pending = crate::share::use_shared_link(dispatch.clone());
    let linked_tour = crate::link::parse(&search).ok().and_then(|l| Some((l.tour?, l.step)));
    let tour_pending = crate::tour_link::use_linked_tour(linked_tour, state.lang, dispatch.clone());
    crate::tour_link::use_recorded_tour(state.tour.as_ref(), state.lang, query_lang(&search).is_some(), tour_pending);
    crate::tour_link::use_document_lang(state.lang);
    let lang = state.lang;
    use_words_of(lang, dispatch.clone());
    // Recomputed each render: `ready` turns true when the language's file has arrived.
    let w = Words::of(lang);
    crate::fatal::use_panic_on_request(flag(&search, "panic"));
    let on_default = dispatch.reform(|()| {
        crate::share::clear_fragment(); // or reloading shows the bad link again
        Action::Load(crate::catalog::default_entry().id)
    });
    let on_open = dispatch.reform(Action::Open);
    let on_jump = dispatch.reform(Action::Seek);
    let on_seek = dispatch.reform(Action::Seek);
    use_animation_frames(state.playing, on_frame);
    use_shortcuts(dispatch.clone());
    let embed = flag(&search, "embed");
    #[cfg(feature = "bench")]
    let bench = crate::bench::use_bench(flag(&search, "bench"), dispatch.clone());
    #[cfg(not(feature = "bench"))]
    let bench = Html::default(); // ?bench: a notice instead (src/bench_notice.rs)

    let body = match &state.run {
        _ if pending => html! { <p class="opening" role="status">{ w.t("app.opening_link") }</p> },
        _ if tour_pending => html! { <p class="opening" role="status">{ w.t("tour.opening") }</p> },
        Err(message) => error_panel(ErrorProps { message: w.told(message).into(), on_default, words: w }),
        Ok(run) if embed => {
            let (about, frame) = (&run.about, &run.frame);
            let summary = summary(w, about, frame.t);
            let full_page = crate::share::full_page(&crate::share::location().and_then(|l| l.href().ok()).unwrap_or_default());
            let on_toggle = dispatch.reform(|()| Action::TogglePlay);
            let on_restart = dispatch.reform(|()| Action::Restart);
            let view = embed_view(EmbedProps { world: frame.world.clone(), note: frame.note.clone(), kinds: run.kinds.clone(),
                summary, playing: state.playing, full_page, on_toggle, on_restart, words: w });
            html! {
                <>
                    if let Some(at) = &state.tour { { tour_highlight(&at.current().highlight) } }
                    { view }
                    if let Some(at) = &state.tour { { tour_panel(at, lang, &dispatch) } }
                </>
            }
        }
        Ok(run) => {
            let (about, frame) = (&run.about, &run.frame);
            let summary = summary(w, about, frame.t);
            let file_name = state.entry.map_or_else(|| format!("consenso-{}-seed{}", about.protocol, about.seed), String::from);
            let (latency_ms, loss) = network_at(&about.scenario, at_ms(frame.t));
            let highlight = state.tour.as_ref().and_then(|at| at.current().highlight.invariant.clone()).map(AttrValue::from);
            let on_stage_click = {
                let dispatch = dispatch.clone();
                Callback::from(move |e: MouseEvent| clicked(&e).into_iter().for_each(|a| dispatch.emit(a)))
            };
            html! {
                <>
                    <div class="main-col">
                        if let Some(at) = &state.tour { { tour_panel(at, lang, &dispatch) } }
                        <div class="stage-click" onclick={on_stage_click}>
                            { selection_style(state.selected, &state.picked) }
                            if let Some(at) = &state.tour { { tour_highlight(&at.current().highlight) } }
                            <Stage world={frame.world.clone()} {summary} past={run.past()} kinds={run.kinds.clone()}
                                protocol={about.protocol} on_seek={on_seek.clone()} words={w}>
                                { caption(CaptionProps { note: frame.note.clone(), world: frame.world.clone(), kinds: run.kinds.clone(), words: w }) }
                            </Stage>
                        </div>
                        <div class="panel">
                            { controls(ControlsProps { playing: state.playing, slowdown: state.slowdown, t: frame.t, end: about.end,
                                fast: frame.quiet, dispatch: dispatch.clone(), words: w }) }
                            <Timeline t={frame.t} end={about.end} marks={run.marks.clone()} dispatch={dispatch.clone()} words={w}>
                                <Settings nodes={about.nodes} seed={about.seed} dispatch={dispatch.clone()} words={w} />
                            </Timeline>
                            <div class="share-tools">
                                <ShareButton source={state.source.clone()} t={frame.t} words={w} />
                                { scenario_file(FileProps { source: state.source.clone(), name: file_name.into(), on_open, words: w }) }
                            </div>
                        </div>
                        <EventLog past={run.past()} nodes={about.nodes} playing={state.playing} {on_seek} words={w} />
                    </div>
                    <aside class="side">
                        { inspector(InspectorProps { selected: state.selected, world: frame.world.clone(), about: about.clone(),
                            picked: state.picked.clone(), dispatch: dispatch.clone(), words: w }) }
                        <Faults nodes={about.nodes} picked={state.picked.clone()} {latency_ms} {loss}
                            cut={!frame.world.cut_links.is_empty()} dispatch={dispatch.clone()} words={w} />
                        { invariants(InvariantsProps { list: frame.invariants.clone(), marks: run.marks.clone(), on_jump, highlight, words: w }) }
                    </aside>
                </>
            }
        }
    };
    if embed {
        return html! { <main class="embedded">{ body }</main> };
    }
    let subtitle = state.run.as_ref().ok().map(|r| {
        let protocol = w.or(&format!("protocol.{}", r.about.protocol), r.about.protocol);
        w.f("app.subtitle", &[("protocol", &protocol), ("n", &r.about.nodes), ("seed", &r.about.seed)])
    });
    let dismiss = dispatch.reform(|_: MouseEvent| Action::DismissNotice);
    let on_tour = {
        let dispatch = dispatch.clone();
        Callback::from(move |id: String| tour_link::open(dispatch.clone(), id, lang, StepKey::Index(0)))
    };
    // Another language: the page's words change at once, the tour's when its texts arrive.
    let on_lang = {
        let (dispatch, shown) = (dispatch.clone(), state.tour.as_ref().map(|at| (at.tour.id.clone(), at.step)));
        Callback::from(move |l: Lang| {
            dispatch.emit(Action::SetLang(l));
            if let Some((id, step)) = shown.clone() {
                tour_link::open(dispatch.clone(), id, l, StepKey::Index(step));
            }
        })
    };
    html! {
        <>
            <header>
                <h1>{ "consenso" }</h1>
                <p class="subtitle">{ subtitle.unwrap_or_default() }</p>
                <Picker current={state.entry} {on_load} words={w} />
                { tour_picker(state.tour.as_ref().map(|at| at.tour.id.as_str()), lang, on_tour, on_lang) }
                <button id="help-button" class="icon" aria-label={w.t("app.help")} title={format!("{} (?)", w.t("app.help"))}
                    onclick={dispatch.reform(|_: MouseEvent| Action::ToggleHelp)}>{ "?" }</button>
            </header>
            // Always present, so screen readers announce what appears in it.
            <div id="notice" role="status" aria-live="polite" class={classes!(state.notice.is_some().then_some("shown"))}>
                if let Some(text) = &state.notice {
                    <span>{ text.to_string() }</span>
                    <button class="close icon" aria-label={w.t("app.dismiss")} onclick={dismiss}>{ "×" }</button>
                }
            </div>
            <main class="interactive">{ body }</main>
            if state.help { <Help dispatch={dispatch.clone()} words={w} /> }
            { bench }
        </>
    }
}

/// What a click on the drawing means: a message or a node (shift: pick it for a partition)
/// selects it; a click elsewhere on the drawing closes the inspector.
fn clicked(e: &MouseEvent) -> Option<Action> {
    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let find = |selector: &str| target.as_ref().and_then(|t| t.closest(selector).ok().flatten());
    if let Some(m) = find("g.message[data-id]") {
        if let Some(id) = m.get_attribute("data-id").and_then(|v| v.parse().ok()) {
            return Some(Action::Select(Some(Selected::Message(id))));
        }
    }
    if let Some(n) = find("g.node[data-node]") {
        if let Some(id) = n.get_attribute("data-node").and_then(|v| v.parse().ok()) {
            return Some(if e.shift_key() { Action::TogglePick(id) } else { Action::Select(Some(Selected::Node(id))) });
        }
    }
    find("svg#network").map(|_| Action::Select(None))
}

/// The drawing's text for screen readers: "5 nodes running raft at 120 ms".
fn summary(w: Words, about: &crate::state::About, t: consenso_core::sim::Time) -> String {
    w.f("app.summary", &[("n", &about.nodes), ("protocol", &w.or(&format!("protocol.{}", about.protocol), about.protocol)), ("t", &(t / 1000))])
}

/// Fetch the words of a language other than English when it is chosen; the page re-renders
/// in it when they arrive (English until then, or for good if the fetch fails).
#[hook]
fn use_words_of(lang: Lang, dispatch: Callback<Action>) {
    use_effect_with(lang, move |&lang| crate::i18n::ensure(lang, move || dispatch.emit(Action::WordsArrived)));
}

fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

//! The page: wires the reducer, the animation driver and the components together.

use yew::prelude::*;

use crate::components::caption::Caption;
use crate::components::controls::Controls;
use crate::components::error::ErrorPanel;
use crate::components::invariants::Invariants;
use crate::components::network::NetworkView;
use crate::driver::use_animation_frames;
use crate::components::picker::Picker;
use crate::components::embed_view::{embed_view, EmbedProps};
use crate::components::scenario_file::ScenarioFile;
use crate::components::share_button::ShareButton;
use crate::link::flag;
use crate::state::{Action, AppState};

#[function_component(App)]
pub fn app() -> Html {
    let search = use_memo((), |_| location_search());
    let state = use_reducer(|| crate::share::paused_if_shared(AppState::from_link(&search)));
    let dispatch = { let d = state.dispatcher(); Callback::from(move |a| d.dispatch(a)) };
    let pending = crate::share::use_shared_link(dispatch.clone());
    crate::fatal::use_panic_on_request(flag(&search, "panic"));
    // Stable callbacks (the dispatcher never changes), so the driver and controls keep theirs.
    let on_frame = dispatch_with(&state, Action::Tick);
    let on_toggle = dispatch_with(&state, |()| Action::TogglePlay);
    let on_restart = dispatch_with(&state, |()| Action::Restart);
    let on_slowdown = dispatch_with(&state, Action::SetSlowdown);
    let on_load = dispatch_with(&state, Action::Load);
    let on_default = dispatch_with(&state, |()| {
        crate::share::clear_fragment(); // or reloading shows the bad link again
        Action::Load(crate::catalog::default_entry().id)
    });
    let on_open = dispatch_with(&state, Action::Open);
    use_animation_frames(state.playing, on_frame);
    let embed = flag(&search, "embed");

    let body = match &state.run {
        _ if pending => html! { <p class="opening" role="status">{ "Opening the shared link…" }</p> },
        Err(message) => html! { <ErrorPanel message={message.clone()} {on_default} /> },
        Ok(run) => {
            let (about, frame) = (&run.about, &run.frame);
            let summary = format!("{} nodes running {} at {} ms", about.nodes, about.protocol, frame.t / 1000);
            if embed {
                let full_page = crate::share::full_page(&crate::share::location().and_then(|l| l.href().ok()).unwrap_or_default());
                embed_view(EmbedProps { world: frame.world.clone(), note: frame.note.clone(), kinds: run.kinds.clone(),
                    summary, playing: state.playing, full_page, on_toggle, on_restart })
            } else {
            let file_name = state.entry.map_or_else(|| format!("consenso-{}-seed{}", about.protocol, about.seed), String::from);
            html! {
                <>
                    <figure class="stage">
                        <NetworkView world={frame.world.clone()} summary={summary} />
                        <figcaption><Caption note={frame.note.clone()} world={frame.world.clone()} kinds={run.kinds.clone()} /></figcaption>
                    </figure>
                    <div class="panel">
                        <Controls playing={state.playing} slowdown={state.slowdown} t={frame.t} end={about.end}
                            fast={frame.quiet} {on_toggle} {on_restart} {on_slowdown} />
                        <div class="share-tools">
                            <ShareButton source={state.source.clone()} t={frame.t} />
                            <ScenarioFile source={state.source.clone()} name={file_name} {on_open} />
                        </div>
                        <Invariants list={frame.invariants.clone()} />
                    </div>
                </>
            }
            }
        }
    };
    if embed {
        return html! { <main class="embedded">{ body }</main> };
    }
    let subtitle = state.run.as_ref().ok().map(|r| {
        format!("{} · {} nodes · seed {}", r.about.protocol, r.about.nodes, r.about.seed)
    });
    html! {
        <>
            <header>
                <h1>{ "consenso" }</h1>
                <p class="subtitle">{ subtitle.unwrap_or_default() }</p>
                <Picker current={state.entry} {on_load} />
            </header>
            <main>{ body }</main>
            if flag(&search, "bench") { <crate::bench::BenchRunner {dispatch} /> }
        </>
    }
}

fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// A callback that turns its argument into an action for the reducer.
fn dispatch_with<T: 'static>(state: &UseReducerHandle<AppState>, make: fn(T) -> Action) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |v| dispatcher.dispatch(make(v)))
}

//! The page: wires the reducer, the animation driver and the components together.

use yew::prelude::*;

use crate::components::caption::Caption;
use crate::components::controls::Controls;
use crate::components::error::ErrorPanel;
use crate::components::event_log::EventLog;
use crate::components::invariants::Invariants;
use crate::components::stage::Stage;
use crate::driver::use_animation_frames;
use crate::components::picker::Picker;
use crate::state::{Action, AppState};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::from_link(&location_search()));
    // Stable callbacks (the dispatcher never changes), so the driver and controls keep theirs.
    let on_frame = dispatch_with(&state, Action::Tick);
    let on_toggle = dispatch_with(&state, |()| Action::TogglePlay);
    let on_restart = dispatch_with(&state, |()| Action::Restart);
    let on_slowdown = dispatch_with(&state, Action::SetSlowdown);
    let on_load = dispatch_with(&state, Action::Load);
    let on_default = dispatch_with(&state, |()| Action::Load(crate::catalog::default_entry().id));
    let on_seek = dispatch_with(&state, Action::Seek);
    use_animation_frames(state.playing, on_frame);

    let body = match &state.run {
        Err(message) => html! { <ErrorPanel message={message.clone()} {on_default} /> },
        Ok(run) => {
            let (about, frame) = (&run.about, &run.frame);
            let summary = format!("{} nodes running {} at {} ms", about.nodes, about.protocol, frame.t / 1000);
            html! {
                <>
                    <Stage world={frame.world.clone()} {summary} past={run.past()} kinds={run.kinds.clone()}
                        protocol={about.protocol} on_seek={on_seek.clone()}>
                        <Caption note={frame.note.clone()} world={frame.world.clone()} kinds={run.kinds.clone()} />
                    </Stage>
                    <div class="panel">
                        <Controls playing={state.playing} slowdown={state.slowdown} t={frame.t} end={about.end}
                            fast={frame.quiet} {on_toggle} {on_restart} {on_slowdown} />
                        <Invariants list={frame.invariants.clone()} />
                    </div>
                    <EventLog past={run.past()} nodes={about.nodes} {on_seek} />
                </>
            }
        }
    };
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

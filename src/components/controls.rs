//! The transport: play/pause, step back, step, restart, the log-scale speed slider, the
//! clock and the help button. Renders props and reports clicks; what a click does is the
//! reducer's business.

use consenso_core::sim::Time;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::Words;
use crate::state::{notch_slowdown, speed_label, speed_notch, Action, SPEED_STEPS};

/// Props of `controls`, a plain function rather than a component: it has no state, and it
/// re-renders with every frame anyway (the clock), so a component's props check would buy
/// nothing for the copy of Yew's component machinery it costs the wasm.
pub struct ControlsProps {
    pub playing: bool,
    pub slowdown: f64,
    pub t: Time,
    pub end: Time,
    /// Quiet time is passing faster (see state::QUIET_SPEEDUP): say so, or the clock lies.
    pub fast: bool,
    pub dispatch: Callback<Action>,
    pub words: Words,
}

pub fn controls(props: ControlsProps) -> Html {
    let w = props.words;
    let label = w.t(if props.playing { "control.pause" } else { "control.play" });
    let send = |make: fn() -> Action| props.dispatch.reform(move |_: MouseEvent| make());
    let speed = props.dispatch.reform(|e: InputEvent| {
        let notch = e.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(0);
        Action::SetSlowdown(notch_slowdown(notch))
    });
    let speed_text = speed_label(w, props.slowdown);
    html! {
        <div class="controls">
            <button id="step-back" class="icon" aria-label={w.t("control.step_back")} title={format!("{} (←)", w.t("control.step_back"))}
                onclick={send(|| Action::StepBack)}>{ icon("M3,2h2v12h-2zM14,2v12l-8,-6z") }</button>
            <button id="play" class={if props.playing { "pause" } else { "play" }} aria-label={label}
                title={format!("{label} ({})", w.t("key.space"))} onclick={send(|| Action::TogglePlay)}>
                { label }
            </button>
            <button id="step" class="icon" aria-label={w.t("control.step")} title={format!("{} (→)", w.t("control.step"))}
                onclick={send(|| Action::StepForward)}>{ icon("M11,2h2v12h-2zM2,2v12l8,-6z") }</button>
            <button id="restart" aria-label={w.t("control.restart")} title={format!("{} (r)", w.t("control.restart"))}
                onclick={send(|| Action::Restart)}>{ w.t("control.restart") }</button>
            <label class="speed">
                <span class="visually-hidden">{ w.t("control.speed") }</span>
                <input id="speed" type="range" min="0" max={SPEED_STEPS.to_string()} step="1"
                    value={speed_notch(props.slowdown).to_string()} aria-valuetext={speed_text.clone()}
                    title={format!("{} (+ / −)", w.t("control.speed"))} oninput={speed} />
                <span id="speed-label">{ speed_text }</span>
            </label>
            <span class="clock" aria-live="off">
                <span id="clock">{ format!("{} ms", props.t / 1000) }</span>
                { format!(" {}", w.f("control.of_end", &[("t", &(props.end / 1000))])) }
                if props.fast && props.playing { <span class="fast">{ format!(" · {}", w.t("control.skipping")) }</span> }
            </span>
        </div>
    }
}

/// A 16×16 glyph drawn in the text colour (system fonts lack the media-control symbols).
fn icon(path: &'static str) -> Html {
    html! { <svg class="glyph" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d={path} /></svg> }
}

//! Play/pause, restart, slow-motion factor and the virtual clock. Renders props and reports
//! clicks; what a click does is the reducer's business.

use consenso_core::sim::Time;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::state::SLOWDOWNS;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub playing: bool,
    pub slowdown: u32,
    pub t: Time,
    pub end: Time,
    /// Quiet time is passing faster (see state::QUIET_SPEEDUP): say so, or the clock lies.
    pub fast: bool,
    pub on_toggle: Callback<()>,
    pub on_restart: Callback<()>,
    pub on_slowdown: Callback<u32>,
}

#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let label = if props.playing { "Pause" } else { "Play" };
    let toggle = props.on_toggle.reform(|_: MouseEvent| ());
    let restart = props.on_restart.reform(|_: MouseEvent| ());
    let slowdown = props.on_slowdown.reform(|e: Event| {
        e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(crate::state::DEFAULT_SLOWDOWN)
    });
    html! {
        <div class="controls">
            <button id="play" class={if props.playing { "pause" } else { "play" }} aria-label={label} onclick={toggle}>
                { label }
            </button>
            <button id="restart" aria-label="Restart" onclick={restart}>{ "Restart" }</button>
            <label class="speed">
                { "Slow motion " }
                <select id="speed" onchange={slowdown}>
                    { for SLOWDOWNS.iter().map(|&s| html! {
                        <option value={s.to_string()} selected={s == props.slowdown}>
                            { if s == 1 { "off (real time)".to_string() } else { format!("{s}×") } }
                        </option>
                    }) }
                </select>
            </label>
            <span class="clock" aria-live="off">
                <span id="clock">{ format!("{} ms", props.t / 1000) }</span>
                { format!(" of {} ms", props.end / 1000) }
                if props.fast && props.playing { <span class="fast">{ " · skipping quiet time" }</span> }
            </span>
        </div>
    }
}

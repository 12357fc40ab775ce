//! `?bench`: measures the real page and prints the figures as JSON into `<pre id="bench-result" style="font-size: 0.85rem; overflow-x: auto">`
//! and to the console (scripts/bench-web runs it headless):
//! - `first_render_ms`: performance.now() (ms since navigation start) at the first animation
//!   frame after the first render with nodes drawn;
//! - `frames`: frames per second while 9 Raft nodes play with >= 200 messages in flight, drawn
//!   in real time (counted from requestAnimationFrame, so a slow render shows as fewer frames);
//! - `sim`: simulator events per second in wasm, per protocol (its first catalog scenario run
//!   to the end, repeatedly, without drawing).
//!
//! Figures, not assertions; the one check is that the scenario really had 200 in flight.
//!
//! Compiled only with the cargo feature `bench` (scripts/bench-web builds that page into
//! target/bench-site/): the site every user downloads says so instead (src/bench_notice.rs).
//! Without the feature only the scenario's test below uses this file.
#![cfg_attr(not(feature = "bench"), allow(dead_code))]

use consenso_core::sim::time::ms;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::share::Opening;
use crate::state::Action;

/// Nine Raft nodes on slow links (~1.2 s each way): each 70 ms heartbeat round is still in
/// flight when the next 16 go out, so ~270 AppendEntries and replies fly at once. (Election
/// timeouts well above the round trip, or split votes go on for ever.)
pub const SCENARIO: &str = r#"{"protocol":"raft","nodes":9,"seed":1,"duration_ms":60000,
  "network":{"latency_ms":[1000,1400]},
  "params":{"election_timeout_ms":[4000,12000],"heartbeat_ms":70}}"#;
/// Past the first election and the first full round of replies.
pub const SEEK_MS: u64 = 10_000;
pub const MIN_IN_FLIGHT: usize = 200;
const WARM_UP_FRAMES: u32 = 10;
const MEASURE_MS: f64 = 3000.0;
const SIM_MS_PER_PROTOCOL: f64 = 400.0;

/// The bench's section when `on` (`?bench`), else nothing. A hook of the page rather than a
/// component of its own: a component costs the wasm a copy of Yew's lifecycle, for a page
/// only scripts/bench-web opens.
#[hook]
pub fn use_bench(on: bool, dispatch: Callback<Action>) -> Html {
    let result = use_state(|| None::<String>);
    {
        let result = result.clone();
        use_effect_with(on, move |&on| {
            if on {
                wasm_bindgen_futures::spawn_local(async move {
                    let figures = run(dispatch).await;
                    web_sys::console::log_1(&JsValue::from_str(&figures));
                    result.set(Some(figures));
                });
            }
        });
    }
    if !on {
        return Html::default();
    }
    html! {
        // Styled here, not in www/style.css: the site's CSS is downloaded by every user.
        <section class="bench" aria-label="Benchmark" style="margin-top: 1rem; border-top: 1px solid var(--line)">
            <h2>{ "Bench" }</h2>
            if let Some(json) = &*result {
                <pre id="bench-result" style="font-size: 0.85rem; overflow-x: auto">{ json }</pre>
            } else {
                <p role="status">{ "Measuring… (about 6 s)" }</p>
            }
        </section>
    }
}

async fn run(dispatch: Callback<Action>) -> String {
    // Effects run after the first render is in the DOM; the next animation frame paints it.
    next_frame().await;
    let first_render_ms = now();
    let first_nodes = count("svg#network g.node");

    dispatch.emit(Action::Open(Opening { source: Ok(SCENARIO.into()), at: Some(ms(SEEK_MS)), origin: "the bench".into() }));
    dispatch.emit(Action::SetSlowdown(1.0));
    dispatch.emit(Action::TogglePlay);
    for _ in 0..WARM_UP_FRAMES {
        next_frame().await;
    }
    let (mut intervals, mut in_flight) = (Vec::new(), Vec::new());
    let start = next_frame().await;
    let mut last = start;
    while last - start < MEASURE_MS {
        let t = next_frame().await;
        intervals.push(t - last);
        in_flight.push(count("svg#network g.message"));
        last = t;
    }
    dispatch.emit(Action::TogglePlay);
    let nodes = count("svg#network g.node");
    consenso_core::sorted::sort_small_by(&mut intervals, |a, b| a < b);
    let (lo, hi) = (in_flight.iter().min().copied().unwrap_or(0), in_flight.iter().max().copied().unwrap_or(0));
    let fps = intervals.len() as f64 * 1000.0 / (last - start);
    let sim: Vec<String> = crate::catalog::protocols().into_iter().map(|p| format!("    \"{p}\": {}", sim_rate(p))).collect();
    let ok = first_nodes > 0 && nodes == 9 && lo >= MIN_IN_FLIGHT;
    let agent = web_sys::window().and_then(|w| w.navigator().user_agent().ok()).unwrap_or_default();
    // Written by hand: serde_json's pretty printer would cost the bundle a few KB for this alone.
    format!(
        "{{\n  \"ok\": {ok},\n  \"first_render_ms\": {},\n  \"first_render_nodes\": {first_nodes},\n  \"frames\": {{\n    \
         \"nodes\": {nodes}, \"in_flight_min\": {lo}, \"in_flight_max\": {hi}, \"fps\": {},\n    \
         \"frame_ms_median\": {}, \"frame_ms_p95\": {}, \"frame_ms_max\": {}, \"measured_ms\": {}\n  }},\n  \
         \"sim_events_per_s\": {{\n{}\n  }},\n  \"user_agent\": {}\n}}",
        round(first_render_ms),
        round(fps),
        round(percentile(&intervals, 0.5)),
        round(percentile(&intervals, 0.95)),
        round(percentile(&intervals, 1.0)),
        round(last - start),
        sim.join(",\n"),
        serde_json::Value::from(agent),
    )
}

/// Events per second for the first catalog scenario of `protocol`, run to its end repeatedly,
/// as a JSON object (or `null`).
fn sim_rate(protocol: &str) -> String {
    let Some(entry) = crate::catalog::first_of(protocol) else { return "null".into() };
    let Ok(scenario) = consenso_core::Scenario::parse(entry.text) else { return "null".into() };
    let (mut events, mut spent, mut runs) = (0u64, 0.0, 0u32);
    while spent < SIM_MS_PER_PROTOCOL {
        let Ok(mut sim) = consenso_core::build(&scenario) else { return "null".into() };
        let t0 = now();
        sim.run_to_end();
        spent += now() - t0;
        events += sim.steps();
        runs += 1;
    }
    let rate = (events as f64 * 1000.0 / spent).round() as u64;
    format!("{{\"scenario\": \"{}\", \"events_per_s\": {rate}, \"runs\": {runs}}}", entry.id)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// One decimal, printed through integers (`num`): float Display would compile core's float
/// formatter into the wasm for this page alone.
fn round(v: f64) -> String {
    crate::components::geometry::num(v)
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn count(selector: &str) -> usize {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(selector).ok())
        .map_or(0, |list| list.length() as usize)
}

/// Resolves at the next animation frame with its timestamp.
/// The time of the next animation frame, once it starts (code after the await runs in that
/// frame, before it is painted).
async fn next_frame() -> f64 {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    wasm_bindgen_futures::JsFuture::from(frame).await.ok().and_then(|v| v.as_f64()).unwrap_or_else(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    /// The bench's promise: >= 200 in flight all through the measured window (at slowdown 1
    /// the window never covers more virtual time than wall time, plus the warm-up frames).
    #[test]
    fn the_bench_scenario_keeps_200_messages_in_flight() {
        let scenario = consenso_core::Scenario::parse(SCENARIO).unwrap();
        let mut sim = consenso_core::build(&scenario).unwrap();
        let mut t = ms(SEEK_MS);
        while t <= ms(SEEK_MS) + ms(MEASURE_MS as u64 + 1000) {
            sim.run_until(t);
            let world = sim.view(t);
            assert_eq!(world.nodes.len(), 9);
            assert!(world.messages.len() >= MIN_IN_FLIGHT, "{} in flight at {} ms", world.messages.len(), t / 1000);
            t += ms(50);
        }
    }
}

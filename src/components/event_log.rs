//! The event log: what happened, newest first, in plain language, up to the moment shown.
//! Filter by node, hide message traffic; click an entry to go to that moment.
//!
//! A run can have 100k records, so the log shows only the newest `SHOWN` that pass the
//! filter, and is rebuilt only when a step is taken (not on every animation frame). While
//! the run plays, it is redrawn at most every `PLAYING_REFRESH_MS`: at speed, dozens of events
//! happen per frame, nobody reads rows that change 60 times a second, and rebuilding 200 rows
//! on every frame took about half of the page's frame time (9 Raft nodes, ~270 messages).

use consenso_core::sim::window::TraceWindow;
use consenso_core::sim::{NodeId, Time};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::event_text::{category, involves, ms, sentence};
use crate::i18n::Words;
use crate::state::Past;

/// Entries drawn at most.
const SHOWN: usize = 200;
/// Records looked at at most when a filter is rare (keeps a filtered 100k-event log cheap).
/// The trace window in memory keeps at least this many before the step shown.
const SCANNED: usize = 20_000;
/// Wall-clock ms between redraws while playing.
const PLAYING_REFRESH_MS: f64 = 250.0;
/// Entries drawn while playing: a glance's worth (redrawing all `SHOWN` rows would stall a frame).
const SHOWN_PLAYING: usize = 40;
const _: () = assert!(SCANNED <= consenso_core::sim::window::KEEP_BEFORE);

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub past: Past,
    pub nodes: usize,
    /// While playing, the log lags the drawing by up to `PLAYING_REFRESH_MS`.
    pub playing: bool,
    pub on_seek: Callback<Time>,
    pub words: Words,
}

#[derive(Clone, Copy, PartialEq)]
struct Filter {
    node: Option<NodeId>,
    traffic: bool,
}

#[derive(PartialEq)]
struct Entry {
    /// Position in the whole trace: a unique key.
    index: u64,
    step: u64,
    at: Time,
    category: &'static str,
    text: String,
}

fn entries(trace: TraceWindow, steps: u64, filter: Filter, max: usize, w: Words) -> Vec<Entry> {
    let end = trace.partition_point(|e| e.step <= steps);
    trace[..end]
        .iter()
        .enumerate()
        .rev()
        .take(SCANNED)
        .filter(|(_, e)| filter.node.is_none_or(|n| involves(&e.what, n)))
        .filter(|(_, e)| filter.traffic || !matches!(category(&e.what), "send" | "deliver"))
        .take(max)
        .map(|(i, e)| Entry { index: trace.first + i as u64, step: e.step, at: e.at, category: category(&e.what), text: sentence(w, &e.what) })
        .collect()
}

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let w = props.words;
    let filter = use_state(|| Filter { node: None, traffic: true });
    let past = throttled(props, &use_mut_ref(|| None));
    let max = if props.playing { SHOWN_PLAYING } else { SHOWN };
    let list = use_memo((past, *filter, max, w), |(past, f, max, w)| past.with_trace(|t| entries(t, past.steps, *f, *max, *w)));
    let on_node = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            filter.set(Filter { node: v.parse().ok(), ..*filter });
        })
    };
    let on_traffic = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            filter.set(Filter { traffic: on, ..*filter });
        })
    };
    html! {
        <section class="event-log" aria-labelledby="event-log-title">
            <div class="log-head">
                <h2 id="event-log-title">{ w.t("log.title") }</h2>
                <label>
                    <span class="visually-hidden">{ w.t("log.of") }</span>
                    <select id="log-node" aria-label={w.t("log.of")} onchange={on_node}>
                        <option value="" selected={filter.node.is_none()}>{ w.t("log.all") }</option>
                        { for (1..=props.nodes as NodeId).map(|id| html! {
                            <option value={id.to_string()} selected={filter.node == Some(id)}>{ format!("P{id}") }</option>
                        }) }
                    </select>
                </label>
                <label class="traffic">
                    <input id="log-traffic" type="checkbox" checked={filter.traffic} onchange={on_traffic} />
                    { format!(" {}", w.t("log.messages")) }
                </label>
            </div>
            <ol id="event-log" reversed=true>
                { for list.iter().map(|e| {
                    let at = e.at;
                    let seek = props.on_seek.reform(move |_: MouseEvent| at);
                    html! {
                        <li key={e.index} class={e.category} data-at={at.to_string()}>
                            <button type="button" onclick={seek} title={w.t("log.go")}>
                                <span class="at">{ ms(at) }</span>
                                <span class="what">{ e.text.clone() }</span>
                            </button>
                        </li>
                    }
                }) }
                if list.is_empty() { <li class="empty">{ w.t("log.empty") }</li> }
            </ol>
            if list.len() == max { <p class="more">{ w.f("log.newest", &[("n", &max)]) }</p> }
        </section>
    }
}

/// The moment the log shows: the one drawn, except while playing, where it moves on only when
/// `PLAYING_REFRESH_MS` have passed (or another run was loaded).
fn throttled(props: &EventLogProps, last: &std::rc::Rc<std::cell::RefCell<Option<(Past, f64)>>>) -> Past {
    let now = js_sys::Date::now();
    let mut last = last.borrow_mut();
    let keep = matches!(&*last, Some((past, at)) if props.playing
        && now - at < PLAYING_REFRESH_MS && past.same_run(&props.past));
    if !keep {
        *last = Some((props.past.clone(), now));
    }
    last.as_ref().map(|(past, _)| past.clone()).unwrap_or_else(|| props.past.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use consenso_core::sim::trace::{TraceEvent, What};

    fn ev(step: u64, what: What) -> TraceEvent {
        TraceEvent { step, at: step * 1000, what }
    }

    #[test]
    fn newest_first_only_up_to_the_step_shown_and_filtered_by_node() {
        let trace = vec![
            ev(1, What::Crash { node: 1 }),
            ev(2, What::Deliver { id: 1, from: 2, to: 3, label: "m".into() }),
            ev(3, What::Recover { node: 1 }),
            ev(4, What::Crash { node: 2 }),
        ];
        let all = Filter { node: None, traffic: true };
        let trace = TraceWindow::whole(&trace);
        let got: Vec<_> = entries(trace, 3, all, SHOWN, Words::ENGLISH).into_iter().map(|e| e.text).collect();
        assert_eq!(got, ["P1 recovers", "P3 receives m from P2", "P1 crashes"]);
        let p1 = entries(trace, 4, Filter { node: Some(1), ..all }, SHOWN, Words::ENGLISH);
        assert_eq!(p1.iter().map(|e| e.step).collect::<Vec<_>>(), [3, 1]);
        let quiet = entries(trace, 4, Filter { traffic: false, ..all }, SHOWN, Words::ENGLISH);
        assert!(quiet.iter().all(|e| e.category != "deliver") && quiet.len() == 3);
    }

    #[test]
    fn a_long_run_shows_only_the_newest_entries() {
        let trace: Vec<_> = (0..100_000).map(|s| ev(s, What::Heal)).collect();
        let shown = entries(TraceWindow::whole(&trace), 99_999, Filter { node: None, traffic: true }, SHOWN, Words::ENGLISH);
        assert_eq!(shown.len(), SHOWN);
        assert_eq!(shown[0].step, 99_999);
    }
}

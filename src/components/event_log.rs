//! The event log: what happened, newest first, in plain language, up to the moment shown.
//! Filter by node, hide message traffic; click an entry to go to that moment.
//!
//! A run can have 100k records, so the log shows only the newest `SHOWN` that pass the
//! filter, and is rebuilt only when a step is taken (not on every animation frame).

use consenso_core::sim::window::TraceWindow;
use consenso_core::sim::{NodeId, Time};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::event_text::{category, involves, ms, sentence};
use crate::state::Past;

/// Entries drawn at most.
const SHOWN: usize = 200;
/// Records looked at at most when a filter is rare (keeps a filtered 100k-event log cheap).
/// The trace window in memory keeps at least this many before the step shown.
const SCANNED: usize = 20_000;
const _: () = assert!(SCANNED <= consenso_core::sim::window::KEEP_BEFORE);

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub past: Past,
    pub nodes: usize,
    pub on_seek: Callback<Time>,
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

fn entries(trace: TraceWindow, steps: u64, filter: Filter) -> Vec<Entry> {
    let end = trace.partition_point(|e| e.step <= steps);
    trace[..end]
        .iter()
        .enumerate()
        .rev()
        .take(SCANNED)
        .filter(|(_, e)| filter.node.is_none_or(|n| involves(&e.what, n)))
        .filter(|(_, e)| filter.traffic || !matches!(category(&e.what), "send" | "deliver"))
        .take(SHOWN)
        .map(|(i, e)| Entry { index: trace.first + i as u64, step: e.step, at: e.at, category: category(&e.what), text: sentence(&e.what) })
        .collect()
}

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let filter = use_state(|| Filter { node: None, traffic: true });
    let list = {
        let past = props.past.clone();
        use_memo((past, *filter), |(past, f)| past.with_trace(|t| entries(t, past.steps, *f)))
    };
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
                <h2 id="event-log-title">{ "Event log" }</h2>
                <label>
                    <span class="visually-hidden">{ "Show events of" }</span>
                    <select id="log-node" aria-label="Show events of" onchange={on_node}>
                        <option value="" selected={filter.node.is_none()}>{ "all nodes" }</option>
                        { for (1..=props.nodes as NodeId).map(|id| html! {
                            <option value={id.to_string()} selected={filter.node == Some(id)}>{ format!("P{id}") }</option>
                        }) }
                    </select>
                </label>
                <label class="traffic">
                    <input id="log-traffic" type="checkbox" checked={filter.traffic} onchange={on_traffic} />
                    { " messages" }
                </label>
            </div>
            <ol id="event-log" reversed=true>
                { for list.iter().map(|e| {
                    let at = e.at;
                    let seek = props.on_seek.reform(move |_: MouseEvent| at);
                    html! {
                        <li key={e.index} class={e.category} data-at={at.to_string()}>
                            <button type="button" onclick={seek} title="Go to this moment">
                                <span class="at">{ ms(at) }</span>
                                <span class="what">{ e.text.clone() }</span>
                            </button>
                        </li>
                    }
                }) }
                if list.is_empty() { <li class="empty">{ "Nothing yet." }</li> }
            </ol>
            if list.len() == SHOWN { <p class="more">{ format!("The newest {SHOWN} shown.") }</p> }
        </section>
    }
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
        let got: Vec<_> = entries(trace, 3, all).into_iter().map(|e| e.text).collect();
        assert_eq!(got, ["P1 recovers", "P3 receives m from P2", "P1 crashes"]);
        let p1 = entries(trace, 4, Filter { node: Some(1), ..all });
        assert_eq!(p1.iter().map(|e| e.step).collect::<Vec<_>>(), [3, 1]);
        let quiet = entries(trace, 4, Filter { traffic: false, ..all });
        assert!(quiet.iter().all(|e| e.category != "deliver") && quiet.len() == 3);
    }

    #[test]
    fn a_long_run_shows_only_the_newest_entries() {
        let trace: Vec<_> = (0..100_000).map(|s| ev(s, What::Heal)).collect();
        let shown = entries(TraceWindow::whole(&trace), 99_999, Filter { node: None, traffic: true });
        assert_eq!(shown.len(), SHOWN);
        assert_eq!(shown[0].step, 99_999);
    }
}

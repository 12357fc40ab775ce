//! The scrubber over the whole run: drag or click to seek; ticks mark faults, commands,
//! milestones (the outcome changed: a leader, a decision) and violations, each kind with its
//! own shape and place so colour is not the only signal.

use std::rc::Rc;

use consenso_core::sim::Time;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::event_text::sentence;
use crate::i18n::Words;
use crate::state::{Action, Mark, MarkKind};

/// Ticks closer than 1/BUCKETS of the run are drawn as one (its tooltip lists them).
const BUCKETS: u64 = 300;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub t: Time,
    pub end: Time,
    pub marks: Rc<Vec<Mark>>,
    pub dispatch: Callback<Action>,
    pub words: Words,
    /// Shown at the end of the legend's line.
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let end_ms = (props.end / 1000).max(1);
    let seek = props.dispatch.reform(|e: InputEvent| {
        let ms: u64 = e.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(0);
        Action::Seek(ms * 1000)
    });
    let w = props.words;
    let ticks = use_memo((props.marks.clone(), props.end, w), |(marks, end, w)| group(marks, *end, *w));
    html! {
        <div class="timeline">
            <div class="track">
                <input id="timeline" type="range" min="0" max={end_ms.to_string()} step="1"
                    value={(props.t / 1000).to_string()} aria-label={w.t("timeline.label")}
                    aria-valuetext={w.f("timeline.position", &[("t", &(props.t / 1000)), ("end", &end_ms)])} oninput={seek} />
                <div class="ticks" aria-hidden="true">
                    { for ticks.iter().map(|(kind, at, text)| html! {
                        <span class={classes!("tick", kind.name())} data-tick={kind.name()}
                            data-at={(at / 1000).to_string()} title={text.clone()}
                            style={left(*at, props.end)} />
                    }) }
                </div>
            </div>
            <div class="under">
                <p class="legend" aria-hidden="true">
                    <span class="key milestone">{ w.t("timeline.milestone") }</span>
                    <span class="key fault">{ w.t("timeline.fault") }</span>
                    <span class="key command">{ w.t("timeline.command") }</span>
                    <span class="key violation">{ w.t("timeline.violation") }</span>
                </p>
                { props.children.clone() }
            </div>
        </div>
    }
}

/// One tick per kind and bucket: (kind, first time, "text at N ms" lines).
fn group(marks: &[Mark], end: Time, w: Words) -> Vec<(MarkKind, Time, String)> {
    let mut out: Vec<(MarkKind, Time, String, u64, usize)> = Vec::new();
    for m in marks {
        let bucket = m.at * BUCKETS / end.max(1);
        let said = m.event.as_ref().map_or_else(|| m.text.clone(), |e| sentence(w, e));
        let line = format!("{} ms: {said}", m.at / 1000);
        match out.iter_mut().find(|o| o.0 == m.kind && o.3 == bucket) {
            Some(o) if o.4 < 4 => {
                o.2 = format!("{}\n{line}", o.2);
                o.4 += 1;
            }
            Some(o) => {
                if o.4 == 4 {
                    o.2.push_str("\n…");
                    o.4 += 1;
                }
            }
            None => out.push((m.kind, m.at, line, bucket, 1)),
        }
    }
    out.into_iter().map(|(k, at, text, _, _)| (k, at, text)).collect()
}

/// "left: 12.34%" for time `at` of a run ending at `end`, in integer arithmetic (formatting
/// floats with a precision would pull float printing into the bundle). In `u64`: a run lasts
/// at most a day (8.64e10 µs), so `at * 10_000` fits (a `u128` division brought its own
/// 1 KB routine into the wasm).
fn left(at: Time, end: Time) -> String {
    let hundredths = at.min(end).saturating_mul(10_000) / end.max(1);
    format!("left: {}.{:02}%", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::left;

    #[test]
    fn a_marks_place_is_a_percentage_with_two_decimals_up_to_a_days_run() {
        assert_eq!(left(0, 100), "left: 0.00%");
        assert_eq!(left(1, 3), "left: 33.33%");
        assert_eq!(left(50, 200), "left: 25.00%");
        let day = 86_400_000_000; // µs: the longest run a scenario may ask for
        assert_eq!(left(day / 2, day), "left: 50.00%");
        assert_eq!(left(day, day), "left: 100.00%");
        assert_eq!(left(day + 5, day), "left: 100.00%", "never past the end");
    }
}

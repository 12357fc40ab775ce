//! The guided tour beside the drawing: the tour's title, "Step n of m", the step's title and
//! paragraphs, and Back / Continue / Leave. Continue on the last step finishes the tour (the
//! run stays, in free play). A plain function, like embed_view: no state of its own.

use yew::prelude::*;

use crate::i18n::{format, text, Lang};
use crate::state::{Action, TourAt};

pub fn tour_panel(at: &TourAt, lang: Lang, dispatch: &Callback<Action>) -> Html {
    let (tour, i) = (&at.tour, at.step);
    let step = at.current();
    let last = i + 1 == tour.steps.len();
    let go = |to: usize| dispatch.reform(move |_: MouseEvent| Action::TourStep(to));
    let leave = dispatch.reform(|_: MouseEvent| Action::LeaveTour);
    // One Continue button whose label and action change on the last step.
    let (onward, onward_label) = if last { (leave.clone(), "tour.finish") } else { (go(i + 1), "tour.continue") };
    let progress = format(lang, "tour.step_of", &[("n", &(i + 1)), ("m", &tour.steps.len())]);
    html! {
        <section id="tour" class="tour" aria-labelledby="tour-step-title" lang={tour.lang.code()}
            data-tour={tour.id.clone()} data-step={step.id.clone()}>
            <p class="tour-head">
                <span class="tour-title">{ &tour.title }</span>
                <span id="tour-progress">{ progress }</span>
            </p>
            <h2 id="tour-step-title">{ &step.title }</h2>
            { for step.paragraphs.iter().map(|p| html! { <p class="tour-text">{ p }</p> }) }
            if let Some(name) = &step.expect_violation {
                <p class="tour-expect">{ format(lang, "tour.expect_violation", &[("invariant", name)]) }</p>
            }
            <div class="tour-nav">
                <button id="tour-back" disabled={i == 0} onclick={go(i.saturating_sub(1))}>{ text(lang, "tour.back") }</button>
                <button id="tour-continue" class="primary" onclick={onward}>{ text(lang, onward_label) }</button>
                <button id="tour-replay" class="link" onclick={go(i)}>{ text(lang, "tour.replay_step") }</button>
                <button id="tour-leave" class="link" title={text(lang, "tour.leave_hint")} onclick={leave}>
                    { text(lang, "tour.leave") }
                </button>
            </div>
        </section>
    }
}

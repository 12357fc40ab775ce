//! The protocol's safety properties by name: a tick when it holds, a cross and the
//! explanation when the run broke it (colour plus glyph plus word, never colour alone), and
//! a button that takes the timeline to the moment it broke. An invariant that holds now but
//! breaks later in the run says when, with the same button.

use std::rc::Rc;

use consenso_core::sim::report::InvariantStatus;
use consenso_core::sim::Time;
use yew::prelude::*;

use crate::i18n::Words;
use crate::state::{Mark, MarkKind};

/// Props of `invariants`, a plain function rather than a component: a few list items, cheaper
/// to redraw with the page than a component's lifecycle is in the wasm (~0.6 KB gz).
pub struct InvariantsProps {
    pub list: Rc<Vec<InvariantStatus>>,
    /// The run's marks: its violations, future ones included.
    pub marks: Rc<Vec<Mark>>,
    pub on_jump: Callback<Time>,
    pub words: Words,
    /// The invariant a tour step points at, drawn out.
    pub highlight: Option<AttrValue>,
}

pub fn invariants(props: InvariantsProps) -> Html {
    let w = props.words;
    let later = |name: &str| {
        props.marks.iter().find(|m| m.kind == MarkKind::Violation && m.invariant.as_deref() == Some(name)).map(|m| m.at)
    };
    let jump = |at: Time, text: String| {
        let onclick = props.on_jump.reform(move |_: MouseEvent| at);
        html! { <button class="jump link" data-jump={(at / 1000).to_string()} {onclick}>{ text }</button> }
    };
    html! {
        <section class="invariants" aria-labelledby="invariants-title">
            <h2 id="invariants-title">{ w.t("invariants.title") }</h2>
            <ul id="invariants">
                { for props.list.iter().map(|inv| html! {
                    <li key={inv.name} data-invariant={inv.name} data-ok={inv.ok.to_string()}
                        class={classes!(if inv.ok { "ok" } else { "violated" },
                            (props.highlight.as_deref() == Some(inv.name)).then_some("tour-highlight"))}>
                        <span class="mark" aria-hidden="true">{ if inv.ok { "✓" } else { "✗" } }</span>
                        <span class="name">{ inv.name }</span>
                        <span class="state">{ w.t(if inv.ok { "invariants.holds" } else { "invariants.violated" }) }</span>
                        if let Some(v) = &inv.violation {
                            <p class="why">{ w.f("invariants.why", &[("t", &v.at_ms), ("why", &w.say(&v.explanation))]) }</p>
                            { jump(v.at_us, w.f("invariants.show", &[("t", &v.at_ms)])) }
                        } else if let Some(at) = later(inv.name) {
                            <p class="later">{ jump(at, w.f("invariants.later", &[("t", &(at / 1000))])) }</p>
                        }
                    </li>
                }) }
            </ul>
        </section>
    }
}

//! The protocol's safety properties by name: a tick when it holds, a cross and the
//! explanation when the run broke it (colour plus glyph plus word, never colour alone).

use std::rc::Rc;

use consenso_core::sim::report::InvariantStatus;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InvariantsProps {
    pub list: Rc<Vec<InvariantStatus>>,
}

#[function_component(Invariants)]
pub fn invariants(props: &InvariantsProps) -> Html {
    html! {
        <section class="invariants" aria-labelledby="invariants-title">
            <h2 id="invariants-title">{ "Invariants" }</h2>
            <ul id="invariants">
                { for props.list.iter().map(|inv| html! {
                    <li key={inv.name} data-invariant={inv.name} data-ok={inv.ok.to_string()}
                        class={if inv.ok { "ok" } else { "violated" }}>
                        <span class="mark" aria-hidden="true">{ if inv.ok { "✓" } else { "✗" } }</span>
                        <span class="name">{ inv.name }</span>
                        <span class="state">{ if inv.ok { "holds" } else { "violated" } }</span>
                        if let Some(v) = &inv.violation {
                            <p class="why">{ format!("at {} ms: {}", v.at_ms, v.explanation) }</p>
                        }
                    </li>
                }) }
            </ul>
        </section>
    }
}

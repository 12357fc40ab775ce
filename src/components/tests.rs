//! Components rendered in a real browser (wasm-bindgen-test in headless Chromium; see
//! scripts/test, layer 2): the invariants panel shows each invariant by name, red with its
//! explanation when broken, and its button seeks to the moment it broke.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use consenso_core::protocols::raft;
use consenso_core::sim::report::{InvariantStatus, ViolationAt};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

use consenso_core::sim::Time;

use super::invariants::{invariants, InvariantsProps};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_invariants_panel_names_each_invariant_and_jumps_to_a_violation() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let jumped = Rc::new(Cell::new(None));
    let seen = jumped.clone();
    let props = PanelProps { on_jump: Callback::from(move |t| seen.set(Some(t))) };
    yew::Renderer::<Panel>::with_root_and_props(root.clone(), props).render();
    yew::platform::time::sleep(Duration::from_millis(20)).await;

    let items = root.query_selector_all("#invariants li[data-invariant]").unwrap();
    assert_eq!(items.length(), 2);
    let ok = root.query_selector("li[data-invariant='Election Safety']").unwrap().unwrap();
    assert_eq!(ok.get_attribute("data-ok").as_deref(), Some("true"));
    let bad = root.query_selector("li[data-invariant='Leader Completeness']").unwrap().unwrap();
    assert_eq!(bad.get_attribute("data-ok").as_deref(), Some("false"));
    assert!(bad.text_content().unwrap().contains("at 820 ms: P5 leads term 5 without the entries up to index 2 that P1 knew were committed in term 4"));
    let classes = |e: &web_sys::Element| e.get_attribute("class").unwrap_or_default();
    assert!(classes(&bad).contains("tour-highlight") && !classes(&ok).contains("tour-highlight"), "a tour step's invariant is drawn out");
    let button = bad.query_selector("button[data-jump='820']").unwrap().expect("a jump button");
    button.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    assert_eq!(jumped.get(), Some(820_412), "the button seeks to the violation's exact time");
}

#[derive(Properties, PartialEq)]
struct PanelProps {
    on_jump: Callback<Time>,
}

/// The panel as the page shows it (a plain function), mounted for the test: one invariant that
/// holds and one broken, the broken one pointed at by a tour step.
#[function_component(Panel)]
fn panel(props: &PanelProps) -> Html {
    let why = consenso_core::say!(raft::says::LEADER_INCOMPLETE, leader = 5u32, term = 5u64, index = 2u64, who = "P1", then = 4u64);
    let broken = ViolationAt { at_ms: 820, at_us: 820_412, nodes: vec![1, 5], explanation: why };
    invariants(InvariantsProps {
        list: Rc::new(vec![
            InvariantStatus { name: "Election Safety", ok: true, violation: None },
            InvariantStatus { name: "Leader Completeness", ok: false, violation: Some(broken) },
        ]),
        marks: Rc::default(),
        on_jump: props.on_jump.clone(),
        highlight: Some("Leader Completeness".into()),
        words: crate::i18n::Words::ENGLISH,
    })
}

//! The drawing area: the network view, the space-time diagram, or both, chosen by a toggle,
//! with the sentence under it and buttons that export each drawing shown as an SVG file.

use std::rc::Rc;

use consenso_core::sim::view::WorldView;
use consenso_core::sim::Time;
use yew::prelude::*;

use super::network::NetworkView;
use super::spacetime::SpaceTime;
use crate::i18n::Words;
use crate::state::{Kind, Past};

#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    Network,
    SpaceTime,
    Both,
}

impl Mode {
    const ALL: [(Mode, &'static str, &'static str); 3] =
        [(Mode::Network, "view-network", "stage.network"), (Mode::SpaceTime, "view-spacetime", "stage.space_time"), (Mode::Both, "view-both", "stage.both")];

    fn network(self) -> bool {
        self != Mode::SpaceTime
    }
    fn space_time(self) -> bool {
        self != Mode::Network
    }
}

#[derive(Properties, PartialEq)]
pub struct StageProps {
    pub world: Rc<WorldView>,
    pub summary: AttrValue,
    pub past: Past,
    pub kinds: Rc<Vec<Kind>>,
    pub protocol: &'static str,
    pub on_seek: Callback<Time>,
    pub words: Words,
    /// The caption, drawn under the drawing.
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Stage)]
pub fn stage(props: &StageProps) -> Html {
    let w = props.words;
    let mode = use_state(|| Mode::Network);
    let zoom = use_state(|| 0i32);
    let zoom_by = |d: i32| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| zoom.set(if d == 0 { 0 } else { (*zoom + d).clamp(-8, 12) }))
    };
    let error = use_state(|| None::<String>);
    let export = |id: &'static str, name: &'static str| {
        let (error, file) = (error.clone(), format!("consenso-{}-{name}.svg", props.protocol));
        Callback::from(move |_: MouseEvent| error.set(crate::export::download_svg(id, &file).err()))
    };
    html! {
        <figure class={classes!("stage", match *mode { Mode::Both => "both", Mode::SpaceTime => "spacetime-only", Mode::Network => "network-only" })}>
            <div class="view-bar">
                <div class="view-toggle" role="radiogroup" aria-label={w.t("stage.drawing")}>
                    { for Mode::ALL.iter().map(|&(m, id, label)| {
                        let mode = mode.clone();
                        html! {
                            <button type="button" {id} role="radio" aria-checked={(*mode == m).to_string()}
                                class={(*mode == m).then_some("on")} onclick={move |_| mode.set(m)}>{ w.t(label) }</button>
                        }
                    }) }
                </div>
                if mode.space_time() {
                    <div class="st-zoom" role="group" aria-label={w.t("stage.zoom")}>
                        <button type="button" id="st-zoom-out" aria-label={w.t("stage.zoom_out")} onclick={zoom_by(-1)}>{ "−" }</button>
                        <button type="button" id="st-zoom-fit" aria-label={w.t("stage.zoom_auto")} onclick={zoom_by(0)}
                            class={(*zoom == 0).then_some("on")}>{ w.t("stage.auto") }</button>
                        <button type="button" id="st-zoom-in" aria-label={w.t("stage.zoom_in")} onclick={zoom_by(1)}>{ "+" }</button>
                    </div>
                }
                <div class="export">
                    if mode.network() {
                        <button type="button" id="export-network" onclick={export("network", "network")}>{ w.t("stage.export_network") }</button>
                    }
                    if mode.space_time() {
                        <button type="button" id="export-spacetime" onclick={export("spacetime", "spacetime")}>{ w.t("stage.export_space_time") }</button>
                    }
                    if let Some(e) = &*error { <span class="export-error" role="alert">{ e.clone() }</span> }
                </div>
            </div>
            if mode.network() {
                <NetworkView world={props.world.clone()} summary={props.summary.clone()} words={w} />
            }
            if mode.space_time() {
                <SpaceTime past={props.past.clone()} world={props.world.clone()} kinds={props.kinds.clone()} on_seek={props.on_seek.clone()} zoom={*zoom} words={w} />
            }
            <figcaption>{ props.children.clone() }</figcaption>
        </figure>
    }
}

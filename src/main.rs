//! consenso in the browser: a Yew app over the consenso-core simulator.

mod app;
mod bench;
mod catalog;
mod compress;
mod components;
mod driver;
mod fatal;
mod hash;
mod link;
mod motion;
mod share;
mod state;

fn main() {
    fatal::install();
    yew::Renderer::<app::App>::new().render();
}

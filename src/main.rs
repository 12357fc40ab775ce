//! consenso in the browser: a Yew app over the consenso-core simulator.

mod app;
mod catalog;
mod components;
mod driver;
mod export;
mod fatal;
mod keys;
mod link;
mod state;

fn main() {
    fatal::install();
    yew::Renderer::<app::App>::new().render();
}

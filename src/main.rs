//! consenso in the browser: a Yew app over the consenso-core simulator.

mod app;
mod catalog;
mod components;
mod driver;
mod export;
mod fatal;
mod keys;
mod link;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod link_fuzz;
mod state;

fn main() {
    fatal::install();
    yew::Renderer::<app::App>::new().render();
}

//! consenso in the browser: a Yew app over the consenso-core simulator.

mod app;
mod components;
mod driver;
mod fatal;
mod state;

fn main() {
    fatal::install();
    yew::Renderer::<app::App>::new().render();
}

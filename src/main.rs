//! consenso in the browser: a Yew app over the consenso-core simulator.

mod app;
// The benchmark is compiled into the bench page only (cargo feature `bench`, scripts/bench-web);
// its scenario's test runs in every `cargo test`.
#[cfg(any(feature = "bench", test))]
mod bench;
mod bench_notice;
mod catalog;
mod compress;
mod components;
mod driver;
mod export;
mod fatal;
#[cfg(target_arch = "wasm32")]
mod fetch;
mod hash;
mod i18n;
mod keys;
mod link;
mod math;
mod motion;
mod share;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod link_fuzz;
mod state;
mod told;
mod tour;
mod tour_link;

/// Talc rather than Rust's default dlmalloc: see Cargo.toml.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    fatal::install();
    yew::Renderer::<app::App>::new().render();
}

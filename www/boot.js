// Starts the app from a file rather than the inline script Trunk would write, so the
// Content-Security-Policy in index.html can refuse every inline script. Trunk writes the
// hashed names of the wasm-bindgen module and the wasm into this tag (Trunk.toml,
// pattern_script).
const tag = document.querySelector('script[data-consenso-js]');
const { default: init } = await import(tag.dataset.consensoJs);
const wasm = await init({ module_or_path: tag.dataset.consensoWasm });
// The event Trunk's own start-up script fires (scripts/long-session reads the wasm memory).
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));

//! Share links through the browser's own compression: a scenario deflated by
//! CompressionStream, written into a fragment, parsed back and inflated by DecompressionStream
//! is the same text; corrupt data and decompression bombs are refused with the reason.
//!
//! Runs in headless Chromium (wasm-bindgen-test; see scripts/test):
//! `cargo test --target wasm32-unknown-unknown -p consenso --test wasm_share`.
//! The app is a binary crate, so its two modules (and the message type they refuse with) are
//! included by path. Browser-only: natively
//! there is no CompressionStream, and hash.rs's own tests already run in the native layer.
#![cfg(target_arch = "wasm32")]

#[path = "../src/compress.rs"]
#[allow(dead_code)]
mod compress;
#[path = "../src/hash.rs"]
#[allow(dead_code)]
mod hash;
#[path = "../src/told.rs"]
#[allow(dead_code)]
mod told;

use consenso_core::scenario::limits::MAX_BYTES;
use hash::{Fragment, Payload};
use told::Told;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The longest example (Figure 7: six followers with divergent logs).
const SCENARIO: &str = include_str!("../examples/raft-figure7.json");

#[wasm_bindgen_test]
async fn a_scenario_survives_deflate_fragment_and_inflate() {
    assert!(compress::available(), "headless Chromium has CompressionStream");
    let deflated = compress::deflate(SCENARIO.as_bytes()).await.expect("the browser compresses");
    assert!(deflated.len() < SCENARIO.len() / 3, "{} bytes deflated from {}", deflated.len(), SCENARIO.len());
    let fragment = hash::format(4_321_000, &Payload::Deflated(deflated));
    let Fragment { at, payload } = hash::parse(&fragment).expect("a fragment").expect("a valid one");
    assert_eq!(at, 4_321_000);
    let Payload::Deflated(bytes) = payload else { panic!("the payload should stay deflated") };
    let text = compress::inflate(&bytes, MAX_BYTES).await.expect("it inflates");
    assert_eq!(String::from_utf8(text).unwrap(), SCENARIO);
}

#[wasm_bindgen_test]
async fn a_decompression_bomb_stops_at_the_cap() {
    let bomb = compress::deflate(&vec![b' '; 3 * MAX_BYTES]).await.unwrap();
    assert!(bomb.len() < 20_000, "3 MB of spaces deflate to {} bytes", bomb.len());
    let err = compress::inflate(&bomb, MAX_BYTES).await.unwrap_err();
    assert_eq!(err, Told::key("share.too_big", [("max", MAX_BYTES.into())]));
    // Just under the cap is accepted.
    let fits = compress::deflate(&vec![b' '; MAX_BYTES]).await.unwrap();
    assert_eq!(compress::inflate(&fits, MAX_BYTES).await.unwrap().len(), MAX_BYTES);
}

#[wasm_bindgen_test]
async fn corrupt_or_cut_data_is_refused_with_the_reason() {
    let err = compress::inflate(&[0xff; 16], MAX_BYTES).await.unwrap_err();
    assert_eq!(err, Told::key("share.corrupt", []));
    let whole = compress::deflate(SCENARIO.as_bytes()).await.unwrap();
    let err = compress::inflate(&whole[..whole.len() / 2], MAX_BYTES).await.unwrap_err();
    assert_eq!(err, Told::key("share.corrupt", []), "a link cut in half");
}

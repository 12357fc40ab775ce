//! deflate-raw through the browser's own CompressionStream / DecompressionStream: zero bytes of
//! compressor in the wasm. (web-sys marks these classes unstable, so they are bound here.)
//!
//! Decompression reads the output chunk by chunk and stops as soon as it passes the cap, so a
//! tiny link that inflates to gigabytes ("zip bomb") costs at most the cap in memory.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair, WritableStream};

use crate::told::Told;

#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> WritableStream;
}

const FORMAT: &str = "deflate-raw";

/// Whether this browser has CompressionStream (all current ones do; older ones get `j=` links).
pub fn available() -> bool {
    Reflect::has(&js_sys::global(), &"CompressionStream".into()).unwrap_or(false)
}

/// `bytes` deflated, or `None` when the browser cannot compress.
pub async fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    if !available() {
        return None;
    }
    let stream = CompressionStream::new(FORMAT).ok()?;
    let pair = ReadableWritablePair::new(&stream.readable(), &stream.writable());
    read_capped(source(bytes).ok()?.pipe_through(&pair), usize::MAX).await.ok()
}

/// `bytes` inflated, refused (with the reason) when corrupt or larger than `cap` bytes.
pub async fn inflate(bytes: &[u8], cap: usize) -> Result<Vec<u8>, Told> {
    let stream = DecompressionStream::new(FORMAT).map_err(|_| Told::key("share.no_decompression", []))?;
    let pair = ReadableWritablePair::new(&stream.readable(), &stream.writable());
    let input = source(bytes).map_err(|_| Told::key("share.browser_refused", []))?;
    read_capped(input.pipe_through(&pair), cap).await
}

fn source(bytes: &[u8]) -> Result<ReadableStream, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    Ok(Blob::new_with_u8_array_sequence(&parts)?.stream())
}

/// Everything `stream` yields, or an error once it has yielded more than `cap` bytes.
async fn read_capped(stream: ReadableStream, cap: usize) -> Result<Vec<u8>, Told> {
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| Told::key("share.corrupt", []))?;
        let chunk: Object = chunk.unchecked_into();
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into()).map_err(|_| Told::key("share.unreadable", []))?.unchecked_into();
        let len = value.length() as usize;
        if out.len() + len > cap {
            let _ = reader.cancel();
            return Err(Told::key("share.too_big", [("max", cap.into())]));
        }
        let start = out.len();
        out.resize(start + len, 0);
        value.copy_to(&mut out[start..]);
    }
}

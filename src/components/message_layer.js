// Per-frame writes of the message layer (message_layer.rs). The numbers cross from wasm as
// numbers and the attribute text is made here: a frame moves hundreds of dots, and passing
// each value as a string (encoded in wasm, decoded in JS) cost more than the moves themselves.
// JS prints 12.3 as "12.3", 12 as "12" and 0.05 as "0.05": the same text as geometry.rs's num().
export function place(g, x, y) {
  g.setAttribute('transform', `translate(${x},${y})`);
}

export function fade(e, opacity) {
  e.setAttribute('opacity', String(opacity));
}

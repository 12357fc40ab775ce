// Makes the space-time diagram's elements; spacetime_pen.rs says why and what each draws.
const r = (v) => Math.round(v * 10) / 10;
function add(p, tag, a, text) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const k in a) e.setAttribute(k, a[k]);
  if (text) e.textContent = text;
  p.appendChild(e);
  return e;
}
const line = (p, a, x1, y1, x2, y2) => add(p, 'path', { ...a, d: `M${r(x1)},${r(y1)}L${r(x2)},${r(y2)}` });
export function clear(g) {
  g.replaceChildren();
}
export function down(g, x1, x2, y) {
  line(g, { class: 'st-down' }, x1, y, x2, y);
}
export function rule(g, cls, x, y1, y2, text) {
  const e = add(g, 'g', { class: `st-rule ${cls}` });
  line(e, {}, x, y1, x, y2);
  add(e, 'text', { x: r(x + 4), y: r(y2 - 6) }, text);
}
export function arrow(g, id, from, to, kind, colour, x1, y1, x2, y2, dead, title, label) {
  const e = add(g, 'g', { class: dead ? 'st-message dead' : 'st-message', 'data-id': id, 'data-from': from, 'data-to': to, 'data-kind': kind, style: `color:${colour}` });
  add(e, 'title', {}, title);
  line(e, { class: 'line' }, x1, y1, x2, y2);
  const len = Math.max(Math.hypot(x2 - x1, y2 - y1), 1e-9);
  const [ux, uy] = [(x2 - x1) / len, (y2 - y1) / len];
  const [bx, by] = [x2 - ux * 10, y2 - uy * 10];
  add(e, 'path', dead ? { class: 'x', d: `M${r(x2 - 6)},${r(y2 - 6)}l12,12m0,-12l-12,12` }
    : { class: 'head', d: `M${r(x2)},${r(y2)}L${r(bx - uy * 4)},${r(by + ux * 4)}L${r(bx + uy * 4)},${r(by - ux * 4)}Z` });
  if (label) add(e, 'text', { x: r((x1 + x2) / 2), y: r((y1 + y2) / 2 - 5) }, label);
}
export function mark(g, crashed, x, y, title) {
  const e = add(g, 'g', { class: crashed ? 'st-crash' : 'st-recover', transform: `translate(${r(x)},${r(y)})` });
  add(e, 'title', {}, title);
  add(e, 'path', { d: crashed ? 'M-9,-9L9,9M9,-9L-9,9' : 'M-7,0a7,7 0 1,0 14,0a7,7 0 1,0-14,0' });
}

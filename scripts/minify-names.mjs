// Shortens the names the wasm and wasm-bindgen's JS glue know each other by, in a built site
// (run by scripts/minify-js, Trunk's post_build hook, before terser).
//
// Why: wasm-bindgen names each of the ~175 functions the wasm imports from its glue like
// `__wbg_setAttribute_2a8f1c0e9b7d4e61`, and each name is written twice, in the wasm's import
// section and as a key of the glue's import object. The 16 hex digits are random to gzip: the
// names cost the site ~6 KB gzipped (docs/performance.md). Emscripten shortens the same names
// (binaryen's --minify-imports-and-exports), but binaryen only renames the imports of module
// "env", and wasm-bindgen's are imported from the glue's own module.
//
// What: every import and export whose name is wasm-bindgen's (`__wbg…`, `__wbindgen…`, `__externref…`, `wasm_bindgen…`) gets a short name
// (`a`, `b`, … `$a`, …), in the wasm's import and export sections and everywhere the name is
// written in the glue. A name that the glue does not contain exactly once or more stops the
// build: the glue and the wasm would no longer agree.
//
// Usage: node scripts/minify-names.mjs DIR   (DIR holds one *_bg.wasm and its glue *.js)
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const files = readdirSync(dir);
const wasmFile = files.find((f) => f.endsWith('_bg.wasm'));
const glueFile = wasmFile && files.find((f) => f === wasmFile.replace(/_bg\.wasm$/, '.js'));
if (!wasmFile || !glueFile) fail(`no *_bg.wasm with its .js glue in ${dir}`);

const OURS = /^(__wbg|__wbindgen|__externref|wasm_bindgen)/;
const wasm = readFileSync(join(dir, wasmFile));
let glue = readFileSync(join(dir, glueFile), 'utf8');

const renames = new Map();
const shortName = (i) => {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  for (let n = i; ; n = Math.floor(n / letters.length) - 1) {
    s = letters[n % letters.length] + s;
    if (n < letters.length) break;
  }
  return `$${s}`;
};
const rename = (name) => {
  if (!renames.has(name)) renames.set(name, shortName(renames.size));
  return renames.get(name);
};

// --- the wasm binary: sections are (id, size, body); names are (length, utf-8 bytes) -------
let pos = 0;
const u32 = () => {
  let result = 0, shift = 0, byte;
  do { byte = wasm[pos++]; result |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
  return result >>> 0;
};
const leb = (n) => {
  const out = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return Buffer.from(out);
};
const name = () => { const len = u32(); const s = wasm.subarray(pos, pos + len).toString('utf8'); pos += len; return s; };
const encName = (s) => { const b = Buffer.from(s, 'utf8'); return Buffer.concat([leb(b.length), b]); };

// The import descriptor after the names: kind byte and its type, copied as is.
function skipImportDesc() {
  const kind = wasm[pos++];
  if (kind === 0) u32(); // function: type index
  else if (kind === 1) { pos++; limits(); } // table: reftype, limits
  else if (kind === 2) limits(); // memory
  else if (kind === 3) pos += 2; // global: valtype, mutability
  else if (kind === 4) { pos++; u32(); } // tag
  else fail(`unknown import kind ${kind}`);
}
function limits() { const flags = wasm[pos++]; u32(); if (flags & 1) u32(); }

const out = [wasm.subarray(0, 8)];
pos = 8;
while (pos < wasm.length) {
  const sectionStart = pos;
  const id = wasm[pos++];
  const size = u32();
  const end = pos + size;
  if (id === 2 || id === 7) {
    const count = u32();
    const body = [leb(count)];
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        const module = name(), field = name();
        const from = pos; skipImportDesc();
        const renamed = OURS.test(field) ? rename(field) : field;
        body.push(encName(module), encName(renamed), wasm.subarray(from, pos));
      } else {
        const field = name();
        const from = pos; pos++; u32(); // kind, index
        const renamed = OURS.test(field) ? rename(field) : field;
        body.push(encName(renamed), wasm.subarray(from, pos));
      }
    }
    if (pos !== end) fail(`section ${id} did not parse to its end`);
    const section = Buffer.concat(body);
    out.push(Buffer.from([id]), leb(section.length), section);
  } else {
    out.push(wasm.subarray(sectionStart, end));
  }
  pos = end;
}

// --- the glue: each name as a whole word, longest first (no name is a prefix of another's
// match then) -------------------------------------------------------------------------------
for (const [long, short] of [...renames].sort((a, b) => b[0].length - a[0].length)) {
  const word = new RegExp(`(?<![A-Za-z0-9_$])${long}(?![A-Za-z0-9_$])`, 'g');
  const found = glue.match(word)?.length ?? 0;
  if (found === 0) fail(`${long} is in the wasm but not in ${glueFile}`);
  glue = glue.replace(word, short);
}
writeFileSync(join(dir, wasmFile), Buffer.concat(out));
writeFileSync(join(dir, glueFile), glue);
console.log(`minify-names: ${renames.size} names shortened in ${wasmFile} and ${glueFile}`);

function fail(message) {
  console.error(`minify-names: ${message}`);
  process.exit(1);
}

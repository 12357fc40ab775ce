// An hour of virtual time in the built site, at fast-forward, with the page's memory sampled
// as it goes (issue 9: a tab left open on a projector for a whole lecture).
//   node scripts/long-session.mjs DIST_DIR [VIRTUAL_MINUTES] [SAMPLE_EVERY_MINUTES]
// DIST_DIR must hold a build whose raft-basic scenario lasts an hour (scripts/long-session
// makes one). Animation frames are faked: each comes as soon as the last is done and says
// 100 ms of wall time passed (the most one frame may count), at speed 1, so the page plays
// 100 virtual ms per frame through its ordinary driver, reducer and rendering.
// Prints one line per sample (virtual minute, wasm memory, JS heap, DOM nodes) and a summary.
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { resolve } from 'node:path';
import { serveStatic } from './static-server.mjs';

const dist = resolve(process.argv[2] ?? 'dist');
const minutes = Number(process.argv[3] ?? 60);
const every = Number(process.argv[4] ?? 5);
const FRAME_MS = 100;
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--enable-precise-memory-info', '--js-flags=--expose-gc'];

// Runs before the page's scripts: fast frames with a fake clock, and the wasm instance.
const FAST_FRAMES = (frameMs) => {
  window.__frames = 0;
  window.__hold = false;
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  const channel = new MessageChannel();
  const queue = new Map();
  let next = 1;
  let clock = performance.now();
  channel.port1.onmessage = () => {
    if (window.__hold) { setTimeout(() => channel.port2.postMessage(0), 20); return; }
    const due = [...queue.entries()];
    queue.clear();
    clock += frameMs;
    window.__frames += 1;
    for (const [, cb] of due) cb(clock);
  };
  window.requestAnimationFrame = (cb) => {
    if (queue.size === 0) channel.port2.postMessage(0);
    queue.set(next, cb);
    return next++;
  };
  window.cancelAnimationFrame = (id) => { queue.delete(id); };
};

const mb = (b) => (b / 1048576).toFixed(1);
const { server, url } = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS });
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.addInitScript(FAST_FRAMES, FRAME_MS);
  await page.goto(`${url}?scenario=raft-basic&speed=1`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__wasm && document.querySelector('svg#network g.node'), null, { timeout: 30_000 });
  const started = Date.now();
  const samples = [];
  const sample = async (frames) => {
    await page.evaluate(() => { window.__hold = true; });
    await page.evaluate(() => window.gc && window.gc());
    const m = await cdp.send('Performance.getMetrics');
    const metric = (name) => m.metrics.find((x) => x.name === name)?.value ?? 0;
    const wasm = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
    const s = { minute: (frames * FRAME_MS) / 60000, wasm, heap: metric('JSHeapUsedSize'), nodes: metric('Nodes'), wall: (Date.now() - started) / 1000 };
    samples.push(s);
    console.log(`long-session: ${s.minute.toFixed(1).padStart(5)} virtual min  wasm memory ${mb(wasm).padStart(7)} MB  JS heap ${mb(s.heap).padStart(6)} MB  DOM nodes ${String(s.nodes).padStart(6)}  (${s.wall.toFixed(0)} s wall)`);
    await page.evaluate(() => { window.__hold = false; });
  };
  await sample(await page.evaluate(() => window.__frames));
  const target = (minutes * 60000) / FRAME_MS;
  let mark = every;
  for (;;) {
    await page.waitForTimeout(500);
    const frames = await page.evaluate(() => window.__frames);
    if (frames * FRAME_MS >= mark * 60000 || frames >= target) {
      await sample(frames);
      mark += every;
    }
    if (frames >= target) break;
    if (problems.length) throw new Error(`the page reported: ${problems.join('; ')}`);
  }
  const [first, last] = [samples[0], samples.at(-1)];
  const perHour = ((last.wasm - first.wasm) / (last.minute - first.minute)) * 60;
  console.log(`long-session: ${last.minute.toFixed(0)} virtual minutes in ${last.wall.toFixed(0)} s of wall time; ` +
    `wasm memory ${mb(first.wasm)} -> ${mb(last.wasm)} MB (${mb(perHour)} MB per virtual hour), ` +
    `JS heap ${mb(first.heap)} -> ${mb(last.heap)} MB, DOM nodes ${first.nodes} -> ${last.nodes}`);
} catch (e) {
  failed = true;
  console.error(`long-session: FAILED: ${e.message}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);

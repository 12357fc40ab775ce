// What a student on a phone waits for: the time from navigation to the first nodes drawn at
// ?protocol=raft under Lighthouse's mobile profile, the site served gzip-compressed.
//   node scripts/mobile-first-paint.mjs DIST_DIR [RUNS]        (default 5 runs)
// The profile, applied through the DevTools protocol to a fresh browser per run:
//   Slow 4G: 150 ms round trip, 1.6 Mbps down, 750 kbps up (Network.emulateNetworkConditions);
//   a 4x slower CPU (Emulation.setCPUThrottlingRate); a 390x844 phone viewport.
// "First nodes drawn" is the first animation frame after a `g.node` appears in svg#network,
// measured in the page (performance.now(), whose zero is the navigation's start).
// Prints "budget: mobile_first_nodes_ms MEDIAN" (and each run) against the 2.5 s target. It is a
// report, never a failure: wall-clock times swing with the machine's load. Exits 1 only when the
// page draws no node at all.
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { resolve } from 'node:path';
import { serveStatic } from './static-server.mjs';

const TARGET_MS = 2500;
const dist = resolve(process.argv[2] ?? 'dist');
const runs = Number(process.argv[3] ?? 5);
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
// Lighthouse's "Slow 4G" figures, in the units the DevTools protocol takes (bytes per second).
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CPU_SLOWDOWN = 4;

// Runs before the page's scripts: note when the first node is drawn.
const PROBE = () => {
  const seen = () => document.querySelector('svg#network g.node');
  const watch = new MutationObserver(() => {
    if (!seen()) return;
    watch.disconnect();
    requestAnimationFrame(() => { window.__firstNodes = performance.now(); });
  });
  watch.observe(document, { childList: true, subtree: true });
};

const { server, url } = await serveStatic(dist, { gzip: true });
const times = [];
let status = 0;
try {
  for (let i = 0; i < runs; i++) times.push(await once());
} catch (e) {
  console.error(`mobile-first-paint: FAILED: ${e.message}`);
  status = 1;
} finally {
  server.close();
}
if (times.length) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`mobile: first nodes drawn at ?protocol=raft, Slow 4G + 4x CPU, runs (ms): ${times.map((t) => t.toFixed(0)).join(' ')}`);
  console.log(`budget: mobile_first_nodes_ms ${median.toFixed(0)}`);
  console.log(`mobile: median ${(median / 1000).toFixed(2)} s against the ${TARGET_MS / 1000} s target: ${median <= TARGET_MS ? 'within' : 'OVER'} (reported, not enforced)`);
}
process.exit(status);

/** One cold load in a fresh browser (no cache, no compiled-wasm cache); ms to first nodes. */
async function once() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.addInitScript(PROBE);
    await page.goto(`${url}?protocol=raft`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__firstNodes !== undefined, null, { timeout: 60_000, polling: 100 });
    return await page.evaluate(() => window.__firstNodes);
  } finally {
    await browser.close();
  }
}

// End-to-end test of the built site: serves dist/ on 127.0.0.1 (a free port), opens it in
// Debian's headless Chromium through playwright-core, and checks the DOM contract of the UI:
// <svg id="network"> with g.node[data-node][data-role] and g.message[data-id][transform],
// button#play (Play/Pause toggle), #error. Any console error or page error fails the test.
//   node tests/e2e/ring.mjs [DIST_DIR]        (default: dist/ at the repo root; build it first)
// Environment: CHROMIUM (default /usr/bin/chromium), E2E_NODES (nodes of the ring-basic scenario, 5).
import { join } from 'node:path';
import { fail, start } from './harness.mjs';

const expectedNodes = Number(process.env.E2E_NODES ?? 5);

const problems = []; // console errors and page errors, as they happen
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const noProblems = (when) => { if (problems.length) fail(`${when}: the page reported ${problems.length} error(s)`); };

/** Messages in flight: [[data-id, transform], ...] in document order. */
const messages = (page) => page.$$eval('svg#network g.message',
  (els) => els.map((e) => [e.getAttribute('data-id'), e.getAttribute('transform')]));
/** Ids present in both snapshots whose transform changed, and the number of common ids. */
function moved(a, b) {
  const before = new Map(a);
  const common = b.filter(([id]) => id !== null && before.has(id));
  return { common: common.length, moved: common.filter(([id, t]) => before.get(id) !== t).map(([id]) => id) };
}

const { dist, outDir, server, url, browser, ok, run } = await start('e2e', 120);
let page;
await run(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url}:${m.location().lineNumber})`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.stack ?? e}`));
  console.log(`e2e: serving ${dist} on ${url}`);

  // The ring example by name: the page's default is now Raft, whose 10-15 ms messages fly for
  // only 200-300 ms of wall time, too briefly to be seen twice 300 ms apart.
  const response = await page.goto(`${url}?scenario=ring-basic`, { waitUntil: 'load' });
  if (!response?.ok()) fail(`GET ${url} answered ${response?.status()}`);
  ok(`page loaded from ${url}`);

  try {
    await page.waitForSelector('svg#network g.message', { state: 'attached', timeout: 20_000 });
  } catch {
    noProblems('waiting for a message');
    fail('no svg#network g.message appeared within 20 s of loading (the page should auto-play)');
  }
  noProblems('after start');
  ok('a message is in flight (svg#network g.message)');

  const errorText = (await page.$eval('#error', (e) => e.textContent.trim()).catch(() => '')) || '';
  if (errorText) fail(`#error shows: ${errorText}`);
  ok('#error is absent or empty');

  // A message moves while playing: same data-id, another transform ~300 ms later.
  let motion = null;
  for (let i = 0; i < 10 && !motion; i++) {
    const a = await messages(page);
    await sleep(300);
    const b = await messages(page);
    const m = moved(a, b);
    if (m.moved.length) motion = m.moved;
    else if (m.common) fail(`messages ${JSON.stringify(b)} did not move in 300 ms while playing`);
  }
  if (!motion) fail('could not see one message twice 300 ms apart in 10 tries (every message was replaced)');
  ok(`message ${motion[0]} moved while playing`);

  const nodes = await page.$$eval('svg#network g.node', (els) => els.map((e) => [e.getAttribute('data-node'), e.getAttribute('data-role')]));
  const ids = nodes.map(([id]) => Number(id)).sort((x, y) => x - y);
  const want = Array.from({ length: expectedNodes }, (_, i) => i + 1);
  if (JSON.stringify(ids) !== JSON.stringify(want)) fail(`expected g.node with data-node ${want.join(',')}; found ${JSON.stringify(nodes)}`);
  if (nodes.some(([, role]) => !role)) fail(`a g.node has no data-role: ${JSON.stringify(nodes)}`);
  ok(`${nodes.length} g.node elements, data-node 1..${expectedNodes}, each with a data-role`);

  // Pause: positions stop changing.
  await page.click('button#play');
  await sleep(200);
  const p1 = await messages(page);
  await sleep(400);
  const p2 = await messages(page);
  if (p1.length === 0) fail('no message in flight right after pausing; cannot check that pause freezes them');
  if (JSON.stringify(p1) !== JSON.stringify(p2)) fail(`messages changed while paused:\n  before ${JSON.stringify(p1)}\n  after  ${JSON.stringify(p2)}`);
  ok(`button#play paused: ${p1.length} message(s) stayed put for 400 ms`);

  // Play again: things move again (or the run reaches its end and the messages go).
  await page.click('button#play');
  let resumed = false;
  for (let i = 0; i < 20 && !resumed; i++) {
    await sleep(150);
    const now = await messages(page);
    resumed = JSON.stringify(now) !== JSON.stringify(p2);
  }
  if (!resumed) fail('after clicking button#play again, nothing moved for 3 s');
  ok('button#play resumed: messages move again');

  noProblems('at the end');
  ok('no console error and no page error');
  const shot = join(outDir, 'ring.png');
  await page.screenshot({ path: shot });
  console.log(`e2e: screenshot ${shot}`);
}, async () => {
  if (problems.length) {
    const more = problems.length > 10 ? `\n  ... and ${problems.length - 10} more` : '';
    console.error(`  errors the page reported:\n  ${problems.slice(0, 10).join('\n  ')}${more}`);
  }
  if (page) {
    const shot = join(outDir, 'failure.png');
    await page.screenshot({ path: shot }).then(() => console.error(`  screenshot: ${shot}`), () => {});
  }
});

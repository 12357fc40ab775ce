// End-to-end test of the drawings: network view layouts, the space-time diagram, the event
// log and SVG export, in headless Chromium on the built site (served on 127.0.0.1).
//   node tests/e2e/views.mjs [DIST_DIR]        (default: dist/ at the repo root; build it first)
// Checks, for Paxos, OM(2) with seven generals, and Raft:
//   - Paxos draws roles in columns: every proposer left of every acceptor, left of every learner;
//   - the space-time diagram (svg#spacetime) has an arrow (g.st-message) per message, and OM
//     n=7 m=2 has all 156 of them at the end of its run;
//   - clicking the diagram or an event-log entry goes to that moment (the clock changes);
//   - the log filtered by a node shows only that node's events;
//   - Raft shows each node's log as cells, and a crashed node greyed and crossed;
//   - the space-time diagram marks each crash and recovery on its node's row, and a click on a
//     mark shows exactly its moment (the node down after a crash, up after a recovery);
//   - "Network SVG" downloads a standalone SVG with the page's styles inside;
//   - no console error; screenshots of each at 1280x800 and 390x844 in tests/e2e/out/.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, start } from './harness.mjs';

const SIZES = [[1280, 800], [390, 844]];

const problems = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const noProblems = (when) => { if (problems.length) fail(`${when}: the page reported ${problems.length} error(s)`); };
const clockMs = async (page) => Number((await page.textContent('#clock')).replace(/[^0-9]/g, ''));

/** Open a scenario in slow motion `speed`, wait until the clock passes `atMs` (or the run
 *  ends), pause. Slow enough that the pause lands within a few ms of `atMs`. */
async function openAt(page, base, scenario, atMs, speed = 20) {
  await page.goto(`${base}?scenario=${scenario}&speed=${speed}`, { waitUntil: 'load' });
  await page.waitForSelector('svg#network g.node', { timeout: 20_000 });
  await playUntil(page, scenario, atMs);
}

async function playUntil(page, scenario, atMs) {
  const deadline = Date.now() + 30_000;
  while ((await clockMs(page)) < atMs && (await page.textContent('button#play')).trim() === 'Pause') {
    if (Date.now() > deadline) fail(`${scenario}: the clock did not reach ${atMs} ms within 30 s`);
    await sleep(50);
  }
  if ((await page.textContent('button#play')).trim() === 'Pause') await page.click('button#play');
  noProblems(`${scenario} after playing`);
}

/** Pauses at exactly `atMs` with the timeline (a busy machine lets playUntil overshoot by
 *  hundreds of ms, which scrolls the space-time diagram: a mark checked "in view" at
 *  atMs may by then be under the names column). */
async function seekTo(page, atMs) {
  await page.$eval('#timeline', (e, v) => { e.value = String(v); e.dispatchEvent(new Event('input', { bubbles: true })); }, atMs);
  await sleep(100);
  const at = await clockMs(page);
  if (at !== atMs) fail(`the timeline set to ${atMs} ms shows ${at} ms`);
}

async function showView(page, mode) {
  await page.click(`#view-${mode}`);
  await page.waitForSelector(mode === 'network' ? 'svg#network' : 'svg#spacetime', { timeout: 5_000 });
}

async function shots(page, name) {
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await sleep(150);
    await page.screenshot({ path: join(outDir, `views-${name}-${w}.png`) });
  }
  await page.setViewportSize({ width: SIZES[0][0], height: SIZES[0][1] });
}

const { dist, outDir, server, url, browser, ok, run } = await start('e2e views', 240);
let page;
await run(async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.stack ?? e}`));

  // --- Paxos: columns, space-time arrows, click to seek, export.
  await openAt(page, url, 'paxos-basic', 180);
  const layout = await page.getAttribute('svg#network', 'data-layout');
  if (layout !== 'columns') fail(`paxos-basic: svg#network data-layout is ${layout}, expected columns`);
  const xs = await page.$$eval('svg#network g.node', (els) => els.map((e) => [e.getAttribute('data-role'),
    Number(/translate\(([-0-9.]+)/.exec(e.getAttribute('transform'))[1])]));
  const xOf = (role) => xs.filter(([r]) => r === role).map(([, x]) => x);
  const [prop, acc, learn] = ['proposer', 'acceptor', 'learner'].map(xOf);
  if (!prop.length || !acc.length || !learn.length) fail(`paxos-basic: roles missing: ${JSON.stringify(xs)}`);
  if (!(Math.max(...prop) < Math.min(...acc) && Math.max(...acc) < Math.min(...learn))) {
    fail(`paxos-basic: columns out of order (proposers < acceptors < learners): ${JSON.stringify(xs)}`);
  }
  ok(`paxos-basic: ${prop.length} proposers | ${acc.length} acceptors | ${learn.length} learner in columns, left to right`);
  await shots(page, 'paxos-network');

  const download = page.waitForEvent('download', { timeout: 10_000 });
  await page.click('#export-network');
  const file = await (await download).path();
  const svg = await readFile(file, 'utf8');
  if (!svg.startsWith('<?xml') || !svg.includes('<style><![CDATA[') || !svg.includes('.node') || !svg.includes('xmlns="http://www.w3.org/2000/svg"')) {
    fail(`the exported network SVG is not standalone: ${svg.slice(0, 300)}`);
  }
  ok(`"Network SVG" downloads a standalone SVG with the page's styles (${svg.length} bytes)`);

  await showView(page, 'spacetime');
  const paxosArrows = await page.$$eval('svg#spacetime g.st-message', (els) => els.length);
  if (paxosArrows < 10) fail(`paxos-basic: only ${paxosArrows} g.st-message arrows in the space-time diagram at 180 ms`);
  ok(`paxos-basic: the space-time diagram has ${paxosArrows} message arrows`);
  await shots(page, 'paxos-spacetime');
  // Click a third of the way across the plot: the clock goes back.
  const before = await clockMs(page);
  const box = await page.$eval('svg#spacetime', (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  await page.mouse.click(box.x + box.w * 0.35, box.y + box.h * 0.5);
  await sleep(200);
  const after = await clockMs(page);
  if (!(after < before)) fail(`clicking the space-time diagram left of the cursor did not go back (clock ${before} -> ${after} ms)`);
  ok(`clicking the space-time diagram goes to that moment (${before} -> ${after} ms)`);

  // --- OM(2), seven generals: round 3 in flight, then all 156 messages drawn at the end.
  await openAt(page, url, 'om-seven-m2-two-traitors', 25);
  await shots(page, 'om-network');
  await page.click('button#play');
  await playUntil(page, 'om-seven-m2-two-traitors', 100);
  await showView(page, 'both');
  const omArrows = await page.$$eval('svg#spacetime g.st-message', (els) => els.length);
  if (omArrows !== 156) fail(`OM n=7 m=2: ${omArrows} g.st-message arrows, expected 156`);
  const fits = await page.getAttribute('svg#spacetime', 'data-fits');
  if (fits !== 'true') fail('OM n=7 m=2: the whole run should fit the space-time diagram');
  ok('om-seven-m2-two-traitors: all 156 messages are arrows in one space-time view');
  await shots(page, 'om-both');
  await showView(page, 'spacetime');
  await shots(page, 'om-spacetime');
  await showView(page, 'network');

  // --- Raft: log cells, a crashed node, the event log's filter and click-to-seek.
  await openAt(page, url, 'raft-basic', 1300, 4);
  const down = await page.$eval('svg#network g.node[data-node="1"]', (e) => [e.getAttribute('data-up'), !!e.querySelector('path.cross')]);
  if (down[0] !== 'false' || !down[1]) fail(`raft-basic at 1.3 s: P1 (crashed at 1 s) should be down and crossed, got ${JSON.stringify(down)}`);
  ok('raft-basic: crashed P1 is greyed and crossed');
  const cells = await page.$$eval('svg#network g.node[data-up="true"] g.cells', (els) => els.map((e) => [Number(e.getAttribute('data-count')), e.querySelectorAll('.cell.settled').length]));
  if (!cells.length || !cells.some(([n, s]) => n >= 2 && s >= 1)) fail(`raft-basic: no node shows a log of 2+ entries with a committed one: ${JSON.stringify(cells)}`);
  ok(`raft-basic: live nodes show their logs as cells (${JSON.stringify(cells)})`);
  await shots(page, 'raft-network');

  await page.selectOption('#log-node', '2');
  await sleep(150);
  const texts = await page.$$eval('#event-log li button .what', (els) => els.map((e) => e.textContent));
  if (!texts.length || texts.some((t) => !t.includes('P2'))) fail(`the log filtered by P2 shows other entries: ${JSON.stringify(texts.slice(0, 5))}`);
  ok(`the event log filtered by P2 shows only P2's ${texts.length} events`);
  const target = await page.$eval('#event-log li:nth-child(10)', (e) => Number(e.getAttribute('data-at')));
  await page.click('#event-log li:nth-child(10) button');
  await sleep(200);
  const seeked = await clockMs(page);
  if (seeked !== Math.floor(target / 1000)) fail(`clicking a log entry at ${target} µs showed ${seeked} ms`);
  ok(`clicking a log entry goes to its moment (${seeked} ms)`);
  await page.selectOption('#log-node', '');

  await showView(page, 'spacetime');
  const raftArrows = await page.$$eval('svg#spacetime g.st-message', (els) => els.length);
  if (raftArrows < 10) fail(`raft-basic: only ${raftArrows} arrows in the space-time diagram`);
  ok(`raft-basic: space-time diagram with ${raftArrows} arrows`);

  // Crash and recovery marks (issue 19): a little after each crash and recovery of the
  // scenario, the diagram has its mark on the node's row, and a click on the mark shows
  // exactly its moment, the node down after the crash and up after the recovery. (The
  // diagram scrolls with the cursor: each mark is checked while it is in view.)
  const faults = JSON.parse(await readFile(new URL('../../examples/raft-basic.json', import.meta.url), 'utf8')).events
    .filter((e) => e.action === 'crash' || e.action === 'recover');
  if (faults.length !== 2) fail(`examples/raft-basic.json: expected a crash and a recovery of P1, got ${JSON.stringify(faults)}`);
  const translate = (t) => (/translate\(([-0-9.]+),([-0-9.]+)\)/.exec(t) ?? []).slice(1).map(Number);
  const nodeDown = (id) => page.$eval(`svg#spacetime g.st-node[data-node="${id}"]`, (e) => e.classList.contains('down'));
  await openAt(page, url, 'raft-basic', faults[0].at_ms + 80, 4);
  await seekTo(page, faults[0].at_ms + 80);
  await showView(page, 'spacetime');
  for (const [i, f] of faults.entries()) {
    if (i > 0) {
      await page.click('button#play');
      await playUntil(page, 'raft-basic', f.at_ms + 80);
      await seekTo(page, f.at_ms + 80);
    }
    const cls = f.action === 'crash' ? 'st-crash' : 'st-recover';
    const rowY = await page.$eval(`svg#spacetime g.st-node[data-node="${f.node}"]`, (e) => e.getAttribute('transform'));
    const marks = await page.$$eval(`svg#spacetime g.${cls}`, (els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { transform: e.getAttribute('transform'), x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }));
    if (marks.length !== 1) fail(`raft-basic at ${f.at_ms + 80} ms: ${marks.length} ${cls} marks (${JSON.stringify(marks)}), expected 1`);
    const [mark] = marks;
    if (translate(mark.transform)[1] !== translate(rowY)[1]) fail(`raft-basic: the ${cls} mark is at ${mark.transform}, P${f.node}'s row at ${rowY}`);
    // A whole pixel at or just left of the mark's centre: a click lands on the event at or
    // after it (a pixel right of it would be the next event's moment).
    await page.mouse.click(Math.floor(mark.x), mark.y);
    await sleep(200);
    const at = await clockMs(page);
    if (at !== f.at_ms) fail(`clicking the ${cls} mark of P${f.node} showed ${at} ms; the ${f.action} is at ${f.at_ms} ms`);
    const down = await nodeDown(f.node);
    if (down !== (f.action === 'crash')) fail(`at the ${f.action} mark (${at} ms) P${f.node} is ${down ? 'down' : 'up'}`);
    ok(`raft-basic: the ${f.action} of P${f.node} is a mark on its row; a click on it shows ${at} ms, P${f.node} ${down ? 'down' : 'up'}`);
    if (i === 0) {
      // Half-way between the crash mark and the cursor at crash + 80 ms: a moment strictly
      // between the two, with P1 down. Back to crash + 80 ms first (the click moved the cursor).
      await page.click('button#play');
      await playUntil(page, 'raft-basic', f.at_ms + 80);
      await seekTo(page, f.at_ms + 80);
      const cursor = await page.$eval('svg#spacetime g.st-cursor path', (e) => e.getBoundingClientRect().x);
      const now = await clockMs(page);
      await page.mouse.click((mark.x + cursor) / 2, mark.y);
      await sleep(200);
      const mid = await clockMs(page);
      const midDown = await nodeDown(f.node);
      if (!(mid > f.at_ms && mid < now) || !midDown) fail(`a click between the crash mark (${f.at_ms} ms) and the cursor (${now} ms) showed ${mid} ms, P1 ${midDown ? 'down' : 'up'}`);
      ok(`a click between the crash mark and the cursor shows ${mid} ms (between ${f.at_ms} and ${now}), P1 down`);
    }
  }
  await shots(page, 'raft-spacetime');

  noProblems('at the end');
  ok('no console error and no page error');
  console.log(`e2e views: screenshots in ${outDir}`);
}, async () => {
  if (problems.length) console.error(`  errors the page reported:\n  ${problems.slice(0, 10).join('\n  ')}`);
  if (page) await page.screenshot({ path: join(outDir, 'views-failure.png') }).catch(() => {});
});

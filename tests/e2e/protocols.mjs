// End-to-end test of every protocol on the built site (issue 7, point 10): for each of raft,
// paxos, bully, ring and om, open its default scenario and
//   1. play: a message's transform changes between two moments (dots fly);
//   2. pause, click a node, crash it from the inspector: the node is drawn down and a fault tick
//      for that crash appears on the timeline;
//   3. step back one event: the node is up again, earlier; step forward one: down again, at the
//      crash's time;
//   4. share that moment and open the link in a new page: the same clock, node states, labels
//      and messages, with the crashed node down;
//   5. screenshot it (tests/e2e/out/protocol-NAME.png).
// Any console error or page error fails the test. Every expected value is read from the page.
//   node tests/e2e/protocols.mjs [DIST_DIR]    (default: dist/ at the repo root; build it first)
import { join } from 'node:path';
import { fail, start } from './harness.mjs';

const PROTOCOLS = ['raft', 'paxos', 'bully', 'ring', 'om'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const { dist, outDir, server, url, browser, ok, run } = await start('e2e protocols', 180);

/** A page whose console and page errors are collected in page.problems. */
async function open(path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.stack ?? e}`));
  const response = await page.goto(new URL(path, url).href, { waitUntil: 'load' });
  if (!response?.ok()) fail(`GET ${path} answered ${response?.status()}`);
  await page.waitForSelector('svg#network g.node', { timeout: 20_000 });
  return page;
}
const clean = (page, when) => { if (page.problems.length) fail(`${when}: ${page.problems.join('; ')}`); };

async function waitFor(page, what, check, ms = 5000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(40);
  }
  clean(page, `waiting for ${what}`);
  fail(`timed out after ${ms} ms waiting for ${what}`);
}

const clockMs = async (page) => Number((await page.$eval('#clock', (e) => e.textContent)).replace(/\D/g, ''));
const up = (page, id) => page.$eval(`svg#network g.node[data-node="${id}"]`, (g) => g.dataset.up);
/** Every message in flight, by id: its transform. */
const flights = (page) => page.$$eval('svg#network g.message', (gs) => Object.fromEntries(gs.map((g) => [g.dataset.id, g.getAttribute('transform')])));
/** What a moment looks like: the clock, every node's state and label, every message's place. */
const moment = (page) => page.evaluate(() => ({
  clock: document.querySelector('#clock')?.textContent,
  nodes: [...document.querySelectorAll('svg#network g.node')].map((g) =>
    [g.dataset.node, g.dataset.role, g.dataset.up, g.querySelector('.label')?.textContent].join('|')),
  messages: [...document.querySelectorAll('svg#network g.message')].map((g) => `${g.dataset.id}@${g.getAttribute('transform')}`),
}));
/** The timeline's fault ticks as lines "N ms: what" (a tick's title lists the marks it groups). */
const faultLines = (page) => page.$$eval('.ticks .tick[data-tick=fault]', (ts) => ts.flatMap((t) => (t.getAttribute('title') ?? '').split('\n')));

/** Click the middle of a node's circle, as a person would (the middle of the node's group may
 * be the empty space between the circle and its labels). */
async function clickNode(page, id) {
  const box = await (await page.$(`svg#network g.node[data-node="${id}"] circle.body`)).boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Play until one message is seen at two moments in two places; returns what was seen.
 * Messages can be short-lived (a bully heartbeat lives 10-15 virtual ms, 200-300 ms of wall
 * time in slow motion, and comes every 2 s of wall time), so sample often and for long. A short
 * run (OM's lasts 100 virtual ms, under a second of wall time with its quiet stretches skipped)
 * may be over before the first sample: then it is played again. */
async function seeMessagesMove(page, protocol) {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const [t0, a] = [await clockMs(page), await flights(page)];
    await sleep(60);
    const [t1, b] = [await clockMs(page), await flights(page)];
    const moved = Object.keys(a).find((id) => id in b && a[id] !== b[id]);
    if (moved) return `message ${moved} went from ${a[moved]} to ${b[moved]} while the clock ran ${t0}→${t1} ms`;
    // Paused already means the short run ended before a message was seen twice: start it again.
    if (await page.$eval('#play', (b) => b.className) !== 'pause') await page.click('#play');
  }
  return fail(`${protocol}: no message was seen to move in 30 s of playing`);
}

async function protocolRun(protocol) {
  const started = Date.now();
  const page = await open(`?protocol=${protocol}`);
  ok(`${protocol}: ${await seeMessagesMove(page, protocol)}`);

  // Pause, so that the crash happens at the instant shown and the steps below are exact.
  if (await page.$eval('#play', (b) => b.className) === 'pause') await page.click('#play');
  await waitFor(page, 'the pause', async () => await page.$eval('#play', (b) => b.className) !== 'pause');
  const ids = await page.$$eval('svg#network g.node[data-up=true]', (gs) => gs.map((g) => g.dataset.node));
  if (ids.length === 0) fail(`${protocol}: no node is up to crash`);
  // P2 when it is up (it plays a part in every default scenario), else the first node up.
  const id = ids.includes('2') ? '2' : ids[0];
  const faultsBefore = await faultLines(page);
  await clickNode(page, id);
  await page.waitForSelector(`#inspector[data-node="${id}"] button[data-command=crash]`, { timeout: 3000 });
  await page.click('#inspector button[data-command=crash]');
  await waitFor(page, `P${id} to be drawn down`, async () => await up(page, id) === 'false');
  const crashedAt = await clockMs(page);
  const newFaults = (await faultLines(page)).filter((l) => !faultsBefore.includes(l));
  if (!newFaults.some((l) => l.startsWith(`${crashedAt} ms:`) && l.includes(`P${id}`))) {
    fail(`${protocol}: no fault tick for P${id}'s crash at ${crashedAt} ms; the new fault lines are ${JSON.stringify(newFaults)}`);
  }
  ok(`${protocol}: P${id} crashed at ${crashedAt} ms: drawn down, and the timeline shows "${newFaults.find((l) => l.startsWith(`${crashedAt} ms:`))}"`);

  await page.click('#step-back');
  await waitFor(page, `P${id} up again after one step back`, async () => await up(page, id) === 'true');
  const before = await clockMs(page);
  if (before >= crashedAt) fail(`${protocol}: one step back went from ${crashedAt} ms to ${before} ms`);
  await page.click('#step');
  await waitFor(page, `P${id} down again after one step forward`, async () => await up(page, id) === 'false');
  const again = await clockMs(page);
  if (again !== crashedAt) fail(`${protocol}: one step forward from ${before} ms went to ${again} ms, not to the crash at ${crashedAt} ms`);
  ok(`${protocol}: one step back shows P${id} up at ${before} ms; one step forward shows it down again at ${again} ms`);

  const shared = await moment(page);
  await page.click('button#share');
  await page.waitForSelector('#share-link', { timeout: 10_000 });
  const link = await page.$eval('#share-link', (e) => e.value);
  const copy = await open(link);
  await sleep(300); // a moment that played on would show a later clock by now
  const reopened = await moment(copy);
  for (const key of ['clock', 'nodes', 'messages']) {
    if (JSON.stringify(reopened[key]) !== JSON.stringify(shared[key])) {
      fail(`${protocol}: the link reopened another moment (${key}):\n  shared ${JSON.stringify(shared[key])}\n  opened ${JSON.stringify(reopened[key])}`);
    }
  }
  if (await up(copy, id) !== 'false') fail(`${protocol}: the reopened link shows P${id} up`);
  clean(copy, `${protocol}: the reopened link`);
  await copy.context().close();
  ok(`${protocol}: the ${link.length}-character link reopens ${shared.clock} with ${shared.nodes.length} nodes (P${id} down) and ${shared.messages.length} message(s) in place`);

  const shot = join(outDir, `protocol-${protocol}.png`);
  await page.evaluate(() => window.scrollTo(0, 0)); // selecting the link scrolled the page
  await page.screenshot({ path: shot });
  clean(page, `${protocol}: at the end`);
  await page.context().close();
  ok(`${protocol}: no console or page error; screenshot ${shot} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const began = Date.now();
await run(async () => {
  console.log(`e2e protocols: serving ${dist} on ${url}`);
  for (const protocol of PROTOCOLS) await protocolRun(protocol);
  console.log(`e2e protocols: ${PROTOCOLS.length} protocols in ${((Date.now() - began) / 1000).toFixed(1)} s`);
});

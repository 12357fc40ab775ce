// End-to-end test of the interactive half on the built site (default scenario: raft-basic):
// load, play, click a node, crash it from the inspector (its data-up turns false), step back
// (up again), step forward (down again), open and close the keyboard help, check the
// timeline's ticks, and fail on any console or page error. Screenshots at 1280x800 and
// 390x844 go to tests/e2e/out/.
//   node tests/e2e/interact.mjs [DIST_DIR]     (default: dist/ at the repo root; build it first)
import { join } from 'node:path';
import { fail, start } from './harness.mjs';


const problems = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const noProblems = (when) => { if (problems.length) fail(`${when}: the page reported ${problems.length} error(s)`); };
const attr = (page, sel, name) => page.$eval(sel, (e, n) => e.getAttribute(n), name);
const clockMs = async (page) => Number((await page.$eval('#clock', (e) => e.textContent)).replace(/\D/g, ''));
async function waitFor(what, check, ms = 5000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(50);
  }
  noProblems(`waiting for ${what}`);
  fail(`timed out after ${ms} ms waiting for ${what}`);
}

const { dist, outDir, server, url, browser, ok, run } = await start('e2e', 120);
let page;
await run(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.stack ?? e}`));
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) fail(`GET ${url} answered ${response?.status()}`);
  await page.waitForSelector('svg#network g.message', { state: 'attached', timeout: 20_000 });
  ok('loaded and playing: a message is in flight');

  const faults = await page.$$eval('.ticks .tick[data-tick=fault]', (els) => els.map((e) => e.getAttribute('data-at')));
  if (!faults.includes('1000') || !faults.includes('2000')) fail(`timeline fault ticks ${JSON.stringify(faults)} lack the crash at 1000 ms and the recovery at 2000 ms`);
  const milestones = await page.$$('.ticks .tick[data-tick=milestone]');
  if (milestones.length === 0) fail('the timeline has no milestone tick (the election)');
  ok(`timeline ticks: faults at ${faults.join(', ')} ms and ${milestones.length} milestone(s)`);

  await page.click('svg#network g.node[data-node="2"]');
  await page.waitForSelector('#inspector[data-node="2"]', { timeout: 3000 });
  if (await attr(page, 'svg#network g.node[data-node="2"]', 'data-up') !== 'true') fail('P2 is not up before the crash');
  ok('clicking P2 opens the inspector on P2');

  await page.click('#inspector button[data-command=crash]');
  await waitFor('P2 to be drawn down', async () => await attr(page, 'svg#network g.node[data-node="2"]', 'data-up') === 'false');
  if (await attr(page, '#inspector', 'data-up') !== 'false') fail('the inspector does not say P2 is down');
  if (!await page.$('#inspector button[data-command=recover]')) fail('no recover button once P2 is down');
  ok('crash from the inspector: P2 is drawn down (data-up=false) and offers recover');

  if (await attr(page, '#play', 'class') === 'pause') await page.click('#play');
  await page.screenshot({ path: join(outDir, 'interact-inspector.png') });
  const crashedAt = await clockMs(page);
  // Step back until P2 is up again: the events between the crash and now are undone first.
  for (let i = 0; i < 200 && await attr(page, 'svg#network g.node[data-node="2"]', 'data-up') === 'false'; i++) {
    await page.click('#step-back');
    await sleep(20);
  }
  if (await attr(page, 'svg#network g.node[data-node="2"]', 'data-up') !== 'true') fail('stepping back never showed P2 up again');
  const before = await clockMs(page);
  if (before >= crashedAt) fail(`stepping back went from ${crashedAt} ms to ${before} ms`);
  ok(`step back: P2 is up again at ${before} ms`);

  await page.click('#step');
  await waitFor('P2 down again after one step', async () => await attr(page, 'svg#network g.node[data-node="2"]', 'data-up') === 'false');
  if (await clockMs(page) <= before) fail('step did not move time forward');
  ok(`step forward: the crash happens again at ${await clockMs(page)} ms`);

  await page.keyboard.press('?');
  await page.waitForSelector('#help[role=dialog]', { timeout: 2000 });
  await page.screenshot({ path: join(outDir, 'interact-help.png') });
  await page.keyboard.press('Escape');
  await waitFor('the help to close', async () => !(await page.$('#help')));
  ok('? opens the keyboard help and Escape closes it');

  await page.keyboard.press('Space');
  await waitFor('Space to play', async () => await attr(page, '#play', 'class') === 'pause');
  ok('Space plays');

  await page.setViewportSize({ width: 390, height: 844 });
  await sleep(300);
  await page.screenshot({ path: join(outDir, 'interact-phone.png'), fullPage: true });
  noProblems('at the end');
  ok('no console error and no page error');
}, async () => {
  if (problems.length) console.error(`  errors the page reported:\n  ${problems.slice(0, 10).join('\n  ')}`);
  if (page) await page.screenshot({ path: join(outDir, 'interact-failure.png') }).catch(() => {});
});

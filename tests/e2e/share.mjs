// End-to-end test of share links, embed, import/export, reduced motion, ?bench and the panic panel, on
// the built site in headless Chromium (served on 127.0.0.1, a free port). For each protocol's
// first catalog scenario: load, play ~1 s, pause, Share, open the link in a new page, and check
// it shows the same moment (clock, node roles and labels, messages). Screenshots go to
// tests/e2e/out/. Any console or page error fails the test (except in the ?panic check).
//   node tests/e2e/share.mjs [DIST_DIR]        (default: dist/ at the repo root; build it first)
import { readFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { fail, start } from './harness.mjs';

const PROTOCOLS = ['raft', 'paxos', 'bully', 'ring', 'om'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const b64url = (buf) => Buffer.from(buf).toString('base64url');

const { dist, outDir, server, url, browser, ok, run } = await start('e2e share', 240);

/** A page whose console and page errors are collected in page.problems. */
async function open(path, { width = 1280, height = 800, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  const response = await page.goto(new URL(path, url).href, { waitUntil: 'load' });
  if (!response?.ok()) fail(`GET ${path} answered ${response?.status()}`);
  return page;
}
const clean = (page, when) => { if (page.problems.length) fail(`${when}: ${page.problems.join('; ')}`); };
const shot = async (page, name) => { await page.screenshot({ path: join(outDir, name) }); console.log(`e2e share: screenshot ${join(outDir, name)}`); };
const drawn = (page) => page.waitForSelector('svg#network g.node', { timeout: 20_000 });

/** What a moment looks like: the clock, every node's role and label, every message's place. */
const moment = (page) => page.evaluate(() => ({
  clock: document.querySelector('#clock')?.textContent,
  caption: document.querySelector('#caption')?.textContent,
  nodes: [...document.querySelectorAll('svg#network g.node')].map((g) =>
    [g.dataset.node, g.dataset.role, g.dataset.up, g.querySelector('.label')?.textContent].join('|')),
  messages: [...document.querySelectorAll('svg#network g.message')].map((g) =>
    `${g.dataset.id}@${g.getAttribute('transform')}`),
}));

async function errorShown(page, says, what) {
  await page.waitForSelector('#error', { timeout: 20_000 });
  const text = await page.$eval('#error', (e) => e.textContent);
  for (const s of says) if (!text.includes(s)) fail(`${what}: #error should mention '${s}' but says: ${text}`);
  return text;
}

await run(async () => {
  console.log(`e2e share: serving ${dist} on ${url}`);
  for (const protocol of PROTOCOLS) {
    const page = await open(`?protocol=${protocol}`);
    await drawn(page);
    await sleep(1000);
    // Pause (a short run may have ended already; Play would then start it over).
    if ((await page.$eval('button#play', (b) => b.textContent.trim())) === 'Pause') await page.click('button#play');
    await sleep(100);
    const before = await moment(page);
    await page.click('button#share');
    await page.waitForSelector('#share-link', { timeout: 10_000 });
    const link = await page.$eval('#share-link', (e) => e.value);
    if (!/#t=\d+&z=[A-Za-z0-9_-]+$/.test(link)) fail(`${protocol}: the share link is not #t=…&z=…: ${link}`);
    if (new URL(link).hash !== new URL(page.url()).hash) fail(`${protocol}: the address bar does not show the shared link`);
    const after = await moment(page);
    if (JSON.stringify(after) !== JSON.stringify(before)) fail(`${protocol}: sharing changed the picture`);
    clean(page, `${protocol} before sharing`);

    const copy = await open(link);
    await drawn(copy);
    await sleep(300); // a moment that plays on would show a later clock by now
    const reopened = await moment(copy);
    for (const key of ['clock', 'caption', 'nodes', 'messages']) {
      if (JSON.stringify(reopened[key]) !== JSON.stringify(before[key])) {
        fail(`${protocol}: the link reopened another moment (${key}):\n  shared ${JSON.stringify(before[key])}\n  opened ${JSON.stringify(reopened[key])}`);
      }
    }
    const label = await copy.$eval('button#play', (b) => b.textContent.trim());
    if (label !== 'Play') fail(`${protocol}: a shared moment should open paused, but the button says ${label}`);
    clean(copy, `${protocol} reopened`);
    await shot(copy, `share-${protocol}.png`);
    ok(`${protocol}: ${link.length}-character link reopens the moment at ${before.clock} (${before.nodes.length} nodes, ${before.messages.length} messages), paused`);
    await page.context().close();
    await copy.context().close();
  }

  // Bad links: corrupt data, a decompression bomb, a scenario that fails validation.
  const bomb = b64url(deflateRawSync(Buffer.alloc(3_000_000, 32)));
  const tooFewNodes = b64url(Buffer.from('{"protocol":"ring","nodes":1,"seed":1,"duration_ms":100}'));
  for (const [hash, says, what] of [
    ['#t=5&z=AAAAAAAA', ['shared link', 'corrupt'], 'corrupt data'],
    [`#t=5&z=${bomb}`, ['shared link', 'limit'], `a ${bomb.length}-character link that inflates to 3 MB`],
    [`#t=5&j=${tooFewNodes}`, ['shared link', 'nodes'], 'a one-node ring'],
    ['#t=soon&z=AA', ['shared link', 't:'], 'a time that is not a number'],
  ]) {
    const page = await open(hash);
    const text = await errorShown(page, says, what);
    clean(page, what);
    if (what === 'corrupt data') {
      await shot(page, 'share-corrupt.png');
      await page.click('button#open-default');
      await drawn(page);
      if (new URL(page.url()).hash) fail('opening the default scenario should clear the bad link from the address bar');
    }
    ok(`${what}: #error says "${text.replace(/\s+/g, ' ').slice(0, 110)}…"`);
    await page.context().close();
  }

  // Export the scenario, import it back; import a broken one.
  {
    const page = await open('?scenario=ring-partition');
    await drawn(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button#export')]);
    const text = await readFile(await download.path(), 'utf8');
    const exported = JSON.parse(text);
    if (download.suggestedFilename() !== 'ring-partition.json' || exported.protocol !== 'ring') {
      fail(`export gave ${download.suggestedFilename()}: ${text.slice(0, 100)}`);
    }
    await page.setInputFiles('#import-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"protocol":"ring","nodes":3,"seed":1}') });
    await errorShown(page, ['file bad.json', 'duration_ms'], 'importing a scenario without duration_ms');
    await page.click('button#open-default');
    await drawn(page);
    exported.seed = 77;
    await page.setInputFiles('#import-file', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await page.waitForFunction(() => document.querySelector('.subtitle')?.textContent.includes('seed 77'), null, { timeout: 10_000 });
    clean(page, 'export and import');
    ok(`export downloads ${download.suggestedFilename()}; a broken import names the file and the field; a good one opens`);
    await page.context().close();
  }

  // Embed: the compact view, with a link to the full page.
  {
    const page = await open('?protocol=raft&embed', { width: 640, height: 400 });
    await drawn(page);
    await sleep(1500);
    const shape = await page.evaluate(() => ({
      header: !!document.querySelector('header'), picker: !!document.querySelector('select#scenario'),
      buttons: [...document.querySelectorAll('button')].map((b) => b.id),
      full: document.querySelector('a.open-full')?.href,
    }));
    if (shape.header || shape.picker) fail(`the embed view shows the header or picker: ${JSON.stringify(shape)}`);
    if (JSON.stringify(shape.buttons) !== '["play","restart"]') fail(`the embed view's buttons are ${shape.buttons}`);
    if (!shape.full || new URL(shape.full).search !== '?protocol=raft') fail(`"open in consenso" goes to ${shape.full}`);
    clean(page, 'embed');
    await shot(page, 'embed.png');
    ok(`?embed shows the drawing, play and restart, and a link to ${new URL(shape.full).search}`);
    await page.context().close();
  }

  // Phone and projector sizes: nothing wider than the screen, screenshots to look at.
  for (const [width, height] of [[390, 844], [360, 740], [1920, 1080]]) {
    const page = await open('?protocol=raft', { width, height });
    await drawn(page);
    await sleep(1200);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > width) fail(`at ${width}x${height} the page is ${wide} px wide (scrolls sideways)`);
    clean(page, `${width}x${height}`);
    await shot(page, `size-${width}x${height}.png`);
    ok(`${width}x${height}: the page fits the width`);
    await page.context().close();
  }

  // prefers-reduced-motion: a message in flight stands still while the run plays.
  {
    const page = await open('?protocol=ring', { reducedMotion: 'reduce' });
    await page.waitForSelector('svg#network g.message', { timeout: 20_000 });
    const still = async () => {
      const a = await moment(page);
      await sleep(250);
      const b = await moment(page);
      return { a, b, common: a.messages.filter((m) => b.messages.includes(m)).length, clockMoved: a.clock !== b.clock };
    };
    let seen = null;
    for (let i = 0; i < 10 && !seen; i++) {
      const s = await still();
      const ids = new Set(s.b.messages.map((m) => m.split('@')[0]));
      const sameIds = s.a.messages.filter((m) => ids.has(m.split('@')[0]));
      if (s.clockMoved && sameIds.length) {
        if (sameIds.some((m) => !s.b.messages.includes(m))) fail(`with reduced motion a message moved: ${JSON.stringify(s)}`);
        seen = sameIds.length;
      }
    }
    if (!seen) fail('with reduced motion, could not see one message twice while time ran');
    clean(page, 'reduced motion');
    ok(`prefers-reduced-motion: ${seen} message(s) stood still while the clock ran`);
    await page.context().close();
  }

  // The site has no benchmark (it is the bench page's, scripts/bench-web): ?bench is answered
  // with a notice naming that page, and the linked run plays as usual.
  {
    const page = await open('?bench&protocol=ring');
    await drawn(page);
    const notice = await page.$eval('#notice span', (e) => e.textContent).catch(() => '');
    for (const s of ['benchmark', 'scripts/bench-web']) if (!notice.includes(s)) fail(`?bench: the notice should mention '${s}' but says: '${notice}'`);
    if (await page.$('section.bench, #bench-result')) fail('?bench: the site has a bench section, so the benchmark is in every user\'s download');
    const roles = await page.$$eval('svg#network g.node', (gs) => gs.map((g) => g.dataset.role));
    if (!roles.length || (await page.$eval('button#play', (b) => b.textContent.trim())) !== 'Pause') fail(`?bench: the linked run should play (roles ${roles})`);
    clean(page, '?bench');
    ok('?bench on the site: a notice that the bench is a separate build (scripts/bench-web), and the run plays');
    await page.context().close();
  }

  // A bug shows the error panel, not a frozen or blank page (?panic panics on purpose).
  {
    const page = await open('?panic');
    await errorShown(page, ['bug', 'deliberate panic'], '?panic');
    const link = await page.$eval('#error a', (a) => a.getAttribute('href'));
    if (link !== './') fail(`the panic panel's link goes to ${link}`);
    await shot(page, 'panic.png');
    ok('?panic: the panic hook shows #error with the message and a link to the default scenario');
    await page.context().close();
  }
});

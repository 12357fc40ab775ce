// Regenerates docs/screenshots/<protocol>-network.png and <protocol>-spacetime.png from the
// built site: each protocol's example paused at a moment worth seeing, the drawing only.
//   node scripts/docs-screenshots.mjs [DIST_DIR]      (default: dist/; build it first)
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const out = join(root, 'docs', 'screenshots');
// protocol, scenario, slow-motion factor, pause when the clock reaches (ms)
const SHOTS = [
  ['raft', 'raft-basic', 4, 1260],
  ['paxos', 'paxos-basic', 20, 185],
  ['bully', 'bully-crash-worst-case', 10, 480],
  ['ring', 'ring-partition', 4, 1420],
  ['om', 'om-seven-m2-two-traitors', 20, 25],
];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
await mkdir(out, { recursive: true });
const { server, url } = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
for (const [protocol, scenario, speed, at] of SHOTS) {
  await page.goto(`${url}?scenario=${scenario}&speed=${speed}`);
  await page.waitForSelector('svg#network g.node');
  const target = at;
  const clock = async () => Number((await page.textContent('#clock')).replace(/[^0-9]/g, ''));
  while ((await clock()) < target && (await page.textContent('button#play')).trim() === 'Pause') await sleep(30);
  if ((await page.textContent('button#play')).trim() === 'Pause') await page.click('button#play');
  await sleep(100);
  await (await page.$('svg#network')).screenshot({ path: join(out, `${protocol}-network.png`) });
  await page.click('#view-spacetime');
  await sleep(150);
  await (await page.$('svg#spacetime')).screenshot({ path: join(out, `${protocol}-spacetime.png`) });
  console.log(`${protocol}: ${scenario} at ${await clock()} ms`);
}
await browser.close();
server.close();

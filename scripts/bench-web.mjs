// Runs the bench page's ?bench mode headless and prints its JSON (see scripts/bench-web).
//   node scripts/bench-web.mjs DIST_DIR      (a site built with --features bench)
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { serveStatic } from './static-server.mjs';
import { cpus, loadavg } from 'node:os';

const dist = process.argv[2] ?? 'dist';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const { server, url } = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS });
let status = 1;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${url}?bench`, { waitUntil: 'load' });
  // The bench's section comes with the page's first render; a site built without the feature
  // draws the page with a notice instead (src/bench_notice.rs).
  await page.waitForSelector('svg#network g.node, #error', { timeout: 30_000 });
  if (await page.$('section.bench')) {
    status = await measure(page, problems);
  } else {
    const notice = await page.$eval('#notice span', (e) => e.textContent.trim()).catch(() => '');
    console.error(`bench-web: ${dist} has no bench page (built without the cargo feature \`bench\`)${notice ? `; it says: ${notice}` : ''}`);
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(status);

/** Waits for the bench's figures, prints them with the machine's context; 0 when they pass. */
async function measure(page, problems) {
  await page.waitForSelector('#bench-result', { timeout: 60_000 });
  const figures = JSON.parse(await page.$eval('#bench-result', (e) => e.textContent));
  figures.url = `${url}?bench`;
  // Context for the figures: they are wall-clock rates, and this machine may be shared.
  figures.machine = { cpus: cpus().length, load_average_1m: Number(loadavg()[0].toFixed(2)) };
  if (problems.length) figures.page_errors = problems;
  console.log(JSON.stringify(figures, null, 2));
  const status = figures.ok && !problems.length ? 0 : 1;
  if (status) console.error('bench-web: the bench reported a failed check or page errors (see above)');
  return status;
}

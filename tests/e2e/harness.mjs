// What every end-to-end script starts with: the built site served on 127.0.0.1 (a free port),
// Debian's headless Chromium through playwright-core, and a watchdog so a hung page cannot
// hang CI. Each script keeps its own checks.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../scripts/static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic'];

/**
 * Serve the site (argv[2], default dist/ at the repo root) and launch Chromium (CHROMIUM, default
 * /usr/bin/chromium). `tag` prefixes the messages; the watchdog exits after `seconds`.
 */
export async function start(tag, seconds) {
  const dist = resolve(process.argv[2] ?? join(here, '..', '..', 'dist'));
  const outDir = join(here, 'out');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`${tag}: ${dist}/index.html not found; build the site first (trunk build --release)`);
    process.exit(1);
  }
  await mkdir(outDir, { recursive: true });
  const { server, url } = await serveStatic(dist);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS });
  const watchdog = setTimeout(() => { console.error(`${tag}: FAILED: gave up after ${seconds} s`); process.exit(1); }, seconds * 1000);
  return { dist, outDir, server, url, browser, watchdog };
}

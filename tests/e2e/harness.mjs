// What every end-to-end script starts with: the built site served on 127.0.0.1 (a free port),
// Debian's headless Chromium through playwright-core, and a watchdog so a hung page cannot
// hang CI; the numbered checks, and the verdict line scripts/test looks for. Each script keeps
// its own checks.
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

/** A check that did not hold: its message is the verdict (no stack trace). */
export class Failure extends Error {}
export const fail = (what) => { throw new Failure(what); };

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
  let checks = 0;
  const ok = (what) => console.log(`ok ${++checks} - ${what}`);
  /** Run the checks, print `${tag}: N checks passed` or what failed (then `onFailure` adds what
   * helps: the page's errors, a screenshot), close the browser and the server, and exit. */
  const run = async (checksBody, onFailure = async () => {}) => {
    let failed = false;
    try {
      await checksBody();
      console.log(`${tag}: ${checks} checks passed`);
    } catch (e) {
      failed = true;
      console.error(`${tag}: FAILED after ${checks} checks: ${e instanceof Failure ? e.message : e.stack ?? e}`);
      await onFailure().catch(() => {});
    } finally {
      clearTimeout(watchdog);
      await browser.close();
      server.close();
    }
    process.exit(failed ? 1 : 0);
  };
  return { dist, outDir, server, url, browser, ok, run };
}

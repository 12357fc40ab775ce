// Browser figures of the built site in headless Chromium, for the budget table of scripts/test:
//   - Content-Security-Policy: the page runs with no CSP violation and no console error, and
//     the policy is live (an injected inline script and eval are refused);
//   - UI frame time: while the default Raft scenario plays, the ms of script per animation
//     frame (the app's requestAnimationFrame callbacks: reducer, view, render) and the ms
//     between frames.
// Prints "budget: NAME VALUE" lines; exits 1 on a CSP violation, a page error or no frames.
//   node scripts/browser-budgets.mjs DIST_DIR [SECONDS]
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { resolve } from 'node:path';
import { serveStatic } from './static-server.mjs';

const dist = resolve(process.argv[2] ?? 'dist');
const seconds = Number(process.argv[3] ?? 5);
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// Runs in the page before its own scripts: time every animation-frame callback, and record
// CSP violations as they happen.
const PROBE = () => {
  window.__frames = [];
  window.__csp = [];
  document.addEventListener('securitypolicyviolation',
    (e) => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => {
    const start = performance.now();
    try { cb(t); } finally { window.__frames.push([t, performance.now() - start]); }
  });
};

const { server, url } = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS });
const problems = [];
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(PROBE);
  await page.goto(`${url}?scenario=raft-basic`, { waitUntil: 'load' });
  await page.waitForSelector('svg#network g.node', { timeout: 20_000 });
  await page.evaluate(() => { window.__frames = []; });
  await page.waitForTimeout(seconds * 1000);
  const frames = await page.evaluate(() => window.__frames);
  const csp = await page.evaluate(() => window.__csp);
  if (frames.length < 10) throw new Error(`only ${frames.length} animation frames in ${seconds} s: is the page playing?`);
  const work = frames.map(([, ms]) => ms).sort((a, b) => a - b);
  const avg = work.reduce((a, b) => a + b, 0) / work.length;
  const p95 = work[Math.floor(work.length * 0.95)];
  const interval = (frames.at(-1)[0] - frames[0][0]) / (frames.length - 1);
  console.log(`budget: frame_script_ms ${avg.toFixed(2)}`);
  console.log(`budget: frame_script_p95_ms ${p95.toFixed(2)}`);
  console.log(`budget: frame_interval_ms ${interval.toFixed(1)}`);
  console.log(`budget: frames ${frames.length}`);
  if (csp.length || problems.length) {
    throw new Error(`the page reported problems under its CSP:\n  ${[...csp, ...problems].join('\n  ')}`);
  }
  console.log('csp: the page ran with no CSP violation and no console error or warning');
  // The policy is live: an inline script injected now, and eval, are refused.
  const control = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
    // A string passed to setTimeout is eval (page.evaluate itself is exempt from the CSP).
    setTimeout('window.__evalRan = true', 0);
    await new Promise((r) => setTimeout(r, 100));
    return { inline: window.__inlineRan === true, eval: window.__evalRan === true, violations: window.__csp.length };
  });
  if (control.inline || control.eval || control.violations < 2) {
    throw new Error(`the CSP is not enforced: ${JSON.stringify(control)}`);
  }
  console.log('csp: an injected inline script and eval were refused');
} catch (e) {
  failed = true;
  console.error(`browser-budgets: FAILED: ${e.message}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);

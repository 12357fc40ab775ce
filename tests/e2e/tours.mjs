// End-to-end test of the guided tours on the built site in headless Chromium (served on
// 127.0.0.1, a free port). For every tour in every language: open ?tour=X&lang=L, walk every
// step with Continue, and check at each step's pause that the panel shows the step's title
// (read from the tour files), "n of m", the clock at the step's pause, the address bar naming
// tour, step and language, and the invariants: red exactly the step's expect_violation, or
// none. Finish leaves the tour keeping the run. Then links to one step, bad links, and the
// language picker. Screenshots of each first step go to tests/e2e/out/. Any console or page
// error fails the test.
//   node tests/e2e/tours.mjs [DIST_DIR]        (default: dist/ at the repo root; build it first)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, start } from './harness.mjs';

const TOURS = ['raft', 'paxos', 'bully', 'ring', 'byzantine'];
const LANGS = ['en', 'pt', 'es'];
// 1 wall ms per virtual ms (the slowest link value the page takes is also its fastest integer):
// every step's segment plays in about a second.
const SPEED = 1;


const { dist, outDir, server, url, browser, ok, run } = await start('e2e tours', 300);
const readJson = async (name) => JSON.parse(await readFile(join(dist, 'tours', name), 'utf8'));

/** A page whose console and page errors are collected in page.problems. */
async function open(path, { width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  const response = await page.goto(new URL(path, url).href, { waitUntil: 'load' });
  if (!response?.ok()) fail(`GET ${path} answered ${response?.status()}`);
  return page;
}
const clean = (page, when) => { if (page.problems.length) fail(`${when}: ${page.problems.join('; ')}`); };
const shot = async (page, name) => { await page.screenshot({ path: join(outDir, name) }); console.log(`e2e tours: screenshot ${join(outDir, name)}`); };

/** What the page shows of the tour once the step's segment has played to its pause. */
async function atPause(page, where, pauseMs, stepId) {
  await page.waitForSelector(stepId ? `#tour[data-step="${stepId}"]` : '#tour', { timeout: 20_000 });
  try {
    await page.waitForFunction((ms) => document.querySelector('button#play')?.classList.contains('play')
      && document.querySelector('#clock')?.textContent === `${ms} ms`, pauseMs, { timeout: 30_000 });
  } catch {
    fail(`${where}: did not pause at ${pauseMs} ms (clock ${await page.textContent('#clock')})`);
  }
  return page.evaluate(() => ({
    title: document.querySelector('#tour-step-title')?.textContent,
    progress: document.querySelector('#tour-progress')?.textContent,
    step: document.querySelector('#tour')?.dataset.step,
    red: [...document.querySelectorAll('#invariants li[data-invariant][data-ok=false]')].map((li) => li.dataset.invariant),
    highlighted: [...document.querySelectorAll('#invariants li.tour-highlight')].map((li) => li.dataset.invariant),
    search: location.search,
  }));
}

/** Check one step's pause against the tour files. */
function checkStep(seen, where, spec, texts, i) {
  const step = spec.steps[i];
  const want = texts.steps[step.id].title;
  if (seen.title !== want) fail(`${where}: title '${seen.title}', want '${want}'`);
  if (seen.step !== step.id) fail(`${where}: panel is at step ${seen.step}`);
  const [n, m] = (seen.progress.match(/\d+/g) ?? []).map(Number);
  if (n !== i + 1 || m !== spec.steps.length) fail(`${where}: progress '${seen.progress}'`);
  const redWanted = step.expect_violation ? [step.expect_violation] : [];
  if (JSON.stringify(seen.red) !== JSON.stringify(redWanted)) {
    fail(`${where}: red invariants ${JSON.stringify(seen.red)}, want ${JSON.stringify(redWanted)}`);
  }
  const hl = step.highlight?.invariant ? [step.highlight.invariant] : [];
  if (JSON.stringify(seen.highlighted) !== JSON.stringify(hl)) fail(`${where}: highlighted ${JSON.stringify(seen.highlighted)}, want ${JSON.stringify(hl)}`);
}

await run(async () => {
  const started = Date.now();
  let steps = 0;
  let violations = 0;
  for (const tour of TOURS) {
    const spec = await readJson(`${tour}.json`);
    for (const lang of LANGS) {
      const texts = await readJson(`${tour}.${lang}.json`);
      const page = await open(`?tour=${tour}&lang=${lang}&speed=${SPEED}`);
      for (let i = 0; i < spec.steps.length; i++) {
        const where = `${tour} ${lang} step ${i + 1} (${spec.steps[i].id})`;
        const seen = await atPause(page, where, spec.steps[i].pause_ms, spec.steps[i].id);
        checkStep(seen, where, spec, texts, i);
        const q = new URLSearchParams(seen.search);
        if (q.get('tour') !== tour || q.get('step') !== spec.steps[i].id || q.get('lang') !== lang || q.get('speed') !== String(SPEED)) {
          fail(`${where}: the address bar says ${seen.search}`);
        }
        if (i === 0) await shot(page, `tour-${tour}-${lang}.png`);
        steps++;
        violations += spec.steps[i].expect_violation ? 1 : 0;
        await page.click('#tour-continue');
      }
      // Finish (Continue on the last step) leaves the tour and keeps the run.
      await page.waitForSelector('#tour', { state: 'detached', timeout: 5_000 });
      const last = spec.steps[spec.steps.length - 1];
      if ((await page.textContent('#clock')) !== `${last.pause_ms} ms`) fail(`${tour} ${lang}: Finish changed the run`);
      const search = await page.evaluate(() => location.search);
      if (search.includes('tour=') || search.includes('step=')) fail(`${tour} ${lang}: after Finish the address bar says ${search}`);
      clean(page, `${tour} ${lang}`);
      await page.context().close();
    }
    ok(`${tour}: ${spec.steps.length} steps in ${LANGS.join(', ')} show their titles, pause times and invariants`);
  }
  ok(`${steps} steps walked in ${Math.round((Date.now() - started) / 1000)} s; ${violations} showed their violation, the others none`);

  // A teacher's link to one step (by number and by id), on a phone.
  {
    const spec = await readJson('byzantine.json');
    const texts = await readJson('byzantine.es.json');
    const page = await open(`?tour=byzantine&step=2&lang=es&speed=${SPEED}`, { width: 390, height: 844 });
    checkStep(await atPause(page, 'byzantine es step 2 link', spec.steps[1].pause_ms), 'byzantine es step 2 link', spec, texts, 1);
    await shot(page, 'tour-byzantine-es-step2-390.png');
    clean(page, 'byzantine link');
    await page.context().close();

    const raft = await readJson('raft.json');
    const id = raft.steps[6].id;
    const p2 = await open(`?tour=raft&step=${id}&lang=pt&speed=${SPEED}`);
    checkStep(await atPause(p2, `raft step ${id}`, raft.steps[6].pause_ms), `raft step ${id}`, raft, await readJson('raft.pt.json'), 6);
    // Back opens the previous step; the language picker retells it in Spanish, same moment.
    await p2.click('#tour-back');
    await atPause(p2, 'raft Back', raft.steps[5].pause_ms, raft.steps[5].id);
    await p2.selectOption('select#lang', 'es');
    const es = await readJson('raft.es.json');
    await p2.waitForFunction((t) => document.querySelector('#tour-step-title')?.textContent === t, es.steps[raft.steps[5].id].title, { timeout: 10_000 });
    const seen = await atPause(p2, 'raft in es', raft.steps[5].pause_ms);
    if (!seen.search.includes('lang=es')) fail(`after choosing es the address bar says ${seen.search}`);
    // The page's Spanish words are a file of their own, fetched alongside the tour's.
    try {
      await p2.waitForFunction(() => document.querySelector('button#restart')?.textContent.trim() === 'Reiniciar', null, { timeout: 10_000 });
    } catch { fail(`the restart button says '${await p2.textContent('button#restart')}' in Spanish`); }
    // Leave keeps the run, in free play.
    await p2.click('#tour-leave');
    await p2.waitForSelector('#tour', { state: 'detached' });
    if ((await p2.textContent('#clock')) !== `${raft.steps[5].pause_ms} ms`) fail('Leave the tour changed the run');
    clean(p2, 'raft link');
    await p2.context().close();
    ok('links open one step by number and by id; Back, the language picker and Leave do what they say');
  }

  // The header's tour list starts a tour.
  {
    const page = await open(`?scenario=ring-basic&speed=${SPEED}`);
    await page.waitForSelector('svg#network g.node');
    await page.selectOption('select#tour-picker', 'ring');
    const spec = await readJson('ring.json');
    checkStep(await atPause(page, 'picked ring', spec.steps[0].pause_ms), 'picked ring', spec, await readJson('ring.en.json'), 0);
    clean(page, 'tour picker');
    await page.context().close();
    ok('the tour list in the header starts a tour at its first step');
  }

  // Bad links are refused with a message naming the parameter.
  for (const [query, words] of [['?tour=pbft', ['tour', 'pbft']], ['?tour=raft&step=99', ['step', '99']],
    ['?tour=raft&lang=fr', ['lang', 'fr']], ['?step=2', ['step', 'tour']]]) {
    const page = await open(query);
    await page.waitForSelector('#error', { timeout: 20_000 });
    const text = await page.textContent('#error');
    if (!words.every((w) => text.includes(w))) fail(`${query}: the error says '${text}'`);
    clean(page, query);
    await page.context().close();
  }
  ok('bad tour links show #error naming the parameter');

});

// End-to-end test of the page's own words in Portuguese and Spanish on the built site in headless
// Chromium. For the first scenario of each protocol, in each language: open ?scenario=X&lang=L,
// wait for the language's words (fetched at run time from i18n/L.json), select a node, and check
// that the controls, the inspector (its rows too: sentences with data in them, such as Paxos'
// phase, OM's algorithm or bully's heartbeat) and the panels say known words of that language, that the
// drawing's role labels are translated (data-role stays the protocol's own), and that no English
// chrome word is left on the screen or in an aria-label or title; then step through the run and
// check that the protocol's own sentences (the caption, the log's protocol lines) are said in the
// language too, and so is a violation's explanation (in the invariants panel and the log) in a
// broken variant of Raft and in OM(1) with two traitors. Then: a language file that
// fails to arrive leaves the page in English with one console warning and no error; a refused
// link or scenario is explained in the page's language in the error panel. Screenshots
// in pt and es with a node selected, wide and at 360 px, go to tests/e2e/out/.
//   node tests/e2e/i18n.mjs [DIST_DIR]        (default: dist/ at the repo root; build it first)
import { join } from 'node:path';
import { fail, start } from './harness.mjs';

const SCENARIOS = ['raft-basic', 'paxos-basic', 'bully-crash-worst-case', 'ring-basic', 'om-four-case1-traitor-lieutenant'];
/** Per language: the restart button's word (the sign its file has arrived), words that must be
 * on the screen with node P1 selected, and the translated role words the drawing may show. */
const LANGS = {
  pt: {
    restart: 'Reiniciar',
    shown: ['Executar', 'Reiniciar', 'Registro de eventos', 'Rede', 'Invariantes', 'Compartilhar', 'Derrubar P1', 'Nós', 'Semente', 'Isolar os escolhidos'],
    roles: ['líder', 'seguidor', 'candidato', 'proponente', 'aceitador', 'aprendiz', 'coordenador', 'em eleição', 'participante', 'não participante', 'comandante', 'tenente', 'tenente traidor', 'comandante traidor'],
    english: ['Inspector'],
  },
  es: {
    restart: 'Reiniciar',
    shown: ['Reproducir', 'Reiniciar', 'Registro de eventos', 'Red', 'Invariantes', 'Compartir', 'Hacer caer P1', 'Nodos', 'Semilla', 'Aislar los elegidos'],
    roles: ['líder', 'seguidor', 'candidato', 'proponente', 'aceptador', 'aprendiz', 'coordinador', 'en elección', 'participante', 'no participante', 'comandante', 'teniente', 'teniente traidor', 'comandante traidor'],
    english: [],
  },
};
/** English chrome that must not be seen in another language (whole words, case-sensitive). Role
 * words are not in it: message labels (RequestVote, "1→2: attack") stay the protocol's own. */
const ENGLISH = ['Play', 'Pause', 'Restart', 'Event log', 'Network', 'Share', 'Step back', 'Step forward', 'Nodes', 'Seed',
  'Crash P1', 'Export JSON', 'Import JSON', 'Timeline', 'Keyboard shortcuts', 'holds', 'Both', 'Speed', 'Pick for partition'];
/** Words of English sentences: none may be in a note or an explanation said in pt or es. */
const ENGLISH_SENTENCE = ['the', 'and', 'its', 'is', 'with', 'from', 'that', 'to', 'of', 'has', 'it'];
const englishIn = (line) => ENGLISH_SENTENCE.filter((w) => has(line, w));
/** Words of the inspector's rows in English (values with data in them, such as "2a Propose x
 * sent; accepted by 2 of 3"): none may be in a row said in pt or es. Message names (Prepare,
 * Answer, Coordinator) and heartbeat are the protocols' own and stay. */
const ENGLISH_ROW = [...ENGLISH_SENTENCE, 'sent', 'promises', 'accepted', 'chosen', 'done', 'itself', 'generals', 'majority',
  'round', 'rounds', 'waiting', 'started', 'answered', 'every', 'attack', 'retreat', 'signed', 'rejected', 'needed',
  'undefined', 'more', 'not', 'yet', 'nothing', 'default', 'traitor', 'decision', 'takes', 'part', 'by', 'for', 'an'];
/** Per language and scenario: a row of node P1 that used to be English, its name and its value as
 * the language says it (the Paxos phase is checked after 30 steps, when P1 is proposing). */
const ROWS = {
  pt: {
    'paxos-basic': ['fase', /^(1a Prepare enviado; \d de \d promessas|2a Propose \S+ enviado; aceito por \d de \d|concluído: \S+ está escolhido)$/],
    'bully-crash-worst-case': ['heartbeat / suspeita após', /^a cada \d+ ms \/ \d+ ms \(heartbeat \+ T\)$/],
    'om-four-case1-traitor-lieutenant': ['algoritmo', /^OM\(1\), 4 generais$/],
  },
  es: {
    'paxos-basic': ['fase', /^(1a Prepare enviado; \d de \d promesas|2a Propose \S+ enviado; aceptado por \d de \d|terminado: \S+ está elegido)$/],
    'bully-crash-worst-case': ['heartbeat / sospecha tras', /^cada \d+ ms \/ \d+ ms \(heartbeat \+ T\)$/],
    'om-four-case1-traitor-lieutenant': ['algoritmo', /^OM\(1\), 4 generales$/],
  },
};
/** The inspector's rows, as [name, value] pairs. */
const rowsOf = (page) => page.$$eval('#inspector dl.rows dt', (dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? '']));
/** Rows with an English word in their name or value, as "name: value (words)". */
const englishRows = (rows) => rows.filter(([k, v]) => ENGLISH_ROW.some((w) => has(k, w) || has(v, w)))
  .map(([k, v]) => `${k}: ${v} (${ENGLISH_ROW.filter((w) => has(k, w) || has(v, w)).join(', ')})`);
/** A broken variant per language, with words its explanation must say in that language. */
const VIOLATIONS = {
  pt: [['raft-figure8-bug', 'Leader Completeness', 'lidera o mandato'], ['om-seven-m1-two-traitors-fails', 'IC1', 'decidiram retirar']],
  es: [['raft-figure8-bug', 'Leader Completeness', 'lidera el mandato'], ['om-seven-m1-two-traitors-fails', 'IC1', 'decidieron retirarse']],
};

const { outDir, server, url, browser, ok, run } = await start('e2e i18n', 300);

async function open(path, { width = 1280, height = 800, block } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
  const page = await context.newPage();
  page.errors = [];
  page.warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
    if (m.type() === 'warning') page.warnings.push(m.text());
  });
  page.on('pageerror', (e) => page.errors.push(`page error: ${e.message}`));
  if (block) await page.route(`**/${block}`, (r) => r.fulfill({ status: 404, body: 'no' }));
  const response = await page.goto(new URL(path, url).href, { waitUntil: 'load' });
  if (!response?.ok()) fail(`GET ${path} answered ${response?.status()}`);
  await page.waitForSelector('svg#network g.node', { timeout: 20_000 });
  return page;
}

/** Pause the run (a short run may end, and Play start it over, between a look and a click). */
async function pause(page) {
  for (let i = 0; i < 5 && await page.$('button#play.pause'); i++) {
    await page.click('button#play');
    await page.waitForTimeout(100);
  }
  if (await page.$('button#play.pause')) fail('the run cannot be paused');
}

/** Everything a reader or a screen reader gets: the visible text, and every aria-label and title. */
const said = (page) => page.evaluate(() => [document.body.innerText,
  ...[...document.querySelectorAll('[aria-label],[title]')].flatMap((e) => [e.getAttribute('aria-label'), e.getAttribute('title')])]
  .filter(Boolean).join('\n'));
const has = (text, word) => new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text);

await run(async () => {
  for (const [lang, want] of Object.entries(LANGS)) {
    for (const scenario of SCENARIOS) {
      const where = `${scenario} ${lang}`;
      const page = await open(`?scenario=${scenario}&lang=${lang}`);
      try {
        await page.waitForFunction((w) => document.querySelector('button#restart')?.textContent.trim() === w, want.restart, { timeout: 10_000 });
      } catch { fail(`${where}: the words never arrived (restart says '${await page.textContent('button#restart')}')`); }
      if ((await page.getAttribute('html', 'lang')) !== lang) fail(`${where}: <html lang> is not ${lang}`);
      // Pause, then select P1 (the key 1) so the inspector shows a node.
      await pause(page);
      await page.keyboard.press('1');
      await page.waitForSelector('#inspector[data-node="1"]', { timeout: 5_000 });
      const text = await said(page);
      const missing = want.shown.filter((w) => !has(text, w));
      if (missing.length) fail(`${where}: these ${lang} words are not shown: ${missing.join(', ')}`);
      const english = [...ENGLISH, ...want.english].filter((w) => has(text, w));
      if (english.length) fail(`${where}: English chrome left: ${english.join(', ')}`);
      // The drawing's roles are translated; data-role keeps the protocol's word for scripts.
      const roles = await page.$$eval('svg#network g.node', (gs) => gs.map((g) => [g.dataset.role, g.dataset.up, g.querySelector('tspan.role')?.textContent]));
      for (const [role, up, shown] of roles) {
        if (up === 'true' && !want.roles.includes(shown)) fail(`${where}: role '${role}' is drawn as '${shown}'`);
      }
      // The inspector's rows and status come from the protocol, named in the language; rows
      // with data in them ("OM(1), 4 generals") are sentences said in the language too.
      const status = await page.textContent('#inspector .status');
      if (!want.roles.some((r) => status.includes(r))) fail(`${where}: the inspector's status says '${status}'`);
      const englishAtStart = englishRows(await rowsOf(page));
      if (englishAtStart.length) fail(`${where}: inspector rows in English: ${englishAtStart.join(' | ')}`);
      // The protocol's own sentences: a few dozen steps in, the caption and every protocol line of
      // the log are said in the language.
      for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
      const caption = (await page.textContent('#caption')).trim();
      const notes = await page.$$eval('#event-log li.note .what', (ls) => ls.map((l) => l.textContent));
      if (!notes.length) fail(`${where}: no protocol line in the log after 30 steps`);
      for (const line of [caption, ...notes]) {
        if (englishIn(line).length) fail(`${where}: '${line}' is English (${englishIn(line).join(', ')})`);
      }
      // P1's rows, 30 steps in, still in the language; and the row that used to be English.
      const rows = await rowsOf(page);
      const englishLater = englishRows(rows);
      if (englishLater.length) fail(`${where}: inspector rows in English after 30 steps: ${englishLater.join(' | ')}`);
      const [name, value] = ROWS[lang][scenario] ?? [];
      if (name) {
        const row = rows.find(([k]) => k === name);
        if (!row) fail(`${where}: P1 has no row '${name}': ${rows.map(([k]) => k).join(', ')}`);
        if (!value.test(row[1])) fail(`${where}: the row '${name}' says '${row[1]}', not ${value}`);
      }
      if (page.errors.length) fail(`${where}: ${page.errors.join('; ')}`);
      if (scenario === 'raft-basic') {
        await page.screenshot({ path: join(outDir, `i18n-${lang}-raft-node.png`) });
        console.log(`e2e i18n: screenshot ${join(outDir, `i18n-${lang}-raft-node.png`)}`);
      }
      await page.context().close();
    }
    ok(`${lang}: controls, inspector and its rows, panels, roles, caption and protocol lines of ${SCENARIOS.length} protocols in ${lang}, no English`);
  }

  // A violation's explanation, in the invariants panel and in the log, at the moment it broke.
  for (const [lang, cases] of Object.entries(VIOLATIONS)) {
    for (const [scenario, invariant, words] of cases) {
      const where = `${scenario} ${lang}`;
      const page = await open(`?scenario=${scenario}&lang=${lang}`);
      await page.waitForFunction((w) => document.querySelector('button#restart')?.textContent.trim() === w, LANGS[lang].restart, { timeout: 10_000 });
      await pause(page);
      await page.click(`#invariants li[data-invariant="${invariant}"] button.jump`);
      await page.waitForSelector(`#invariants li[data-invariant="${invariant}"][data-ok="false"] .why`, { timeout: 10_000 });
      const why = await page.textContent(`#invariants li[data-invariant="${invariant}"] .why`);
      const logged = await page.$$eval('#event-log li.violation .what', (ls) => ls.map((l) => l.textContent));
      if (!why.includes(words)) fail(`${where}: the explanation does not say '${words}': ${why}`);
      if (!logged.some((l) => l.includes(words))) fail(`${where}: the log's violation line does not say '${words}': ${logged.join(' | ')}`);
      for (const line of [why, ...logged]) {
        if (englishIn(line).length) fail(`${where}: '${line}' is English (${englishIn(line).join(', ')})`);
      }
      if (page.errors.length) fail(`${where}: ${page.errors.join('; ')}`);
      await page.context().close();
    }
  }
  ok('a violation\'s explanation is said in pt and es, in the invariants panel and the log');

  // A phone: buttons must not overflow their boxes in either language.
  for (const lang of Object.keys(LANGS)) {
    const page = await open(`?scenario=paxos-basic&lang=${lang}`, { width: 360, height: 800 });
    await page.waitForFunction((w) => document.querySelector('button#restart')?.textContent.trim() === w, LANGS[lang].restart, { timeout: 10_000 });
    await pause(page);
    await page.keyboard.press('1');
    await page.waitForSelector('#inspector[data-node="1"]');
    const overflowing = await page.$$eval('button, select', (els) => els
      .filter((e) => e.offsetParent && (e.scrollWidth > e.clientWidth + 1))
      .map((e) => e.id || e.textContent.trim().slice(0, 30)));
    if (overflowing.length) fail(`${lang} at 360 px: text overflows ${overflowing.join(', ')}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > 360) fail(`${lang} at 360 px: the page is ${wide} px wide`);
    await page.screenshot({ path: join(outDir, `i18n-${lang}-360.png`), fullPage: true });
    console.log(`e2e i18n: screenshot ${join(outDir, `i18n-${lang}-360.png`)}`);
    await page.context().close();
  }
  ok('at 360 px wide no button or list overflows in pt or es');

  // The language file does not arrive: English stays, one warning, no error.
  {
    const page = await open('?scenario=raft-basic&lang=pt', { block: 'i18n/pt.json' });
    await page.waitForTimeout(1_000);
    const restart = (await page.textContent('button#restart')).trim();
    if (restart !== 'Restart') fail(`without i18n/pt.json the restart button says '${restart}'`);
    // Chromium itself reports the failed request ("Failed to load resource"); the page adds none.
    const own = page.errors.filter((e) => !e.startsWith('Failed to load resource'));
    if (own.length) fail(`a failed language fetch logged errors: ${own.join('; ')}`);
    const warned = page.warnings.filter((w) => w.includes('i18n/pt.json'));
    if (warned.length !== 1) fail(`a failed language fetch warned ${warned.length} times: ${page.warnings.join('; ')}`);
    await page.context().close();
  }
  ok('a language file that fails to arrive leaves English and one console warning');

  // The picker switches the page's words at once (the file is fetched then).
  {
    const page = await open('?scenario=ring-basic');
    if ((await page.textContent('button#restart')).trim() !== 'Restart') fail('the page does not open in English');
    await page.selectOption('select#lang', 'es');
    await page.waitForFunction(() => document.querySelector('button#restart')?.textContent.trim() === 'Reiniciar', null, { timeout: 10_000 });
    await page.selectOption('select#lang', 'pt');
    await page.waitForFunction(() => document.querySelector('h2#event-log-title')?.textContent === 'Registro de eventos'
      && document.querySelector('h2#faults-title')?.textContent === 'Rede', null, { timeout: 10_000 });
    if (page.errors.length) fail(`the language picker: ${page.errors.join('; ')}`);
    await page.context().close();
  }
  ok('the language picker changes the page\'s words');


  // A refused link or scenario: the error panel's message is said in the page's language, like
  // its frame (a link error made by the page, and a refusal of the core's checks).
  const REFUSED = [
    ['pt', '?lang=pt&protocol=foo', 'Este cenário não pode ser executado', "parâmetro do link protocol: 'foo' não está disponível"],
    ['es', '?lang=es&nodes=abc', 'Este escenario no se puede ejecutar', "parámetro del enlace nodes: 'abc' no es un número entero"],
    ['es', '?lang=es&protocol=ring&nodes=1', 'Este escenario no se puede ejecutar', 'nodes: 1 está fuera del intervalo; ring acepta 2..=64'],
  ];
  for (const [lang, query, title, words] of REFUSED) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(new URL(query, url).href, { waitUntil: 'load' });
    try {
      await page.waitForFunction((t) => document.querySelector('#error h2')?.textContent === t, title, { timeout: 20_000 });
    } catch { fail(`${query}: no error panel titled '${title}'`); }
    const message = (await page.textContent('#error .message')).trim();
    if (!message.includes(words)) fail(`${query}: the error panel says '${message}', not '${words}'`);
    if (englishIn(message).length) fail(`${query}: '${message}' is English (${englishIn(message).join(', ')})`);
    if (errors.length) fail(`${query}: ${errors.join('; ')}`);
    if (query.includes('protocol=foo') || query.includes('nodes=abc')) {
      await page.screenshot({ path: join(outDir, `i18n-${lang}-refused.png`) });
      console.log(`e2e i18n: screenshot ${join(outDir, `i18n-${lang}-refused.png`)}`);
    }
    await context.close();
  }
  ok('a refused link or scenario is explained in pt and es in the error panel');

});

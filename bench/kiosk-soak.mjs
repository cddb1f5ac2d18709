// Kiosk soak: one browser tab on /kiosk for a whole shift. BENCH_KIOSK_CYCLES people (300) in turn sign in,
// show a temporary code, watch its countdown run, walk away and are cleared by the idle timeout. Every
// BENCH_KIOSK_EVERY cycles (a sixth of the run: 50) it prints what the tab holds, after a forced garbage
// collection: the JS heap, the wasm memory, DOM nodes, JS event listeners and pending timers. Then the growth
// from the first of those rows to the last, and a verdict: flat is at most +10 % heap (and wasm memory) and no
// growth at all in documents, nodes, listeners or timers. Prints figures; asserts nothing about time. It exits
// non-zero only when a cycle could not be driven (a wrong run is not a measurement).
//
// Environment (set by scripts/bench-kiosk.sh): QRBADGE_URL (the emulator serving the portal, --test-control),
// BENCH_KIOSK_CYCLES (300), BENCH_KIOSK_EVERY (CYCLES / 6), BENCH_OUT (where the JSON of every row goes).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { launch, openPage, resetEmulator, BASE } from '../e2e/lib/browser.mjs';

const env = process.env;
const CYCLES = Number(env.BENCH_KIOSK_CYCLES ?? 300);
const EVERY = Number(env.BENCH_KIOSK_EVERY ?? Math.max(1, Math.round(CYCLES / 6)));
const OUT = env.BENCH_OUT ?? 'target/bench';
const PARTS = (env.BENCH_KIOSK_PARTS ?? 'shift,start,session').split(',').map((part) => part.trim());
if (PARTS.length === 0 || PARTS.some((part) => !['shift', 'start', 'session'].includes(part))) {
  throw new Error(`BENCH_KIOSK_PARTS=${env.BENCH_KIOSK_PARTS}: a comma-separated choice of shift, start, session`);
}
if (!(Number.isInteger(CYCLES) && CYCLES > 0 && Number.isInteger(EVERY) && EVERY > 0 && EVERY <= CYCLES)) {
  throw new Error(`BENCH_KIOSK_CYCLES=${CYCLES} and BENCH_KIOSK_EVERY=${EVERY}: whole numbers, EVERY <= CYCLES`);
}
// Seeded with a badge method (crates/emulator/seed/default-seed.json), so each can have a temporary code; from
// their second turn on, each replaces the code of their turn before.
const PEOPLE = ['Adele Vance', 'Isaiah Langer', 'Grady Archie', 'Lynne Robbins'];
// The kiosk's idle timeout for this run; the warning then comes 30 s before it (src/kiosk/idle.rs).
const IDLE_TIMEOUT_S = 120;
const WARNING_S = 30;
const STEP_TIMEOUT_MS = 20_000;

/**
 * Runs in every document of the tab before the page's own scripts (addInitScript). It counts the timers the
 * page has pending (a timeout until it fires or is cleared, an interval until it is cleared, an animation frame
 * until it runs or is cancelled), keeps the wasm instance's Memory as it is instantiated, and lets the harness
 * move `Date.now()` forward: the kiosk measures idle time with it (src/kiosk/dom.rs `now_ms`), so a cycle does
 * not have to sit through two real minutes. `new Date()` (the countdown's clock) is left alone.
 */
function instrument() {
  const pending = { timeout: new Set(), interval: new Set(), frame: new Set() };
  const w = window;
  const original = {
    setTimeout: w.setTimeout, setInterval: w.setInterval, clearTimeout: w.clearTimeout,
    clearInterval: w.clearInterval, requestAnimationFrame: w.requestAnimationFrame,
    cancelAnimationFrame: w.cancelAnimationFrame,
  };
  // Timeouts and intervals share one id space: either clear function cancels either kind.
  const forget = (id) => { pending.timeout.delete(id); pending.interval.delete(id); };
  w.setTimeout = function setTimeout(handler, delay, ...args) {
    let id;
    const run = typeof handler === 'function'
      ? function fired(...a) { pending.timeout.delete(id); return handler.apply(this, a); }
      : handler;
    id = original.setTimeout.call(w, run, delay, ...args);
    if (typeof handler === 'function') pending.timeout.add(id);
    return id;
  };
  w.setInterval = function setInterval(handler, delay, ...args) {
    const id = original.setInterval.call(w, handler, delay, ...args);
    pending.interval.add(id);
    return id;
  };
  w.clearTimeout = function clearTimeout(id) { forget(id); return original.clearTimeout.call(w, id); };
  w.clearInterval = function clearInterval(id) { forget(id); return original.clearInterval.call(w, id); };
  w.requestAnimationFrame = function requestAnimationFrame(callback) {
    let id;
    id = original.requestAnimationFrame.call(w, (time) => { pending.frame.delete(id); callback(time); });
    pending.frame.add(id);
    return id;
  };
  w.cancelAnimationFrame = function cancelAnimationFrame(id) {
    pending.frame.delete(id);
    return original.cancelAnimationFrame.call(w, id);
  };

  let memory = null;
  const keepMemory = (result) => {
    const exported = (result?.instance ?? result)?.exports?.memory;
    if (exported instanceof WebAssembly.Memory) memory = exported;
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const instantiate = WebAssembly[name];
    WebAssembly[name] = function kept(...args) { return instantiate.apply(this, args).then(keepMemory); };
  }

  const dateNow = Date.now.bind(Date);
  let skewMs = 0;
  Date.now = () => dateNow() + skewMs;

  Object.defineProperty(w, '__kioskSoak', {
    value: Object.freeze({
      skip: (ms) => { skewMs += ms; },
      figures: () => ({
        wasmBytes: memory ? memory.buffer.byteLength : null,
        elements: document.getElementsByTagName('*').length,
        history: history.length,
        timeouts: pending.timeout.size,
        intervals: pending.interval.size,
        frames: pending.frame.size,
      }),
    }),
  });
}

/** What the tab holds now, after two forced collections (the second takes what the first's finalizers freed). */
async function snapshot(cdp, page, cycle) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const inPage = await page.evaluate(() => window.__kioskSoak.figures());
  return {
    cycle,
    heapUsed: heap.usedSize,
    heapTotal: heap.totalSize,
    documents: dom.documents,
    nodes: dom.nodes,
    listeners: dom.jsEventListeners,
    ...inPage,
    timers: inPage.timeouts + inPage.intervals + inPage.frames,
  };
}

const startScreen = (page) => page.getByRole('heading', { name: 'Forgot your badge?' });
const skip = (page, seconds) => page.evaluate((ms) => window.__kioskSoak.skip(ms), seconds * 1000);
const warning = (page) => page.getByRole('alertdialog', { name: 'Are you still there?' });

/** Signs `person` in from the start screen and shows a temporary code, its countdown running (one tick seen). */
async function showCode(page, person) {
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: new RegExp(person) }).click();
  await page.getByRole('heading', { name: 'Show a temporary QR code' }).waitFor();
  await page.getByRole('button', { name: /^(Show temporary QR code|Replace it)$/ }).click();
  await page.getByRole('img', { name: new RegExp(`^Temporary QR code for ${person}`) }).waitFor();
  const first = await page.locator('.kiosk-countdown').innerText();
  await page.waitForFunction((text) => document.querySelector('.kiosk-countdown')?.innerText !== text, first);
}

/** Nobody there: the warning comes, nobody answers, the kiosk clears and a fresh start screen loads. */
async function idleClear(page) {
  await skip(page, IDLE_TIMEOUT_S - WARNING_S + 5);
  await warning(page).waitFor();
  await skip(page, WARNING_S);
  await startScreen(page).waitFor();
}

/** Nothing the page started while loading or re-rendering is still pending. */
async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

/** The start screen's title in the other languages (locales/<lang>/kiosk.json): a passer-by's choice showing. */
const OTHER_LANGUAGES = ['es', 'fr', 'de'].map((tag) => ({
  tag,
  title: JSON.parse(readFileSync(new URL(`../locales/${tag}/kiosk.json`, import.meta.url), 'utf8')).start.title,
}));

const MB = (bytes) => (bytes === null ? '-' : (bytes / 1048576).toFixed(2));
const COLUMNS = [
  ['after', 6, (r) => r.cycle],
  ['heap MB', 9, (r) => MB(r.heapUsed)],
  ['wasm MB', 9, (r) => MB(r.wasmBytes)],
  ['docs', 5, (r) => r.documents],
  ['nodes', 7, (r) => r.nodes],
  ['elements', 9, (r) => r.elements],
  ['listeners', 10, (r) => r.listeners],
  ['timers', 7, (r) => r.timers],
  ['history', 8, (r) => r.history],
  ['(timeout/interval/frame)', 25, (r) => `${r.timeouts}/${r.intervals}/${r.frames}`],
];
const row = (cells) => cells.map((cell, i) => String(cell).padStart(COLUMNS[i][1])).join(' ');
const printTable = (title, rows) => {
  console.log(title);
  console.log(row(COLUMNS.map(([name]) => name)));
  for (const r of rows) console.log(row(COLUMNS.map(([, , value]) => value(r))));
};

/** Growth from the first row to the last, and whether it is flat. */
function growth(rows) {
  const [a, b] = [rows[0], rows.at(-1)];
  const percent = (key) => (a[key] ? (100 * (b[key] - a[key])) / a[key] : 0);
  const checks = [
    { what: 'heap', shown: `${percent('heapUsed') >= 0 ? '+' : ''}${percent('heapUsed').toFixed(1)} %`, flat: percent('heapUsed') <= 10 },
    { what: 'wasm memory', shown: a.wasmBytes === null ? 'not found' : `${percent('wasmBytes') >= 0 ? '+' : ''}${percent('wasmBytes').toFixed(1)} %`, flat: a.wasmBytes !== null && percent('wasmBytes') <= 10 },
    ...['documents', 'nodes', 'listeners', 'timers'].map((key) => ({
      what: key, shown: `${b[key] - a[key] >= 0 ? '+' : ''}${b[key] - a[key]}`, flat: b[key] <= a[key],
    })),
  ];
  return { from: a.cycle, to: b.cycle, checks };
}

/** Runs `rounds` rounds of `round(n)`, measuring after every EVERY-th with `measure(n)`; rows in `rows`. */
async function soak(label, rounds, round, measure, rows) {
  const started = performance.now();
  for (let n = 1; n <= rounds; n += 1) {
    try {
      await round(n);
    } catch (error) {
      throw new Error(`${label}, round ${n}: ${error.message}`);
    }
    if (n % EVERY !== 0) continue;
    rows.push(await measure(n));
    const r = rows.at(-1);
    console.log(`  ${label} ${n}: heap ${MB(r.heapUsed)} MB, wasm ${MB(r.wasmBytes)} MB, ${r.nodes} nodes, `
      + `${r.listeners} listeners, ${r.timers} timers; ${((performance.now() - started) / 1000).toFixed(0)} s so far`);
  }
  return (performance.now() - started) / 1000;
}

const browser = await launch();
const { context, page, problems } = await openPage(browser);
context.setDefaultTimeout(STEP_TIMEOUT_MS);
await page.route('**/config.json', async (route) => {
  const config = await (await route.fetch()).json();
  config.kiosk = { ...config.kiosk, idleTimeoutSeconds: IDLE_TIMEOUT_S };
  await route.fulfill({ json: config });
});
await page.addInitScript(instrument);
const cdp = await context.newCDPSession(page);
const measure = (n) => snapshot(cdp, page, n);
const rows = { resting: [], showing: [], start: [], session: [] };
const seconds = {};
let history = null;
try {
  await resetEmulator();
  await page.goto(BASE + '/kiosk');
  await startScreen(page).waitFor();
  await settle(page);

  // 1. The shift: a new document for every person (the kiosk replaces the page at each session's end,
  //    src/kiosk/session.rs), so this is what one tab accumulates across page loads.
  if (PARTS.includes('shift')) {
    seconds.shift = await soak('cycle', CYCLES, async (n) => {
      await showCode(page, PEOPLE[(n - 1) % PEOPLE.length]);
      if (n % EVERY === 0) rows.showing.push(await measure(n));
      await idleClear(page);
    }, async (n) => { await settle(page); return measure(n); }, rows.resting);
  }

  // 2. One start screen through the night: passers-by switch the language and walk away; the idle timeout
  //    brings the kiosk's language back (forget_after_idle). One document the whole time.
  if (PARTS.includes('start')) {
    seconds.start = await soak('start screen round', CYCLES, async (n) => {
      const other = OTHER_LANGUAGES[(n - 1) % OTHER_LANGUAGES.length];
      await page.locator('.kiosk-start select').selectOption(other.tag);
      await page.getByRole('heading', { name: other.title }).waitFor();
      await skip(page, IDLE_TIMEOUT_S + 1);
      await startScreen(page).waitFor();
    }, async (n) => { await settle(page); return measure(n); }, rows.start);
  }

  // 3. One long session: the code stays on screen while its holder keeps the kiosk awake: the window loses
  //    the focus (the code hides) and a tap shows it again; the idle warning comes and "Stay" answers it.
  if (PARTS.includes('session')) {
    await showCode(page, PEOPLE[0]);
    seconds.session = await soak('session round', CYCLES, async () => {
      await page.evaluate(() => window.dispatchEvent(new Event('blur')));
      await page.getByRole('button', { name: /QR code hidden/ }).click();
      await page.getByRole('img', { name: /^Temporary QR code for / }).waitFor();
      await skip(page, IDLE_TIMEOUT_S - WARNING_S + 5);
      await warning(page).waitFor();
      await page.getByRole('button', { name: 'Stay' }).click();
      await warning(page).waitFor({ state: 'detached' });
    }, async (n) => { await page.waitForTimeout(300); return measure(n); }, rows.session);
    await page.getByRole('button', { name: 'Done' }).click();
    await startScreen(page).waitFor();
  }
  // The tab's Back list: what a shift leaves behind it (paths only; Chromium keeps the last 50 entries).
  history = await cdp.send('Page.getNavigationHistory').then(({ entries }) => {
    const counts = new Map();
    for (const { url } of entries) {
      const path = new URL(url).pathname.replace(/^\/[0-9a-f-]{36}\//, '/{tenant}/');
      counts.set(path, (counts.get(path) ?? 0) + 1);
    }
    return { entries: entries.length, paths: [...counts].map(([path, count]) => `${count} x ${path}`) };
  }).catch((error) => ({ entries: '?', paths: [`not read: ${error.message}`] }));
} catch (error) {
  console.error(`kiosk soak: could not be driven at ${page.url()}: ${error.message}`);
  await page.screenshot({ path: `${OUT}/kiosk-soak-failure.png` }).catch(() => {});
  await browser.close();
  process.exit(1);
}
await browser.close();

console.log('\nfigures after two forced garbage collections. heap: Runtime.getHeapUsage usedSize (the tab\'s V8 isolate); '
  + 'docs, nodes, listeners: Memory.getDOMCounters (the tab\'s renderer); wasm, elements, timers, history (entries): the document on screen');
const parts = [
  ['1. the shift, start screen after each idle clear', `${CYCLES} people in turn (${PEOPLE.length} accounts): sign in, temporary code, countdown, idle warning, idle clear; ${seconds.shift?.toFixed(0)} s`, rows.resting],
  ['1. the shift, code on screen', 'the same cycles, countdown running, before the clear', rows.showing],
  ['2. one start screen', `${CYCLES} language switches (es, fr, de in turn), each undone by the idle timeout; ${seconds.start?.toFixed(0)} s`, rows.start],
  ['3. one session', `${CYCLES} rounds of focus lost + tap to show the code again, idle warning + Stay; ${seconds.session?.toFixed(0)} s`, rows.session],
].filter(([, , table]) => table.length > 0);
let flat = true;
const grown = [];
for (const [name, what, table] of parts) {
  printTable(`\n${name}: ${what}`, table);
  const g = growth(table);
  console.log(`growth, row ${g.from} -> ${g.to}: ${g.checks.map((c) => `${c.what} ${c.shown}`).join(', ')}`);
  for (const c of g.checks.filter((check) => !check.flat)) grown.push(`${name}: ${c.what} ${c.shown}`);
}
flat = grown.length === 0;
console.log(`\nthe tab's history after the run: ${history.entries} entries (${history.paths.join(', ')})`);
if (problems.length) console.log(`\npage errors during the run (${problems.length}): ${problems.slice(0, 5).join(' | ')}`);
console.log(flat
  ? `\nverdict: flat (every part: <= 10 % heap and wasm memory, no growth in documents, nodes, listeners or timers from the first row to the last)`
  : `\nverdict: GROWS: ${grown.join('; ')}`);
mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}/kiosk-soak.json`, JSON.stringify({ cycles: CYCLES, every: EVERY, seconds, rows, history, problems }, null, 2));

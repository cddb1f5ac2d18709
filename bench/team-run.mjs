// Team badge sheet benchmark: an administrator creates badge codes for a generated team (1,000 people by
// default) through the portal's $batch runner, several runs in a row without throttling, then with
// throttling injected. Prints every run's time, $batch calls and throttled items, and the medians. A run
// counts only if every person got exactly the right outcome; any other run is listed and the script
// exits non-zero after printing everything (a wrong run is not a measurement).
import { launch, openPage, resetEmulator, signInAs, emulator, BASE } from '../e2e/lib/browser.mjs';
import { bigTeamSeed } from '../e2e/lib/seed.mjs';

const SIZE = Number(process.env.BENCH_TEAM_SIZE ?? 1000);
const RUNS = Number(process.env.BENCH_TEAM_RUNS ?? 5);
const THROTTLED_RUNS = Number(process.env.BENCH_TEAM_THROTTLED_RUNS ?? 1);
const THROTTLE = { limit: 45, windowSeconds: 1.5 };

// Worker n has an active badge when n is a multiple of 4 (e2e/lib/seed.mjs): skipped, the others created.
const expected = (n) => (n % 4 === 0 ? 'Skipped' : 'Created');

async function teamRun(browser, throttled) {
  await resetEmulator();
  await emulator('seed', bigTeamSeed(SIZE));
  if (throttled) await emulator('throttle', THROTTLE, 'PUT');
  const { context, page } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin/team');
  await page.getByLabel('Find a group').fill('Night');
  await page.getByRole('button', { name: 'Find group' }).click();
  await page.getByRole('button', { name: `Use Night Shift ${SIZE}` }).click();
  // The page writes the count with the language's number format (1,000).
  const people = SIZE.toLocaleString('en-US');
  await page.getByRole('heading', { name: `${people} people from Night Shift ${SIZE}` }).waitFor();
  const calls = { lookups: 0, creates: 0 };
  let throttledItems = 0;
  page.on('response', async (r) => {
    if (!r.url().endsWith('/$batch')) return;
    const sent = JSON.parse(r.request().postData() ?? '{}');
    if (sent.requests?.[0]?.method === 'GET') calls.lookups += 1;
    else calls.creates += 1;
    const body = await r.json().catch(() => ({ responses: [] }));
    throttledItems += (body.responses ?? []).filter((x) => x.status === 429).length;
  });
  const started = performance.now();
  await page.getByRole('button', { name: 'Create badge codes' }).click();
  await page.getByText('Finished.').waitFor({ timeout: 600_000 });
  const ms = performance.now() - started;
  const rows = await page.locator('table.report tbody tr').allInnerTexts();
  const wrong = rows.filter((row) => {
    const [name, , outcome] = row.split('\t');
    return outcome !== expected(Number(name.replace('Worker ', '')));
  });
  if (rows.length !== SIZE) wrong.unshift(`${rows.length} rows for ${SIZE} people`);
  await context.close();
  return { ms, calls, throttledItems, wrong };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cases = [
  ...Array.from({ length: RUNS }, () => false),
  ...Array.from({ length: THROTTLED_RUNS }, () => true),
];

console.log(`team of ${SIZE.toLocaleString('en-US')} (every 4th already has a badge: ${SIZE - Math.floor(SIZE / 4)} to create);`
  + ` ${RUNS} runs without throttling, then ${THROTTLED_RUNS} throttled at ${THROTTLE.limit} requests per ${THROTTLE.windowSeconds} s`);
console.log('run  case            time s   $batch calls (lookups + creates)   items throttled   outcomes');
const browser = await launch();
const results = { free: [], throttled: [] };
for (const [index, throttled] of cases.entries()) {
  const result = await teamRun(browser, throttled);
  (throttled ? results.throttled : results.free).push(result);
  const { lookups, creates } = result.calls;
  const outcome = result.wrong.length ? `WRONG for ${result.wrong.length}: ${result.wrong.slice(0, 3).join(' | ')}` : 'exact';
  console.log(`${String(index + 1).padStart(3)}  ${(throttled ? 'throttled' : 'no throttling').padEnd(14)}`
    + `${(result.ms / 1000).toFixed(1).padStart(8)}   ${String(lookups + creates).padStart(6)} (${lookups} + ${creates})`.padEnd(38)
    + `${String(result.throttledItems).padStart(15)}   ${outcome}`);
}
await browser.close();

console.log('\ncase                          median s   min s   max s   median $batch calls');
for (const [name, rs] of Object.entries(results)) {
  if (!rs.length) continue;
  const s = rs.map((r) => r.ms / 1000);
  const label = name === 'free' ? 'no throttling' : `throttled ${THROTTLE.limit}/${THROTTLE.windowSeconds}s`;
  console.log(`${label.padEnd(30)}${median(s).toFixed(1).padStart(8)}${Math.min(...s).toFixed(1).padStart(8)}${Math.max(...s).toFixed(1).padStart(8)}`
    + `${String(median(rs.map((r) => r.calls.lookups + r.calls.creates))).padStart(22)}`);
}
if (results.free.length && results.throttled.length) {
  const ratio = median(results.throttled.map((r) => r.ms)) / median(results.free.map((r) => r.ms));
  console.log(`throttled / free time: ${ratio.toFixed(2)}x`);
}
const all = [...results.free, ...results.throttled];
const inexact = all.filter((r) => r.wrong.length).length;
if (inexact) {
  console.log(`${inexact} of ${all.length} runs gave someone the wrong outcome`);
  process.exit(1);
}
console.log(`all ${all.length} runs gave every person the right outcome`);

// Team badge sheet benchmark: an administrator creates badge codes for a 200-person group through
// the portal's $batch runner, with and without throttling injected. Prints figures; asserts only
// that every person got the right outcome (a wrong run is not a measurement).
import { launch, openPage, resetEmulator, signInAs, emulator, BASE } from '../e2e/lib/browser.mjs';
import { bigTeamSeed } from '../e2e/lib/seed.mjs';

const SIZE = Number(process.env.BENCH_TEAM_SIZE ?? 200);
const RUNS = Number(process.env.BENCH_TEAM_RUNS ?? 3);
const THROTTLE = { limit: 45, windowSeconds: 1.5 };

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
  await page.getByRole('heading', { name: `${SIZE} people from Night Shift ${SIZE}` }).waitFor();
  let calls = 0;
  let throttledItems = 0;
  page.on('response', async (r) => {
    if (!r.url().endsWith('/$batch')) return;
    calls += 1;
    const body = await r.json().catch(() => ({ responses: [] }));
    throttledItems += (body.responses ?? []).filter((x) => x.status === 429).length;
  });
  const started = performance.now();
  await page.getByRole('button', { name: 'Create badge codes' }).click();
  await page.getByText('Finished.').waitFor({ timeout: 300_000 });
  const ms = performance.now() - started;
  const rows = await page.locator('table.report tbody tr').allInnerTexts();
  const wrong = rows.filter((row) => {
    const [name, , outcome] = row.split('\t');
    return outcome !== (Number(name.replace('Worker ', '')) % 4 === 0 ? 'Skipped' : 'Created');
  });
  await context.close();
  if (rows.length !== SIZE || wrong.length) throw new Error(`wrong outcomes: ${wrong.slice(0, 3).join(' | ')}`);
  return { ms, calls, throttledItems };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await launch();
const results = { free: [], throttled: [] };
for (let i = 0; i < RUNS; i += 1) {
  results.free.push(await teamRun(browser, false));
  results.throttled.push(await teamRun(browser, true));
}
await browser.close();

console.log(`team of ${SIZE} (every 4th already has a badge: ${SIZE - SIZE / 4} to create), ${RUNS} runs each, interleaved`);
console.log('case                          median s   min s   max s   $batch calls   items throttled');
for (const [name, rs] of Object.entries(results)) {
  const s = rs.map((r) => r.ms / 1000);
  const label = name === 'free' ? 'no throttling' : `throttled ${THROTTLE.limit}/${THROTTLE.windowSeconds}s per user`;
  console.log(`${label.padEnd(30)}${median(s).toFixed(1).padStart(8)}${Math.min(...s).toFixed(1).padStart(8)}${Math.max(...s).toFixed(1).padStart(8)}`
    + `${String(median(rs.map((r) => r.calls))).padStart(15)}${String(median(rs.map((r) => r.throttledItems))).padStart(18)}`);
}
const ratio = median(results.throttled.map((r) => r.ms)) / median(results.free.map((r) => r.ms));
console.log(`throttled / free time: ${ratio.toFixed(2)}x; every run gave every person the right outcome`);

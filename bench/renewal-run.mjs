// Badge renewal benchmark: an administrator checks a generated team (e2e/lib/seed.mjs renewalSeed: one in ten
// badges to extend, two in ten to replace, the rest fine) and renews every proposal in one run, for each team
// size, without and with throttling. Prints each run's time (check, renewal), its $batch calls (lookups,
// deletes, writes) and throttled items. A run counts only if every person got exactly the right outcome; any
// other run is listed and the script exits non-zero after printing everything.
import { launch, openPage, resetEmulator, signInAs, emulator, BASE } from '../e2e/lib/browser.mjs';
import { renewalSeed, renewalKind } from '../e2e/lib/seed.mjs';

const SIZES = (process.env.BENCH_RENEWAL_SIZES ?? '200 1000').split(/\s+/).filter(Boolean).map(Number);
const THROTTLE = { limit: 45, windowSeconds: 1.5 };
const expected = (n) => ({ extend: 'Extended', replace: 'Replaced' })[renewalKind(n)];

async function renewalRun(browser, size, throttled) {
  await resetEmulator();
  await emulator('seed', renewalSeed(size));
  if (throttled) await emulator('throttle', THROTTLE, 'PUT');
  const { context, page } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin/renewals');
  await page.getByLabel('Find a group').fill('Renewal');
  await page.getByRole('button', { name: 'Find group' }).click();
  await page.getByRole('button', { name: `Use Renewal Crew ${size}` }).click();
  await page.getByRole('heading', { name: `${size.toLocaleString('en-US')} people from Renewal Crew ${size}` }).waitFor();
  const calls = { lookups: 0, deletes: 0, writes: 0 };
  let throttledItems = 0;
  page.on('response', async (r) => {
    if (!r.url().endsWith('/$batch')) return;
    const sent = JSON.parse(r.request().postData() ?? '{}');
    const method = sent.requests?.[0]?.method;
    if (method === 'GET') calls.lookups += 1;
    else if (method === 'DELETE') calls.deletes += 1;
    else calls.writes += 1;
    const body = await r.json().catch(() => ({ responses: [] }));
    throttledItems += (body.responses ?? []).filter((x) => x.status === 429).length;
  });
  const started = performance.now();
  await page.getByRole('button', { name: 'Check badges' }).click();
  await page.getByRole('heading', { name: 'Badges that need attention' }).waitFor({ timeout: 600_000 });
  const checked = performance.now();
  const proposals = Array.from({ length: size }, (_, i) => i + 1).filter((n) => expected(n)).length;
  await page.getByRole('button', { name: `Renew selected (${proposals.toLocaleString('en-US')})` }).click();
  await page.getByText('Finished.').waitFor({ timeout: 600_000 });
  const done = performance.now();
  const rows = await page.locator('table.report:not(.renewals) tbody tr').allInnerTexts();
  const wrong = rows.filter((row) => {
    const [name, , outcome] = row.split('\t');
    return outcome !== expected(Number(name.replace('Crew ', '')));
  });
  if (rows.length !== proposals) wrong.unshift(`${rows.length} rows for ${proposals} proposals`);
  await context.close();
  return { checkMs: checked - started, renewMs: done - checked, calls, throttledItems, wrong, proposals };
}

console.log(`renewals: one in ten badges extended, two in ten replaced (a delete, then a new code); throttled runs at ${THROTTLE.limit} requests per ${THROTTLE.windowSeconds} s`);
console.log('people  case            check s  renew s  total s   $batch calls (lookups + deletes + writes)   items throttled   outcomes');
const browser = await launch();
let inexact = 0;
let runs = 0;
for (const size of SIZES) {
  for (const throttled of [false, true]) {
    const r = await renewalRun(browser, size, throttled);
    runs += 1;
    if (r.wrong.length) inexact += 1;
    const { lookups, deletes, writes } = r.calls;
    const outcome = r.wrong.length ? `WRONG for ${r.wrong.length}: ${r.wrong.slice(0, 3).join(' | ')}` : `exact (${r.proposals})`;
    console.log(`${String(size).padStart(6)}  ${(throttled ? 'throttled' : 'no throttling').padEnd(14)}`
      + `${(r.checkMs / 1000).toFixed(1).padStart(8)}${(r.renewMs / 1000).toFixed(1).padStart(9)}${((r.checkMs + r.renewMs) / 1000).toFixed(1).padStart(9)}   `
      + `${String(lookups + deletes + writes).padStart(6)} (${lookups} + ${deletes} + ${writes})`.padEnd(44)
      + `${String(r.throttledItems).padStart(15)}   ${outcome}`);
  }
}
await browser.close();
if (inexact) {
  console.log(`${inexact} of ${runs} renewal runs gave someone the wrong outcome`);
  process.exit(1);
}
console.log(`all ${runs} renewal runs gave every person the right outcome`);

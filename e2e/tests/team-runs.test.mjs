// The team badge run at scale and when Graph fails on the way: 1,000 people with every outcome exact;
// lookups that fail for a transient reason (no answer, 503, 429, an unreadable body) asked again until
// they are answered, and the ones that keep failing or are refused told apart in words; and Cancel
// stopping a run that is waiting out Graph's Retry-After.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, resetEmulator, signInAs, emulator, BASE } from '../lib/browser.mjs';
import { bigTeamSeed } from '../lib/seed.mjs';

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

const workerId = (n) => `7e000000-0000-4000-8000-000000001${String(n).padStart(3, '0')}`;
const methodOf = (n) => `*/users/${workerId(n)}/authentication/qrCodePinMethod`;

/** Signs in as the administrator and picks the generated team of `size`, ready to start. */
async function openTeam(size) {
  await emulator('seed', bigTeamSeed(size));
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin/team');
  await page.getByLabel('Find a group').fill('Night');
  await page.getByRole('button', { name: 'Find group' }).click();
  await page.getByRole('button', { name: `Use Night Shift ${size}` }).click();
  await page.getByRole('heading', { name: `${size.toLocaleString('en-US')} people from Night Shift ${size}` }).waitFor();
  return { context, page, problems };
}

/** The report's rows as { n, outcome, details }, n being the worker's number. */
async function reportRows(page) {
  const rows = await page.locator('table.report tbody tr').allInnerTexts();
  return rows.map((row) => {
    const [name, , outcome, details] = row.split('\t');
    return { n: Number(name.replace('Worker ', '')), outcome, details: details ?? '' };
  });
}

test('1,000 people without throttling: every person gets exactly the right outcome', async () => {
  const { context, page, problems } = await openTeam(1000);
  const started = Date.now();
  await page.getByRole('button', { name: 'Create badge codes' }).click();
  await page.getByText('Finished.').waitFor({ timeout: 120_000 });
  const seconds = (Date.now() - started) / 1000;
  const rows = await reportRows(page);
  assert.equal(rows.length, 1000);
  assert.deepEqual(rows.map((r) => r.n).sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i + 1), 'everyone once');
  for (const { n, outcome, details } of rows) {
    if (n % 4 === 0) {
      assert.deepEqual([outcome, details], ['Skipped', 'Has an active badge code; replace it individually'], `Worker ${n}`);
    } else {
      assert.equal(outcome, 'Created', `Worker ${n}: ${details}`);
      assert.match(details, /^Temporary PIN: \d+$/, `Worker ${n}`);
    }
  }
  const state = JSON.stringify(await emulator('state', undefined, 'GET'));
  const missing = rows.filter(({ n }) => n % 4 !== 0 && !state.includes(workerId(n)));
  assert.deepEqual(missing, [], 'every created code is in the directory');
  await page.getByRole('link', { name: 'Print badge sheet (750)' }).waitFor();
  console.log(`team of 1,000: ${seconds.toFixed(1)} s`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('lookups that fail for a transient reason are asked again; those that keep failing say why', async () => {
  const { context, page, problems } = await openTeam(12);
  const fault = (spec) => emulator('faults', spec);
  // The first lookup $batch gets no answer, three times: Chromium sends a POST again by itself once when a
  // kept-alive connection closes unanswered, so at least one of them reaches the runner as "no answer".
  await fault({ method: 'POST', path: '*/$batch', kind: 'drop', count: 3 });
  // Then single lookups fail: an unreadable 200 twice, 503 twice, a 429 once: all answered within six attempts.
  await fault({ method: 'GET', path: methodOf(1), kind: 'malformed', count: 2 });
  await fault({ method: 'GET', path: methodOf(2), kind: 'status', status: 503, retryAfter: '0.2', count: 2 });
  await fault({ method: 'GET', path: methodOf(3), kind: 'status', status: 429, retryAfter: '0.3' });
  // One keeps failing past the attempts; one is refused, which asking again would not change.
  await fault({ method: 'GET', path: methodOf(5), kind: 'status', status: 503, retryAfter: '0.1', count: 20 });
  await fault({ method: 'GET', path: methodOf(6), kind: 'status', status: 403 });
  await page.getByRole('button', { name: 'Create badge codes' }).click();
  await page.getByText('Finished.').waitFor({ timeout: 60_000 });
  const rows = await reportRows(page);
  const outcomes = Object.fromEntries(rows.map((r) => [r.n, r.outcome]));
  assert.deepEqual(outcomes, {
    1: 'Created', 2: 'Created', 3: 'Created', 4: 'Skipped', 5: 'Not checked', 6: 'Not checked',
    7: 'Created', 8: 'Skipped', 9: 'Created', 10: 'Created', 11: 'Created', 12: 'Skipped',
  });
  const details = Object.fromEntries(rows.map((r) => [r.n, r.details]));
  assert.equal(details[5], 'It is not known whether this person already has a badge code: Microsoft Graph was '
    + 'unavailable. Try this team again later · HTTP 503 · 6 attempts');
  assert.equal(details[6], 'It is not known whether this person already has a badge code: Microsoft Graph refused '
    + "to say. Check that you may read this person's sign-in methods · HTTP 403 · 1 attempt");
  const left = (await emulator('faults', undefined, 'GET')).faults.map((f) => f.path);
  assert.deepEqual(left, [methodOf(5)], 'every other fault was met, and the run went on past it');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Cancel stops a run that is waiting out Graph\'s Retry-After at once', async () => {
  const { context, page } = await openTeam(12);
  // Three requests per 30 s: the lookups are throttled with a Retry-After of about half a minute.
  await emulator('throttle', { limit: 3, windowSeconds: 30 }, 'PUT');
  await page.getByRole('button', { name: 'Create badge codes' }).click();
  await page.getByText(/Microsoft Graph asked us to wait/).waitFor({ timeout: 10_000 });
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Cancelled.', { exact: false }).waitFor({ timeout: 5_000 });
  assert.ok(Date.now() - clicked < 5_000, 'cancelled without waiting for the throttling window');
  assert.equal(await page.getByRole('button', { name: 'Create badge codes' }).isEnabled(), true);
  await context.close();
});

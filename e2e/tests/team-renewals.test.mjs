// A year later: an administrator finds a 200-person team's expiring badges, extends the 20 that Graph's
// 395-day bound still allows and replaces the 40 it does not, in one run that Graph throttles, is cancelled
// and resumed; the replacement sheet decodes, the report's CSV round-trips, and the emulator holds what the
// page says.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  launch, openPage, axeViolations, resetEmulator, signInAs, emulator, BASE, OUT,
} from '../lib/browser.mjs';
import { downloadReport, printToPdf } from '../lib/report.mjs';
import { rasterise, decodeAll, pageSizesMm } from '../lib/pdf.mjs';
import { renewalSeed, renewalKind, crewId } from '../lib/seed.mjs';

const DEFAULT_SEED = JSON.parse(readFileSync(new URL('../../crates/emulator/seed/default-seed.json', import.meta.url), 'utf8'));
const SIZE = 200;
const kind = renewalKind;
const pad = (n) => String(n).padStart(4, '0');

/** Each crew member's badge code and PIN (as the emulator stores it, hashed) in the emulator, by number. */
async function codesInDirectory() {
  const state = await emulator('state', undefined, 'GET');
  const codes = {};
  for (let n = 1; n <= SIZE; n += 1) {
    const method = state.methods?.[crewId(n)];
    assert.ok(method, `Crew ${n} has a method in the state dump`);
    codes[n] = { code: method.standardQRCode ?? method.standardQrCode ?? null, pin: method.pin?.hash ?? null };
  }
  return codes;
}

const DAY = 24 * 3600 * 1000;
const days = (from, to) => (Date.parse(to) - Date.parse(from)) / DAY;

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => {
  await emulator('throttle', undefined, 'DELETE');
  await emulator('seed', DEFAULT_SEED);
  await browser?.close();
});

test('200 people: 60 expiring badges listed by urgency, 20 extended and 40 replaced in one throttled, cancelled and resumed run', async () => {
  await emulator('seed', renewalSeed(SIZE));
  const before = await codesInDirectory();
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin');
  await page.getByRole('link', { name: 'Badge renewals' }).click();
  await page.getByRole('heading', { name: 'Badge renewals', level: 1 }).waitFor();
  await page.getByLabel('Find a group').fill('Renewal');
  await page.getByRole('button', { name: 'Find group' }).click();
  await page.getByRole('button', { name: `Use Renewal Crew ${SIZE}` }).click();
  await page.getByRole('heading', { name: `200 people from Renewal Crew ${SIZE}` }).waitFor();
  assert.equal(await page.getByLabel('List badges that expire within (days)').inputValue(), '30', 'N defaults to 30');
  await page.getByRole('button', { name: 'Check badges' }).click();
  await page.getByRole('heading', { name: 'Badges that need attention' }).waitFor({ timeout: 60_000 });

  // The list: the 60 expiring badges only, soonest first, each with its proposal, all selected.
  const rows = (await page.locator('table.renewals tbody tr').allInnerTexts()).map((row) => {
    const [, name, upn, standing, proposal] = row.split('\t');
    return { n: Number(name.replace('Crew ', '')), upn, standing, proposal };
  });
  assert.equal(rows.length, 60, 'the 140 fine badges are not listed');
  const daysLeft = rows.map((r) => Number(r.standing.match(/^Expires in (\d+) days?/)?.[1]));
  assert.ok(daysLeft.every((d) => d >= 0), rows.map((r) => r.standing).join(' | '));
  assert.deepEqual(daysLeft, [...daysLeft].sort((a, b) => a - b), 'soonest expiry first');
  for (const { n, proposal } of rows) {
    if (kind(n) === 'extend') assert.match(proposal, /^Extend to .+, the latest its start allows; the printed badge keeps working$/, `Crew ${n}`);
    else assert.equal(proposal, 'Replace: it cannot be extended, 395 days from its start is reached. A new badge to print; the PIN stays', `Crew ${n}`);
  }
  const listed = Array.from({ length: SIZE }, (_, i) => i + 1).filter((n) => kind(n) !== 'fine');
  assert.deepEqual(rows.map((r) => r.n).sort((a, b) => a - b), listed, 'exactly the 60 expiring badges');
  await page.getByText('60 with a proposal, 60 selected').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'renewals-list.png', fullPage: true });

  // Untick one and tick it again by keyboard: the count follows.
  const box = page.getByRole('checkbox', { name: `Renew Crew ${pad(rows[0].n)}` });
  await box.focus();
  await page.keyboard.press('Space');
  await page.getByText('60 with a proposal, 59 selected').waitFor();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Renew selected (60)' }).waitFor();

  // Graph throttles the run; the administrator cancels while it waits.
  // 70 requests per 30 s: the 40 deletes before the replacements and 30 of the 60 writes get through.
  await emulator('throttle', { limit: 70, windowSeconds: 30 }, 'PUT');
  await page.getByRole('button', { name: 'Renew selected (60)' }).click();
  await page.getByText(/Microsoft Graph asked us to wait/).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Cancelled.', { exact: false }).waitFor({ timeout: 5_000 });
  const midway = await page.locator('table.report:not(.renewals) tbody tr').allInnerTexts();
  assert.equal(midway.length, 60, 'everyone selected is in the report');
  const unfinished = midway.filter((r) => !/\t(Extended|Replaced)\t/.test(r));
  assert.ok(unfinished.length > 0 && unfinished.length < 60, `the cancel came midway: ${unfinished.length} of 60 left`);
  await page.screenshot({ path: OUT + 'renewals-cancelled.png', fullPage: true });

  // Throttling over, Resume finishes exactly what was left; nobody is sent twice.
  await emulator('throttle', undefined, 'DELETE');
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.getByText('Finished.').waitFor({ timeout: 60_000 });
  const report = (await page.locator('table.report:not(.renewals) tbody tr').allInnerTexts()).map((row) => {
    const [name, , outcome, details] = row.split('\t');
    return { n: Number(name.replace('Crew ', '')), outcome, details };
  });
  assert.equal(report.length, 60);
  for (const { n, outcome, details } of report) {
    if (kind(n) === 'extend') {
      assert.equal(outcome, 'Extended', `Crew ${n}: ${details}`);
      assert.match(details, /^Now expires .+; the printed badge keeps working$/);
    } else assert.deepEqual([outcome, details], ['Replaced', 'New badge code to print; PIN unchanged'], `Crew ${n}`);
  }
  assert.equal(await page.getByRole('button', { name: 'Resume' }).count(), 0, 'nothing left to resume');
  assert.equal(await page.getByRole('button', { name: 'Renew selected (60)' }).isDisabled(), true,
    'the same list cannot be sent twice (it would replace the badges just made)');
  await page.getByText('This list was sent for renewal. Check the badges again to see where they stand now.').waitFor();

  // The directory agrees: extensions kept the code and reached the bound, replacements are new codes for a
  // year, the PIN is untouched, and nobody else was changed.
  const after = await codesInDirectory();
  for (let n = 1; n <= SIZE; n += 1) {
    const [was, now] = [before[n].code, after[n].code];
    assert.equal(after[n].pin, before[n].pin, `Crew ${n}'s PIN is unchanged`);
    if (kind(n) === 'extend') {
      assert.equal(now.id, was.id, `Crew ${n}: the same code`);
      assert.ok(Math.abs(days(now.startDateTime, now.expireDateTime) - 395) < 0.01, `Crew ${n}: extended to start + 395 days`);
    } else if (kind(n) === 'replace') {
      assert.notEqual(now.id, was.id, `Crew ${n}: a new code`);
      assert.ok(Math.abs(days(now.startDateTime, now.expireDateTime) - 365) < 0.01, `Crew ${n}: a new year`);
      assert.ok(Math.abs(Date.now() - Date.parse(now.startDateTime)) < 10 * 60 * 1000, `Crew ${n}: starts now`);
    } else assert.deepEqual(now, was, `Crew ${n} untouched`);
  }

  // The CSV: one row per person, Extended or Replaced, round-tripping through an RFC 4180 parser.
  const csv = await downloadReport(page);
  assert.match(csv.name, /^badge-renewals-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.equal(csv.rows.length, 61, 'a header and one row per person');
  const outcomes = csv.rows.slice(1).map((r) => [Number(r[0].replace('Crew ', '')), r[2]]);
  for (const [n, outcome] of outcomes) assert.equal(outcome, kind(n) === 'extend' ? 'Extended' : 'Replaced', `Crew ${n}`);

  // The replacement sheet holds just the 40 new badges, and every QR code on it decodes.
  await page.getByRole('link', { name: 'Print badge sheet (40)' }).click();
  await page.getByRole('heading', { name: 'Print badges' }).waitFor();
  const sheet = await printToPdf(page, 'renewals-badges.pdf');
  assert.ok(pageSizesMm(sheet).length >= 1);
  const decoded = new Set();
  for (const dpi of [300, 200, 400]) {
    for (const png of rasterise(sheet, dpi, 'png')) decodeAll(png).forEach((t) => decoded.add(t));
    if (decoded.size >= 40) break;
  }
  assert.equal(decoded.size, 40, 'forty distinct badges decode');
  assert.deepEqual(problems, []);
  await context.close();
});

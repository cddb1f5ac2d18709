// The administrator's view: only for the role, act for one person, and a team's badge sheet
// through $batch — including 200 people with throttling injected.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, axeViolations, resetEmulator, signInAs, emulator, decodeQr, rawContentOf, BASE, OUT,
} from '../lib/browser.mjs';
import { bigTeamSeed } from '../lib/seed.mjs';

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

test('people without the role do not see the administration and are told why', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0);
  await page.goto(BASE + '/admin');
  await page.getByRole('heading', { name: 'Administrators only' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('an administrator creates a method for a person, with the PIN shown once', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByLabel('Find a person by name or email').fill('alex');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: /Alex Wilber/ }).click();
  await page.getByRole('heading', { name: 'No QR code sign-in yet' }).waitFor();
  const created = page.waitForResponse((r) => r.url().includes('/users/') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Create QR code sign-in' }).click();
  const method = await (await created).json();
  await page.getByRole('heading', { name: 'Temporary PIN' }).waitFor();
  assert.equal(await page.locator('.pin-value code').innerText(), method.pin.code);
  const qr = page.getByRole('img', { name: /Badge QR code for Alex Wilber/ });
  await qr.screenshot({ path: OUT + 'admin-created-qr.png' });
  assert.deepEqual(decodeQr(OUT + 'admin-created-qr.png'), [rawContentOf(method.standardQRCode)]);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'admin-person.png', fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an administrator resets a PIN and issues and revokes a temporary code', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin');
  await page.getByLabel('Find a person by name or email').fill('Adele');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: /Adele Vance/ }).click();
  await page.getByRole('button', { name: 'Reset PIN' }).click();
  const reset = page.waitForResponse((r) => r.url().endsWith('/pin') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Yes, reset the PIN' }).click();
  const pin = await (await reset).json();
  assert.equal((await reset).status(), 201);
  assert.equal(await page.locator('.pin-value code').innerText(), pin.code);
  await page.getByLabel('Temporary code for').selectOption('2');
  const temporary = page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Create temporary QR code' }).click();
  const code = await (await temporary).json();
  const qr = page.getByRole('img', { name: /Temporary QR code for Adele Vance/ });
  await qr.screenshot({ path: OUT + 'admin-temporary-qr.png' });
  assert.deepEqual(decodeQr(OUT + 'admin-temporary-qr.png'), [rawContentOf(code)]);
  await page.getByRole('button', { name: 'Revoke temporary QR code' }).click();
  await page.getByRole('button', { name: 'Yes, revoke it' }).click();
  await page.getByText('The temporary QR code was revoked.').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a team sheet creates codes only for those without an active badge', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin/team');
  await page.getByLabel('Find a group').fill('Store');
  await page.getByRole('button', { name: 'Find group' }).click();
  await page.getByRole('button', { name: 'Use Store 1042 Frontline Team' }).click();
  await page.getByRole('heading', { name: '5 people from Store 1042 Frontline Team' }).waitFor();
  await page.getByRole('button', { name: 'Create badge codes' }).click();
  await page.getByText('Finished.').waitFor();
  const rows = await page.locator('table.report tbody tr').allInnerTexts();
  const outcome = Object.fromEntries(rows.map((r) => { const c = r.split('\t'); return [c[0], c[2]]; }));
  assert.deepEqual(outcome, {
    'Adele Vance': 'Skipped', 'Alex Wilber': 'Created', 'Lynne Robbins': 'Created',
    'Isaiah Langer': 'Skipped', 'Grady Archie': 'Skipped',
  });
  assert.match(rows.find((r) => r.startsWith('Alex Wilber')), /Temporary PIN: \d{8}/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'admin-team.png', fullPage: true });
  await page.getByRole('link', { name: 'Print badge sheet (2)' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('200 people with throttling injected: every person gets the right outcome', async () => {
  await emulator('seed', bigTeamSeed(200));
  await emulator('throttle', { limit: 45, windowSeconds: 1.5 }, 'PUT');
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin/team');
  await page.getByLabel('Find a group').fill('Night');
  await page.getByRole('button', { name: 'Find group' }).click();
  await page.getByRole('button', { name: 'Use Night Shift 200' }).click();
  await page.getByRole('heading', { name: '200 people from Night Shift 200' }).waitFor();
  let batchCalls = 0;
  let throttledItems = 0;
  page.on('response', async (r) => {
    if (!r.url().endsWith('/$batch')) return;
    batchCalls += 1;
    const body = await r.json().catch(() => ({ responses: [] }));
    throttledItems += (body.responses ?? []).filter((x) => x.status === 429).length;
  });
  const started = Date.now();
  await page.getByRole('button', { name: 'Create badge codes' }).click();
  await page.getByText('Finished.').waitFor({ timeout: 120_000 });
  const seconds = (Date.now() - started) / 1000;
  const rows = await page.locator('table.report tbody tr').allInnerTexts();
  assert.equal(rows.length, 200);
  for (const row of rows) {
    const [name, , outcome] = row.split('\t');
    const n = Number(name.replace('Worker ', ''));
    assert.equal(outcome, n % 4 === 0 ? 'Skipped' : 'Created', row);
  }
  assert.ok(throttledItems > 0, 'the run was throttled');
  const state = await emulator('state', undefined, 'GET');
  const stateText = JSON.stringify(state);
  for (let i = 1; i <= 200; i += 1) {
    if (i % 4 === 0) continue;
    assert.ok(stateText.includes(`7e000000-0000-4000-8000-000000001${String(i).padStart(3, '0')}`));
  }
  console.log(`team of 200: ${batchCalls} $batch calls, ${throttledItems} throttled items, ${seconds.toFixed(1)} s`);
  await page.getByRole('link', { name: 'Print badge sheet (150)' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

// Writes you can trust, the details: slow reads, the role an administrator lacks, the current PIN, long and
// bidirectional names, and a fuzz of every field a person can type or pick with hostile values.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, resetEmulator, signInAs, emulator, BASE } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
const DEFAULT_SEED = JSON.parse(readFileSync(new URL('../../crates/emulator/seed/default-seed.json', import.meta.url), 'utf8'));
// One test replaces the seed: every test starts from the default tenant, and the next file too.
beforeEach(async () => { await emulator('seed', DEFAULT_SEED); await resetEmulator(); });
after(async () => { await emulator('seed', DEFAULT_SEED); await browser?.close(); });

test('B13: a slow read of one page does not hold up the next page, and is cancelled when the page is left', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  await emulator('faults', { method: 'GET', path: '/beta/me/authentication/qrCodePinMethod', kind: 'delay', delayMs: 8000 });
  const cancelled = page.waitForEvent('requestfailed', (r) => r.url().endsWith('/qrCodePinMethod'));
  await page.getByRole('link', { name: 'Manage my badge' }).click();
  await page.getByText('Loading…').first().waitFor();
  // Back to the overview, which reads the same URL while the slow read is still out.
  const started = Date.now();
  await page.getByRole('link', { name: /qrbadge/ }).first().click();
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  const waited = Date.now() - started;
  assert.ok(waited < 4000, `the next page's read was not held behind the slow one (${waited} ms)`);
  assert.match((await cancelled).failure()?.errorText ?? '', /ERR_ABORTED/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('B15: an Authentication Administrator acting on another administrator is told which role is needed', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin');
  await page.getByLabel('Find a person by name or email').fill('Patti');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: /Patti Fernandez/ }).click();
  const person = page.locator('.admin-person');
  await person.getByRole('button', { name: 'Create QR code sign-in' }).click();
  await person.getByRole('alert').filter({ hasText: 'Privileged Authentication Administrator' }).waitFor();
  assert.equal(await person.getByText('needs the Authentication Administrator or Privileged').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('B16: the current PIN is normalised and checked before it is sent', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.goto(BASE + '/pin');
  const posts = { count: 0, bodies: [] };
  page.on('request', (r) => { if (r.url().endsWith('/pin/updatePin')) { posts.count += 1; posts.bodies.push(r.postData()); } });
  await page.getByLabel('New PIN', { exact: true }).fill('73920561');
  await page.getByLabel('New PIN again').fill('73920561');
  await page.getByLabel('Current PIN').fill('4061729');
  await page.getByRole('button', { name: 'Change PIN' }).click();
  await page.getByText('Your current PIN has 8 to 20 digits: check what you typed.').waitFor();
  await page.getByLabel('Current PIN').fill('4061-7293');
  await page.getByText('Your current PIN has only digits: check what you typed.').waitFor();
  assert.equal(posts.count, 0, 'nothing that cannot be a PIN is sent');
  // Slow answer: the form says it is working.
  await emulator('faults', { method: 'POST', path: '*/pin/updatePin', kind: 'delay', delayMs: 1500 });
  await page.getByLabel('Current PIN').fill(' 4061 7293 ');
  await page.getByRole('button', { name: 'Change PIN' }).click();
  await page.getByText('Changing your PIN…').waitFor();
  await page.getByRole('heading', { name: 'Your PIN is changed' }).waitFor();
  assert.equal(posts.count, 1);
  assert.equal(JSON.parse(posts.bodies[0]).currentPin, '40617293');
  assert.deepEqual(problems, []);
  await context.close();
});

test('B18: a 3,000-character name with bidi controls wraps, stays isolated, and the admin heading reads with a pause', async () => {
  const seed = structuredClone(DEFAULT_SEED);
  const longName = `\u202EEvil ${'Verylongname'.repeat(250)}`;
  const alex = seed.users.find((u) => u.userPrincipalName === 'alex.wilber@contoso.com');
  alex.displayName = longName;
  await emulator('seed', seed);
  const { context, page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin');
  await page.getByLabel('Find a person by name or email').fill('alex');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('.person').first().click();
  const heading = page.locator('#person-title');
  await heading.waitFor();
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.page <= widths.view, `the page does not widen: ${widths.page} > ${widths.view}`);
  const name = await heading.textContent();
  assert.ok(name.includes(', alex.wilber@contoso.com'), 'name and UPN are separated for screen readers');
  const isolated = await page.evaluate(() => [...document.querySelectorAll('#person-title bdi, .person bdi')].length);
  assert.ok(isolated >= 2, 'names sit in bidi isolates');
  assert.deepEqual(problems, []);
  await context.close();
});

const HOSTILE = ['100000000', '-1', '1e9', 'NaN', '99999999999999999999999', '0', '', ' ', '١٢', '3.5', '<img src=x>', '\u202E12'];

test('B2: hostile values in every field a person can type or pick never panic the app', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  // Temporary code: the hours select set behind the page's back.
  await page.goto(BASE + '/temporary');
  await page.getByRole('button', { name: 'Create temporary QR code' }).waitFor();
  for (const value of HOSTILE) {
    await page.evaluate((v) => {
      const select = document.getElementById('temp-hours');
      const option = document.createElement('option');
      option.value = v;
      option.textContent = 'x';
      select.append(option);
      select.value = v;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, value);
    await page.getByRole('button', { name: 'Create temporary QR code' }).click();
    await page.getByText(/Enter a whole number of hours|Use at (most|least)/).first().waitFor();
  }
  // Badge extension: any text in the date field.
  await page.goto(BASE + '/badge');
  await page.getByLabel('Valid until').waitFor();
  for (const value of ['99999-12-31', '0000-01-01', '2026-02-30', 'abc']) {
    await page.evaluate((v) => {
      const input = document.getElementById('extend-date');
      input.type = 'text';
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
    await page.getByRole('button', { name: 'Extend badge' }).click();
    await page.getByRole('status').filter({ hasText: /Choose a date/ }).first().waitFor();
  }
  // PIN change: every field.
  await page.goto(BASE + '/pin');
  for (const value of HOSTILE) {
    await page.getByLabel('Current PIN').fill(value);
    await page.getByLabel('New PIN', { exact: true }).fill(value);
    await page.getByLabel('New PIN again').fill(value);
    await page.getByRole('button', { name: 'Change PIN' }).click();
  }
  // A tampered resume entry on return from a sign-in.
  for (const entry of [
    { path: '/temporary', command: { action: 'createTemporary', hours: 100000000, replaceActive: false } },
    { path: '/badge', command: { action: 'extendBadge', expire: '+275760-09-13T00:00:00Z' } },
    { path: '/create', command: { action: 'createMethod', days: 4294967295, ownPin: false } },
    'not json',
  ]) {
    const path = typeof entry === 'string' ? '/temporary' : entry.path;
    await page.goto(BASE + path);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.evaluate((e) => sessionStorage.setItem('qrbadge.resume', typeof e === 'string' ? e : JSON.stringify(e)), entry);
    await page.reload();
    await page.locator('h1').first().waitFor();
  }
  // Administrator search and hours, with Megan.
  await context.close();
  const admin = await openPage(browser);
  await signInAs(admin.page, 'Megan Bowen');
  await admin.page.goto(BASE + '/admin');
  for (const value of HOSTILE) {
    await admin.page.getByLabel('Find a person by name or email').fill(value);
    await admin.page.getByRole('button', { name: 'Search' }).click();
  }
  await admin.page.waitForTimeout(500);
  assert.deepEqual(problems, [], 'no panic or console error on the employee pages');
  assert.deepEqual(admin.problems, [], 'no panic or console error on the administrator page');
  await admin.context.close();
});

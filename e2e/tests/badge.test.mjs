// Setting up the method, replacing a lost badge (PIN kept), and Graph's demand for a fresh sign-in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, axeViolations, resetEmulator, signInAs, emulator, decodeQr, rawContentOf, OUT,
} from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); await resetEmulator(); });
after(async () => { await browser?.close(); });

test('an employee sets up QR code sign-in and sees the badge and the PIN once', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Alex Wilber');
  await page.getByRole('link', { name: 'Set up QR code sign-in' }).click();
  await page.getByLabel('Badge valid for (days)').fill('200');
  const created = page.waitForResponse((r) => r.url().endsWith('/authentication/qrCodePinMethod') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Create QR code sign-in' }).click();
  const response = await created;
  assert.equal(response.status(), 201);
  const method = await response.json();
  const qr = page.getByRole('img', { name: /Badge QR code for Alex Wilber/ });
  await qr.waitFor();
  await qr.screenshot({ path: OUT + 'created-badge-qr.png' });
  assert.deepEqual(decodeQr(OUT + 'created-badge-qr.png'), [rawContentOf(method.standardQRCode)]);
  await page.getByRole('heading', { name: 'Temporary PIN' }).waitFor();
  assert.equal(await page.locator('.pin-value code').innerText(), method.pin.code);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'created-method.png', fullPage: true });
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes(method.pin.code), 'the PIN is never stored');
  assert.deepEqual(problems, []);
  await context.close();
});

test('replacing a lost badge shows a new QR code and keeps the PIN', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('link', { name: 'Manage my badge' }).click();
  await page.getByRole('button', { name: 'Replace my badge' }).click();
  await page.getByText('Your current badge stops working immediately.').waitFor();
  const created = page.waitForResponse((r) => r.url().endsWith('/standardQRCode') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Yes, replace my badge' }).click();
  const code = await (await created).json();
  const qr = page.getByRole('img', { name: /Badge QR code for Isaiah Langer/ });
  await qr.waitFor();
  await qr.screenshot({ path: OUT + 'replaced-badge-qr.png' });
  assert.deepEqual(decodeQr(OUT + 'replaced-badge-qr.png'), [rawContentOf(code)]);
  await page.getByText('Set by you').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('extending the badge moves its expiry; deleting the method removes everything', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('link', { name: 'Manage my badge' }).click();
  const extended = page.waitForResponse((r) => r.url().endsWith('/standardQRCode') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Extend badge' }).click();
  const response = await extended;
  assert.equal(response.status(), 200);
  const code = await response.json();
  assert.equal(code.image, null, 'an update never returns the image');
  const days = (Date.parse(code.expireDateTime) - Date.parse(code.startDateTime)) / 86_400_000;
  assert.ok(days > 394 && days <= 395, `extended to the 395-day maximum, got ${days}`);
  await page.getByText('Your badge was extended.').waitFor();

  await page.getByRole('button', { name: 'Delete QR code sign-in' }).click();
  await page.getByText('This cannot be undone').waitFor();
  const deleted = page.waitForResponse((r) => r.url().endsWith('/authentication/qrCodePinMethod') && r.request().method() === 'DELETE');
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  assert.equal((await deleted).status(), 204);
  await page.getByRole('heading', { name: 'No QR code sign-in yet' }).waitFor();
  assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
  await context.close();
});

test('after 10 minutes Graph asks for a fresh sign-in; the action then resumes by itself', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('link', { name: /Get a temporary QR code/ }).click();
  await page.getByLabel('How long should it work?').selectOption('2');
  await emulator('clock', { advanceSeconds: 11 * 60 });
  await page.getByRole('button', { name: 'Create temporary QR code' }).click();
  // prompt=login: the emulator's sign-in page is shown again.
  await page.getByRole('button', { name: /Adele Vance/ }).click();
  const qr = page.getByRole('img', { name: /Temporary QR code for Adele Vance/ });
  await qr.waitFor();
  assert.match(await page.getByRole('timer').first().innerText(), /^1 hr 5\d min \d{1,2} sec left$/, 'the 2 hours chosen before were kept');
  assert.deepEqual(problems, []);
  await context.close();
});

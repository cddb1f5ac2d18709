// Forgot your badge: create a temporary QR code, see it (decoded from the screen and compared
// with what Graph issued), watch the countdown, revoke it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  launch, openPage, axeViolations, resetEmulator, signInAs, decodeQr, rawContentOf, OUT,
} from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); await resetEmulator(); });
after(async () => { await browser?.close(); });

test('create a 4-hour temporary QR code, scan it from the screen, then revoke it', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('link', { name: /Get a temporary QR code/ }).click();
  await page.getByRole('heading', { name: 'Create a temporary QR code' }).waitFor();
  await page.getByLabel('How long should it work?').selectOption('4');
  const created = page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Create temporary QR code' }).click();
  const response = await created;
  assert.equal(response.status(), 201);
  const code = await response.json();
  const issued = rawContentOf(code);
  assert.match(issued, /^ms-qrpin:v1\|adele\.vance@contoso\.com\|/);

  const qr = page.getByRole('img', { name: /Temporary QR code for Adele Vance, valid until/ });
  await qr.waitFor();
  assert.ok(!(await qr.getAttribute('aria-label')).includes('ms-qrpin'), 'no payload in ARIA');
  await page.getByText('This is the only time this QR code can be shown.').waitFor();
  assert.match(await page.getByRole('timer').first().innerText(), /^3 hr 5\d min \d{1,2} sec left$/);

  await qr.screenshot({ path: OUT + 'temporary-qr.png' });
  assert.deepEqual(decodeQr(OUT + 'temporary-qr.png'), [issued], 'the QR on screen is the one Graph issued');
  await page.screenshot({ path: OUT + 'temporary-created.png', fullPage: true });

  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PNG' }).click();
  const pngFile = OUT + 'downloaded-temporary.png';
  await (await png).saveAs(pngFile);
  assert.deepEqual(decodeQr(pngFile), [issued], 'the downloaded PNG scans to the issued code');
  const svg = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download SVG' }).click();
  const svgDownload = await svg;
  assert.equal(svgDownload.suggestedFilename(), 'temporary-qr-code.svg');
  const svgText = readFileSync(await svgDownload.path(), 'utf8');
  assert.match(svgText, /^<svg[^>]+role="img"/);
  assert.ok(!svgText.includes('ms-qrpin'), 'the SVG title names the holder, not the payload');
  assert.deepEqual(await axeViolations(page), []);

  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href);
  assert.ok(!stored.includes('ms-qrpin') && !stored.includes(code.image.rawContent), 'no payload in storage or URL');

  await page.getByRole('button', { name: 'Revoke temporary QR code' }).click();
  const revoked = page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'DELETE');
  await page.getByRole('button', { name: 'Yes, revoke it' }).click();
  assert.equal((await revoked).status(), 204);
  await page.getByRole('heading', { name: 'Create a temporary QR code' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('an old temporary code can be revoked from the page', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Lynne Robbins');
  await page.goto(page.url().replace(/\/$/, '') + '/temporary');
  await page.getByRole('heading', { name: 'You have an active temporary QR code' }).waitFor();
  assert.match(await page.getByRole('timer').innerText(), /left$/);
  await page.getByRole('button', { name: 'Revoke temporary QR code' }).click();
  await page.getByRole('button', { name: 'Yes, revoke it' }).click();
  await page.getByRole('heading', { name: 'Create a temporary QR code' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

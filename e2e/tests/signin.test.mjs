// The walking skeleton end to end: sign in through the real authorization-code + PKCE redirect
// flow against the emulator and read the overview.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axeViolations, resetEmulator, signInAs, BASE, OUT } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); await resetEmulator(); });
after(async () => { await browser?.close(); });

test('a signed-out visitor sees what the portal is for and a Sign in button', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(BASE + '/');
  await page.getByRole('heading', { name: 'Your badge sign-in, in one place' }).waitFor();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'welcome.png', fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an employee signs in and sees their badge code and PIN state', async () => {
  const { context, page, problems, failedResponses } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('heading', { name: 'Your QR code sign-in' }).waitFor();
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  const text = await page.locator('main').innerText();
  assert.match(text, /Active|Expires soon/);
  assert.match(text, /Temporary PIN/, 'the seeded PIN must be changed');
  assert.match(await page.locator('header').innerText(), /Adele Vance/);
  // The redirect's code and state are gone from the address bar; tokens are in memory only.
  assert.equal(new URL(page.url()).search, '');
  const stored = await page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
  assert.deepEqual(stored.local, {});
  assert.ok(!JSON.stringify(stored.session).includes('eyJ'), 'no JWT in sessionStorage');
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'overview.png', fullPage: true });
  assert.deepEqual(problems, []);
  assert.deepEqual(failedResponses, []);
  await context.close();
});

test('an employee without a method is told so in plain words', async () => {
  const { context, page, problems, failedResponses } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.getByRole('heading', { name: 'No QR code sign-in yet' }).waitFor();
  await page.getByRole('link', { name: 'Set up QR code sign-in' }).waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(failedResponses, ['404 /beta/me/authentication/qrCodePinMethod']);
  await context.close();
});

test('a reload signs in again silently (tokens were only in memory)', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign in' }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('sign out ends the session and returns to the welcome page', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

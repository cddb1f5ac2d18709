// Every self-service flow with the keyboard alone: Tab, Enter, Space and arrow keys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, resetEmulator, tabTo, emulator, BASE } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); await resetEmulator(); });
after(async () => { await browser?.close(); });

async function signInWithKeyboard(page, name) {
  await page.goto(BASE + '/');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await tabTo(page, 'Sign in');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: new RegExp(name) }).waitFor();
  await tabTo(page, new RegExp(name));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Your QR code sign-in' }).waitFor();
}

test('temporary QR code: create and revoke with the keyboard only', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInWithKeyboard(page, 'Adele Vance');
  await tabTo(page, 'Forgot your badge? Get a temporary QR code');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Create a temporary QR code' }).waitFor();
  await tabTo(page, 'How long should it work?');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'Create temporary QR code');
  await page.keyboard.press('Enter');
  await page.getByRole('img', { name: /Temporary QR code for Adele Vance/ }).waitFor();
  await tabTo(page, 'Revoke temporary QR code');
  await page.keyboard.press('Enter');
  // The confirmation takes the focus, so Enter confirms at once.
  await page.waitForFunction(() => document.activeElement?.textContent.trim() === 'Yes, revoke it');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Create a temporary QR code' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('PIN change with the keyboard only', async () => {
  const { context, page, problems } = await openPage(browser);
  const seed = await emulator('seed', undefined, 'GET');
  await signInWithKeyboard(page, 'Adele Vance');
  await tabTo(page, 'Change PIN');
  await page.keyboard.press('Enter');
  // The PIN change's permission is asked for on the way in (one authorize round trip): wait for the form.
  await page.getByLabel('Current PIN').waitFor();
  await tabTo(page, 'Current PIN');
  await page.keyboard.type(seed.pins['adele.vance@contoso.com']);
  await page.keyboard.press('Tab');
  await page.keyboard.type('73920561');
  await page.keyboard.press('Tab');
  await page.keyboard.type('73920561');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Your PIN is changed' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('focus is always visible', async () => {
  const { context, page } = await openPage(browser);
  await page.goto(BASE + '/');
  await tabTo(page, 'Sign in');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await context.close();
});

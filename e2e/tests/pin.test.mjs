// The guided PIN change: live rule checks, a wrong current PIN, success, and the overview after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axeViolations, resetEmulator, signInAs, emulator, OUT } from '../lib/browser.mjs';

let browser;
let seededPins;
before(async () => {
  browser = await launch();
  await resetEmulator();
  const seed = await emulator('seed', undefined, 'GET');
  seededPins = seed.pins ?? seed;
});
after(async () => { await browser?.close(); });

test('rules are checked live as the person types, with what to do', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('link', { name: 'Change PIN' }).click();
  await page.getByText('Your current PIN was set by an administrator').waitFor();
  const newPin = page.getByLabel('New PIN', { exact: true });
  await newPin.fill('121212');
  await page.getByText('Use at least 8 digits.').waitFor();
  await newPin.fill('94121212');
  await page.getByText("Don't repeat a group of 2 or 3 digits back to back").waitFor();
  await newPin.fill('50123456789');
  await page.getByText("Don't include the run 0123456789 or 9876543210.").waitFor();
  await newPin.fill('7392a561');
  await page.getByText('Use only the digits 0 to 9').waitFor();
  await newPin.fill('73920561');
  await page.getByText('Type the same new PIN in both fields.').waitFor();
  // Paste works (WCAG 3.3.8): fill() sets the value like a paste or a password manager.
  await page.getByLabel('New PIN again').fill('73920561');
  const rules = page.getByRole('list', { name: 'PIN rules' });
  assert.equal(await rules.locator('li.unmet').count(), 0, 'every rule is met');
  assert.equal(await rules.locator('li.met').count(), 6);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'pin-form.png', fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a wrong current PIN is refused, the right one changes the PIN', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('link', { name: 'Change PIN' }).click();
  await page.getByLabel('Current PIN').fill('48213650');
  await page.getByLabel('New PIN', { exact: true }).fill('73920561');
  await page.getByLabel('New PIN again').fill('73920561');
  const refused = page.waitForResponse((r) => r.url().endsWith('/pin/updatePin'));
  await page.getByRole('button', { name: 'Change PIN' }).click();
  assert.equal((await refused).status(), 400);
  await page.getByRole('alert').filter({ hasText: 'Request ID' }).waitFor();
  // What the person typed is still there after an error.
  assert.equal(await page.getByLabel('New PIN again').inputValue(), '73920561');

  const current = seededPins['adele.vance@contoso.com'];
  assert.ok(current, 'the emulator reports the seeded PIN');
  await page.getByLabel('Current PIN').fill(current);
  const accepted = page.waitForResponse((r) => r.url().endsWith('/pin/updatePin'));
  await page.getByRole('button', { name: 'Change PIN' }).click();
  assert.equal((await accepted).status(), 204);
  await page.getByRole('heading', { name: 'Your PIN is changed' }).waitFor();
  await page.getByRole('link', { name: 'Back to overview' }).click();
  await page.getByText('Set by you').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

// Writes you can trust: every write goes through one commands layer. These tests drive the findings of a
// hostile-user probe against the emulator, including answers lost after the change was applied.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, resetEmulator, signInAs, emulator, BASE } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

/** Counts the requests of `method` whose path ends with `suffix`. */
function countRequests(page, method, suffix) {
  const seen = { count: 0 };
  page.on('request', (r) => { if (r.method() === method && new URL(r.url()).pathname.endsWith(suffix)) seen.count += 1; });
  return seen;
}

function localDate(daysFromNow) {
  const d = new Date(Date.now() + daysFromNow * 86400000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('B1: extending to a date before the current expiry is refused in words and sends nothing', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('link', { name: 'Manage my badge' }).click();
  const patches = countRequests(page, 'PATCH', '/standardQRCode');
  await page.getByLabel('Valid until').fill(localDate(100));
  await page.getByRole('button', { name: 'Extend badge' }).click();
  await page.getByText(/Choose a date after the current expiry .*Extending never shortens a badge\./).waitFor();
  assert.equal(await page.getByText('Your badge was extended').count(), 0);
  assert.equal(patches.count, 0, 'nothing was sent');
  // A later date inside the window goes through and says until when.
  await page.getByLabel('Valid until').fill(localDate(300));
  await page.getByRole('button', { name: 'Extend badge' }).click();
  await page.getByText(/Your badge was extended\. It is now valid until/).waitFor();
  assert.equal(patches.count, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('B9: an expired badge says it cannot be extended and offers a replacement', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Lynne Robbins');
  await page.getByRole('link', { name: 'Manage my badge' }).click();
  await page.getByText(/This badge has expired, so it cannot be extended/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Extend badge' }).count(), 0);
  await page.getByRole('button', { name: 'Replace my badge' }).click();
  await page.getByRole('button', { name: 'Yes, replace my badge' }).click();
  await page.getByRole('heading', { name: 'Your new badge QR code' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('B2, B7: lifetimes that are not whole days in range are refused with words, nothing is sent, nothing panics', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Alex Wilber');
  await page.goto(BASE + '/create');
  const puts = countRequests(page, 'PUT', '/qrCodePinMethod');
  const field = page.getByLabel('Badge valid for (days)');
  await field.waitFor();
  const cases = [
    ['100000000', 'Use at most 395 days.'],
    ['396', 'Use at most 395 days.'],
    ['0', 'Use at least 1.'],
    ['-1', 'Enter a whole number of days, from 1 to 395.'],
    ['abc', 'Enter a whole number of days, from 1 to 395.'],
    ['1e9', 'Enter a whole number of days, from 1 to 395.'],
    ['1.5', 'Enter a whole number of days, from 1 to 395.'],
  ];
  for (const [typed, said] of cases) {
    await field.fill(typed);
    await page.getByRole('button', { name: 'Create QR code sign-in' }).click();
    await page.getByText(said, { exact: true }).waitFor();
  }
  assert.equal(puts.count, 0, 'nothing was sent');
  // The form is still alive: a good value goes through.
  await field.fill('30');
  await page.getByRole('button', { name: 'Create QR code sign-in' }).click();
  await page.getByRole('heading', { name: 'Your new badge QR code' }).waitFor();
  assert.equal(puts.count, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('B3: a one-time QR code and PIN on screen ask before the tab is left; afterwards set-up explains', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Alex Wilber');
  await page.goto(BASE + '/create');
  await page.getByRole('button', { name: 'Create QR code sign-in' }).click();
  await page.getByRole('heading', { name: 'Your new badge QR code' }).waitFor();
  const asked = await page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
  assert.equal(asked, true, 'leaving is questioned while the only copy is on screen');
  let dialog = null;
  page.once('dialog', async (d) => { dialog = d.type(); await d.accept(); });
  await page.reload();
  assert.equal(dialog, 'beforeunload', 'the browser asked before reloading');
  await page.getByRole('heading', { name: 'You already have QR code sign-in' }).waitFor();
  await page.getByText('cannot be shown again').waitFor();
  await page.getByRole('link', { name: 'Replace your badge' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Create QR code sign-in' }).count(), 0);
  const leaveFreely = await page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
  assert.equal(leaveFreely, false, 'no question once nothing one-time is shown');
  assert.deepEqual(problems, []);
  await context.close();
});

test('B4: a set-up whose answer is lost is sent once, checked with a read, and explained', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Alex Wilber');
  await page.goto(BASE + '/create');
  await page.getByRole('button', { name: 'Create QR code sign-in' }).waitFor();
  await emulator('faults', { method: 'PUT', path: '/beta/me/authentication/qrCodePinMethod', kind: 'lost-answer', status: 503, retryAfter: '1' });
  const puts = countRequests(page, 'PUT', '/qrCodePinMethod');
  await page.getByRole('button', { name: 'Create QR code sign-in' }).click();
  await page.getByRole('heading', { name: 'Your QR code sign-in was created, but its answer was lost' }).waitFor();
  await page.getByRole('alert').getByRole('link', { name: 'replace your badge' }).waitFor();
  await page.waitForTimeout(1500);
  assert.equal(puts.count, 1, 'a create that may have succeeded is never sent again on its own');
  assert.equal(await page.getByText('Check what you entered').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('B5: the administrator reads about the person in the third person and every action targets them', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin');
  await page.getByLabel('Find a person by name or email').fill('Alex');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: /Alex Wilber/ }).click();
  const person = page.locator('.admin-person');
  await person.getByText('This person has no QR code + PIN sign-in method.').waitFor();
  assert.equal(await person.getByText(/\bYou don't have\b|\bYour (badge|PIN)\b/).count(), 0, 'no self-service words');
  assert.equal(await person.locator('a[href="/create"], a[href="/pin"], a[href="/badge"]').count(), 0, 'no self-service links');
  await person.getByRole('button', { name: 'Create QR code sign-in' }).click();
  await person.getByRole('heading', { name: 'New badge QR code for Alex Wilber' }).waitFor();
  await person.getByText(/Their badge works for another/).waitFor();
  // Megan herself still has no method: the action went to Alex.
  page.once('dialog', (d) => d.accept());
  await page.goto(BASE + '/');
  await page.getByRole('heading', { name: 'No QR code sign-in yet' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('B8: two submits in one task send one write, and the success is shown as a success', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.goto(BASE + '/temporary');
  await page.getByRole('button', { name: 'Create temporary QR code' }).waitFor();
  const patches = countRequests(page, 'PATCH', '/temporaryQRCode');
  await page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Create temporary QR code'));
    button.click();
    button.click();
  });
  await page.getByRole('heading', { name: 'Your new temporary QR code' }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(patches.count, 1);
  assert.equal(await page.getByRole('alert').filter({ hasText: 'Microsoft Graph' }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('B10: Graph\'s own message is shown, and a code that already exists is shown instead of the form', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.goto(BASE + '/temporary');
  await page.getByRole('button', { name: 'Create temporary QR code' }).waitFor();
  await emulator('faults', {
    method: 'PATCH', path: '*/temporaryQRCode', kind: 'status', status: 400,
    body: JSON.stringify({ error: { code: 'badRequest', message: 'Temporary codes are paused for this tenant.' } }),
  });
  await page.getByRole('button', { name: 'Create temporary QR code' }).click();
  await page.getByText('Temporary codes are paused for this tenant.').waitFor();
  assert.equal(await page.getByText('Check what you entered').count(), 0);
  await page.getByText('Error code').waitFor();
  // Applied, but answered 400: the page reads the method again and shows the code that exists.
  await emulator('faults', { method: 'PATCH', path: '*/temporaryQRCode', kind: 'lost-answer', status: 400 });
  await page.getByRole('button', { name: 'Create temporary QR code' }).click();
  await page.getByText('Your temporary QR code already exists, so no new one was made.').waitFor();
  await page.getByRole('heading', { name: 'You have an active temporary QR code' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Create temporary QR code' }).count(), 0, 'the form is gone');
  assert.deepEqual(problems, []);
  await context.close();
});

async function fillPins(page, current, next) {
  await page.getByLabel('Current PIN').fill(current);
  await page.getByLabel('New PIN', { exact: true }).fill(next);
  await page.getByLabel('New PIN again').fill(next);
}

test('B11: a PIN change whose answer was lost is recognised, or said to be possibly in effect', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.goto(BASE + '/pin');
  await emulator('faults', { method: 'POST', path: '*/pin/updatePin', kind: 'lost-answer', status: 504 });
  await fillPins(page, '40617293', '73920561');
  await page.getByRole('button', { name: 'Change PIN' }).click();
  // The method's PIN date moved: the change went through although its answer was lost.
  await page.getByRole('heading', { name: 'Your PIN is changed' }).waitFor();

  await page.goto(BASE + '/pin');
  await page.getByLabel('Current PIN').waitFor();
  await emulator('faults', { method: 'POST', path: '*/pin/updatePin', kind: 'lost-answer', status: 504 });
  await emulator('faults', { method: 'GET', path: '/beta/me/authentication/qrCodePinMethod', kind: 'status', status: 500 });
  await fillPins(page, '73920561', '40617293');
  await page.getByRole('button', { name: 'Change PIN' }).click();
  await page.getByText(/your new PIN may already be in effect/).waitFor();
  assert.equal(await page.getByText('current PIN is incorrect').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('B12: a chosen PIN and the 10-minute rule: sign in again, type the PIN again, finish', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Alex Wilber');
  await page.goto(BASE + '/create');
  await page.getByLabel('Badge valid for (days)').fill('45');
  await page.getByLabel('Choose my own PIN').check();
  await page.getByLabel('PIN', { exact: true }).fill('73920561');
  await page.getByLabel('PIN again').fill('73920561');
  await emulator('clock', { advanceSeconds: 11 * 60 });
  await page.getByRole('button', { name: 'Create QR code sign-in' }).click();
  await page.getByRole('button', { name: /Alex Wilber/ }).click();
  await page.getByText('You signed in again. Type your PIN once more and choose Create to finish.').waitFor();
  assert.equal(await page.getByLabel('Badge valid for (days)').inputValue(), '45');
  assert.equal(await page.getByLabel('Choose my own PIN').isChecked(), true);
  assert.equal(await page.getByLabel('PIN', { exact: true }).inputValue(), '', 'the PIN was not kept');
  const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
  assert.ok(!stored.includes('73920561'), 'no PIN in storage');
  await page.getByLabel('PIN', { exact: true }).fill('73920561');
  await page.getByLabel('PIN again').fill('73920561');
  await page.getByRole('button', { name: 'Create QR code sign-in' }).click();
  await page.getByRole('heading', { name: 'Your new badge QR code' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

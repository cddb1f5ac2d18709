// The kiosk on a shared screen: sign in with prompt=login, show a temporary QR code as large as the
// screen allows (decoded from the screen and compared with what Graph issued), hide it on blur and
// when the page is hidden, keep the screen on, warn before the idle timeout, clear everything and
// leave nothing behind: not in the DOM, not in storage, not behind the Back button.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, axeViolations, resetEmulator, decodeQr, rawContentOf, BASE, OUT,
} from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

/** Serves config.json with these kiosk settings. */
async function kioskConfig(page, kiosk) {
  await page.route('**/config.json', async (route) => {
    const config = await (await route.fetch()).json();
    config.kiosk = { ...config.kiosk, ...kiosk };
    await route.fulfill({ json: config });
  });
}

/** A Screen Wake Lock that records what the page asks for (headless Chromium refuses the real one). */
async function recordWakeLock(page) {
  await page.addInitScript(() => {
    window.__wakeLog = [];
    const wakeLock = {
      request: async (type) => {
        window.__wakeLog.push(`request ${type}`);
        const sentinel = {
          type, released: false,
          release: async () => { sentinel.released = true; window.__wakeLog.push('release'); },
          addEventListener() {}, removeEventListener() {},
        };
        return sentinel;
      },
    };
    Object.defineProperty(Navigator.prototype, 'wakeLock', { configurable: true, get: () => wakeLock });
  });
}

/** Makes the page look hidden (screen off, app switched) or visible again. */
async function setPageHidden(page, hidden) {
  await page.evaluate((value) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/** Everything of a person the page could still hold: its text, storage and address. */
async function leftovers(page) {
  return page.evaluate(() => ({
    text: document.body.innerText + document.body.innerHTML,
    storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    sessionKeys: Object.keys(sessionStorage),
    localKeys: Object.keys(localStorage),
    url: location.href,
    qrSymbols: document.querySelectorAll('svg.qr-symbol').length,
  }));
}

function assertNothingOf(found, name, upn, rawContent) {
  for (const secret of [name, upn, rawContent, 'ms-qrpin', 'valid until']) {
    assert.ok(!found.text.toLowerCase().includes(secret.toLowerCase()), `page still shows "${secret}"`);
    assert.ok(!found.storage.toLowerCase().includes(secret.toLowerCase()), `storage still holds "${secret}"`);
  }
  assert.equal(found.qrSymbols, 0, 'no QR symbol in the DOM');
  assert.deepEqual(found.localKeys, [], 'nothing in localStorage');
  assert.deepEqual(found.sessionKeys, [], 'nothing in sessionStorage');
  assert.ok(!/[?&#](code|state|session_state)=/.test(found.url), `no sign-in response in the URL: ${found.url}`);
}

/** Presses Tab until the focused element's text or label matches, then returns. */
async function tabTo(page, name, limit = 25) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.getAttribute('aria-label') ?? ''} ${el.innerText ?? ''} ${el.id}`.trim() : '';
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

async function signInOnKiosk(page, displayName) {
  const authorize = page.waitForRequest((r) => r.url().includes('/oauth2/v2.0/authorize'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  const url = new URL((await authorize).url());
  assert.equal(url.searchParams.get('prompt'), 'login', 'a shared screen always asks who is there');
  assert.equal(url.searchParams.get('login_hint'), null);
  await page.getByRole('button', { name: new RegExp(displayName) }).click();
  await page.getByRole('heading', { name: 'Show a temporary QR code' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/kiosk');
}

test('the kiosk shows the QR, hides it on blur, warns and clears on idle, and leaves nothing behind', async () => {
  const { context, page, problems } = await openPage(browser);
  await kioskConfig(page, { idleTimeoutSeconds: 25 });
  await recordWakeLock(page);

  await page.goto(BASE + '/kiosk');
  await page.getByRole('heading', { name: 'Forgot your badge?' }).waitFor();
  await page.getByText('Show a temporary QR code on this screen.').waitFor();
  await page.getByText(/after 25 seconds without a tap or key press/).waitFor();
  assert.equal(await page.locator('.app-header').isVisible(), false, 'no portal header on the kiosk');
  await page.screenshot({ path: OUT + 'kiosk-start.png' });
  assert.deepEqual(await axeViolations(page), [], 'start screen');

  await signInOnKiosk(page, 'Adele Vance');
  assert.equal(await page.getByLabel('How long should it work?').inputValue(), '8');
  const options = await page.getByLabel('How long should it work?').locator('option').allInnerTexts();
  assert.deepEqual(options, ['1 hour', '2 hours', '4 hours', '6 hours', '8 hours', '10 hours', '12 hours'],
    'the same lifetimes as every other page that makes a temporary code');
  assert.deepEqual(await axeViolations(page), [], 'choose screen');

  const created = page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Show temporary QR code' }).click();
  const response = await created;
  assert.equal(response.status(), 201);
  const code = await response.json();
  const issued = rawContentOf(code);
  assert.match(issued, /^ms-qrpin:v1\|adele\.vance@contoso\.com\|/);
  const hours = (Date.parse(code.expireDateTime) - Date.parse(code.startDateTime)) / 3600_000;
  assert.equal(hours, 8, 'the default is 8 hours');

  const qr = page.getByRole('img', { name: /^Temporary QR code for Adele Vance, valid until / });
  await qr.waitFor();
  await page.getByRole('heading', { name: 'Adele Vance' }).waitFor();
  assert.match(await page.getByRole('timer').innerText(), /^7 hr 5\d min \d{1,2} sec left$/);
  const box = await qr.boundingBox();
  assert.ok(box.height >= 860 - 2 * 32 - 2 && Math.abs(box.width - box.height) < 1,
    `the QR fills the screen's height: ${JSON.stringify(box)}`);
  assert.equal(await qr.evaluate((el) => getComputedStyle(el).forcedColorAdjust), 'none');
  await qr.screenshot({ path: OUT + 'kiosk-qr-symbol.png' });
  assert.deepEqual(decodeQr(OUT + 'kiosk-qr-symbol.png'), [issued], 'the QR on screen is the one Graph issued');
  await page.screenshot({ path: OUT + 'kiosk-qr.png' });
  assert.deepEqual(await axeViolations(page), [], 'code on screen');
  await page.waitForFunction(() => window.__wakeLog.includes('request screen'));

  // Focus lost (another window, the app switcher): the QR is hidden until someone taps or presses a key.
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await page.getByText('QR code hidden').waitFor();
  assert.equal(await page.locator('svg.qr-symbol').count(), 0, 'hidden means gone from the DOM');
  await page.screenshot({ path: OUT + 'kiosk-hidden.png' });
  assert.deepEqual(await axeViolations(page), [], 'hidden code');
  await page.getByRole('button', { name: /QR code hidden/ }).click();
  await qr.waitFor();

  // Page hidden (screen off): hidden, wake lock released; visible again: lock re-acquired, QR only after a key.
  await setPageHidden(page, true);
  await page.getByText('QR code hidden').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__wakeLog), ['request screen', 'release']);
  await setPageHidden(page, false);
  await page.waitForFunction(() => window.__wakeLog.length === 3);
  assert.deepEqual(await page.evaluate(() => window.__wakeLog), ['request screen', 'release', 'request screen']);
  assert.equal(await page.locator('svg.qr-symbol').count(), 0, 'visible again, but not shown without a tap or key');
  await page.keyboard.press('Shift');
  await qr.waitFor();

  // Idle: 25 s timeout, so the warning comes after 5 s, 20 s before clearing.
  const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await warning.waitFor({ timeout: 10_000 });
  assert.match(await warning.innerText(), /cleared in (20|19|18) seconds/);
  await page.waitForFunction(() => document.activeElement?.innerText === 'Stay'); // focus is on Stay
  await page.screenshot({ path: OUT + 'kiosk-warning.png' });
  assert.deepEqual(await axeViolations(page), [], 'idle warning');
  await page.getByRole('button', { name: 'Stay' }).click();
  await warning.waitFor({ state: 'detached' });
  assert.equal(await qr.count(), 1, '"Stay" keeps the code on screen');

  // Nobody answers the second warning: everything is cleared and the start screen is back.
  await warning.waitFor({ timeout: 10_000 });
  const loggedOut = page.waitForRequest((r) => r.url().includes('/oauth2/v2.0/logout'), { timeout: 30_000 });
  await loggedOut;
  await page.getByRole('heading', { name: 'Forgot your badge?' }).waitFor();
  assert.ok(await page.evaluate(() => window.__wakeLog.at(-1) === 'release' || window.__wakeLog.length === 0),
    'the wake lock was let go (or the page was replaced)');
  const upn = 'adele.vance@contoso.com';
  assertNothingOf(await leftovers(page), 'Adele Vance', upn, code.image.rawContent);

  // Back leads nowhere personal: no signed-in kiosk page, no code.
  await page.goBack();
  await page.waitForLoadState('load');
  const back = await leftovers(page);
  assert.equal(back.qrSymbols, 0);
  assert.ok(!back.text.includes('ms-qrpin') && !back.text.includes(code.image.rawContent));
  assert.ok(!back.text.includes('Show a temporary QR code') && !back.text.includes('Signed in as'),
    `Back shows no signed-in kiosk: ${back.url}`);
  if (new URL(back.url).origin === BASE && new URL(back.url).pathname === '/kiosk') {
    assertNothingOf(back, 'Adele Vance', upn, code.image.rawContent);
  }
  // Whatever Back showed, returning to the kiosk gives the start screen, signed out.
  await page.goto(BASE + '/kiosk');
  await page.getByRole('heading', { name: 'Forgot your badge?' }).waitFor();
  assertNothingOf(await leftovers(page), 'Adele Vance', upn, code.image.rawContent);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only on a phone: replace an active temporary code, full screen, done', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await page.goto(BASE + '/kiosk');
  await page.getByRole('heading', { name: 'Forgot your badge?' }).waitFor();
  await page.screenshot({ path: OUT + 'kiosk-phone-start.png' });
  assert.deepEqual(await axeViolations(page), [], 'start screen on a phone');

  await tabTo(page, /^Sign in$/);
  await page.keyboard.press('Enter');
  // The authority's page: choose the account with the keyboard too.
  const account = page.getByRole('button', { name: /Lynne Robbins/ });
  await account.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Show a temporary QR code' }).waitFor();
  await page.getByText('You already have a temporary QR code').waitFor();
  await page.screenshot({ path: OUT + 'kiosk-phone-choose.png', fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'choose screen with an active code');

  await tabTo(page, /kiosk-hours/);
  for (let i = 0; i < 2; i += 1) await page.keyboard.press('ArrowUp');
  assert.equal(await page.getByLabel('How long should it work?').inputValue(), '4');
  await tabTo(page, /^Replace it$/);
  const deleted = page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'DELETE');
  const created = page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'PATCH');
  await page.keyboard.press('Space');
  assert.equal((await deleted).status(), 204, 'the old code is deleted first');
  const response = await created;
  assert.equal(response.status(), 201);
  const code = await response.json();
  const issued = rawContentOf(code);
  assert.match(issued, /^ms-qrpin:v1\|lynne\.robbins@contoso\.com\|/);

  const qr = page.getByRole('img', { name: /^Temporary QR code for Lynne Robbins/ });
  await qr.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'kiosk-holder'); // focus on whose code it is
  assert.match(await page.getByRole('timer').innerText(), /^3 hr 5\d min \d{1,2} sec left$/);
  const box = await qr.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390 && box.width >= 390 - 2 * 20, `the QR fills the width: ${JSON.stringify(box)}`);
  await qr.screenshot({ path: OUT + 'kiosk-phone-qr-symbol.png' });
  assert.deepEqual(decodeQr(OUT + 'kiosk-phone-qr-symbol.png'), [issued]);
  await page.screenshot({ path: OUT + 'kiosk-phone-qr.png' });
  assert.deepEqual(await axeViolations(page), [], 'code on a phone');

  await tabTo(page, /^Full screen$/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.fullscreenElement !== null);
  // The button's state follows the fullscreenchange event: wait for it rather than read it at once.
  await page.getByRole('button', { name: 'Full screen', pressed: true }).waitFor();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.fullscreenElement === null);

  await tabTo(page, /^Done$/);
  const loggedOut = page.waitForRequest((r) => r.url().includes('/oauth2/v2.0/logout'));
  await page.keyboard.press('Enter');
  await loggedOut;
  await page.getByRole('heading', { name: 'Forgot your badge?' }).waitFor();
  assertNothingOf(await leftovers(page), 'Lynne Robbins', 'lynne.robbins@contoso.com', code.image.rawContent);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a reload never brings the previous person back', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(BASE + '/kiosk');
  await signInOnKiosk(page, 'Isaiah Langer');
  await page.reload();
  // The tab's silent sign-in finds the session, the kiosk did not start it: it is ended at once.
  await page.getByRole('heading', { name: 'Forgot your badge?' }).waitFor({ timeout: 15_000 });
  const found = await leftovers(page);
  assert.ok(!found.text.includes('Isaiah'), 'no trace of the previous person');
  assert.deepEqual(found.sessionKeys, []);
  // And the next sign-in asks again.
  const authorize = page.waitForRequest((r) => r.url().includes('/oauth2/v2.0/authorize'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal(new URL((await authorize).url()).searchParams.get('prompt'), 'login');
  await page.getByRole('button', { name: /Isaiah Langer/ }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('dark mode and forced colours: the QR stays black on white, and disappears when it expires', async () => {
  const { context, page, problems } = await openPage(browser, { colorScheme: 'dark' });
  await kioskConfig(page, { idleTimeoutSeconds: 86_400 });
  await page.clock.install();
  await page.goto(BASE + '/kiosk');
  await signInOnKiosk(page, 'Adele Vance');
  await page.getByLabel('How long should it work?').selectOption('1');
  const created = page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Show temporary QR code' }).click();
  const issued = rawContentOf(await (await created).json());
  const qr = page.getByRole('img', { name: /^Temporary QR code for Adele Vance/ });
  await qr.waitFor();
  assert.match(await page.getByRole('timer').innerText(), /^(59 min \d{1,2} sec|1 hr 0 min 0 sec) left$/);
  await qr.screenshot({ path: OUT + 'kiosk-dark-qr-symbol.png' });
  assert.deepEqual(decodeQr(OUT + 'kiosk-dark-qr-symbol.png'), [issued], 'scannable in dark mode');
  await page.screenshot({ path: OUT + 'kiosk-dark-qr.png' });
  assert.deepEqual(await axeViolations(page), [], 'dark mode');

  // Forced colours (Windows High Contrast). Not checked with axe: Chromium forces `color` but
  // reports `-webkit-text-fill-color` unforced, which axe reads (a false contrast failure).
  await page.emulateMedia({ forcedColors: 'active' });
  // The background is a filled rect; the dark modules are a 1-module stroke.
  assert.deepEqual(await qr.evaluate((el) => [getComputedStyle(el.querySelector('rect')).fill, getComputedStyle(el.querySelector('path')).stroke]),
    ['rgb(255, 255, 255)', 'rgb(0, 0, 0)'], 'forced colours do not repaint the symbol');
  await qr.screenshot({ path: OUT + 'kiosk-forced-qr-symbol.png' });
  assert.deepEqual(decodeQr(OUT + 'kiosk-forced-qr-symbol.png'), [issued], 'scannable with forced colours');
  await page.screenshot({ path: OUT + 'kiosk-forced-qr.png' });
  await page.emulateMedia({ forcedColors: 'none' });

  await page.clock.fastForward('01:00:02');
  await page.getByText('This code has expired').waitFor();
  assert.equal(await page.locator('svg.qr-symbol').count(), 0, 'the expired code is gone from the DOM');
  assert.equal(await page.getByRole('timer').innerText(), 'Expired');
  await page.screenshot({ path: OUT + 'kiosk-expired.png' });
  assert.deepEqual(await axeViolations(page), [], 'expired code');
  assert.deepEqual(problems, []);
  await context.close();
});

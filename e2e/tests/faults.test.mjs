// Failures in words: throttling and outages are waited out for safe requests, shown for the
// others; a lost connection keeps what was typed; an expired token is renewed; v1.0 falls back.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axeViolations, resetEmulator, signInAs, emulator, BASE, OUT } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

test('429 with a fractional Retry-After is waited out, with a visible "retrying"', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  await emulator('faults', { method: 'GET', path: '/beta/me/authentication/qrCodePinMethod', kind: 'status', status: 429, retryAfter: '1.5', count: 2 });
  const started = Date.now();
  await page.getByRole('link', { name: 'Manage my badge' }).click();
  await page.getByText(/Microsoft Graph is busy; retrying in 2 s/).waitFor();
  await page.getByRole('heading', { name: 'Lost your badge?' }).waitFor();
  assert.ok(Date.now() - started >= 2900, 'waited Retry-After twice');
  assert.equal(await page.getByText(/retrying in/).count(), 0, 'the notice goes away');
  assert.deepEqual(problems, []);
  await context.close();
});

test('503 without Retry-After is retried with back-off', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  await emulator('faults', { method: 'GET', path: '/beta/me/authentication/qrCodePinMethod', kind: 'status', status: 503, count: 1 });
  await page.getByRole('link', { name: 'Manage my badge' }).click();
  await page.getByRole('heading', { name: 'Lost your badge?' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a throttled PIN change is not sent twice: the error says so with its request ID', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('link', { name: 'Change PIN' }).click();
  await emulator('faults', { method: 'POST', path: '*/pin/updatePin', kind: 'status', status: 429, retryAfter: '3', count: 1 });
  await page.getByLabel('Current PIN').fill('40617293');
  await page.getByLabel('New PIN', { exact: true }).fill('73920561');
  await page.getByLabel('New PIN again').fill('73920561');
  let posts = 0;
  page.on('request', (r) => { if (r.url().endsWith('/pin/updatePin')) posts += 1; });
  await page.getByRole('button', { name: 'Change PIN' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Microsoft Graph is busy' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /Request ID/);
  await page.waitForTimeout(3500);
  assert.equal(posts, 1, 'a POST is never retried automatically');
  assert.equal(await page.getByLabel('New PIN again').inputValue(), '73920561', 'what was typed is kept');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a dropped connection says Graph could not be reached and keeps what was typed', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('link', { name: 'Change PIN' }).click();
  // Chrome silently retries a request whose reused connection closed: drop until cleared.
  await emulator('faults', { method: 'POST', path: '*/pin/updatePin', kind: 'drop', count: 50 });
  await page.getByLabel('Current PIN').fill('40617293');
  await page.getByLabel('New PIN', { exact: true }).fill('73920561');
  await page.getByLabel('New PIN again').fill('73920561');
  await page.getByRole('button', { name: 'Change PIN' }).click();
  await page.getByText('Microsoft Graph could not be reached.').waitFor();
  assert.equal(await page.getByLabel('Current PIN').inputValue(), '40617293');
  // Once the connection is back, the same form goes through.
  await emulator('faults', undefined, 'DELETE');
  await page.getByRole('button', { name: 'Change PIN' }).click();
  await page.getByRole('heading', { name: 'Your PIN is changed' }).waitFor();
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_EMPTY_RESPONSE')), []);
  await context.close();
});

test('an access token Graph no longer accepts is renewed with the refresh token', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  await emulator('clock', { advanceSeconds: 2 * 3600 });
  const refreshed = page.waitForRequest((r) => r.url().endsWith('/oauth2/v2.0/token') && (r.postData() ?? '').includes('grant_type=refresh_token'));
  await page.getByRole('link', { name: 'Manage my badge' }).click();
  await refreshed;
  await page.getByRole('heading', { name: 'Lost your badge?' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('with v1.0 configured, paths v1.0 lacks fall back to beta', async () => {
  const { context, page, problems, failedResponses } = await openPage(browser);
  await page.route('**/config.json', async (route) => {
    const config = await (await route.fetch()).json();
    config.graph.version = 'v1.0';
    await route.fulfill({ json: config });
  });
  const requested = [];
  page.on('request', (r) => { if (r.url().includes('/authentication/')) requested.push(new URL(r.url()).pathname); });
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  // The e2e emulator runs with --v1-strict: v1.0 answers "Resource not found for the segment".
  assert.deepEqual(failedResponses, ['400 /v1.0/me/authentication/qrCodePinMethod']);
  await page.getByRole('link', { name: 'Manage my badge' }).click();
  await page.getByRole('heading', { name: 'Lost your badge?' }).waitFor();
  assert.deepEqual(requested, [
    '/v1.0/me/authentication/qrCodePinMethod',
    '/beta/me/authentication/qrCodePinMethod',
    '/beta/me/authentication/qrCodePinMethod',
  ], 'after one refusal, beta is used directly');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the CSP header forbids inline scripts and the app runs under it without a nonce', async () => {
  const response = await fetch(BASE + '/');
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.ok(!csp.includes("'unsafe-inline'") && !csp.includes("'unsafe-eval'") && !csp.includes('nonce-'), csp);
  assert.match(csp, /frame-ancestors 'none'/);
  const html = await response.text();
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), 'no inline script');
  assert.ok(!/<style|\sstyle\s*=|\{\{/i.test(html), 'no inline style, no placeholder');
  const { context, page, problems } = await openPage(browser);
  await page.goto(BASE + '/');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.deepEqual(problems, [], 'no CSP violation, no console error');
  await context.close();
});

// The portal as an organisation runs it: dist/ on nginx with the deploy/ configuration on one origin, the
// sign-in authority and Graph (the emulator) on another. Key flows, with zero CSP violations and console
// errors, and the headers of every response the portal's host sends.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, resetEmulator, signInAs, emulator, decodeQr, rawContentOf, BASE, EMULATOR, OUT } from '../lib/browser.mjs';

let browser;
before(async () => {
  assert.notEqual(new URL(BASE).origin, new URL(EMULATOR).origin, 'portal and authority are on different origins');
  browser = await launch();
});
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy'];

/** Records every response from the portal's host, to check its headers once the test is done. */
function watchPortalResponses(page) {
  const seen = [];
  page.on('response', (r) => { if (new URL(r.url()).origin === BASE) seen.push(r); });
  return seen;
}

async function assertSecurityHeaders(responses) {
  assert.ok(responses.length > 3, 'the portal host answered');
  for (const response of responses) {
    const headers = await response.allHeaders();
    for (const name of SECURITY_HEADERS) {
      assert.ok(headers[name], `${name} on ${response.status()} ${new URL(response.url()).pathname}`);
    }
    assert.ok(!headers['content-security-policy'].includes('unsafe-inline'));
  }
}

test('every response carries the security headers; the wasm comes brotli-compressed and cached for a year', async () => {
  const index = await fetch(BASE + '/', { headers: { 'accept-encoding': 'br, gzip' } });
  const html = await index.text();
  const csp = index.headers.get('content-security-policy');
  assert.match(csp, /^default-src 'none'; script-src 'self' 'wasm-unsafe-eval';/);
  assert.ok(csp.includes(`connect-src 'self' ${new URL(EMULATOR).origin}`), csp);
  for (const directive of ["frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'", "object-src 'none'"]) {
    assert.ok(csp.includes(directive), directive);
  }
  assert.equal(index.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.match(index.headers.get('permissions-policy'), /screen-wake-lock=\(self\)/);
  assert.match(index.headers.get('cache-control'), /no-cache/);
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), 'no inline script');
  const wasmPath = html.match(/content="([^"]+_bg\.wasm)"/)[1];
  const wasm = await fetch(BASE + wasmPath, { headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-encoding'), 'br');
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.match(wasm.headers.get('cache-control'), /max-age=31536000.*immutable/);
  assert.match(wasm.headers.get('vary') ?? '', /Accept-Encoding/i);
  // One bundle per audience: each path prefix gets its own bundle's page, whose files live under that prefix.
  for (const [path, wasm] of [['/pin', /^\/qrbadge-[0-9a-f]+_bg\.wasm$/], ['/nothing-here', /^\/qrbadge-[0-9a-f]+_bg\.wasm$/],
    ['/kiosk', /^\/kiosk\/qrbadge-kiosk-[0-9a-f]+_bg\.wasm$/], ['/kiosk/', /^\/kiosk\/qrbadge-kiosk-/],
    ['/admin', /^\/admin\/qrbadge-admin-[0-9a-f]+_bg\.wasm$/], ['/admin/team', /^\/admin\/qrbadge-admin-/]]) {
    const route = await fetch(BASE + path, { headers: { accept: 'text/html' } });
    assert.equal(route.status, 200, `${path} falls back to its bundle`);
    assert.ok(route.headers.get('content-security-policy'), path);
    assert.match(route.headers.get('cache-control'), /no-cache/, path);
    const named = (await route.text()).match(/<meta name="qrbadge-wasm" content="([^"]+)"/)?.[1];
    assert.match(named ?? '', wasm, path);
    const bundleWasm = await fetch(BASE + named, { headers: { 'accept-encoding': 'br' } });
    assert.equal(bundleWasm.status, 200, named);
    assert.match(bundleWasm.headers.get('cache-control'), /immutable/, named);
  }
  const missing = await fetch(BASE + '/missing-0123456789abcdef.js');
  assert.equal(missing.status, 404);
  assert.ok(missing.headers.get('content-security-policy'), 'a 404 has the headers too');
});

test('sign in, overview, a temporary QR code decoded from the screen and revoked, a deep link reloaded', async () => {
  const { context, page, problems } = await openPage(browser);
  const responses = watchPortalResponses(page);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  await page.goto(BASE + '/temporary');
  await page.getByLabel('How long should it work?').selectOption('2');
  const created = page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Create temporary QR code' }).click();
  const issued = rawContentOf(await (await created).json());
  const qr = page.getByRole('img', { name: /Temporary QR code for Isaiah Langer/ });
  await qr.waitFor();
  await qr.screenshot({ path: OUT + 'production-temporary-qr.png' });
  assert.deepEqual(decodeQr(OUT + 'production-temporary-qr.png'), [issued]);
  await page.getByRole('button', { name: 'Revoke temporary QR code' }).click();
  await page.getByRole('button', { name: 'Yes, revoke it' }).click();
  await page.getByRole('heading', { name: 'Create a temporary QR code' }).waitFor();
  // A deep link, reloaded: the tab signs in again silently and lands on the same page.
  await page.goto(BASE + '/badge');
  await page.getByRole('heading', { name: 'Lost your badge?' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Lost your badge?' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/badge');
  assert.deepEqual(problems, [], 'no CSP violation, no console error');
  await assertSecurityHeaders(responses);
  await context.close();
});

test('the forced PIN change works across origins', async () => {
  const { context, page, problems } = await openPage(browser);
  const seed = await emulator('seed', undefined, 'GET');
  await signInAs(page, 'Adele Vance');
  await page.getByRole('link', { name: /change your PIN now/ }).click();
  await page.getByLabel('Current PIN').fill(seed.pins['adele.vance@contoso.com']);
  await page.getByLabel('New PIN', { exact: true }).fill('73920561');
  await page.getByLabel('New PIN again').fill('73920561');
  await page.getByRole('button', { name: 'Change PIN' }).click();
  await page.getByRole('heading', { name: 'Your PIN is changed' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('an administrator goes to /admin and back across origins, signed in all along', async () => {
  const { context, page, problems } = await openPage(browser);
  const responses = watchPortalResponses(page);
  await signInAs(page, 'Megan Bowen');
  await page.getByRole('heading', { name: 'Your QR code sign-in' }).waitFor();
  const welcome = page.getByRole('button', { name: 'Sign in' });
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByLabel('Find a person by name or email').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin');
  await page.getByRole('link', { name: 'Team badge sheet' }).click();
  await page.getByLabel('Find a group').waitFor();
  await page.locator('a.brand').click();
  await page.getByRole('heading', { name: 'Your QR code sign-in' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  await page.locator('.account-name', { hasText: 'Megan Bowen' }).waitFor();
  assert.equal(await welcome.count(), 0);
  assert.deepEqual(problems, [], 'no CSP violation, no console error');
  await assertSecurityHeaders(responses);
  await context.close();
});

test('sign-out comes back to the portal signed out, and signing in again works', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.origin === BASE);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

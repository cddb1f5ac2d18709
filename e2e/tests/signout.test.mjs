// Sign-out as OpenID Connect RP-Initiated Logout 1.0: the request names the client and the token
// (id_token_hint, client_id, post_logout_redirect_uri, and logout_hint from the ID token's login_hint
// claim), the sign-in service sends the person back to the portal signed out, nothing of the tab
// survives, and a request that names no client is not redirected. Also against a plain RP-Initiated
// Logout provider: a second emulator started with --strict-logout.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launch, openPage, axeViolations, resetEmulator, signInAs, BASE, EMULATOR, OUT } from '../lib/browser.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

function claimsOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

async function portalConfig(base) {
  return (await fetch(`${base}/config.json`)).json();
}

/** Records every request to the authority's authorize endpoint from now on. */
function recordAuthorize(page) {
  const seen = [];
  page.on('request', (r) => { if (r.url().includes('/oauth2/v2.0/authorize')) seen.push(r.url()); });
  return seen;
}

/** Signs out with the header's button; returns the end-session request's parameters. */
async function signOutFromHeader(page) {
  const request = page.waitForRequest((r) => r.url().includes('/oauth2/v2.0/logout'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  return new URL((await request).url()).searchParams;
}

test('sign out from the header: a complete request, back on Welcome signed out, and a reload stays out', async () => {
  const { context, page, problems } = await openPage(browser);
  const config = await portalConfig(BASE);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  // What a page kept, and another application's entry on the same origin.
  await page.evaluate(() => {
    sessionStorage.setItem('qrbadge.resume', '{"command":"x"}');
    sessionStorage.setItem('someone-else.key', 'kept');
  });

  const params = await signOutFromHeader(page);
  const idToken = params.get('id_token_hint');
  assert.ok(idToken, 'id_token_hint is sent');
  const claims = claimsOf(idToken);
  assert.equal(claims.aud, config.auth.clientId, 'the hint is the ID token issued to the portal');
  assert.equal(claims.preferred_username, 'adele.vance@contoso.com');
  assert.equal(params.get('client_id'), config.auth.clientId);
  assert.equal(params.get('post_logout_redirect_uri'), config.auth.postLogoutRedirectUri);
  assert.equal(params.get('logout_hint'), claims.login_hint, 'logout_hint is the login_hint claim');
  assert.ok(params.get('logout_hint'));

  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  const here = new URL(page.url());
  assert.equal(here.origin, BASE);
  assert.equal(here.pathname, '/');
  const keys = await page.evaluate(() => Object.keys(sessionStorage));
  assert.deepEqual(keys, ['someone-else.key'], 'every qrbadge. entry is gone, nothing else');
  assert.ok(!(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).includes('eyJ'));

  const authorize = recordAuthorize(page);
  await page.reload();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.waitForTimeout(500);
  assert.deepEqual(authorize, [], 'a reload after sign-out does not try to sign in again');
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the kiosk's clear ends the session and returns to the kiosk's start screen", async () => {
  const { context, page, problems } = await openPage(browser);
  const config = await portalConfig(BASE);
  await page.goto(BASE + '/kiosk');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /Isaiah Langer/ }).click();
  await page.getByRole('heading', { name: 'Show a temporary QR code' }).waitFor();

  const request = page.waitForRequest((r) => r.url().includes('/oauth2/v2.0/logout'));
  await page.getByRole('button', { name: 'Cancel and sign out' }).click();
  const params = new URL((await request).url()).searchParams;
  assert.ok(params.get('id_token_hint'));
  assert.equal(params.get('client_id'), config.auth.clientId);
  assert.equal(params.get('post_logout_redirect_uri'), new URL('/kiosk', config.auth.postLogoutRedirectUri).href);
  assert.equal(params.get('logout_hint'), 'isaiah.langer@contoso.com');

  await page.getByRole('heading', { name: 'Forgot your badge?' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/kiosk');
  assert.ok(!(await page.locator('body').innerText()).includes('Isaiah'));
  assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an end-session request that names no client gets the sign-in service's own page, not the portal", async () => {
  const { context, page, problems, failedResponses } = await openPage(browser);
  const config = await portalConfig(BASE);
  const logout = new URL(config.auth.authority.replace(/\/$/, '') + '/oauth2/v2.0/logout');
  await signInAs(page, 'Adele Vance');

  // Only a return address: signed out, but kept on the service's page.
  const bare = new URL(logout);
  bare.searchParams.set('post_logout_redirect_uri', config.auth.postLogoutRedirectUri);
  await page.goto(bare.href);
  await page.getByRole('heading', { name: 'You signed out of your account' }).waitFor();
  assert.equal(new URL(page.url()).origin, new URL(EMULATOR).origin);
  assert.equal(new URL(page.url()).pathname, logout.pathname, 'no redirect');
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'signout-no-client.png', fullPage: true });

  // A forged hint is refused outright.
  const forged = new URL(logout);
  forged.searchParams.set('id_token_hint', 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln');
  forged.searchParams.set('post_logout_redirect_uri', config.auth.postLogoutRedirectUri);
  await page.goto(forged.href);
  await page.getByText(/AADSTS50000/).waitFor();
  assert.equal(new URL(page.url()).pathname, logout.pathname, 'no redirect');

  // Named client, no account: the service asks which account, as Entra does without logout_hint.
  // (The tab still has its markers: its silent sign-in signs Adele in again at the emulator.)
  await page.goto(BASE + '/');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  const noAccount = new URL(logout);
  noAccount.searchParams.set('client_id', config.auth.clientId);
  noAccount.searchParams.set('post_logout_redirect_uri', config.auth.postLogoutRedirectUri);
  await page.goto(noAccount.href);
  await page.getByRole('heading', { name: 'Pick an account to sign out' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  const picked = page.waitForResponse((r) => r.url().includes('/oauth2/v2.0/logout') && r.url().includes('logout_hint='));
  await page.getByRole('button', { name: /Adele Vance/ }).click();
  const answer = await picked;
  assert.equal(answer.status(), 302);
  assert.equal(answer.headers().location, config.auth.postLogoutRedirectUri);
  // (The tab was not signed out by the portal here, so it still holds its markers and signs in again.)
  await page.waitForURL((url) => url.origin === BASE);
  assert.deepEqual(failedResponses.filter((r) => !r.endsWith('/oauth2/v2.0/logout')), []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Starts another emulator serving the same portal; resolves with its URL and a stop function. */
async function startEmulator(flags) {
  const binary = process.env.QRBADGE_EMULATOR_BIN ?? `${ROOT}target/debug/qrbadge-emulator`;
  const dist = process.env.QRBADGE_DIST ?? `${ROOT}dist`;
  assert.ok(existsSync(binary), `${binary} is missing: build the emulator first`);
  const child = spawn(binary, ['--addr', '127.0.0.1:0', '--dist', dist, ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${output}`)), 15_000);
    const read = (chunk) => {
      output += chunk;
      const found = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (found) { clearTimeout(timer); resolve(found[1]); }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`emulator exited (${code}): ${output}`)); });
  });
  return { url, stop: () => child.kill() };
}

test('against a plain RP-Initiated Logout provider (the emulator in strict mode) sign-out also comes back', async () => {
  const strict = await startEmulator(['--strict-logout']);
  try {
    const { context, page, problems } = await openPage(browser);
    const config = await portalConfig(strict.url);
    await page.goto(strict.url + '/');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Adele Vance/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const params = await signOutFromHeader(page);
    const claims = claimsOf(params.get('id_token_hint'));
    assert.equal(claims.login_hint, undefined, 'a plain provider issues no login_hint claim');
    assert.equal(params.get('logout_hint'), null, 'so none is sent');
    assert.equal(params.get('client_id'), config.auth.clientId);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(new URL(page.url()).origin, strict.url);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    strict.stop();
  }
});

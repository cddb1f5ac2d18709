// Least privilege with incremental consent: an employee's sign-in asks for and gets only the
// self-service scopes; /admin (for an administrator) and /pin add theirs with a second authorize
// round trip that lands back on the page; the emulator, as Graph, refuses other people to a token
// without the .All scopes. Tokens live in the page's memory only, so they are read from the
// Authorization header of the page's Graph requests.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openPage, resetEmulator, signInAs, emulator, BASE, EMULATOR } from '../lib/browser.mjs';

let browser;
let config;
before(async () => {
  browser = await launch();
  config = await (await fetch(`${BASE}/config.json`)).json();
});
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

const ALEX = 'alex.wilber@contoso.com';

function claimsOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

/** `https://graph.microsoft.com/User.Read.All` → `User.Read.All`. */
const short = (scope) => scope.split('/').pop();

/** Records the authorize requests and the access tokens of the page's Graph requests. */
function watch(page) {
  const seen = { authorize: [], tokens: [] };
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/oauth2/v2.0/authorize') && r.method() === 'GET') seen.authorize.push(url);
    const bearer = r.headers().authorization;
    if (url.origin === new URL(EMULATOR).origin && /^\/(beta|v1\.0)\//.test(url.pathname) && bearer) {
      seen.tokens.push({ path: url.pathname, token: bearer.replace(/^Bearer /, '') });
    }
  });
  return seen;
}

function scopesOf(token) {
  return claimsOf(token).scp.split(' ');
}

function requestedScopes(url) {
  return url.searchParams.get('scope').split(' ').map(short);
}

test("an employee's token carries no .All scope, and Graph refuses other people to it", async () => {
  const { context, page, problems } = await openPage(browser);
  const seen = watch(page);
  await signInAs(page, 'Isaiah Langer');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  assert.equal(seen.authorize.length, 1);
  assert.ok(requestedScopes(seen.authorize[0]).every((s) => !s.endsWith('.All')), seen.authorize[0].href);
  assert.ok(seen.tokens.length > 0, 'the overview called Graph');
  for (const { path, token } of seen.tokens) {
    const scp = scopesOf(token);
    assert.deepEqual(scp.filter((s) => s.endsWith('.All')), [], `${path}: ${scp.join(' ')}`);
    assert.ok(scp.includes('UserAuthMethod-QR.ReadWrite'));
  }
  const token = seen.tokens.at(-1).token;
  const graph = (path, init = {}) => fetch(`${EMULATOR}/beta${path}`, {
    ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  for (const path of [`/users/${ALEX}`, "/users?$filter=startswith(displayName,'A')",
    `/users/${ALEX}/authentication/qrCodePinMethod`]) {
    const refused = await graph(path);
    assert.equal(refused.status, 403, path);
    const body = await refused.json();
    assert.equal(body.error.code, 'Authorization_RequestDenied', path);
    assert.ok(body.error.innerError['request-id'], path);
  }
  const batch = await graph('/$batch', {
    method: 'POST',
    body: JSON.stringify({ requests: [{ id: '1', method: 'DELETE', url: `/users/${ALEX}/authentication/qrCodePinMethod` }] }),
  });
  assert.equal((await batch.json()).responses[0].status, 403);
  assert.equal((await graph('/me')).status, 200, 'the token itself is fine');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an employee opening /admin is told it is for administrators, with no admin scopes requested', async () => {
  const { context, page, problems } = await openPage(browser);
  const seen = watch(page);
  await signInAs(page, 'Isaiah Langer');
  await page.goto(BASE + '/admin');
  await page.getByRole('heading', { name: 'Administrators only' }).waitFor();
  await page.waitForTimeout(300);
  const admin = config.auth.adminScopes.map(short);
  for (const url of seen.authorize) {
    assert.deepEqual(requestedScopes(url).filter((s) => admin.includes(s)), [], url.href);
  }
  assert.equal(seen.authorize.length, 2, 'the sign-in and the reload, no round trip for scopes');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an administrator opening /admin gets the admin scopes in a second round trip, and it lasts', async () => {
  const { context, page, problems } = await openPage(browser);
  const seen = watch(page);
  await signInAs(page, 'Megan Bowen');
  await page.getByRole('heading', { name: 'Your QR code sign-in' }).waitFor();
  const base = requestedScopes(seen.authorize[0]);
  assert.ok(base.every((s) => !s.endsWith('.All')), base.join(' '));

  // /admin is the administrators' bundle: a page load of its own, which signs in again silently (tokens
  // live in one page's memory), then adds the administrator scopes.
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByLabel('Find a person by name or email').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin');
  assert.equal(seen.authorize.length, 3, "the new page's silent sign-in, then one more round trip");
  assert.equal(seen.authorize[1].searchParams.get('prompt'), 'none');
  assert.ok(requestedScopes(seen.authorize[1]).every((s) => !s.endsWith('.All')), 'no admin scope before the role is known');
  const upgrade = seen.authorize[2];
  assert.equal(upgrade.searchParams.get('prompt'), 'none', 'silent first, as acquireTokenSilent');
  assert.equal(upgrade.searchParams.get('login_hint'), 'megan.bowen@contoso.com');
  const asked = requestedScopes(upgrade);
  for (const scope of [...base, ...config.auth.adminScopes.map(short)]) assert.ok(asked.includes(scope), scope);

  // The page works: find a person and see their method.
  await page.getByLabel('Find a person by name or email').fill('alex');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: /Alex Wilber/ }).click();
  await page.getByRole('heading', { name: 'No QR code sign-in yet' }).waitFor();
  const adminToken = seen.tokens.find((t) => t.path.startsWith('/beta/users')).token;
  for (const scope of config.auth.adminScopes.map(short)) assert.ok(scopesOf(adminToken).includes(scope), scope);

  // A reload keeps the scopes: the silent sign-in asks for them, no further round trip.
  await page.reload();
  await page.getByLabel('Find a person by name or email').waitFor();
  assert.equal(seen.authorize.length, 4, 'only the reload\'s silent sign-in');
  for (const scope of config.auth.adminScopes.map(short)) assert.ok(requestedScopes(seen.authorize[3]).includes(scope));
  await page.getByLabel('Find a person by name or email').fill('Adele');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: /Adele Vance/ }).click();
  await page.getByRole('button', { name: 'Reset PIN' }).waitFor();

  // Employee pages and back to the administration: each bundle's page load signs in silently with the scopes
  // the tab has, and no round trip adds any; within a bundle, none at all.
  await page.locator('a.brand').click();
  await page.getByRole('heading', { name: 'Your QR code sign-in' }).waitFor();
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByLabel('Find a person by name or email').waitFor();
  await page.getByRole('link', { name: 'Team badge sheet' }).click();
  await page.getByLabel('Find a group').waitFor();
  assert.equal(seen.authorize.length, 6);
  for (const silent of seen.authorize.slice(4)) {
    assert.equal(silent.searchParams.get('prompt'), 'none');
    for (const scope of config.auth.adminScopes.map(short)) assert.ok(requestedScopes(silent).includes(scope), scope);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the round trip lands back on the exact page, query included', async () => {
  const { context, page, problems } = await openPage(browser);
  const seen = watch(page);
  await signInAs(page, 'Patti Fernandez');
  await page.goto(BASE + '/admin/team?from=link');
  await page.getByLabel('Find a group').waitFor();
  const here = new URL(page.url());
  assert.equal(here.pathname + here.search, '/admin/team?from=link');
  assert.ok(requestedScopes(seen.authorize.at(-1)).includes('GroupMember.Read.All'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('when the silent request needs the person, the portal asks again with the sign-in page shown', async () => {
  const { context, page, problems } = await openPage(browser);
  const seen = watch(page);
  await signInAs(page, 'Megan Bowen');
  // The service answers the silent request for the admin scopes "consent_required", as Entra does
  // before a person consented.
  await page.route((url) => url.pathname.endsWith('/oauth2/v2.0/authorize'), async (route) => {
    const url = new URL(route.request().url());
    if (url.searchParams.get('prompt') === 'none' && url.searchParams.get('scope').includes('User.Read.All')) {
      const back = new URL(url.searchParams.get('redirect_uri'));
      back.searchParams.set('error', 'consent_required');
      back.searchParams.set('error_description', 'AADSTS65001: The user or administrator has not consented.');
      back.searchParams.set('state', url.searchParams.get('state'));
      await route.fulfill({ status: 302, headers: { location: back.href } });
    } else {
      await route.continue();
    }
  });
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('button', { name: /Megan Bowen/ }).click();
  await page.getByLabel('Find a person by name or email').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin');
  const interactive = seen.authorize.at(-1);
  assert.equal(interactive.searchParams.get('prompt'), null, 'the authority may show its pages');
  assert.equal(interactive.searchParams.get('login_hint'), 'megan.bowen@contoso.com');
  assert.ok(requestedScopes(interactive).includes('User.Read.All'));
  assert.equal(await page.getByText('consented').count(), 0, 'nothing of the refusal is shown');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an administrator the tenant did not consent for is asked once, then Graph explains', async () => {
  const full = JSON.parse(await readFile(new URL('../../crates/emulator/seed/default-seed.json', import.meta.url), 'utf8'));
  const megan = full.users.find((u) => u.userPrincipalName === 'megan.bowen@contoso.com');
  megan.consentedScopes = ['User.Read', 'UserAuthMethod-QR.ReadWrite'];
  await emulator('seed', full);
  const { context, page, problems, failedResponses } = await openPage(browser);
  const seen = watch(page);
  await signInAs(page, 'Megan Bowen');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByLabel('Find a person by name or email').fill('alex');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { name: 'Administrators only' }).waitFor();
  await page.getByText('Request ID').first().waitFor();
  // The sign-in, the administrators' page load (silent), then the request for the scopes: asked once, no loop.
  assert.equal(seen.authorize.length, 3, 'asked once, no loop');
  assert.ok(failedResponses.some((r) => r.startsWith('403 /beta/users')));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the PIN page adds its scope with a round trip back to /pin, and the PIN change works', async () => {
  const seed = await emulator('seed', undefined, 'GET');
  const current = (seed.pins ?? seed)['adele.vance@contoso.com'];
  const { context, page, problems } = await openPage(browser);
  const seen = watch(page);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('link', { name: 'Change PIN' }).click();
  await page.getByLabel('Current PIN').waitFor();
  assert.equal(new URL(page.url()).pathname, '/pin');
  assert.equal(seen.authorize.length, 2);
  const asked = requestedScopes(seen.authorize[1]);
  for (const scope of config.auth.pinScopes.map(short)) assert.ok(asked.includes(scope), scope);
  assert.deepEqual(asked.filter((s) => config.auth.adminScopes.map(short).includes(s)), [], 'no admin scope');

  await page.getByLabel('Current PIN').fill(current);
  await page.getByLabel('New PIN', { exact: true }).fill('73920561');
  await page.getByLabel('New PIN again').fill('73920561');
  const changed = page.waitForResponse((r) => r.url().endsWith('/pin/updatePin'));
  await page.getByRole('button', { name: 'Change PIN' }).click();
  const response = await changed;
  assert.equal(response.status(), 204);
  const token = response.request().headers().authorization.replace(/^Bearer /, '');
  assert.ok(scopesOf(token).includes('Directory.AccessAsUser.All'));
  await page.getByRole('heading', { name: 'Your PIN is changed' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

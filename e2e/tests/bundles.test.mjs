// One bundle per audience (src/routes.rs): the employees' at /, the kiosk's at /kiosk, the administrators' at
// /admin. Going from one to another is a full page load that signs in again silently and lands on the page
// asked for: never the welcome page, never the authority's sign-in page.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, resetEmulator, signInAs, BASE } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

/** Which bundle the page in the tab is: the wasm its index.html names, as served. */
async function bundleOf(page) {
  const wasm = await page.locator('meta[name="qrbadge-wasm"]').getAttribute('content');
  const match = /^\/(?:(kiosk|admin)\/)?(qrbadge(?:-kiosk|-admin)?)-[0-9a-f]+_bg\.wasm$/.exec(wasm);
  assert.ok(match, wasm);
  const [, dir, name] = match;
  assert.equal(name, dir ? `qrbadge-${dir}` : 'qrbadge', `${wasm}: each bundle's files in its own directory`);
  return dir ?? 'employee';
}

/**
 * Records every document the tab loads and whether any of them ever showed the welcome page (the app's, or the
 * start-up shell's picture of it, which public/startup-language.js turns on with <html class="startup-signed-out">)
 * or a page of the authority: a silent sign-in shows neither.
 */
async function watchLoads(page) {
  const seen = { loads: [], welcome: [] };
  page.on('load', () => seen.loads.push(new URL(page.url())));
  await page.exposeFunction('__welcomeShown', (path) => seen.welcome.push(path));
  await page.addInitScript(() => {
    let told = false;
    new MutationObserver(() => {
      const welcome = document.querySelector('.welcome:not(.startup-welcome)')
        || document.documentElement.classList.contains('startup-signed-out');
      if (!told && welcome) {
        told = true;
        window.__welcomeShown(location.pathname);
      }
    }).observe(document, { subtree: true, childList: true });
  });
  return seen;
}

const isAuthority = (url) => url.pathname.includes('/oauth2/v2.0/');

test('an administrator goes from the overview to /admin and back: two bundles, signed in all along', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.getByRole('heading', { name: 'Your QR code sign-in' }).waitFor();
  assert.equal(await bundleOf(page), 'employee');
  const seen = await watchLoads(page);

  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByLabel('Find a person by name or email').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin');
  assert.equal(await bundleOf(page), 'admin');
  await page.locator('.account-name', { hasText: 'Megan Bowen' }).waitFor();
  assert.ok(seen.loads.length >= 2, 'a page load of its own (and the sign-in answer handed over to it)');

  // Within the bundle, the router shows the page in place: no page load.
  const loads = seen.loads.length;
  await page.getByRole('link', { name: 'Team badge sheet' }).click();
  await page.getByLabel('Find a group').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/team');
  assert.equal(seen.loads.length, loads);

  await page.locator('a.brand').click();
  await page.getByRole('heading', { name: 'Your QR code sign-in' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await bundleOf(page), 'employee');
  await page.locator('.account-name', { hasText: 'Megan Bowen' }).waitFor();

  assert.deepEqual(seen.welcome, [], 'the welcome page never showed');
  assert.deepEqual(seen.loads.filter(isAuthority).map(String), [], 'no page of the authority showed');
  assert.ok(!/[?&](code|state)=/.test(new URL(page.url()).search), 'no sign-in answer left in the address');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a deep link into another bundle lands on that page, query included, signed in', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Patti Fernandez');
  await page.getByRole('heading', { name: 'Your QR code sign-in' }).waitFor();
  const seen = await watchLoads(page);
  await page.goto(BASE + '/admin/team?from=overview');
  await page.getByLabel('Find a group').waitFor();
  const here = new URL(page.url());
  assert.equal(here.pathname + here.search, '/admin/team?from=overview');
  assert.equal(await bundleOf(page), 'admin');

  // The silent sign-ins left no history entry of their own: Back is the overview, signed in.
  await page.goBack();
  await page.getByRole('heading', { name: 'Your QR code sign-in' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await bundleOf(page), 'employee');
  await page.locator('.account-name', { hasText: 'Patti Fernandez' }).waitFor();
  assert.deepEqual(seen.welcome, []);
  assert.deepEqual(seen.loads.filter(isAuthority).map(String), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a plain in-app link to another bundle's page still loads that bundle", async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.getByRole('heading', { name: 'Your QR code sign-in' }).waitFor();
  const seen = await watchLoads(page);
  // A link the router would handle in place (no rel="external"): the employees' bundle has no such page.
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = '/admin/team';
    link.textContent = 'Team (plain link)';
    document.querySelector('main').append(link);
  });
  await page.getByRole('link', { name: 'Team (plain link)' }).click();
  await page.getByLabel('Find a group').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/team');
  assert.equal(await bundleOf(page), 'admin');
  assert.deepEqual(seen.welcome, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('/kiosk starts the kiosk bundle alone, and its sign-in comes back to it', async () => {
  const { context, page, problems } = await openPage(browser);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('_bg.wasm')) wasm.push(new URL(r.url()).pathname); });
  await page.goto(BASE + '/kiosk');
  await page.getByRole('heading', { name: 'Forgot your badge?' }).waitFor();
  assert.equal(await bundleOf(page), 'kiosk');
  assert.equal(wasm.length, 1, wasm.join(', '));
  assert.match(wasm[0], /^\/kiosk\/qrbadge-kiosk-/);

  // The authority answers at the portal's one redirect URI; that page hands the answer to the kiosk.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /Adele Vance/ }).click();
  await page.getByRole('heading', { name: 'Show a temporary QR code' }).waitFor();
  const here = new URL(page.url());
  assert.equal(here.pathname + here.search, '/kiosk');
  assert.equal(await bundleOf(page), 'kiosk');
  assert.deepEqual(problems, []);
  await context.close();
});

// Sign-in under hostile links, an unwell sign-in service and a second tab: the portal never shows
// words from its address bar as its own, an answer it did not ask for changes nothing, outages are
// worded as outages with the code gone from the address bar, and a reload keeps a tab's own account.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axeViolations, resetEmulator, signInAs, emulator, BASE, OUT } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

const CRAFTED = '?error=access_denied&error_description=Call%20555-SCAM';

/** The words a crafted link tried to put on screen: none may appear. */
async function assertNoneOfTheLink(page) {
  const text = await page.locator('body').innerText();
  for (const word of ['555', 'SCAM', 'access_denied']) {
    assert.ok(!text.includes(word), `the page shows "${word}" from the address bar`);
  }
}

for (const path of ['/', '/kiosk']) {
  test(`a crafted error link on ${path} shows none of its text and leaves the address clean`, async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(BASE + path + CRAFTED);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForFunction(() => location.search === '');
    assert.equal(new URL(page.url()).pathname, path);
    await assertNoneOfTheLink(page);
    assert.equal(await page.getByRole('alert').count(), 0, 'no alert at all');
    await page.screenshot({ path: OUT + `signin-crafted-${path === '/' ? 'home' : 'kiosk'}.png` });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a crafted "login_required" link does not sign a tab out', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  await page.goto(BASE + '/?error=login_required&error_description=Call%20555-SCAM&state=guessed');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  assert.match(await page.locator('header').innerText(), /Adele Vance/);
  assert.equal(new URL(page.url()).search, '');
  await assertNoneOfTheLink(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an error answer to this tab's own sign-in is shown as the sign-in service's words", async () => {
  const { context, page, problems } = await openPage(browser);
  // The authority declines: the answer carries the state this tab sent, so it is the authority's.
  await page.route((url) => url.pathname.endsWith('/oauth2/v2.0/authorize'), async (route) => {
    const state = new URL(route.request().url()).searchParams.get('state');
    const answer = new URLSearchParams({
      error: 'access_denied', error_description: 'AADSTS65004: User declined to consent.', state,
    });
    await route.fulfill({ status: 302, headers: { location: `${BASE}/?${answer}` } });
  });
  await page.goto(BASE + '/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.innerText(),
    'Sign-in was refused. The sign-in service answered: AADSTS65004: User declined to consent. (access_denied).');
  assert.equal(new URL(page.url()).search, '');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

const OUTAGES = [
  ['a 503', { kind: 'status', status: 503 }, /^The sign-in service is not answering right now \(HTTP 503\)\. .*try again/],
  ['an unreadable answer', { kind: 'malformed' }, /^The sign-in service is not answering right now \(its answer could not be read\)/],
  // Chrome silently retries a request whose reused connection closed: drop until cleared.
  ['a dropped connection', { kind: 'drop', count: 50 }, /^The sign-in service could not be reached .*try again/],
];

for (const [what, fault, words] of OUTAGES) {
  test(`${what} from the token endpoint is worded as an outage, and the code leaves the address bar`, async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(BASE + '/pin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Adele Vance/ }).waitFor();
    await emulator('faults', { method: 'POST', path: '*/oauth2/v2.0/token', ...fault });
    await page.getByRole('button', { name: /Adele Vance/ }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, words);
    assert.doesNotMatch(text, /refused/i);
    const url = new URL(page.url());
    assert.equal(url.search, '', `no code or state in ${page.url()}`);
    assert.equal(url.pathname, '/pin', 'back where the sign-in started');
    // Once the service answers again, signing in works.
    await emulator('faults', undefined, 'DELETE');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Adele Vance/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    assert.equal(new URL(page.url()).search, '');
    assert.deepEqual(problems.filter((p) => !p.includes('ERR_EMPTY_RESPONSE')), []);
    await context.close();
  });
}

test('two tabs signed in as different people: a reload keeps each tab its own account', async () => {
  const { context, page: first, problems } = await openPage(browser);
  await signInAs(first, 'Adele Vance');
  await first.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  const second = await context.newPage();
  await signInAs(second, 'Isaiah Langer');
  await second.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  assert.match(await second.locator('header').innerText(), /Isaiah Langer/);

  // The browser's session at the authority is now Isaiah's; the first tab asks for Adele.
  const authorize = first.waitForRequest((r) => r.url().includes('/oauth2/v2.0/authorize'));
  await first.reload();
  const silent = new URL((await authorize).url());
  assert.equal(silent.searchParams.get('prompt'), 'none');
  assert.equal(silent.searchParams.get('login_hint'), 'adele.vance@contoso.com');
  await first.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  const header = await first.locator('header').innerText();
  assert.match(header, /Adele Vance/);
  assert.doesNotMatch(header, /Isaiah/);
  assert.equal(await first.getByText('You are now signed in as').count(), 0);

  await second.reload();
  await second.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  assert.match(await second.locator('header').innerText(), /Isaiah Langer/);
  // The account is kept as a username, never a token.
  const stored = await first.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
  assert.ok(!stored.includes('eyJ'), 'no JWT in storage');
  assert.deepEqual(problems, []);
  await context.close();
});

test('when the sign-in service answers with another account, the tab says so', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  // A hint the service cannot honour (an account no longer in the browser): it answers with the
  // session it has, which is someone else than this tab had.
  await page.evaluate(() => sessionStorage.setItem('qrbadge.signin.account',
    JSON.stringify({ login_hint: 'gone@contoso.com', username: 'gone@contoso.com' })));
  await page.reload();
  const notice = page.getByRole('alert').filter({ hasText: 'You are now signed in as' });
  await notice.waitFor();
  assert.match(await notice.innerText(),
    /You are now signed in as adele\.vance@contoso\.com \(this tab was signed in as gone@contoso\.com\)/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'signin-account-switched.png', fullPage: true });
  await notice.getByRole('button', { name: 'OK' }).click();
  assert.equal(await page.getByText('You are now signed in as').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a tab whose session ended at the sign-in service says whose sign-in ended", async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  // Everyone is signed out at the service (as after signing out in another tab). The hint is an
  // opaque one the emulator cannot resolve, so its prompt=none answers login_required as Entra does.
  await resetEmulator();
  await page.evaluate(() => sessionStorage.setItem('qrbadge.signin.account',
    JSON.stringify({ login_hint: 'O.opaque-hint', username: 'adele.vance@contoso.com' })));
  await page.reload();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /^Your sign-in as adele\.vance@contoso\.com has ended/);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.equal(new URL(page.url()).search, '');
  const keys = await page.evaluate(() => Object.keys(sessionStorage));
  assert.ok(!keys.includes('qrbadge.signin.account') && !keys.includes('qrbadge.signin.had-session'), keys.join());
  assert.deepEqual(problems, []);
  await context.close();
});

// Before the wasm arrives: index.html's start-up shell shows the header, the page and the footer in the
// browser's language (public/startup-language.js, style/app.css), clean for axe and under the CSP: on a first
// visit to the home page the welcome card itself, elsewhere (or when a session is resumed) "Starting…". When the
// wasm arrives the app takes over without moving anything, and the shell is gone from the document.
// The shell's phrases are the translations' own (locales/<lang>/<area>.json), checked here so they cannot drift.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { launch, openPage, axeViolations, resetEmulator, BASE, OUT } from '../lib/browser.mjs';
import { LOCALES, VIEWPORTS } from '../lib/languages.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = `${OUT}startup/`;
mkdirSync(SHOTS, { recursive: true });
const SPOKEN = ['en', 'es', 'fr', 'de'];

/** The text of `area.key.sub` in locales/<lang>/<area>.json. */
function translation(lang, phrase) {
  const [area, ...path] = phrase.split('.');
  const resource = JSON.parse(readFileSync(`${LOCALES}${lang}/${area}.json`, 'utf8'));
  return path.reduce((node, key) => node?.[key], resource);
}

const decode = (html) => html.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name) =>
  ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' })[name]);

/** Every `data-phrase` element of an HTML entry: its key and the text of each `<span lang>` inside it. */
function shellPhrases(html) {
  const phrases = [];
  const element = /data-phrase="([^"]+)"[^>]*>((?:\s*<span lang="[^"]*">[^<]*<\/span\s*>)+)/g;
  for (const [, key, spans] of html.matchAll(element)) {
    const texts = {};
    for (const [, lang, text] of spans.matchAll(/<span lang="([^"]*)">([^<]*)<\/span/g)) texts[lang] = decode(text);
    phrases.push({ key, texts });
  }
  return phrases;
}

/** Holds every .wasm request until `release()`: the page as a slow network shows it before the app runs. */
async function holdWasm(page) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  // A request the page gave up on (it navigated away meanwhile) cannot be continued: nothing to do then.
  await page.route('**/*.wasm', async (route) => { await released; await route.continue().catch(() => {}); });
  return release;
}

const settle = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
const box = async (locator) => {
  const b = await locator.boundingBox();
  return b && Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Math.round(v * 2) / 2]));
};

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

test('every HTML entry\'s start-up shell says what locales/ says, in all four languages', () => {
  const entries = readdirSync(ROOT).filter((name) => name.endsWith('.html'));
  const shells = entries.filter((name) => readFileSync(`${ROOT}${name}`, 'utf8').includes('startup-shell'));
  assert.ok(shells.includes('index.html'), `index.html has a start-up shell (entries: ${entries.join(', ')})`);
  for (const name of shells) {
    const phrases = shellPhrases(readFileSync(`${ROOT}${name}`, 'utf8'));
    assert.ok(phrases.some((p) => p.key === 'common.starting'), `${name} says "Starting…"`);
    for (const { key, texts } of phrases) {
      assert.deepEqual(Object.keys(texts).sort(), [...SPOKEN].sort(), `${name} ${key}: one phrase per language`);
      for (const lang of SPOKEN) {
        assert.equal(texts[lang], translation(lang, key), `${name} ${key} in ${lang} is locales/${lang}'s text`);
      }
    }
  }
});

const CASES = [
  { locale: 'en-US', lang: 'en', size: 'desktop' },
  { locale: 'es-ES', lang: 'es', size: 'desktop' },
  { locale: 'es-ES', lang: 'es', size: 'phone' },
  { locale: 'de-DE', lang: 'de', size: 'phone' },
];

for (const { locale, lang, size } of CASES) {
  test(`${locale} at ${size} width: header and the welcome card before the wasm, in ${lang}; the app takes over in place`, async () => {
    const { context, page, problems } = await openPage(browser, { locale, viewport: VIEWPORTS[size] });
    const release = await holdWasm(page);
    await page.goto(BASE + '/', { waitUntil: 'domcontentloaded' });
    await settle(page);
    const shot = `${SHOTS}${lang}-${size}`;
    await page.screenshot({ path: `${shot}-before-wasm.png` });

    assert.equal(await page.evaluate(() => document.documentElement.lang), lang, '<html lang> before the wasm');
    const header = page.getByRole('banner');
    assert.ok(await header.isVisible(), 'the header shows before the wasm');
    const title = page.getByRole('heading', { level: 1 });
    assert.equal(await title.innerText(), translation(lang, 'common.signin.welcome_title'));
    assert.equal(await page.locator('.welcome .lead').innerText(), translation(lang, 'common.signin.welcome_lead'));
    assert.equal(await page.locator('.welcome .button').innerText(), translation(lang, 'common.signin.sign_in'));
    assert.equal(await page.getByRole('button', { name: translation(lang, 'common.signin.sign_in') }).count(), 0,
      'the button is only a picture until the app takes over');
    assert.equal(await page.getByRole('status').count(), 0, 'no "Starting…" on a first visit: the page is there');
    assert.equal(await page.locator('.brand-name').innerText(), 'qrbadge');
    assert.equal(await page.getByRole('contentinfo').innerText(), translation(lang, 'common.footer'));
    assert.equal(await page.evaluate(() => document.querySelectorAll('.language-switcher select').length), 1,
      'only the placeholder of the language menu so far: the app has not run');
    assert.deepEqual(await axeViolations(page), [], 'axe on the start-up shell');
    const headerBefore = await box(header);
    const mainTop = (await box(page.locator('main')))?.y;
    const cardBefore = { title: await box(title), lead: await box(page.locator('.welcome .lead')) };

    release();
    await page.locator('.welcome button.primary').waitFor();
    await settle(page);
    await page.screenshot({ path: `${shot}-after-wasm.png` });
    assert.deepEqual(await box(page.getByRole('banner')), headerBefore, 'the header has not moved or changed size');
    assert.equal((await box(page.locator('main')))?.y, mainTop, 'the page starts where it was');
    assert.deepEqual({ title: await box(page.getByRole('heading', { level: 1 })), lead: await box(page.locator('.welcome .lead')) },
      cardBefore, 'the welcome card is where, and as large as, the shell drew it');
    assert.deepEqual(await page.evaluate(() => ({
      shells: document.querySelectorAll('#startup-shell').length,
      headers: document.querySelectorAll('header').length,
      mains: document.querySelectorAll('main').length,
    })), { shells: 0, headers: 1, mains: 1 }, 'the shell has left the document');
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.deepEqual(problems, [], 'no page error, console error or CSP violation');
    await context.close();
  });
}

test('the shell reads the language remembered on this browser, except on the kiosk, which shows no header', async () => {
  const { context, page, problems } = await openPage(browser, { locale: 'de-DE' });
  await page.addInitScript(() => window.localStorage.setItem('qrbadge.language', 'fr'));
  const release = await holdWasm(page);
  await page.goto(BASE + '/', { waitUntil: 'domcontentloaded' });
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), translation('fr', 'common.signin.welcome_title'),
    'the remembered French');

  await page.goto(BASE + '/kiosk', { waitUntil: 'domcontentloaded' });
  await settle(page);
  assert.equal(await page.getByRole('status').innerText(), translation('de', 'common.starting'),
    'a shared screen goes by the browser, not by what someone chose before');
  assert.equal(await page.getByRole('banner').count(), 0, 'no portal header on the kiosk');
  assert.equal(await page.getByRole('contentinfo').count(), 0, 'no portal footer on the kiosk');
  assert.deepEqual(await axeViolations(page), [], 'axe on the kiosk\'s start-up shell');
  release();
  await page.locator('.kiosk').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Starting…" where the page is not known yet: another page, or a tab resuming its session', async () => {
  const { context, page, problems } = await openPage(browser, { locale: 'es-ES' });
  const release = await holdWasm(page);
  await page.goto(BASE + '/badge', { waitUntil: 'domcontentloaded' });
  await settle(page);
  assert.equal(await page.getByRole('status').innerText(), translation('es', 'common.starting'), 'a deep link');
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 0, 'no welcome card on /badge');
  // A tab that had a session signs in again silently: its home page may be the overview, not the welcome.
  await page.evaluate(() => window.sessionStorage.setItem('qrbadge.signin.had-session', '1'));
  await page.goto(BASE + '/', { waitUntil: 'domcontentloaded' });
  await settle(page);
  assert.equal(await page.getByRole('status').innerText(), translation('es', 'common.starting'), 'a session to resume');
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  release();
  assert.deepEqual(problems, []);
  await context.close();
});

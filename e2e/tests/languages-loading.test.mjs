// Languages load on demand (src/locale/loaded.rs): the wasm carries English only, a Spanish, French or
// German browser fetches its own language's file and no other, a switch fetches the new one, and when a
// language file cannot be fetched the page stays readable in English.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { launch, openPage, resetEmulator, BASE } from '../lib/browser.mjs';
import { LANGUAGES, resources, htmlLang, waitForLang, switcher } from '../lib/languages.mjs';

// The site the emulator serves (scripts/e2e.sh exports it).
const DIST = `${process.env.QRBADGE_DIST ?? new URL('../../dist', import.meta.url).pathname}/`;

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

const text = (lang, key) => resources(lang).find((r) => r.key === key).value;
const languageFiles = (requests) => requests.filter((url) => /\/languages\/[a-z]{2}-[0-9a-f]{16}\.json$/.test(url))
  .map((url) => url.match(/\/languages\/([a-z]{2})-/)[1]);

async function welcome(locale, setup) {
  const { context, page } = await openPage(browser, { locale });
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  if (setup) await setup(page);
  await page.goto(BASE + '/');
  await page.locator('.welcome button.primary').waitFor();
  return { context, page, requests };
}

/** Every wasm of the built site, any bundle. */
function wasmFiles(dir = DIST) {
  return readdirSync(dir).flatMap((name) => {
    const path = dir + name;
    if (statSync(path).isDirectory()) return wasmFiles(path + '/');
    return name.endsWith('.wasm') ? [path] : [];
  });
}

test('every bundle carries English only: no Spanish, French or German words in any wasm', () => {
  const files = wasmFiles();
  assert.ok(files.length >= 1, `no wasm under ${DIST}`);
  const key = 'common.signin.welcome_title';
  for (const file of files) {
    const bytes = readFileSync(file);
    assert.ok(bytes.includes(Buffer.from(text('en', key))), `${file} lacks English`);
    for (const lang of ['es', 'fr', 'de']) {
      assert.ok(!bytes.includes(Buffer.from(text(lang, key))), `${file} carries ${lang}: "${text(lang, key)}"`);
    }
  }
});

test('an English browser fetches no language file; a Spanish one fetches Spanish only', async () => {
  const english = await welcome(LANGUAGES.en);
  assert.deepEqual(languageFiles(english.requests), []);
  assert.equal(await htmlLang(english.page), 'en');
  await english.context.close();

  const spanish = await welcome(LANGUAGES.es);
  await waitForLang(spanish.page, 'es');
  assert.deepEqual(languageFiles(spanish.requests), ['es']);
  assert.equal((await spanish.page.locator('.welcome h1').innerText()).trim(), text('es', 'common.signin.welcome_title'));
  await spanish.context.close();
});

test('switching to German fetches German once and re-words the page', async () => {
  const { context, page, requests } = await welcome(LANGUAGES.en);
  await switcher(page).selectOption('de');
  await waitForLang(page, 'de');
  await page.getByRole('heading', { name: text('de', 'common.signin.welcome_title') }).waitFor();
  await switcher(page).selectOption('en');
  await waitForLang(page, 'en');
  await switcher(page).selectOption('de');
  await waitForLang(page, 'de');
  assert.deepEqual(languageFiles(requests), ['de'], 'German is fetched once, English never');
  await context.close();
});

test('a language file that cannot be fetched leaves the page readable in English', async () => {
  const { context, page, requests } = await welcome(LANGUAGES.fr, (p) => p.route('**/languages/**', (route) => route.abort()));
  const asked = languageFiles(requests);
  assert.ok(asked.length >= 1 && asked.every((lang) => lang === 'fr'), `French was asked for: ${asked}`);
  assert.equal(await htmlLang(page), 'en');
  assert.equal((await page.locator('.welcome h1').innerText()).trim(), text('en', 'common.signin.welcome_title'));
  assert.equal((await page.locator('.welcome button.primary').innerText()).trim(), text('en', 'common.signin.sign_in'));
  await context.close();
});

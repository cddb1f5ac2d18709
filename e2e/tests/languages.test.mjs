// "Speak the employee's language": every page in English, Spanish, French and German at desktop and
// phone width (screenshots in e2e/out/languages/), each clean for axe with a valid <html lang> equal to
// the language, no English UI phrase left on a Spanish/French/German page (the phrases come from
// locales/en at test time), and nothing wider than its box (reported to /tmp/overflow-reports/ too).
// Then the language switcher: re-words in place without losing what was typed, a reload keeps the choice,
// the organisation's config.json restricts the list and sets the default, and the kiosk starts every
// new person in its own language without remembering a switch.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axeViolations, resetEmulator, BASE } from '../lib/browser.mjs';
import {
  LANGUAGES, NATIVE_NAMES, VIEWPORTS, LANG_OUT, englishPhrases, englishOnPage, overflows, reportOverflows,
  htmlLang, waitForLang, axeLanguageRules, switcher, switcherOptions, signInAnyLanguage, goClientSide, withConfig,
} from '../lib/languages.mjs';

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

const settle = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * Every check of one page in one language, at both widths. Collects failures instead of stopping at
 * the first, so one run names everything that is wrong on every page.
 */
async function checkPage(page, lang, name, failures, phrases) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await settle(page);
    const where = `${lang} ${name} ${size}`;
    await page.screenshot({ path: `${LANG_OUT}${lang}-${name}-${size}.png`, fullPage: true });
    const lang0 = await htmlLang(page);
    if (lang0 !== lang) failures.push(`${where}: <html lang="${lang0}">, expected "${lang}"`);
    for (const v of await axeViolations(page)) failures.push(`${where}: axe ${v}`);
    const rules = await axeLanguageRules(page);
    for (const v of rules.violations) failures.push(`${where}: axe ${v}`);
    for (const rule of ['html-has-lang', 'html-lang-valid']) {
      if (!rules.passed.includes(rule)) failures.push(`${where}: axe rule ${rule} did not pass`);
    }
    const overflowing = await overflows(page);
    reportOverflows(lang, name, size, overflowing);
    for (const o of overflowing) failures.push(`${where}: overflow ${o.selector} "${o.text}": ${o.detail}`);
    if (phrases && size === 'desktop') {
      for (const e of await englishOnPage(page, phrases)) failures.push(`${where}: English ${e.where} "${e.phrase}" (${e.key})`);
    }
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

for (const [lang, locale] of Object.entries(LANGUAGES)) {
  test(`${lang} (${locale} browser): welcome, overview, PIN, temporary code, print, kiosk speak ${lang} and fit`, async () => {
    const phrases = lang === 'en' ? null : englishPhrases(lang);
    const failures = [];
    const { context, page, problems } = await openPage(browser, { locale });
    assert.equal(await page.evaluate(() => navigator.language), locale, 'the browser asks for the language');

    await page.goto(BASE + '/');
    await page.locator('.welcome button.primary').waitFor();
    await waitForLang(page, lang);
    await checkPage(page, lang, 'welcome', failures, phrases);

    await signInAnyLanguage(page, 'Adele Vance');
    await page.locator('#pin-title').waitFor();
    await checkPage(page, lang, 'overview', failures, phrases);

    // The PIN page asks for its permission with a round trip first (incremental consent).
    await goClientSide(page, '/pin');
    await page.locator('#current-pin').waitFor({ timeout: 15_000 });
    await checkPage(page, lang, 'pin', failures, phrases);

    await goClientSide(page, '/temporary');
    await page.locator('#temp-hours').selectOption('4');
    const created = page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'PATCH');
    await page.locator('.form-card button.primary').click();
    assert.equal((await created).status(), 201);
    await page.locator('.created-code svg.qr-symbol').waitFor();
    await checkPage(page, lang, 'temporary', failures, phrases);

    await page.locator('.created-code a.button[href="/print"]').click();
    await page.locator('svg.sheet-svg').first().waitFor();
    await checkPage(page, lang, 'print', failures, phrases);
    assert.deepEqual(problems, [], 'no page errors, console errors or CSP violations (portal)');
    await context.close();

    // The kiosk: a shared screen in the organisation's kiosk language (config.json kiosk.language).
    const kiosk = await openPage(browser, { locale });
    await withConfig(kiosk.page, (config) => { config.kiosk = { ...config.kiosk, language: lang }; });
    await kiosk.page.goto(BASE + '/kiosk');
    await kiosk.page.locator('.kiosk-start .kiosk-main-action').waitFor();
    await waitForLang(kiosk.page, lang);
    await checkPage(kiosk.page, lang, 'kiosk-start', failures, phrases);
    await kiosk.page.locator('.kiosk-start .kiosk-main-action').click();
    await kiosk.page.getByRole('button', { name: /Isaiah Langer/ }).click();
    await kiosk.page.locator('#kiosk-choose-title').waitFor();
    const shown = kiosk.page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'PATCH');
    await kiosk.page.locator('.kiosk-actions .kiosk-main-action').click();
    assert.equal((await shown).status(), 201);
    await kiosk.page.locator('svg.qr-symbol').waitFor();
    await checkPage(kiosk.page, lang, 'kiosk-qr', failures, phrases);
    assert.deepEqual(kiosk.problems, [], 'no page errors, console errors or CSP violations (kiosk)');
    await kiosk.context.close();

    assert.deepEqual(failures, [], `${failures.length} problem(s) in ${lang}:\n${failures.join('\n')}`);
  });
}

/** Marks a field's DOM node: re-wording must update the text around it, not re-create it. */
const mark = (locator) => locator.evaluate((input) => { input.dataset.marked = 'before-switch'; });
const isMarked = async (locator) => (await locator.getAttribute('data-marked')) === 'before-switch';

test('the switcher re-words the PIN form in place: what was typed, the focus and the route stay', async () => {
  const { context, page, problems } = await openPage(browser, { locale: 'en-US' });
  await signInAnyLanguage(page, 'Adele Vance');
  assert.equal(await htmlLang(page), 'en');
  assert.deepEqual(await switcherOptions(page), Object.entries(NATIVE_NAMES), 'every language, each in its own name');
  assert.equal(await switcher(page).inputValue(), 'en');
  assert.equal(await page.evaluate(() => localStorage.getItem('qrbadge.language')), null, 'nothing remembered before a choice');

  // The PIN form, half filled in.
  await goClientSide(page, '/pin');
  await page.locator('#current-pin').waitFor({ timeout: 15_000 });
  await page.locator('#current-pin').fill('58203914');
  await page.locator('#new-pin').fill('73920561');
  await page.locator('#new-pin-again').fill('7392');
  await mark(page.locator('#current-pin'));
  await mark(page.locator('#new-pin-again'));
  const heading = await page.locator('h1').innerText();
  const rules = await page.locator('#new-pin-rules').innerText();
  await switcher(page).selectOption('de');
  await waitForLang(page, 'de');
  assert.equal(await page.locator('#current-pin').inputValue(), '58203914', 'the current PIN is kept');
  assert.equal(await page.locator('#new-pin').inputValue(), '73920561', 'the new PIN is kept');
  assert.equal(await page.locator('#new-pin-again').inputValue(), '7392', 'the half-typed repeat is kept');
  assert.ok(await isMarked(page.locator('#current-pin')) && await isMarked(page.locator('#new-pin-again')),
    'the same fields, not new ones');
  assert.equal(new URL(page.url()).pathname, '/pin', 'same route');
  assert.equal(await page.evaluate(() => localStorage.getItem('qrbadge.language')), 'de', 'the choice is remembered');
  assert.notEqual(await page.locator('h1').innerText(), heading, 'the heading is re-worded');
  assert.notEqual(await page.locator('#new-pin-rules').innerText(), rules, 'the live PIN rules are re-worded');

  // By keyboard: the switcher keeps the focus while the page around it is re-worded.
  await switcher(page).focus();
  await page.keyboard.press('ArrowUp'); // Deutsch -> Français
  await waitForLang(page, 'fr');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('label.language-switcher') !== null), true,
    'focus stays on the switcher');
  assert.equal(await page.locator('#new-pin').inputValue(), '73920561');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the switcher keeps a typed badge date; a reload and signing out keep the choice', async () => {
  const { context, page, problems } = await openPage(browser, { locale: 'en-US' });
  await signInAnyLanguage(page, 'Isaiah Langer');
  await goClientSide(page, '/badge');
  await page.locator('#extend-date').waitFor();
  // A date inside the allowed range that is neither end of it (nor what the field starts with).
  const until = await page.locator('#extend-date').evaluate((input) => {
    const [min, max] = [Date.parse(input.min), Date.parse(input.max)];
    const day = new Date(min + Math.floor((max - min) / 86_400_000 / 2) * 86_400_000);
    return day.toISOString().slice(0, 10);
  });
  assert.match(until, /^\d{4}-\d\d-\d\d$/, 'the extension field has a range');
  await page.locator('#extend-date').fill(until);
  await mark(page.locator('#extend-date'));
  const extendTitle = await page.locator('#extend-title').innerText();
  await switcher(page).selectOption('fr');
  await waitForLang(page, 'fr');
  assert.equal(await page.locator('#extend-date').inputValue(), until, 'the typed date is kept');
  assert.ok(await isMarked(page.locator('#extend-date')), 'the same field, not a new one');
  assert.equal(new URL(page.url()).pathname, '/badge');

  // A reload (signs in again silently) comes back in French on the same page, whatever the browser says.
  await page.reload();
  await page.locator('#extend-date').waitFor({ timeout: 15_000 });
  await waitForLang(page, 'fr');
  assert.equal(await switcher(page).inputValue(), 'fr');
  assert.equal(new URL(page.url()).pathname, '/badge');

  // Signed out, the choice stays (it is not a secret and belongs to the browser, not the account).
  await page.locator('.app-header .account button').click();
  await page.locator('.welcome button.primary').waitFor({ timeout: 15_000 });
  await waitForLang(page, 'fr');
  assert.equal(await page.evaluate(() => localStorage.getItem('qrbadge.language')), 'fr');
  assert.notEqual(await page.evaluate(() => document.title), 'qrbadge — QR code sign-in', 'the document title is French too');
  assert.deepEqual(problems, []);

  // Checked last, so the checks above report on their own: the badge page's words follow the switch.
  await signInAnyLanguage(page, 'Isaiah Langer');
  await goClientSide(page, '/badge');
  await page.locator('#extend-date').waitFor();
  assert.notEqual(await page.locator('#extend-title').innerText(), extendTitle, 'the badge page is re-worded');
  await context.close();
});

test('config.json restricts the languages: the switcher lists only those, other browsers get the default', async () => {
  const restricted = (config) => { config.languages = { offered: ['en', 'de'], default: 'de' }; };
  const cases = [
    // [browser locale, remembered choice, expected language]
    ['es-ES', null, 'de'], // not offered: the organisation's default
    ['pt-BR', null, 'de'],
    ['en-GB', null, 'en'], // offered: the browser's language
    ['fr-FR', 'es', 'de'], // a remembered choice that is no longer offered is ignored
    ['es-ES', 'en', 'en'], // a remembered choice that is offered wins over the browser
  ];
  for (const [locale, remembered, expected] of cases) {
    const { context, page, problems } = await openPage(browser, { locale });
    await withConfig(page, restricted);
    if (remembered) await page.addInitScript((l) => localStorage.setItem('qrbadge.language', l), remembered);
    await page.goto(BASE + '/');
    await page.locator('.welcome button.primary').waitFor();
    await waitForLang(page, expected);
    assert.deepEqual(await switcherOptions(page), [['en', 'English'], ['de', 'Deutsch']], `${locale}: only the offered languages`);
    assert.equal(await switcher(page).inputValue(), expected, `${locale}, remembered ${remembered}: the switcher shows ${expected}`);
    // A tampered option cannot choose a language the organisation does not offer.
    if (expected === 'de') {
      await switcher(page).evaluate((select) => {
        const option = document.createElement('option');
        option.value = 'fr';
        select.append(option);
      });
      await switcher(page).selectOption('fr');
      await page.waitForTimeout(200);
      assert.equal(await htmlLang(page), 'de', 'a language that is not offered cannot be chosen');
      assert.notEqual(await page.evaluate(() => localStorage.getItem('qrbadge.language')), 'fr');
    }
    assert.deepEqual(problems, []);
    await context.close();
  }

  // One language only: nothing to choose, no switcher, and every browser gets it.
  const { context, page, problems } = await openPage(browser, { locale: 'en-US' });
  await withConfig(page, (config) => { config.languages = { offered: ['es'] }; });
  await page.goto(BASE + '/');
  await page.locator('.welcome button.primary').waitFor();
  await waitForLang(page, 'es');
  assert.equal(await page.locator('label.language-switcher').count(), 0, 'no switcher for a single language');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the kiosk starts every person in its own language; a switch on the start screen is not remembered', async () => {
  const { context, page, problems } = await openPage(browser, { locale: 'en-US' });
  await withConfig(page, (config) => { config.kiosk = { ...config.kiosk, language: 'de' }; });
  await page.goto(BASE + '/kiosk');
  await page.locator('.kiosk-start .kiosk-main-action').waitFor();
  await waitForLang(page, 'de');
  const german = await page.locator('#kiosk-start-title').innerText();
  assert.equal(await switcher(page).count(), 1, 'a language switcher on the kiosk start screen');
  assert.equal(await switcher(page).inputValue(), 'de');

  await switcher(page).selectOption('es');
  await waitForLang(page, 'es');
  assert.notEqual(await page.locator('#kiosk-start-title').innerText(), german, 'the start screen is re-worded');
  assert.equal(await page.evaluate(() => localStorage.getItem('qrbadge.language')), null, 'a shared screen remembers no choice');

  // The person who switched signs in and reads their language.
  await page.locator('.kiosk-start .kiosk-main-action').click();
  await page.getByRole('button', { name: /Isaiah Langer/ }).click();
  await page.locator('#kiosk-choose-title').waitFor();
  assert.equal(await htmlLang(page), 'es', 'the person who chose Spanish reads Spanish after signing in');

  // They leave: the next person starts in the kiosk's language again.
  const loggedOut = page.waitForRequest((r) => r.url().includes('/oauth2/v2.0/logout'));
  await page.locator('.kiosk-actions button.secondary').click();
  await loggedOut;
  await page.locator('.kiosk-start .kiosk-main-action').waitFor({ timeout: 15_000 });
  await waitForLang(page, 'de');
  assert.equal(await page.locator('#kiosk-start-title').innerText(), german);

  // A switch and a reload: still the kiosk's language, still nothing in storage.
  await switcher(page).selectOption('fr');
  await waitForLang(page, 'fr');
  await page.reload();
  await page.locator('.kiosk-start .kiosk-main-action').waitFor();
  await waitForLang(page, 'de');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'nothing in localStorage');
  assert.deepEqual(problems, []);
  await context.close();

  // A choice remembered by the portal in this browser (someone used it in French) does not decide the
  // kiosk's language: every person starts in the kiosk's.
  const other = await openPage(browser, { locale: 'es-ES' });
  await withConfig(other.page, (config) => { config.kiosk = { ...config.kiosk, language: 'de' }; });
  await other.page.addInitScript(() => localStorage.setItem('qrbadge.language', 'fr'));
  await other.page.goto(BASE + '/kiosk');
  await other.page.locator('.kiosk-start .kiosk-main-action').waitFor();
  await waitForLang(other.page, 'de');
  assert.equal(await switcher(other.page).inputValue(), 'de');
  assert.deepEqual(other.problems, []);
  await other.context.close();
});

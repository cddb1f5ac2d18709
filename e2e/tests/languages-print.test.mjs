// Printed badges in German and Spanish: every page printed to PDF by Chromium, every QR decoded against
// the issued rawContent and measured (printed square >= 2 in), and every word of the PDF (pdftotext
// -bbox) inside its label and off the QR square, or inside the check bar's caption area; the printed
// words are the language's, not English.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { launch, openPage, resetEmulator, rawContentOf, emulator } from '../lib/browser.mjs';
import {
  pageSizesMm, rasterise, readPgm, decodeAll, findSquares, moduleFromFinders, wordBoxes, placeWords,
} from '../lib/pdf.mjs';
import {
  LANGUAGES, LANG_OUT, englishPhrases, phrasesIn, overflows, reportOverflows, waitForLang, signInAnyLanguage, goClientSide,
  withConfig,
} from '../lib/languages.mjs';

const MIN_QR_MM = 50.8; // 2 in, quiet zone included
const TOLERANCE = 1e-3; // as print.test.mjs: Chromium's PDF coordinate precision
const PRINTER_MARGIN_MM = 25.4 / 6; // qrpin::badge::PRINTER_MARGIN_MM
// The 50 mm check bar and its caption (src/print/layout.rs `ruler`): bar from x 12 mm, y 7.5 mm;
// caption from 3 mm right of the bar to 2 mm inside the printer margin, 3 mm above the bar, two lines
// of 2.2 mm type at 1.2 line height.
const RULER = { x: 12, y: 7.5 - 3, captionX: 12 + 50 + 3, height: 2 * 1.2 * 2.2 };

const DEFAULT_SEED = JSON.parse(readFileSync(new URL('../../crates/emulator/seed/default-seed.json', import.meta.url), 'utf8'));
/** Long real-world names, a long organisation and a long address: the words a badge must still hold. */
const LONG = {
  de: {
    organisation: 'Stadtwerke Villingen-Schwenningen Verkehrsbetriebe',
    displayName: 'Annemarie Schwarzenberger-Oberhäuser',
    userPrincipalName: 'annemarie.schwarzenberger-oberhaeuser@contoso.com',
  },
  es: {
    organisation: 'Ayuntamiento de San Sebastián de los Reyes',
    displayName: 'María de los Ángeles Fernández-Villaverde',
    userPrincipalName: 'mariadelosangeles.fernandez-villaverde@contoso.com',
  },
};
const longSeed = () => {
  const seed = structuredClone(DEFAULT_SEED);
  for (const [index, person] of Object.values(LONG).entries()) {
    seed.users.push({
      id: `7e000000-0000-4000-8000-00000000030${index}`,
      userPrincipalName: person.userPrincipalName,
      displayName: person.displayName,
      jobTitle: 'Frontline Worker',
      qrCodePinMethod: {
        createdDateTime: 'now-30d',
        standardQRCode: { startDateTime: 'now-30d', expireDateTime: 'now+300d' },
        pin: { code: '58203914', forceChangePinNextSignIn: false },
      },
    });
  }
  return seed;
};

let browser;
before(async () => { browser = await launch(); await emulator('seed', longSeed()); });
beforeEach(async () => { await resetEmulator(); });
after(async () => {
  await browser?.close();
  await emulator('seed', DEFAULT_SEED); // the next test file starts from the shipped seed
});

const symbolSize = (code) => 17 + 4 * code.image.version;
const sorted = (values) => [...values].sort();

/** The label of every badge and its QR square, per sheet, from the preview's SVG (user units are mm). */
async function sheetRegions(page) {
  return page.evaluate(() => [...document.querySelectorAll('svg.sheet-svg')].map((sheet) => {
    const n = (el, a) => parseFloat(el.getAttribute(a));
    const rect = (el) => ({ x: n(el, 'x'), y: n(el, 'y'), w: n(el, 'width'), h: n(el, 'height') });
    const labels = [...sheet.querySelectorAll('rect.label-outline')].map(rect);
    const badges = [...sheet.querySelectorAll('g.badge')].map((badge) => {
      const qr = rect(badge.querySelector('svg.badge-qr'));
      const [cx, cy] = [qr.x + qr.w / 2, qr.y + qr.h / 2];
      const index = labels.findIndex((l) => cx > l.x && cx < l.x + l.w && cy > l.y && cy < l.y + l.h);
      return { label: index, ...labels[index], avoid: qr, name: badge.querySelector('text.badge-name')?.textContent ?? '' };
    });
    const [w] = sheet.getAttribute('viewBox').split(' ').slice(2).map(Number);
    return { widthMm: w, badges };
  }));
}

/**
 * Prints the preview, then checks: paper count, every QR decoded and >= 2 in, every word in its label and
 * off the QR (or in the caption area), no English phrase in any label or the caption. Returns the text per label.
 */
async function printAndCheck(page, lang, file, expected) {
  const regions = await sheetRegions(page);
  await page.emulateMedia({ media: 'print' });
  const pdf = LANG_OUT + file;
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const sizes = pageSizesMm(pdf);
  assert.equal(sizes.length, regions.length, `${file}: one page per sheet`);

  const decoded = new Set();
  for (const dpi of [300, 200, 400]) {
    for (const png of rasterise(pdf, dpi, 'png')) decodeAll(png).forEach((t) => decoded.add(t));
    if (expected.every((e) => decoded.has(e.raw))) break;
  }
  assert.deepEqual(sorted(decoded), sorted(expected.map((e) => e.raw)), `${file}: every QR decodes to its rawContent`);
  const measured = [];
  for (const [index, gray] of rasterise(pdf, 600, 'gray').entries()) {
    const image = readPgm(gray);
    unlinkSync(gray);
    const pxPerMm = image.width / sizes[index][0];
    for (const box of findSquares(image, pxPerMm)) {
      const printedMm = (moduleFromFinders(image, box, expected[0].size) / pxPerMm) * (expected[0].size + 8);
      assert.ok(printedMm >= MIN_QR_MM * (1 - TOLERANCE), `${file} page ${index + 1}: printed QR ${printedMm.toFixed(3)} mm is at least 2 in`);
      measured.push(printedMm);
    }
  }
  assert.equal(measured.length, expected.length, `${file}: one measured QR per badge`);

  const phrases = englishPhrases(lang);
  const problems = [];
  const texts = [];
  for (const [index, page_] of wordBoxes(pdf).entries()) {
    const sheet = regions[index];
    const caption = {
      name: 'the check bar and its caption', x: RULER.x, y: RULER.y,
      w: sheet.widthMm - PRINTER_MARGIN_MM - 2 - RULER.x, h: RULER.height,
    };
    const badgeRegions = sheet.badges.map((b) => ({ ...b, name: `label ${b.label + 1} (${b.name})` }));
    const { byRegion, problems: placed } = placeWords(page_.words, [caption, ...badgeRegions]);
    problems.push(...placed.map((p) => `${file} page ${index + 1}: ${p}`));
    for (const [name, words] of byRegion) {
      const text = words.map((w) => w.text).join(' ');
      texts.push({ page: index + 1, name, text });
      for (const { phrase, key } of phrasesIn(text, phrases)) problems.push(`${file} page ${index + 1}, ${name}: English "${phrase}" (${key}) in "${text}"`);
    }
    const captionText = byRegion.get(caption.name).map((w) => w.text).join(' ');
    if (!/50/.test(captionText)) problems.push(`${file} page ${index + 1}: no check bar caption with "50" in the caption area: "${captionText}"`);
  }
  for (const t of texts) console.log(`${file} p${t.page} ${t.name}: ${t.text}`);
  console.log(`${file}: printed QR ${measured.map((m) => `${m.toFixed(2)} mm`).join(', ')}`);
  return { problems, texts };
}

async function chooseLayout(page, key) {
  await page.locator(`input[name="layout"][value="${key}"]`).check();
  await page.waitForFunction((k) => document.querySelector(`input[name="layout"][value="${k}"]`)?.checked, key);
  await page.locator('svg.sheet-svg').first().waitFor();
}

for (const lang of ['de', 'es']) {
  test(`${lang}: a new badge prints in ${lang}, scannable, at 2 in, every word inside its label`, async () => {
    const { context, page, problems: pageProblems } = await openPage(browser, { locale: LANGUAGES[lang] });
    await signInAnyLanguage(page, 'Alex Wilber');
    await waitForLang(page, lang);
    await page.locator('a.button[href="/create"]').click();
    const created = page.waitForResponse((r) => r.url().endsWith('/authentication/qrCodePinMethod') && r.request().method() === 'PUT');
    await page.locator('form.form-card button.primary').click();
    const method = await (await created).json();
    const code = method.standardQRCode;
    await page.locator('.created-code a.button[href="/print"]').click();
    await page.locator('svg.sheet-svg').first().waitFor();
    const expected = [{ raw: rawContentOf(code), size: symbolSize(code) }];
    const problems = [];
    for (const key of ['avery-5395', 'grid-a4', 'single-letter']) {
      await chooseLayout(page, key);
      const onScreen = await overflows(page);
      reportOverflows(lang, `print-${key}`, 'desktop', onScreen);
      problems.push(...onScreen.map((o) => `${key} preview: ${o.selector} "${o.text}": ${o.detail}`));
      const { problems: printed, texts } = await printAndCheck(page, lang, `${lang}-badge-${key}.pdf`, expected);
      problems.push(...printed);
      const label = texts.find((t) => t.name.startsWith('label'));
      assert.ok(label && /Alex Wilber/.test(label.text) && label.text.replace(/\s/g, '').includes('alex.wilber@contoso.com'),
        `${key}: the badge's words were found in its label: ${label?.text}`);
      assert.ok(!texts.some((t) => t.text.includes(method.pin.code)), 'the PIN is never printed');
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    assert.deepEqual(pageProblems, []);
    await context.close();
  });

  test(`${lang}: a long name, address and organisation on a temporary code still fit the smallest cards`, async () => {
    const person = LONG[lang];
    const { context, page, problems: pageProblems } = await openPage(browser, { locale: LANGUAGES[lang] });
    await withConfig(page, (config) => { config.organization.name = person.organisation; });
    await signInAnyLanguage(page, person.displayName);
    await goClientSide(page, '/temporary');
    await page.locator('#temp-hours').selectOption('12');
    const created = page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'PATCH');
    await page.locator('.form-card button.primary').click();
    const code = await (await created).json();
    await page.locator('.created-code a.button[href="/print"]').click();
    await page.locator('svg.sheet-svg').first().waitFor();
    const expected = [{ raw: rawContentOf(code), size: symbolSize(code) }];
    const problems = [];
    for (const key of ['grid-letter', 'avery-5395']) {
      await chooseLayout(page, key);
      const onScreen = await overflows(page);
      reportOverflows(lang, `print-long-${key}`, 'desktop', onScreen);
      problems.push(...onScreen.map((o) => `${key} preview: ${o.selector} "${o.text}": ${o.detail}`));
      const { problems: printed, texts } = await printAndCheck(page, lang, `${lang}-long-temporary-${key}.pdf`, expected);
      problems.push(...printed);
      const label = texts.find((t) => t.name.startsWith('label'))?.text ?? '';
      const flat = label.replace(/\s/g, '');
      for (const part of [person.organisation, person.displayName, person.userPrincipalName]) {
        if (!flat.includes(part.replace(/\s/g, ''))) problems.push(`${key}: "${part}" is not printed whole in its label: ${label}`);
      }
      if (!/\d{1,2}[:.]\d\d/.test(label)) problems.push(`${key}: the validity's times are not printed: ${label}`);
    }
    await page.screenshot({ path: `${LANG_OUT}${lang}-long-print-preview.png`, fullPage: true });
    assert.deepEqual(problems, [], problems.join('\n'));
    assert.deepEqual(pageProblems, []);
    await context.close();
  });
}

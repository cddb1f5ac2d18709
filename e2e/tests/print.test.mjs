// Badge printing: every layout printed to PDF by Chromium, every page rasterised, every QR decoded
// against the issued rawContent and measured (printed square >= 2 in), the 50 mm bar measured,
// the PIN never printed, and the preview accessible and free of CSP violations.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import {
  launch, openPage, axeViolations, resetEmulator, signInAs, emulator, rawContentOf, BASE, OUT,
} from '../lib/browser.mjs';
import { bigTeamSeed } from '../lib/seed.mjs';
import {
  PAPER, pageSizesMm, pdfText, rasterise, readPgm, decodeAll, findSquares, moduleFromFinders, longestDarkRun,
} from '../lib/pdf.mjs';

const MIN_QR_MM = 50.8; // 2 in: the white square, quiet zone included
// Chromium writes PDF coordinates with limited precision; half a micrometre per millimetre is far
// below what a printer can place, and the presets sized at exactly 2 in must not fail on it.
const TOLERANCE = 1e-3;
const MEASURE_DPI = 600;

const LAYOUTS = {
  'single-a4': { name: 'One 4 × 3 in badge on A4', paper: 'A4', perPage: 1 },
  'single-letter': { name: 'One 4 × 3 in badge on US Letter', paper: 'letter', perPage: 1 },
  'avery-5395': { name: 'Avery 5395 name badges (8 per US Letter sheet)', paper: 'letter', perPage: 8 },
  'grid-a4': { name: '8 cards of 85 × 55 mm on A4, with crop marks', paper: 'A4', perPage: 8 },
  'grid-letter': { name: '8 cards of 85 × 55 mm on US Letter, with crop marks', paper: 'letter', perPage: 8 },
};

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

const sorted = (values) => [...values].sort();
const symbolSize = (code) => 17 + 4 * code.image.version;

/**
 * Prints the current preview to PDF and checks every page: paper size, every QR decoded and sized,
 * the check bar. Returns per-page measurements.
 */
async function printAndCheck(page, file, { paper, pages, expected, notPrinted = [] }) {
  await page.emulateMedia({ media: 'print' });
  const pdf = OUT + file;
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });

  const sizes = pageSizesMm(pdf);
  assert.equal(sizes.length, pages, `${file}: ${pages} page(s)`);
  for (const [w, h] of sizes) {
    assert.ok(Math.abs(w - PAPER[paper][0]) < 0.2 && Math.abs(h - PAPER[paper][1]) < 0.2, `${file}: page ${w} × ${h} mm is ${paper}`);
  }
  const text = pdfText(pdf);
  for (const secret of notPrinted) assert.ok(!text.includes(secret), `${file} must not contain ${secret}`);
  assert.match(text, /This bar should measure 50 mm/);

  // zbar now and then misses one symbol of a full sheet at one resolution (a scanner would simply
  // try again): every symbol must decode at one of three ordinary print resolutions.
  const decoded = new Set();
  for (const dpi of [300, 200, 400]) {
    for (const png of rasterise(pdf, dpi, 'png')) decodeAll(png).forEach((text) => decoded.add(text));
    if (expected.every((e) => decoded.has(e.raw))) break;
  }
  assert.deepEqual(sorted(decoded), sorted(expected.map((e) => e.raw)), `${file}: every QR decodes to its rawContent`);

  const measured = [];
  const grays = rasterise(pdf, MEASURE_DPI, 'gray');
  for (const [index, gray] of grays.entries()) {
    const image = readPgm(gray);
    unlinkSync(gray); // 30 MB a page at 600 dpi
    const pxPerMm = image.width / sizes[index][0];
    const bar = longestDarkRun(image);
    const barMm = bar.length / pxPerMm;
    assert.ok(Math.abs(barMm - 50) < 0.15, `${file} page ${index + 1}: check bar measures ${barMm.toFixed(2)} mm`);
    const squares = findSquares(image, pxPerMm);
    for (const box of squares) {
      const size = expected[0].size;
      const moduleMm = moduleFromFinders(image, box, size) / pxPerMm;
      const boxMm = { x: box.x / pxPerMm, y: box.y / pxPerMm, w: box.width / pxPerMm, h: box.height / pxPerMm };
      const printedMm = moduleMm * (size + 8);
      assert.ok(Math.abs(boxMm.w / size - moduleMm) < 0.02 * moduleMm, `${file}: module ${moduleMm} agrees with the box ${boxMm.w}`);
      assert.ok(printedMm >= MIN_QR_MM * (1 - TOLERANCE), `${file}: printed QR ${printedMm.toFixed(3)} mm is at least 2 in`);
      measured.push({ page: index + 1, boxMm, moduleMm, printedMm, barMm });
    }
  }
  assert.equal(measured.length, expected.length, `${file}: one measured QR per badge`);
  for (const m of measured) {
    console.log(`${file} p${m.page}: symbol box ${m.boxMm.w.toFixed(2)} × ${m.boxMm.h.toFixed(2)} mm at (${m.boxMm.x.toFixed(1)}, ${m.boxMm.y.toFixed(1)}), `
      + `module ${m.moduleMm.toFixed(4)} mm, printed square ${m.printedMm.toFixed(2)} mm = ${(m.printedMm / 25.4).toFixed(3)} in, bar ${m.barMm.toFixed(2)} mm`);
  }
  return measured;
}

async function chooseLayout(page, key) {
  await page.getByRole('radio', { name: LAYOUTS[key].name }).check();
}

test('one new badge prints in every layout at true size, scannable, without the PIN', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Alex Wilber');
  await page.getByRole('link', { name: 'Set up QR code sign-in' }).click();
  const created = page.waitForResponse((r) => r.url().endsWith('/authentication/qrCodePinMethod') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Create QR code sign-in' }).click();
  const method = await (await created).json();
  const code = method.standardQRCode;
  const pin = method.pin.code;
  await page.getByRole('link', { name: 'Print badge' }).click();
  await page.getByRole('heading', { name: 'Print badges' }).waitFor();

  const notice = await page.getByRole('note').innerText();
  assert.match(notice, /only copy of the credential/);
  assert.match(notice, /PIN is never printed/);
  assert.match(await page.locator('.print-guidance').innerText(), /100 %[\s\S]*Actual size[\s\S]*50 mm/);
  assert.ok(!(await page.locator('body').innerText()).includes(pin), 'the PIN is not on the print page');
  assert.ok(!(await page.content()).includes(pin), 'nor anywhere in its markup');
  await page.getByRole('img', { name: /Sheet 1 of 1, .*: badge for Alex Wilber/ }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'print-preview-desktop.png', fullPage: true });

  const expected = [{ raw: rawContentOf(code), size: symbolSize(code) }];
  for (const [key, layout] of Object.entries(LAYOUTS)) {
    await chooseLayout(page, key);
    await page.locator(`.sheet.paper-${layout.paper.toLowerCase()}`).first().waitFor();
    await printAndCheck(page, `print-${key}.pdf`, { paper: layout.paper, pages: 1, expected, notPrinted: [pin] });
  }

  // A partly used Avery sheet: start at label 6 (row 3, right-hand column).
  await chooseLayout(page, 'avery-5395');
  // By keyboard: the select keeps focus while the preview follows each choice.
  await page.getByLabel('Start at label').focus();
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel('Start at label').inputValue(), '5');
  await page.waitForFunction(() => document.activeElement?.id === 'first-label');
  assert.match(await page.getByLabel('Start at label').locator('option:checked').innerText(), /^Label 6: row 3, right$/);
  await page.getByText('Already used').first().waitFor();
  assert.equal(await page.getByText('Already used').count(), 5);
  await page.screenshot({ path: OUT + 'print-preview-avery-start-6.png', fullPage: true });
  const [placed] = await printAndCheck(page, 'print-avery-5395-start-6.pdf', { paper: 'letter', pages: 1, expected, notPrinted: [pin] });
  const label6 = { x: 25.4 * (0.6875 + 3.75), y: 25.4 * (7 / 12 + 2 * 2.5), w: 25.4 * 3.375, h: 25.4 * 7 / 3 };
  assert.ok(placed.boxMm.x > label6.x && placed.boxMm.x + placed.boxMm.w < label6.x + label6.w, 'QR inside label 6 (x)');
  assert.ok(placed.boxMm.y > label6.y && placed.boxMm.y + placed.boxMm.h < label6.y + label6.h, 'QR inside label 6 (y)');

  await page.setViewportSize({ width: 390, height: 844 });
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'print-preview-phone.png', fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px)`);
  assert.deepEqual(problems, [], 'no page errors, console errors or CSP violations');
  await context.close();
});

test('a team sheet of nine new badges spans two Avery sheets and two grids', async () => {
  await emulator('seed', bigTeamSeed(12));
  const { context, page, problems } = await openPage(browser);
  // A tenant with a logo (same origin, as the CSP's img-src requires).
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.organization.logoUrl = '/favicon.svg';
    await route.fulfill({ response, json });
  });
  await signInAs(page, 'Megan Bowen');
  const issued = [];
  page.on('response', async (r) => {
    if (!r.url().endsWith('/$batch')) return;
    const body = await r.json().catch(() => ({ responses: [] }));
    for (const item of body.responses ?? []) {
      const qr = item.body?.standardQRCode ?? item.body;
      if (item.status < 300 && qr?.image?.rawContent) issued.push({ raw: rawContentOf(qr), size: symbolSize(qr), pin: item.body?.pin?.code });
    }
  });
  await page.goto(BASE + '/admin/team');
  await page.getByLabel('Find a group').fill('Night');
  await page.getByRole('button', { name: 'Find group' }).click();
  await page.getByRole('button', { name: 'Use Night Shift 12' }).click();
  await page.getByRole('button', { name: 'Create badge codes' }).click();
  await page.getByText('Finished.').waitFor();
  await page.getByRole('link', { name: 'Print badge sheet (9)' }).click();
  await page.getByRole('heading', { name: 'Print badges' }).waitFor();
  assert.equal(issued.length, 9);
  const pins = issued.map((e) => e.pin).filter(Boolean);

  await chooseLayout(page, 'avery-5395');
  await page.getByText('9 badges on 2 sheets, US Letter paper.').waitFor();
  assert.equal(await page.locator('.sheet image[href="/favicon.svg"]').count(), 9, 'the logo on every badge');
  assert.equal(await page.locator('.sheet').count(), 2);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'print-preview-team.png', fullPage: true });
  const avery = await printAndCheck(page, 'print-team-avery-5395.pdf', { paper: 'letter', pages: 2, expected: issued, notPrinted: pins });
  assert.deepEqual(avery.map((m) => m.page), [1, 1, 1, 1, 1, 1, 1, 1, 2]);

  await chooseLayout(page, 'grid-a4');
  await printAndCheck(page, 'print-team-grid-a4.pdf', { paper: 'A4', pages: 2, expected: issued, notPrinted: pins });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a temporary code prints with its hours of validity', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Adele Vance');
  await page.getByRole('link', { name: /Get a temporary QR code/ }).click();
  await page.getByLabel('How long should it work?').selectOption('4');
  const created = page.waitForResponse((r) => r.url().endsWith('/temporaryQRCode') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Create temporary QR code' }).click();
  const code = await (await created).json();
  await page.getByRole('link', { name: 'Print badge' }).click();
  await page.getByRole('heading', { name: 'Print badges' }).waitFor();
  const validity = (await page.locator('.sheet text.badge-validity').allTextContents()).join(' ');
  assert.match(validity, /^Temporary code, valid .*\d:\d\d.*–.*\d:\d\d/, validity);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: OUT + 'print-preview-dark.png', fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  await chooseLayout(page, 'single-a4');
  await printAndCheck(page, 'print-temporary-single-a4.pdf', {
    paper: 'A4', pages: 1, expected: [{ raw: rawContentOf(code), size: symbolSize(code) }],
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('with nothing just created, the page explains why it cannot print', async () => {
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Isaiah Langer');
  await page.goto(BASE + '/print');
  await page.getByRole('heading', { name: 'Print badges' }).waitFor();
  await page.getByText('Badges can only be printed right after their codes are created').waitFor();
  assert.equal(await page.locator('.sheet').count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'print-empty.png', fullPage: true });
  await page.getByRole('link', { name: 'Go to the overview' }).click();
  await page.getByRole('heading', { name: 'Badge QR code' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

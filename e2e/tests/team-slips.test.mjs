// What an administrator takes away from a team run: the temporary PINs printed on slips (each PIN exactly
// once, no QR code, A4 and Letter), the badge sheet of the same run without any PIN, and the run's report as
// CSV (byte order mark, RFC 4180, no PIN column unless the box next to the warning is ticked). The PINs stay
// in the tab's memory: never in storage or the address, gone in a new tab.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import {
  launch, openPage, axeViolations, resetEmulator, signInAs, emulator, BASE, OUT,
} from '../lib/browser.mjs';
import { bigTeamSeed } from '../lib/seed.mjs';
import { downloadReport, printToPdf } from '../lib/report.mjs';
import { PAPER, pageSizesMm, pdfText, rasterise, decodeAll, wordBoxes } from '../lib/pdf.mjs';

const DEFAULT_SEED = JSON.parse(readFileSync(new URL('../../crates/emulator/seed/default-seed.json', import.meta.url), 'utf8'));
const workerId = (n) => `7e000000-0000-4000-8000-000000001${String(n).padStart(3, '0')}`;

// Six people: names a spreadsheet would misread, one whose create Graph refuses, one with a badge already.
const NAMES = {
  1: 'Lee, "Sam" Ortiz',
  2: '=HYPERLINK("http://example.com")',
  3: 'Worker 003',
  4: 'Worker 004',
  5: 'Worker 005',
  6: 'Wörker Ünal-Åberg',
};
const upn = (n) => `worker00${n}@contoso.com`;

function teamSeed() {
  const seed = bigTeamSeed(6);
  for (const user of seed.users) {
    const n = Number(user.userPrincipalName?.match(/^worker(\d{3})@/)?.[1]);
    if (NAMES[n]) user.displayName = NAMES[n];
  }
  return seed;
}

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => {
  await emulator('seed', DEFAULT_SEED); // the next test file starts from the shipped seed
  await browser?.close();
});


const occurrences = (text, needle) => text.split(needle).length - 1;

/** Checks a slips PDF: paper, each PIN exactly once and large, everyone named, no QR code on any page. */
function checkSlips(pdf, paper, pins) {
  const sizes = pageSizesMm(pdf);
  assert.equal(sizes.length, 1, `${pdf}: four slips on one sheet`);
  for (const [w, h] of sizes) {
    assert.ok(Math.abs(w - PAPER[paper][0]) < 0.2 && Math.abs(h - PAPER[paper][1]) < 0.2, `${pdf}: ${w} × ${h} mm is ${paper}`);
  }
  const text = pdfText(pdf);
  for (const [n, pin] of Object.entries(pins)) {
    assert.equal(occurrences(text, pin), 1, `${pdf}: ${NAMES[n]}'s PIN exactly once`);
    assert.ok(text.includes(upn(n)), `${pdf}: ${upn(n)} on a slip`);
  }
  assert.ok(text.includes('Wörker Ünal-Åberg') && text.includes('Lee, "Sam" Ortiz'), `${pdf}: names as they are`);
  assert.equal(occurrences(text, 'Your temporary PIN'), 4);
  assert.equal(occurrences(text, `${BASE}/pin`), 4, 'each slip names the portal page where the PIN is changed');
  assert.ok(!text.includes(upn(3)) && !text.includes(upn(4)), 'no slip for the failed or the skipped person');
  const words = wordBoxes(pdf)[0].words;
  for (const pin of Object.values(pins)) {
    const box = words.find((w) => w.text === pin);
    assert.ok(box && box.y1 - box.y0 > 6, `the PIN ${pin} prints large (${box && (box.y1 - box.y0).toFixed(1)} mm)`);
  }
  const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout;
  assert.match(fonts, /Mono|Courier/i, 'the PIN is set in a monospaced font');
  for (const dpi of [300, 150]) {
    for (const png of rasterise(pdf, dpi, 'png')) assert.deepEqual(decodeAll(png), [], `${png}: no QR code on a slip`);
  }
}

test('a team run hands out PINs on slips, badges without PINs and a CSV report', async () => {
  await emulator('seed', teamSeed());
  // Graph refuses one create: the report carries its error code and request ID.
  await emulator('faults', {
    method: 'PUT', path: `*/users/${workerId(3)}/authentication/qrCodePinMethod`, kind: 'status', status: 403,
  });
  const { context, page, problems, failedResponses } = await openPage(browser);
  const issued = [];
  page.on('response', async (r) => {
    if (!r.url().endsWith('/$batch')) return;
    const body = await r.json().catch(() => ({ responses: [] }));
    for (const item of body.responses ?? []) if (item.status === 201 && item.body?.pin?.code) issued.push(item.body.pin.code);
  });
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin/team');
  await page.getByLabel('Find a group').fill('Night');
  await page.getByRole('button', { name: 'Find group' }).click();
  await page.getByRole('button', { name: 'Use Night Shift 6' }).click();
  await page.getByRole('heading', { name: '6 people from Night Shift 6' }).waitFor();
  await page.getByRole('button', { name: 'Create badge codes' }).click();
  await page.getByText('Finished.').waitFor();

  // The PINs as the report on screen shows them (the only other copy) and as Graph issued them.
  const rows = await page.locator('table.report tbody tr').allInnerTexts();
  const pins = {};
  for (const row of rows) {
    const [name, address, outcome, details] = row.split('\t');
    const n = Number(address.match(/^worker(\d{3})@/)[1]);
    assert.equal(name, NAMES[n]);
    const expected = { 3: 'Failed', 4: 'Skipped' }[n] ?? 'Created';
    assert.equal(outcome, expected, row);
    const pin = details.match(/Temporary PIN: (\d+)/)?.[1];
    if (pin) pins[n] = pin;
  }
  assert.deepEqual(Object.keys(pins).map(Number), [1, 2, 5, 6]);
  assert.deepEqual(Object.values(pins).sort(), issued.sort(), 'the PINs Graph issued');
  await page.getByText('4 people got a temporary PIN, and this tab holds the only copy.').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'team-slips-offer.png', fullPage: true });

  // The CSV: no PIN column and no PIN anywhere, unless the box next to the warning is ticked.
  const plain = await downloadReport(page);
  assert.match(plain.name, /^team-badge-run-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual(plain.rows[0], ['Name', 'User principal name', 'Outcome', 'Details', 'Error code', 'Request ID']);
  assert.equal(plain.rows.length, 7, 'a header and one row per person');
  for (const pin of Object.values(pins)) assert.ok(!plain.text.includes(pin), 'no PIN in the default report');
  const byUpn = (csv) => Object.fromEntries(csv.rows.slice(1).map((r) => [r[1], r]));
  const report = byUpn(plain);
  assert.equal(report[upn(1)][0], NAMES[1], 'a name with a comma and quotes comes back as it is');
  assert.equal(report[upn(2)][0], `'${NAMES[2]}`, 'a name a spreadsheet would run as a formula is guarded');
  assert.equal(report[upn(6)][0], NAMES[6]);
  assert.deepEqual(Object.values(report).map((r) => r[2]), ['Created', 'Created', 'Failed', 'Skipped', 'Created', 'Created']);
  assert.equal(report[upn(3)][4], 'Authorization_RequestDenied', "Graph's error code of the failure");
  assert.match(report[upn(3)][5], /^[0-9a-f-]{36}$/, "Graph's request ID of the failure");
  assert.equal(report[upn(4)][3], 'Has an active badge code; replace it individually');
  assert.equal(report[upn(5)][4], '', 'no error code for a success');

  const box = page.getByLabel('Include temporary PINs in the file');
  assert.equal(await box.isChecked(), false, 'unticked by default');
  assert.match(await page.locator('#csv-pins-warning').innerText(), /anyone who gets a file with the PINs can sign in as these people/);
  await box.check();
  const withPins = await downloadReport(page);
  assert.equal(withPins.rows[0].at(-1), 'Temporary PIN');
  const pinsInFile = byUpn(withPins);
  for (const n of [1, 2, 3, 4, 5, 6]) assert.equal(pinsInFile[upn(n)].at(-1), pins[n] ?? '', `${upn(n)}'s PIN column`);

  // The slips: a page of their own, eight to a sheet, each PIN once, no QR code, on A4 and on Letter.
  await page.getByRole('link', { name: 'Print PIN slips (4)' }).click();
  await page.getByRole('heading', { name: 'Print PIN slips' }).waitFor();
  await page.getByText('These slips are the only copy of the temporary PINs.').waitFor();
  assert.match(await page.locator('.preview-summary').innerText(), /^4 slips on 1 sheet, /);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'team-slips-page.png', fullPage: true });
  await page.getByLabel('A4 paper').check();
  checkSlips(await printToPdf(page, 'team-slips-a4.pdf'), 'A4', pins);
  await page.getByLabel('US Letter paper').check();
  checkSlips(await printToPdf(page, 'team-slips-letter.pdf'), 'letter', pins);

  // Back on the team page the run is still there; its badge sheet carries no PIN on any page.
  await page.getByRole('link', { name: 'Back to the team badge sheet' }).click();
  await page.getByRole('link', { name: 'Print badge sheet (4)' }).click();
  await page.getByRole('heading', { name: 'Print badges' }).waitFor();
  const badges = await printToPdf(page, 'team-slips-badges.pdf');
  const pages = pageSizesMm(badges).length;
  for (let p = 1; p <= pages; p += 1) {
    const text = spawnSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', badges, '-'], { encoding: 'utf8' }).stdout;
    for (const pin of Object.values(pins)) assert.ok(!text.includes(pin), `badge sheet page ${p} carries no PIN`);
  }
  const decoded = new Set();
  for (const dpi of [300, 200, 400]) {
    for (const png of rasterise(badges, dpi, 'png')) decodeAll(png).forEach((t) => decoded.add(t));
    if (decoded.size >= 4) break;
  }
  assert.equal(decoded.size, 4, 'the same run: four badges decode');
  assert.ok(!pdfText(badges).includes('temporary PIN'), 'no slip words on the badge sheet');

  // Never in storage or the address, and gone for a new tab of the same browser.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href + document.cookie);
  for (const pin of Object.values(pins)) assert.ok(!stored.includes(pin), 'no PIN in storage, cookies or the URL');
  const fresh = await context.newPage();
  await signInAs(fresh, 'Megan Bowen');
  await fresh.goto(BASE + '/admin/slips');
  await fresh.getByText('There are no temporary PINs to print.').waitFor({ timeout: 20_000 });
  const freshText = await fresh.locator('body').innerText();
  for (const pin of Object.values(pins)) assert.ok(!freshText.includes(pin));

  assert.deepEqual(problems, []);
  assert.ok(failedResponses.every((r) => !r.includes('/slips')), failedResponses.join('\n'));
  await context.close();
});

test('the slips speak the language the administrator reads', async () => {
  await emulator('seed', teamSeed());
  const { context, page, problems } = await openPage(browser);
  await signInAs(page, 'Megan Bowen');
  await page.goto(BASE + '/admin/team');
  await page.getByLabel('Find a group').fill('Night');
  await page.getByRole('button', { name: 'Find group' }).click();
  await page.getByRole('button', { name: 'Use Night Shift 6' }).click();
  await page.getByRole('button', { name: 'Create badge codes' }).click();
  await page.getByText('Finished.').waitFor();
  await page.getByRole('link', { name: 'Print PIN slips (5)' }).click();
  await page.locator('label.language-switcher select').filter({ visible: true }).selectOption('de');
  await page.getByRole('heading', { name: 'PIN-Zettel drucken' }).waitFor();
  const pdf = await printToPdf(page, 'team-slips-de.pdf');
  const text = pdfText(pdf);
  assert.equal(occurrences(text, 'Ihre temporäre PIN'), 5);
  assert.match(text, /Melden Sie sich mit Ihrem Ausweis/);
  assert.ok(!text.includes('Your temporary PIN'), 'no English left on the slips');
  assert.deepEqual(problems, []);
  await context.close();
});

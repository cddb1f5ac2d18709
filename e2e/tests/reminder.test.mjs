// "Add a reminder to my calendar": the employee downloads an iCalendar file (RFC 5545) for their badge's expiry,
// from the overview and right after a badge is created. Each file is checked line by line (CRLF, folding at 75
// octets, balanced BEGIN/END), then parsed with ical.js: two all-day events, 14 days before the expiry with an
// alarm and on the expiry day, on the dates the page shows in the browser's time zone; the same UIDs on every
// download; no QR payload, code id or PIN anywhere. Once more in Spanish, worded from locales/es.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import {
  launch, openPage, axeViolations, resetEmulator, signInAs, emulator, decodeQr, rawContentOf, tabTo, BASE, OUT,
} from '../lib/browser.mjs';
import { LOCALES, signInAnyLanguage, waitForLang } from '../lib/languages.mjs';

const DAYS_BEFORE = 14;
const MAX_OCTETS = 75;
const english = JSON.parse(readFileSync(`${LOCALES}en/selfservice.json`, 'utf8')).reminder;
const spanish = JSON.parse(readFileSync(`${LOCALES}es/selfservice.json`, 'utf8')).reminder;

let browser;
before(async () => { browser = await launch(); });
beforeEach(async () => { await resetEmulator(); });
after(async () => { await browser?.close(); });

/**
 * A time zone in which `iso` falls on another calendar day than in UTC, so a file written with UTC dates
 * fails: before 10:00 UTC it is still the day before in Honolulu (UTC−10), from 10:00 it is already the
 * next day in Kiritimati (UTC+14).
 */
function zoneWhereTheDayDiffers(iso) {
  return new Date(iso).getUTCHours() < 10 ? 'Pacific/Honolulu' : 'Pacific/Kiritimati';
}

/** `YYYYMMDD` of an instant in a time zone. */
function localDay(iso, timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}${parts.month}${parts.day}`;
}

/** `YYYYMMDD` a number of days before another. */
function daysBefore(day, days) {
  const date = new Date(Date.UTC(+day.slice(0, 4), +day.slice(4, 6) - 1, +day.slice(6, 8) - days));
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

/** `YYYYMMDD` of the date an English page shows ("Nov 12, 2027, 7:34 PM"). */
function shownDay(text) {
  const match = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4})\b/.exec(text.trim());
  assert.ok(match, `an English date: ${text}`);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(match[1]) + 1;
  assert.ok(month > 0, `a month: ${match[1]}`);
  return `${match[3]}${String(month).padStart(2, '0')}${match[2].padStart(2, '0')}`;
}

/** A context in `timeZone` that records the type of every Blob handed to a download. */
async function openInZone(timeZone, locale = 'en-US') {
  const opened = await openPage(browser, { timezoneId: timeZone, locale });
  await opened.page.addInitScript(() => {
    const create = URL.createObjectURL.bind(URL);
    window.blobTypes = [];
    URL.createObjectURL = (blob) => { window.blobTypes.push(blob.type); return create(blob); };
  });
  return opened;
}

/** Runs `trigger` (a click or a key press on the reminder button) and returns the file it downloads. */
async function download(page, trigger) {
  const started = page.waitForEvent('download');
  await trigger();
  const file = await started;
  const bytes = readFileSync(await file.path());
  return { name: file.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

/**
 * The strict line grammar of RFC 5545 §3.1: every line ends with CRLF and nothing else breaks a line, no
 * physical line is longer than 75 octets, a continuation starts with one space, every unfolded line is
 * `name *(;param=value) : value` with no control character but TAB, and BEGIN/END nest and balance inside one
 * VCALENDAR. Returns the unfolded content lines.
 */
function strictLines(bytes) {
  const text = bytes.toString('utf8');
  assert.ok(!text.includes('\uFFFD'), 'valid UTF-8: no character is cut by a fold');
  assert.ok(text.endsWith('\r\n'), 'the last line ends with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    assert.ok(!/[\r\n]/.test(line), `a bare CR or LF: ${JSON.stringify(line)}`);
    assert.ok(Buffer.byteLength(line, 'utf8') <= MAX_OCTETS, `longer than ${MAX_OCTETS} octets: ${line}`);
  }
  assert.ok(!physical[0].startsWith(' '), 'the file does not start with a continuation');
  const lines = [];
  for (const line of physical) {
    if (line.startsWith(' ')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  const name = '[A-Za-z0-9-]+';
  const param = `;${name}=(?:"[^"\\x00-\\x08\\x0a-\\x1f\\x7f]*"|[^";:,\\x00-\\x08\\x0a-\\x1f\\x7f]*)`;
  const grammar = new RegExp(`^${name}(?:${param})*:[^\\x00-\\x08\\x0a-\\x1f\\x7f]*$`, 'u');
  const open = [];
  lines.forEach((line, i) => {
    assert.match(line, grammar, `line ${i + 1} is not name;params:value`);
    const [, keyword, component] = /^(BEGIN|END):(.*)$/.exec(line) ?? [];
    if (keyword === 'BEGIN') {
      assert.ok(open.length > 0 || (i === 0 && component === 'VCALENDAR'), 'one VCALENDAR around everything');
      open.push(component);
    } else if (keyword === 'END') {
      assert.equal(component, open.pop(), `END:${component} closes what was opened last`);
      if (open.length === 0) assert.equal(i, lines.length - 1, 'nothing after END:VCALENDAR');
    }
  });
  assert.deepEqual(open, [], 'every BEGIN has its END');
  return lines;
}

/**
 * Every check of one downloaded reminder; returns its events. `expiresOn` is the local expiry date
 * (`YYYYMMDD`), `secrets` strings that must appear nowhere in the file.
 */
function checkReminder(file, { expiresOn, secrets, words }) {
  assert.match(file.name, /\.ics$/);
  strictLines(file.bytes);
  const calendar = new ICAL.Component(ICAL.parse(file.text));
  assert.equal(calendar.name, 'vcalendar');
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  const events = calendar.getAllSubcomponents('vevent');
  assert.equal(events.length, 2, 'a reminder and the expiry day');
  const [before, onDay] = events;
  const day = (event, property) => {
    const value = event.getFirstPropertyValue(property);
    assert.ok(value.isDate, `${property} is an all-day DATE`);
    return value.toString().replaceAll('-', '');
  };
  assert.equal(day(onDay, 'dtstart'), expiresOn, 'the expiry day, in the browser\'s time zone');
  assert.equal(day(before, 'dtstart'), daysBefore(expiresOn, DAYS_BEFORE), `${DAYS_BEFORE} days before`);
  for (const event of events) {
    assert.equal(day(event, 'dtend'), daysBefore(day(event, 'dtstart'), -1), 'one whole day');
    assert.equal(event.getFirstPropertyValue('url'), `${BASE}/`, 'renew on the portal');
    assert.ok(event.getFirstPropertyValue('description').includes(`${BASE}/`), 'the description gives the portal');
  }
  const alarms = before.getAllSubcomponents('valarm');
  assert.equal(alarms.length, 1, 'the reminder rings');
  assert.equal(alarms[0].getFirstPropertyValue('action'), 'DISPLAY');
  assert.equal(onDay.getAllSubcomponents('valarm').length, 0);
  assert.equal(before.getFirstPropertyValue('summary'), words.before);
  assert.equal(onDay.getFirstPropertyValue('summary'), words.onDay);
  const unfolded = file.text.replaceAll('\r\n ', '');
  for (const secret of secrets.filter(Boolean)) {
    assert.ok(!unfolded.includes(secret), `the file holds no secret (${secret.slice(0, 12)}…)`);
  }
  assert.ok(!/ms-qrpin/i.test(unfolded), 'no QR payload');
  return events.map((event) => event.getFirstPropertyValue('uid'));
}

const englishWords = {
  before: english.summary_before.other.replace('{{ count }}', String(DAYS_BEFORE)),
  onDay: english.summary_day,
};

/** The seeded person's badge code (id, expiry) and every seeded PIN. */
async function seeded(upn) {
  const seed = await emulator('seed', undefined, 'GET');
  const user = seed.users.find((u) => u.userPrincipalName === upn);
  const state = await emulator('state', undefined, 'GET');
  return { code: state.methods[user.id].standardQRCode, pins: Object.values(seed.pins) };
}

test('the overview offers the badge\'s expiry as a calendar file, by keyboard too, the same events every time', async () => {
  const { code, pins } = await seeded('isaiah.langer@contoso.com');
  const zone = zoneWhereTheDayDiffers(code.expireDateTime);
  const expiresOn = localDay(code.expireDateTime, zone);
  assert.notEqual(expiresOn, localDay(code.expireDateTime, 'UTC'), 'the zone moves the date');
  const { context, page, problems } = await openInZone(zone);
  await signInAs(page, 'Isaiah Langer');
  const card = page.locator('section[aria-labelledby="standard-title"]');
  const button = card.getByRole('button', { name: english.download });
  await button.waitFor();
  const shown = await card.locator('dt', { hasText: 'Valid until' }).locator('xpath=following-sibling::dd[1]').innerText();
  assert.equal(shownDay(shown), expiresOn, `the page shows ${shown}`);
  await card.getByText(english.help).waitFor();

  await tabTo(page, english.download);
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return { tag: el.tagName, visible: el.matches(':focus-visible'), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  assert.equal(focus.tag, 'BUTTON');
  assert.ok(focus.visible && focus.outline !== 'none' && focus.width > 0, `a visible focus ring: ${JSON.stringify(focus)}`);
  const first = await download(page, () => page.keyboard.press('Enter'));
  assert.equal(first.name, `${english.file}.ics`);
  const secrets = [code.id, ...pins];
  const uids = checkReminder(first, { expiresOn, secrets, words: englishWords });

  const second = await download(page, () => button.click());
  assert.deepEqual(checkReminder(second, { expiresOn, secrets, words: englishWords }), uids, 'the same UIDs: an update, not a duplicate');
  assert.deepEqual(await page.evaluate(() => window.blobTypes), ['text/calendar;charset=utf-8', 'text/calendar;charset=utf-8']);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: OUT + 'reminder-overview.png', fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an expired badge, and an administrator\'s view of someone else\'s, offer no reminder', async () => {
  const { context, page, problems } = await openInZone('UTC');
  await signInAs(page, 'Lynne Robbins');
  const card = page.locator('section[aria-labelledby="standard-title"]');
  await card.getByText('Expired', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: english.download }).count(), 0);
  await context.close();

  const admin = await openInZone('UTC');
  await signInAs(admin.page, 'Megan Bowen');
  await admin.page.getByRole('link', { name: 'Administration' }).click();
  await admin.page.getByLabel('Find a person by name or email').fill('isaiah');
  await admin.page.getByRole('button', { name: 'Search' }).click();
  await admin.page.getByRole('button', { name: /Isaiah Langer/ }).click();
  await admin.page.locator('section[aria-labelledby="standard-title"]').getByText('Active', { exact: true }).waitFor();
  assert.equal(await admin.page.getByRole('button', { name: english.download }).count(), 0);
  assert.deepEqual([...problems, ...admin.problems], []);
  await admin.context.close();
});

test('right after a badge is created, its reminder holds neither the QR payload nor the PIN', async () => {
  const lifetimeDays = 200;
  const zone = zoneWhereTheDayDiffers(new Date(Date.now() + lifetimeDays * 86_400_000).toISOString());
  const { context, page, problems } = await openInZone(zone);
  await signInAs(page, 'Alex Wilber');
  await page.getByRole('link', { name: 'Set up QR code sign-in' }).click();
  await page.getByLabel('Badge valid for (days)').fill(String(lifetimeDays));
  const created = page.waitForResponse((r) => r.url().endsWith('/authentication/qrCodePinMethod') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Create QR code sign-in' }).click();
  const method = await (await created).json();
  const code = method.standardQRCode;
  const qr = page.getByRole('img', { name: /Badge QR code for Alex Wilber/ });
  await qr.waitFor();
  await qr.screenshot({ path: OUT + 'reminder-created-qr.png' });
  const [payload] = decodeQr(OUT + 'reminder-created-qr.png');
  assert.equal(payload, rawContentOf(code), 'the payload on screen is the one Graph issued');

  const card = page.locator('.created-code');
  const shown = await card.locator('dt', { hasText: 'Valid until' }).locator('xpath=following-sibling::dd[1]').innerText();
  const expiresOn = localDay(code.expireDateTime, zone);
  assert.equal(shownDay(shown), expiresOn, `the page shows ${shown}`);
  const file = await download(page, () => card.getByRole('button', { name: english.download }).click());
  const secret = payload.split('|').at(-1);
  checkReminder(file, { expiresOn, secrets: [payload, secret, code.id, code.image.rawContent, method.pin.code], words: englishWords });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Spanish the file speaks Spanish', async () => {
  const { code, pins } = await seeded('isaiah.langer@contoso.com');
  const zone = zoneWhereTheDayDiffers(code.expireDateTime);
  const { context, page, problems } = await openInZone(zone, 'es-ES');
  await signInAnyLanguage(page, 'Isaiah Langer');
  await waitForLang(page, 'es');
  const file = await download(page, () => page.getByRole('button', { name: spanish.download }).click());
  assert.equal(file.name, `${spanish.file}.ics`);
  const words = {
    before: spanish.summary_before.other.replace('{{ count }}', String(DAYS_BEFORE)),
    onDay: spanish.summary_day,
  };
  assert.notEqual(words.before, englishWords.before);
  checkReminder(file, { expiresOn: localDay(code.expireDateTime, zone), secrets: [code.id, ...pins], words });
  const description = new ICAL.Component(ICAL.parse(file.text)).getFirstSubcomponent('vevent').getFirstPropertyValue('description');
  const manage = JSON.parse(readFileSync(`${LOCALES}es/status.json`, 'utf8')).overview.manage_badge;
  assert.ok(description.includes(`«${manage}»`), `the description says where to renew, in Spanish: ${description}`);
  assert.deepEqual(problems, []);
  await context.close();
});

// Shared helpers: launch Debian's Chromium (never a downloaded browser), watch for page errors,
// CSP violations and console errors, run axe, talk to the emulator's test-control endpoints.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';

export const BASE = process.env.QRBADGE_URL ?? 'http://127.0.0.1:8080';
/** The emulator (Entra and Graph): the portal's own origin in the demo, another origin in production shape. */
export const EMULATOR = process.env.QRBADGE_EMULATOR_URL ?? BASE;
export const OUT = new URL('../out/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

/** A fresh context + page that records everything that should never happen. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, ...options });
  const page = await context.newPage();
  const problems = [];
  // Graph answers 404 when someone has no method: the browser logs every non-2xx fetch as a console
  // error, so HTTP failures are recorded by URL instead and each test says which ones it expects.
  const failedResponses = [];
  page.on('response', (r) => { if (r.status() >= 400) failedResponses.push(`${r.status()} ${new URL(r.url()).pathname}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, problems, failedResponses };
}

/** Runs axe-core with the WCAG 2.2 AA tags; returns the violations (empty is the goal). */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP needs no exception for it.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function resetEmulator() {
  const response = await fetch(`${EMULATOR}/_emulator/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`reset failed: ${response.status}`);
}

/** Signs in through the real redirect flow, choosing the user on the emulator's sign-in page. */
export async function signInAs(page, displayName) {
  await page.goto(BASE + '/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: new RegExp(displayName) }).click();
  await page.waitForURL((url) => url.origin === BASE && !url.search.includes('code='));
  // The address bar is cleaned before the code is redeemed: wait until the tab is really signed in.
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function emulator(path, body, method = 'POST') {
  const response = await fetch(`${EMULATOR}/_emulator/${path}`, {
    method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /_emulator/${path} failed: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** Decodes every QR code in a PNG with zbarimg; returns the decoded texts. */
export function decodeQr(pngPath) {
  const result = spawnSync('zbarimg', ['--raw', '-q', '-Sbinary', pngPath], { encoding: 'latin1' });
  if (result.status !== 0) return [];
  return result.stdout.split('\n').filter((line) => line.length > 0);
}

/** The bytes of `image.rawContent` in a Graph create response, as a latin1 string. */
export function rawContentOf(code) {
  return Buffer.from(code.image.rawContent, 'base64').toString('latin1');
}

/** Presses Tab until the focused element's text (or label) matches `name`; fails after `max` presses. */
export async function tabTo(page, name, max = 60) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return '';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
      return (el.getAttribute('aria-label') || label || el.textContent || '').trim();
    });
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`could not reach ${name} with the Tab key`);
}

// Every self-service page at desktop and phone width, in light and dark mode: screenshots to look
// at, and axe (contrast included) in each combination.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axeViolations, resetEmulator, signInAs, BASE, OUT } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); await resetEmulator(); });
after(async () => { await browser?.close(); });

const VIEWPORTS = { desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } };
const PAGES = [
  ['overview', '/', 'Badge QR code'],
  ['temporary', '/temporary', 'Create a temporary QR code'],
  ['pin', '/pin', 'Change your PIN'],
  ['badge', '/badge', 'Lost your badge?'],
];

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  for (const colorScheme of ['light', 'dark']) {
    test(`${size} ${colorScheme}: pages are clean for axe and look right`, async () => {
      const { context, page, problems } = await openPage(browser, { viewport, colorScheme });
      await page.goto(BASE + '/');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.screenshot({ path: `${OUT}screen-welcome-${size}-${colorScheme}.png`, fullPage: true });
      assert.deepEqual(await axeViolations(page), [], 'welcome');
      await signInAs(page, 'Adele Vance');
      for (const [name, path, heading] of PAGES) {
        await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
        await page.getByRole('heading', { name: heading }).waitFor();
        await page.screenshot({ path: `${OUT}screen-${name}-${size}-${colorScheme}.png`, fullPage: true });
        assert.deepEqual(await axeViolations(page), [], name);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      assert.equal(overflow, false, 'no horizontal scrolling');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

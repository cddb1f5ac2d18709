// Helpers for the languages e2e tests: the portal's own words read from locales/ at test time, English
// left on a page in another language, content that overflows its box, the language switcher, and a
// sign-in that works whatever language the portal speaks (signInAs in browser.mjs clicks "Sign in").
import { readFileSync, readdirSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { BASE, OUT } from './browser.mjs';

export const LOCALES = new URL('../../locales/', import.meta.url).pathname;
/** The languages qrbadge speaks, with the browser locale each test context runs in. */
export const LANGUAGES = { en: 'en-US', es: 'es-ES', fr: 'fr-FR', de: 'de-DE' };
export const NATIVE_NAMES = { en: 'English', es: 'Español', fr: 'Français', de: 'Deutsch' };
export const VIEWPORTS = { desktop: { width: 1280, height: 860 }, phone: { width: 360, height: 780 } };
export const LANG_OUT = `${OUT}languages/`;
mkdirSync(LANG_OUT, { recursive: true });
/** Read by whoever fixes style/app.css: one file per language and page with what overflows. */
export const OVERFLOW_REPORTS = process.env.QRBADGE_OVERFLOW_REPORTS ?? '/tmp/overflow-reports/';

/** Words that are the same in every language: product names and the switcher's own names. */
const NOT_ENGLISH_UI = [
  'qrbadge', 'Microsoft Graph', 'Microsoft Entra', 'Microsoft Authenticator', 'Managed Home Screen', 'Teams',
  'English', 'Español', 'Français', 'Deutsch', 'config.json',
];

/**
 * The most visible English words of the portal, as the English e2e tests and the pages had them
 * before the translation: they must not appear on a page in another language even if a key for them
 * is missing from locales/en (text still hard-coded in a component).
 */
export const KNOWN_ENGLISH = [
  'Sign in', 'Sign out', 'Skip to content', 'Your badge sign-in, in one place', 'Your QR code sign-in',
  'Badge QR code', 'Temporary QR code', 'Get a temporary QR code', 'Create a temporary QR code',
  'Create temporary QR code', 'How long should it work?', 'It starts working now', 'Revoke temporary QR code',
  'Print badge', 'Print badges', 'Print at actual size', 'Download SVG', 'Download PNG', 'Change your PIN',
  'Change PIN', 'Current PIN', 'New PIN', 'New PIN again', 'Why change it?', 'PIN rules', 'Use at least 8 digits',
  'Lost your badge?', 'Extend my badge', 'Forgot your badge?', 'Show a temporary QR code on this screen',
  'Show a temporary QR code', 'Show temporary QR code', 'Cancel and sign out', 'Signed in as', 'valid until',
  'left', 'Starting…', 'Signing you in…', 'This bar should measure 50 mm', 'Actual size', 'Already used',
  'Start at label', 'Sign in with a QR code', 'scan this badge, then enter your PIN', 'Temporary code, valid',
  'Valid from', 'days left', 'Last used', 'Full screen', 'Done', 'QR code hidden', 'Are you still there?',
  'without a tap or key press', 'Your organisation', 'Administration', 'Go to the overview', 'Preview',
].filter((phrase) => phrase.split(/\s+/).length >= 2 || /…|\?$/.test(phrase));

/** Every string of one language's resources, flattened: [{ key: 'area.a.b', value }]. */
export function resources(lang) {
  const dir = `${LOCALES}${lang}/`;
  const out = [];
  const walk = (prefix, node) => {
    if (typeof node === 'string') out.push({ key: prefix, value: node });
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(prefix ? `${prefix}.${k}` : k, v);
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    walk(file.replace(/\.json$/, ''), JSON.parse(readFileSync(dir + file, 'utf8')));
  }
  return out;
}

/** The literal pieces of a resource string: placeholders and inline markup split it. */
function fragments(value) {
  return value.split(/\{\{[^}]*\}\}|<\/?[A-Za-z_][\w-]*\s*\/?>/)
    .map((part) => part.replace(/\s+/g, ' ').trim().replace(/^[\s,.:;()–—-]+|[\s,.:;()–—-]+$/g, ''))
    .filter(Boolean);
}

const words = (text) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/**
 * English phrases that must not appear on a page in `lang`: every literal fragment of two words or
 * more of an English resource whose translation differs, plus KNOWN_ENGLISH; minus product names and
 * anything the language's own resources contain word for word (a product name inside a translation).
 */
export function englishPhrases(lang) {
  const english = resources('en');
  const own = new Map(resources(lang).map((r) => [r.key, r.value]));
  const ownText = [...own.values()].join('\n');
  const phrases = new Map();
  for (const { key, value } of english) {
    if (own.get(key) === value) continue;
    for (const fragment of fragments(value)) if (words(fragment) >= 2) phrases.set(fragment, key);
  }
  for (const phrase of KNOWN_ENGLISH) if (!phrases.has(phrase)) phrases.set(phrase, '(known English UI text)');
  return [...phrases].filter(([phrase]) => !NOT_ENGLISH_UI.some((name) => name === phrase)
    && !ownText.includes(phrase)).map(([phrase, key]) => ({ phrase, key }));
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A phrase as a whole-word pattern (case-sensitive: "Done" is not "done"). */
export function phrasePattern(phrase) {
  const start = /^\w/.test(phrase) ? '(?<![\\p{L}\\p{N}])' : '';
  const end = /\w$/.test(phrase) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(start + escape(phrase).replace(/ /g, '\\s+') + end, 'u');
}

/** Which of `phrases` occur in `text` (collapsed white space). */
export function phrasesIn(text, phrases) {
  const flat = text.replace(/\s+/g, ' ');
  return phrases.filter(({ phrase }) => phrasePattern(phrase).test(flat));
}

/**
 * What a person reads or hears on the page, in the page's language: the visible text, plus the text
 * of accessible names and hints (aria-label, title, placeholder, alt, SVG <title>). Left out: anything
 * marked as another language (`lang` differs from <html lang>: Graph's own messages, the switcher's
 * language names), and the signed-in person's name and address.
 */
export async function pageWords(page) {
  return page.evaluate(() => {
    const pageLang = document.documentElement.lang;
    const otherLanguage = (el) => {
      const marked = el.closest('[lang]');
      return marked && marked !== document.documentElement && marked.lang.split('-')[0] !== pageLang.split('-')[0];
    };
    const skip = (el) => otherLanguage(el) || el.closest('.language-switcher, bdi.account-name, bdi.account-username');
    const visible = (el) => {
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.display !== 'none' && el.getClientRects().length > 0;
    };
    const text = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent.trim() || ['SCRIPT', 'STYLE', 'TITLE', 'OPTION'].includes(el.tagName)) continue;
      if (skip(el) || !visible(el)) continue;
      text.push(node.textContent);
    }
    // A <select>'s chosen option is what it shows.
    for (const select of document.querySelectorAll('select')) {
      if (!skip(select) && visible(select)) text.push(select.selectedOptions[0]?.textContent ?? '');
    }
    const names = [];
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], svg title')) {
      if (skip(el)) continue;
      if (el.tagName.toLowerCase() === 'title') { names.push(el.textContent); continue; }
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) if (el.hasAttribute(attr)) names.push(el.getAttribute(attr));
    }
    return { text: text.join('\n'), names: names.join('\n'), title: document.title };
  });
}

/** English phrases on the page: [{ where: 'text'|'names'|'title', phrase, key }]. */
export async function englishOnPage(page, phrases) {
  const found = await pageWords(page);
  return ['text', 'names', 'title'].flatMap((where) => phrasesIn(found[where], phrases).map((p) => ({ where, ...p })));
}

/**
 * Content wider than its box: buttons, labels, chips, headings and links styled as buttons whose
 * scrollWidth exceeds clientWidth by more than a pixel (inline elements: whose box pokes out of the
 * block that contains them), the page scrolling sideways, and the badge text of print sheets outside
 * its label or over its QR code. Returns [{ selector, text, detail }].
 */
export async function overflows(page) {
  return page.evaluate(() => {
    const describe = (el) => {
      let path = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '')
        + [...el.classList].map((c) => `.${c}`).join('');
      let parent = el.parentElement;
      for (let depth = 0; parent && depth < 2 && parent !== document.body; depth += 1, parent = parent.parentElement) {
        const name = parent.tagName.toLowerCase() + (parent.id ? `#${parent.id}` : '')
          + [...parent.classList].slice(0, 2).map((c) => `.${c}`).join('');
        path = `${name} > ${path}`;
      }
      return path;
    };
    const text = (el) => (el.innerText ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);
    const hiddenForSight = (el) => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0) return true;
      const rect = el.getBoundingClientRect();
      // Visually hidden text (clip or 1 px boxes) is for screen readers and overflows by design.
      return rect.width <= 1 || rect.height <= 1 || (style.clip && style.clip !== 'auto')
        || (style.clipPath && style.clipPath !== 'none') || el.closest('.visually-hidden, .sr-only');
    };
    const problems = [];
    const selector = 'button, label, .chip, h1, h2, h3, h4, a.button, .button, [role="button"], summary, legend, th';
    for (const el of document.querySelectorAll(selector)) {
      if (el.closest('svg') || hiddenForSight(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'inline') {
        let block = el.parentElement;
        while (block && ['inline', 'contents'].includes(getComputedStyle(block).display)) block = block.parentElement;
        if (!block) continue;
        const outer = block.getBoundingClientRect();
        const inner = el.getBoundingClientRect();
        const b = getComputedStyle(block);
        const left = outer.left + parseFloat(b.borderLeftWidth);
        const right = outer.right - parseFloat(b.borderRightWidth);
        if (inner.right > right + 1 || inner.left < left - 1) {
          problems.push({ selector: describe(el), text: text(el),
            detail: `inline box ${Math.round(inner.left)}–${Math.round(inner.right)} px outside its block ${Math.round(left)}–${Math.round(right)} px (${describe(block)})` });
        }
      } else if (el.scrollWidth > el.clientWidth + 1) {
        problems.push({ selector: describe(el), text: text(el), detail: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}` });
      }
    }
    const page = document.documentElement;
    if (page.scrollWidth > window.innerWidth + 1) {
      // Name the widest culprits so the report says where to look.
      const wide = [...document.body.querySelectorAll('*')]
        .filter((el) => !el.closest('svg') && el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
        .slice(0, 5).map((el) => `${describe(el)} "${text(el).slice(0, 40)}"`);
      problems.push({ selector: 'html', text: '', detail: `page scrolls sideways: scrollWidth ${page.scrollWidth} > ${window.innerWidth}; widest: ${wide.join('; ')}` });
    }
    // Badge text on print sheets: in the sheet's user space (millimetres), inside the label, off the QR.
    const number = (el, attr) => parseFloat(el.getAttribute(attr));
    const rectOf = (el) => ({ x: number(el, 'x'), y: number(el, 'y'), w: number(el, 'width'), h: number(el, 'height') });
    for (const [sheetIndex, sheet] of [...document.querySelectorAll('svg.sheet-svg')].entries()) {
      const labels = [...sheet.querySelectorAll('rect.label-outline')].map(rectOf);
      for (const badge of sheet.querySelectorAll('g.badge')) {
        const qr = rectOf(badge.querySelector('svg.badge-qr'));
        const centre = { x: qr.x + qr.w / 2, y: qr.y + qr.h / 2 };
        const label = labels.find((l) => centre.x > l.x && centre.x < l.x + l.w && centre.y > l.y && centre.y < l.y + l.h);
        if (!label) { problems.push({ selector: 'g.badge', text: '', detail: `sheet ${sheetIndex + 1}: a badge's QR is in no label` }); continue; }
        for (const t of badge.querySelectorAll('text')) {
          const box = t.getBBox();
          const outside = box.x < label.x - 0.1 || box.y < label.y - 0.1 || box.x + box.width > label.x + label.w + 0.1
            || box.y + box.height > label.y + label.h + 0.1;
          const overQr = box.x < qr.x + qr.w && box.x + box.width > qr.x && box.y < qr.y + qr.h && box.y + box.height > qr.y;
          if (outside || overQr) {
            problems.push({ selector: `svg.sheet-svg text.${t.getAttribute('class')}`, text: t.textContent,
              detail: `sheet ${sheetIndex + 1}: text box x ${box.x.toFixed(1)}–${(box.x + box.width).toFixed(1)} mm, y ${box.y.toFixed(1)}–${(box.y + box.height).toFixed(1)} mm ${outside ? `outside its label x ${label.x.toFixed(1)}–${(label.x + label.w).toFixed(1)}, y ${label.y.toFixed(1)}–${(label.y + label.h).toFixed(1)}` : 'over the QR code'}` });
          }
        }
      }
    }
    return problems;
  });
}

/** Writes (or removes, when there is nothing) /tmp/overflow-reports/<lang>-<page>.txt. */
export function reportOverflows(lang, pageName, viewportName, problems) {
  mkdirSync(OVERFLOW_REPORTS, { recursive: true });
  const file = `${OVERFLOW_REPORTS}${lang}-${pageName}${viewportName ? `-${viewportName}` : ''}.txt`;
  if (problems.length === 0) { rmSync(file, { force: true }); return; }
  const lines = problems.map((p) => `${p.selector}\n  text: ${JSON.stringify(p.text)}\n  ${p.detail}`);
  writeFileSync(file, `# ${lang} ${pageName} ${viewportName ?? ''} (e2e/tests/languages.test.mjs, ${new Date().toISOString()})\n${lines.join('\n')}\n`);
}

/** `<html lang>` once the portal has set it (index.html starts as "en"). */
export async function htmlLang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

export async function waitForLang(page, lang, timeout = 10_000) {
  await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout })
    .catch(async () => { throw new Error(`<html lang> is "${await htmlLang(page)}", expected "${lang}"`); });
}

/**
 * The axe language rules on their own, after axeViolations() loaded axe: violations, and which of them
 * found something to check (html-has-lang and html-lang-valid always do; valid-lang wherever an element
 * carries its own lang, as the switcher's options do).
 */
export async function axeLanguageRules(page) {
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: { type: 'rule', values: ['html-has-lang', 'html-lang-valid', 'valid-lang'] } });
    return {
      violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      passed: result.passes.map((p) => p.id).sort(),
    };
  });
}

/** The visible language switcher's <select> (the header's, or the kiosk start screen's). */
export function switcher(page) {
  return page.locator('label.language-switcher select').filter({ visible: true });
}

/** The switcher's options as [value, text]. */
export async function switcherOptions(page) {
  return switcher(page).locator('option').evaluateAll((options) => options.map((o) => [o.value, o.textContent.trim()]));
}

/**
 * Signs in through the real redirect flow in any language: the welcome page's one primary button, the
 * emulator's account picker (English, the emulator's own page), back signed in (the header's button).
 */
export async function signInAnyLanguage(page, displayName) {
  await page.goto(BASE + '/');
  await page.locator('.welcome button.primary').click();
  await page.getByRole('button', { name: new RegExp(displayName) }).click();
  await page.waitForURL((url) => url.origin === BASE && !url.search.includes('code='));
  await page.locator('.app-header .account button').waitFor();
}

/** Client-side navigation (keeps the in-memory print queue and tokens, like following a link). */
export async function goClientSide(page, path) {
  await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
}

/** Serves /config.json with these changes (as the organisation's own file would say them). */
export async function withConfig(page, change) {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    change(config);
    await route.fulfill({ response, json: config });
  });
}

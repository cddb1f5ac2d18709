// Printed-output checks: PDF page sizes (pdfinfo), pages to images (pdftoppm), QR symbols found and
// measured in the pixels, and the length of the printed 50 mm check bar. poppler-utils only.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const MM_PER_PT = 25.4 / 72;
export const PAPER = { A4: [210, 297], letter: [215.9, 279.4] };

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Every page's size in millimetres, from pdfinfo. */
export function pageSizesMm(pdf) {
  const text = run('pdfinfo', ['-f', '1', '-l', '9999', pdf]);
  return [...text.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)]
    .map((m) => [Number(m[1]) * MM_PER_PT, Number(m[2]) * MM_PER_PT]);
}

export function pdfText(pdf) {
  return run('pdftotext', ['-layout', pdf, '-']);
}

/** Renders every page with pdftoppm; returns the image paths in page order. */
export function rasterise(pdf, dpi, format) {
  const prefix = pdf.replace(/\.pdf$/, format === 'gray' ? '-gray' : '');
  const ext = format === 'gray' ? 'pgm' : 'png';
  const dir = dirname(prefix);
  const stem = basename(prefix);
  const isPage = (name) => name.startsWith(`${stem}-`) && new RegExp(`^${stem}-\\d+\\.${ext}$`).test(name);
  for (const old of readdirSync(dir).filter(isPage)) unlinkSync(join(dir, old));
  run('pdftoppm', ['-r', String(dpi), format === 'gray' ? '-gray' : '-png', pdf, prefix]);
  return readdirSync(dir).filter(isPage)
    .sort((a, b) => Number(a.match(/-(\d+)\./)[1]) - Number(b.match(/-(\d+)\./)[1]))
    .map((name) => join(dir, name));
}

/**
 * Every QR code zbarimg finds in an image, one string per symbol (`decodeQr` in browser.mjs joins
 * several symbols into one string in binary mode). Graph's payloads are ASCII text.
 */
export function decodeAll(png) {
  const result = spawnSync('zbarimg', ['-q', '--xml', png], { encoding: 'utf8' });
  if (result.status !== 0) return [];
  return [...result.stdout.matchAll(/<data><!\[CDATA\[([\s\S]*?)\]\]><\/data>/g)].map((m) => m[1]);
}

/** A binary 8-bit PGM (P5) as { width, height, data }. */
export function readPgm(path) {
  const bytes = readFileSync(path);
  let offset = 0;
  const fields = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[offset]))) offset += 1;
    if (bytes[offset] === 0x23) { while (bytes[offset] !== 0x0a) offset += 1; continue; }
    let token = '';
    while (!/\s/.test(String.fromCharCode(bytes[offset]))) { token += String.fromCharCode(bytes[offset]); offset += 1; }
    fields.push(token);
  }
  const [magic, width, height, max] = fields;
  if (magic !== 'P5' || Number(max) !== 255) throw new Error(`${path}: not an 8-bit binary PGM`);
  return { width: Number(width), height: Number(height), data: bytes.subarray(offset + 1) };
}

const DARK = 128;

/**
 * Dark blobs that are QR symbols: dark pixels grouped with a 2.5 mm reach (a symbol's modules
 * join up, text 7 mm away across the quiet zone and margin does not), kept when the group is a
 * square of at least 25 mm. Returns exact pixel boxes { x, y, width, height } of the dark pixels.
 */
export function findSquares(image, pxPerMm) {
  const { width, height, data } = image;
  const cell = Math.max(1, Math.round(0.5 * pxPerMm));
  const cw = Math.ceil(width / cell);
  const ch = Math.ceil(height / cell);
  const dark = new Uint8Array(cw * ch);
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    const cellRow = Math.floor(y / cell) * cw;
    for (let x = 0; x < width; x += 1) if (data[row + x] < DARK) dark[cellRow + Math.floor(x / cell)] = 1;
  }
  const reach = 5;
  const seen = new Uint8Array(cw * ch);
  const squares = [];
  for (let start = 0; start < dark.length; start += 1) {
    if (!dark[start] || seen[start]) continue;
    const stack = [start];
    seen[start] = 1;
    let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
    while (stack.length) {
      const at = stack.pop();
      const cx = at % cw;
      const cy = (at - cx) / cw;
      x0 = Math.min(x0, cx); y0 = Math.min(y0, cy); x1 = Math.max(x1, cx); y1 = Math.max(y1, cy);
      for (let ny = Math.max(0, cy - reach); ny <= Math.min(ch - 1, cy + reach); ny += 1) {
        for (let nx = Math.max(0, cx - reach); nx <= Math.min(cw - 1, cx + reach); nx += 1) {
          const next = ny * cw + nx;
          if (dark[next] && !seen[next]) { seen[next] = 1; stack.push(next); }
        }
      }
    }
    const mm = (cells) => (cells * cell) / pxPerMm;
    const [w, h] = [mm(x1 - x0 + 1), mm(y1 - y0 + 1)];
    if (w < 25 || h < 25 || Math.abs(w - h) > 0.05 * w) continue;
    squares.push(darkBox(image, x0 * cell, y0 * cell, (x1 + 1) * cell, (y1 + 1) * cell));
  }
  return squares.sort((a, b) => a.y - b.y || a.x - b.x);
}

function darkBox({ width, data }, left, top, right, bottom) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let y = top; y < bottom; y += 1) {
    for (let x = left; x < Math.min(right, width); x += 1) {
      if (data[y * width + x] < DARK) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
    }
  }
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * Module size in pixels to a fraction of a pixel: each finder pattern (7 × 7 modules, 33 of them
 * dark) is summed as ink coverage over its box plus half a module of light around it, so the
 * anti-aliased edges count for what they cover. Averaged over the three finders.
 */
export function moduleFromFinders(image, box, size) {
  const { width, data } = image;
  const rough = box.width / size;
  const corners = [[box.x, box.y], [box.x + box.width - 7 * rough, box.y], [box.x, box.y + box.height - 7 * rough]];
  const modules = corners.map(([fx, fy]) => {
    let ink = 0;
    const [left, top] = [Math.floor(fx - rough / 2), Math.floor(fy - rough / 2)];
    const [right, bottom] = [Math.ceil(fx + 7.5 * rough), Math.ceil(fy + 7.5 * rough)];
    for (let y = top; y < bottom; y += 1) for (let x = left; x < right; x += 1) ink += (255 - data[y * width + x]) / 255;
    return Math.sqrt(ink / 33);
  });
  return modules.reduce((a, b) => a + b, 0) / modules.length;
}

/** The longest horizontal run of dark pixels anywhere on the page: the 50 mm check bar. */
export function longestDarkRun({ width, height, data }) {
  let best = { length: 0, x: 0, y: 0 };
  for (let y = 0; y < height; y += 1) {
    let run = 0;
    for (let x = 0; x < width; x += 1) {
      if (data[y * width + x] < DARK) {
        run += 1;
        if (run > best.length) best = { length: run, x: x - run + 1, y };
      } else run = 0;
    }
  }
  return best;
}

/**
 * Every word pdftotext finds, with its box, per page: [{ widthMm, heightMm, words: [{ text, x0, y0, x1, y1 }] }]
 * in millimetres from the page's top-left corner (`pdftotext -bbox`: points, top-left origin).
 */
export function wordBoxes(pdf) {
  const html = run('pdftotext', ['-bbox', pdf, '-']);
  const unescape = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((page) => ({
    widthMm: Number(page[1]) * MM_PER_PT,
    heightMm: Number(page[2]) * MM_PER_PT,
    words: [...page[3].matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)]
      .map((w) => ({
        text: unescape(w[5]),
        x0: Number(w[1]) * MM_PER_PT, y0: Number(w[2]) * MM_PER_PT, x1: Number(w[3]) * MM_PER_PT, y1: Number(w[4]) * MM_PER_PT,
      })),
  }));
}

/**
 * Places each word of a page in the regions it belongs to. `regions`: [{ name, x, y, w, h, avoid? }] in page
 * millimetres (`avoid`: a rectangle inside the region no word may touch, e.g. the QR square). A word belongs
 * to the region that holds its centre; it must lie inside that region (within `tolerance` mm) and off its
 * `avoid` box. Returns { byRegion: Map(name -> words in order), problems: [text] }.
 */
export function placeWords(words, regions, tolerance = 0.25) {
  const byRegion = new Map(regions.map((r) => [r.name, []]));
  const problems = [];
  const fmt = (w) => `"${w.text}" at x ${w.x0.toFixed(2)}–${w.x1.toFixed(2)} mm, y ${w.y0.toFixed(2)}–${w.y1.toFixed(2)} mm`;
  for (const word of words) {
    const cx = (word.x0 + word.x1) / 2;
    const cy = (word.y0 + word.y1) / 2;
    const region = regions.find((r) => cx >= r.x && cx <= r.x + r.w && cy >= r.y && cy <= r.y + r.h);
    if (!region) { problems.push(`${fmt(word)} is in no label`); continue; }
    byRegion.get(region.name).push(word);
    const over = Math.max(region.x - word.x0, region.y - word.y0, word.x1 - (region.x + region.w), word.y1 - (region.y + region.h));
    if (over > tolerance) {
      problems.push(`${fmt(word)} runs ${over.toFixed(2)} mm out of ${region.name} (x ${region.x.toFixed(2)}–${(region.x + region.w).toFixed(2)}, y ${region.y.toFixed(2)}–${(region.y + region.h).toFixed(2)})`);
    }
    const a = region.avoid;
    if (a && word.x0 < a.x + a.w - tolerance && word.x1 > a.x + tolerance && word.y0 < a.y + a.h - tolerance && word.y1 > a.y + tolerance) {
      problems.push(`${fmt(word)} overlaps the QR code of ${region.name}`);
    }
  }
  return { byRegion, problems };
}

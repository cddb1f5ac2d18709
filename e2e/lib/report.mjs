// What the administrator's runs hand over, read back as a person would: the CSV report through an RFC 4180
// parser, and a page printed to PDF.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OUT } from './browser.mjs';

/** RFC 4180: fields separated by commas, records ending in CRLF (the last one too), quotes doubled inside. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '' && !wasQuoted) { quoted = true; wasQuoted = true; }
    else if (c === ',') { row.push(field); field = ''; wasQuoted = false; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; wasQuoted = false; i += 1; }
    else if (c === '"' || c === '\r' || c === '\n' || wasQuoted) throw new Error(`not RFC 4180 at offset ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
    else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

export function writeCsv(rows) {
  const quote = (f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => r.map(quote).join(',') + '\r\n').join('');
}

/** Prints the page as Chromium would, with the page's own paper size, into OUT/file; returns the path. */
export async function printToPdf(page, file) {
  await page.emulateMedia({ media: 'print' });
  const pdf = OUT + file;
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}

/** Downloads the report; returns { name, bytes, rows } after checking the BOM and that it round-trips. */
export async function downloadReport(page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download report (CSV)' }).click();
  const file = await download;
  const bytes = readFileSync(await file.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
  const text = bytes.subarray(3).toString('utf8');
  const rows = parseCsv(text);
  assert.equal(writeCsv(rows), text, 'the file round-trips through an RFC 4180 parser');
  return { name: file.suggestedFilename(), text, rows };
}

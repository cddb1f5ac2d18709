// Sanity check of a trunk dist/ before it is measured: every local file index.html references exists and is not
// empty, matches its Subresource Integrity hash, and every import of each wasm module is named in its JS glue.
// Catches a build that raced another trunk build over the shared target/wasm-bindgen/ directory.
//
//   node lib/check-dist.mjs <dist dir>     (exit 1 and the reason on stderr when the dist is unusable)
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dist = process.argv[2];
const problems = [];
const html = readFileSync(join(dist, 'index.html'), 'utf8');
for (const tag of html.match(/<(?:link|script)\b[^>]*>/g) ?? []) {
  const url = /\b(?:href|src)="\/?([^"]+)"/.exec(tag)?.[1];
  // config.json is the host's, written per deployment (scripts/configure-deploy.sh), never part of a build.
  if (!url || /^(?:data:|https?:)/.test(url) || url === 'config.json') continue;
  const file = join(dist, url);
  if (!existsSync(file) || readFileSync(file).length === 0) {
    problems.push(`${url} is missing or empty`);
    continue;
  }
  const integrity = /\bintegrity="(sha\d+)-([^"]+)"/.exec(tag);
  if (integrity) {
    const digest = createHash(integrity[1]).update(readFileSync(file)).digest('base64');
    if (digest !== integrity[2]) problems.push(`${url} does not match its integrity hash`);
  }
}
for (const name of readdirSync(dist).filter((f) => f.endsWith('_bg.wasm'))) {
  const glue = join(dist, name.replace(/_bg\.wasm$/, '.js'));
  const js = existsSync(glue) ? readFileSync(glue, 'utf8') : '';
  try {
    const module = new WebAssembly.Module(readFileSync(join(dist, name)));
    const missing = WebAssembly.Module.imports(module).filter((i) => !js.includes(i.name));
    if (missing.length) problems.push(`${name}: ${missing.length} imports not in its JS glue (e.g. ${missing[0].name})`);
  } catch (e) {
    problems.push(`${name} does not compile: ${e.message}`);
  }
}
if (problems.length) {
  console.error(`${dist}: ${problems.join('; ')}`);
  process.exit(1);
}

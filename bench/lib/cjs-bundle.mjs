// Wraps a CommonJS package's browser entry and everything it requires into one classic script that sets a
// global, like browserify would. The npm `qrcode` package ships neither a browser build nor ESM (1.5.4's `build/`
// is not in the tarball), and the benchmark must load it from disk, not a CDN. The module sources are copied
// unchanged; only the `module`/`exports`/`require` plumbing is added.
//
//   node lib/cjs-bundle.mjs <entry, e.g. qrcode/lib/browser.js> <global name> <output file>
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, dirname } from 'node:path';

const [entrySpec, globalName, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: node lib/cjs-bundle.mjs <entry> <global> <output>');
  process.exit(2);
}
// Resolve from bench/, where `npm ci` put node_modules.
const packageJson = new URL('../package.json', import.meta.url);
const here = createRequire(packageJson);
const entry = here.resolve(entrySpec);
const root = dirname(packageJson.pathname);

const ids = new Map(); // absolute file -> numeric id
const modules = []; // { file, source, deps: { spec: id } }
function add(file) {
  if (ids.has(file)) return ids.get(file);
  const id = modules.length;
  ids.set(file, id);
  const source = readFileSync(file, 'utf8');
  const record = { file, source, deps: {} };
  modules.push(record);
  const requireFrom = createRequire(file);
  for (const [, spec] of source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    record.deps[spec] = add(requireFrom.resolve(spec));
  }
  return id;
}
add(entry);

const version = JSON.parse(readFileSync(here.resolve(entrySpec.split('/')[0] + '/package.json'), 'utf8')).version;
let out = `/* ${entrySpec.split('/')[0]}@${version} (see its license in node_modules), wrapped by bench/lib/cjs-bundle.mjs */\n`;
out += '(function () {\n  var defs = [\n';
for (const m of modules) {
  out += `    /* ${relative(root, m.file)} */ [function (module, exports, require) {\n${m.source}\n}, ${JSON.stringify(m.deps)}],\n`;
}
out += `  ];
  var cache = [];
  function load(id) {
    if (cache[id]) return cache[id].exports;
    var module = (cache[id] = { exports: {} });
    defs[id][0].call(module.exports, module, module.exports, function (spec) {
      if (!(spec in defs[id][1])) throw new Error('not bundled: ' + spec);
      return load(defs[id][1][spec]);
    });
    return module.exports;
  }
  window[${JSON.stringify(globalName)}] = load(0);
})();
`;
writeFileSync(outFile, out);
console.log(`${outFile}: ${modules.length} modules, ${out.length} bytes`);

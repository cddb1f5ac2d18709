// In-page half of the QR benchmark: qrpin (wasm, bench/qr-bench) next to the npm `qrcode` package.
// bench/run.mjs calls window.qrBench.verify() and window.qrBench.run() through Playwright.
//
// variants.json (written by scripts/bench.sh) lists the builds of bench/qr-bench to time, each with what it is: "wasm" is
// this checkout's, "before" (BENCH_QR_BEFORE=1) the same exports built from an older commit. All are checked and timed alike.
const QRCode = window.QRCode;
const variants = [];
let ours; // this checkout's build: payloads and the checks come from it

async function load() {
  const response = await fetch('variants.json');
  const list = response.ok ? await response.json() : [{ name: 'wasm', pkg: 'pkg', what: 'this checkout' }];
  for (const { name, pkg, what } of list) {
    const module = await import(`./${pkg}/qr_bench.js`);
    await module.default();
    variants.push({ name, what, module });
  }
  ours = variants[0].module;
  return variants.map(({ name, what }) => ({ name, what }));
}
let sink = 0; // every result feeds this, so no engine can drop the work

const npmOptions = (version, level) => ({
  version,
  errorCorrectionLevel: level.toUpperCase(),
  margin: 4, // the same quiet zone as qrpin::qr::QUIET_ZONE
  type: 'svg',
});
// One explicit byte segment: the npm package then neither optimises segments nor picks another version.
const npmSegments = (payload) => [{ data: payload, mode: 'byte' }];

function npmSvg(payload, version, level) {
  let svg;
  QRCode.toString(npmSegments(payload), npmOptions(version, level), (error, text) => {
    if (error) throw error;
    svg = text;
  });
  return svg;
}

/** Level and mask from the 15 format bits next to the top-left finder (row-major, 1 = dark). */
function formatInfo(modules, size) {
  let bits = 0;
  for (let i = 0; i < 15; i++) {
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    if (modules[row * size + 8]) bits |= 1 << i;
  }
  const data = (bits ^ 0x5412) >> 10;
  return { level: ['M', 'L', 'H', 'Q'][data >> 3], mask: data & 7 };
}

/** Checks both encoders draw a QR symbol of the asked version and level for the same payload; returns the SVGs. */
function verify(symbols, title) {
  const render = document.getElementById('render');
  render.replaceChildren();
  return symbols.map(({ name, version, level }) => {
    const payload = ours.payload(version, level);
    const oursModules = ours.modules(payload, version, level);
    const size = Math.round(Math.sqrt(oursModules.length));
    const npm = QRCode.create(npmSegments(payload), npmOptions(version, level));
    const npmModules = npm.modules.data;
    const differ = (a, b) => a.reduce((n, v, i) => n + (!!v !== !!b[i] ? 1 : 0), 0);
    const differing = differ(oursModules, npmModules);
    // Every other build of qrpin must draw the very same modules (qrpin's mask choice is the qrcode crate's).
    const variantsDiffering = Object.fromEntries(variants.slice(1).map(({ name, module }) =>
      [name, differ(module.modules(payload, version, level), oursModules)]));
    const dark = (m) => m.reduce((n, v) => n + (v ? 1 : 0), 0);
    const svgs = {
      oursPath: ours.encode_svg_path(payload, version, level),
      oursDocument: ours.encode_svg_document(payload, version, level, title),
      npmSvg: npmSvg(payload, version, level),
    };
    for (const [who, svg] of [['ours', svgs.oursDocument], ['npm', svgs.npmSvg]]) {
      const img = document.createElement('img');
      img.id = `${who}-${name}`;
      img.width = img.height = (size + 8) * 4; // 4 px per module, quiet zone included
      img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
      render.append(img);
    }
    return {
      name, version, level, payload, size,
      ours: { size, dark: dark(oursModules), ...formatInfo(oursModules, size) },
      npm: {
        size: npm.modules.size, dark: dark(npmModules), version: npm.version,
        segments: npm.segments.map((s) => `${s.mode.id}:${s.getLength()}`), ...formatInfo(npmModules, npm.modules.size),
        maskPattern: npm.maskPattern,
      },
      differing,
      variantsDiffering,
      svgs,
    };
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Times each implementation in batches of k calls (k chosen so a batch takes about batchMs): the page is not
 * cross-origin isolated, so performance.now() is coarsened to 100 µs and one call is too short to time alone.
 * Implementations of a symbol take turns batch by batch (rotating the order), so machine noise hits all alike.
 */
function run(symbols, { batches, batchMs, warmupMs }) {
  const out = [];
  for (const { name, version, level } of symbols) {
    const payload = ours.payload(version, level);
    const impls = [
      { lib: 'npm', what: 'encode+svg', fn: () => npmSvg(payload, version, level).length },
      { lib: 'npm', what: 'encode', fn: () => QRCode.create(npmSegments(payload), npmOptions(version, level)).modules.size },
    ];
    for (const { name: lib, module } of variants) {
      impls.push(
        { lib, what: 'encode+svg', fn: () => module.encode_svg_path(payload, version, level).length },
        { lib, what: 'encode', fn: () => module.encode_only(payload, version, level) },
      );
    }
    for (const impl of impls) {
      // Warm-up: lets V8 optimise the JS and tier the wasm up from Liftoff to TurboFan.
      const end = performance.now() + warmupMs;
      while (performance.now() < end) sink += impl.fn();
      let calls = 0;
      const start = performance.now();
      while (performance.now() - start < batchMs) { sink += impl.fn(); calls++; }
      impl.k = Math.max(1, calls);
      impl.samples = [];
    }
    for (let b = 0; b < batches; b++) {
      for (let j = 0; j < impls.length; j++) {
        const impl = impls[(b + j) % impls.length];
        const t = performance.now();
        for (let i = 0; i < impl.k; i++) sink += impl.fn();
        impl.samples.push(((performance.now() - t) * 1000) / impl.k);
      }
    }
    for (const { lib, what, k, samples } of impls) {
      out.push({ name, lib, what, k, batches, medianUs: median(samples), minUs: Math.min(...samples), maxUs: Math.max(...samples) });
    }
  }
  return { results: out, sink };
}

window.qrBench = { ready: load(), verify, run };

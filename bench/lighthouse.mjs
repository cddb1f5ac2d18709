// Lighthouse part of scripts/bench.sh (section 5): the mobile preset (Lighthouse's default: Moto G Power
// emulation, simulated slow 4G and 4x CPU slowdown) on the welcome page of each server given, in Debian's
// Chromium. Prints every run and the medians of performance, LCP, TTI, accessibility and best-practices, then
// what holds the performance score back (the median run's opportunities and diagnostics, its longest main-thread
// tasks and largest transfers) and the audits that fail in the other two categories. Prints figures; asserts
// nothing; exits 1 when a run produced no result.
//
//   node bench/lighthouse.mjs --out DIR [--runs N] [--cpu-slowdown X] NAME=URL [NAME=URL ...]
//
// --cpu-slowdown replaces the preset's 4x CPU slowdown (Lighthouse's throttling.cpuSlowdownMultiplier): for
// calibrating to a slow or busy host (see the benchmark index column), not for the figures of record.
//
// Lighthouse is npm lighthouse 12.2.3 (bench/package.json; 13 needs Node 22), run through its CLI once per
// page load, so every run gets a fresh Chromium and an empty profile. The servers take turns run by run.
// CHROME_PATH is $CHROMIUM (scripts/env.sh) or /usr/bin/chromium: Lighthouse never downloads a browser.
// Writes DIR/<name>-<run>.json (the full Lighthouse result) and DIR/summary.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const CLI = fileURLToPath(new URL('./node_modules/lighthouse/cli/index.js', import.meta.url));
const CHROME_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const PERFORMANCE_TARGET = 95; // issue 12: nginx mobile performance >= 95 (issue 10 asked for 90)
const TTI_TARGET_S = 2.5; // issue 12: time to interactive <= 2.5 s

// ------------------------------------------------------------------------------------------------ arguments
let out = 'target/bench/lighthouse';
let runs = 3;
let cpuSlowdown = null; // null: the preset's 4x
const targets = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--out') out = argv[++i];
  else if (argv[i] === '--runs') runs = Number(argv[++i]);
  else if (argv[i] === '--cpu-slowdown') cpuSlowdown = Number(argv[++i]) || null;
  else if (/^[\w.-]+=https?:\/\//.test(argv[i])) {
    const at = argv[i].indexOf('=');
    targets.push({ name: argv[i].slice(0, at), url: argv[i].slice(at + 1) });
  } else {
    console.error(`lighthouse.mjs: unexpected argument ${argv[i]}`);
    process.exit(2);
  }
}
if (targets.length === 0 || !(runs >= 1)) {
  console.error('usage: node bench/lighthouse.mjs --out DIR [--runs N] [--cpu-slowdown X] NAME=URL [NAME=URL ...]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

// ---------------------------------------------------------------------------------------------------- helpers
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fixed = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const row = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');

function lighthouse(target, run) {
  const file = join(out, `${target.name}-${run}.json`);
  const args = [
    CLI,
    target.url,
    '--output=json',
    `--output-path=${file}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
    '--no-enable-error-reporting',
    '--quiet',
    ...(cpuSlowdown ? [`--throttling.cpuSlowdownMultiplier=${cpuSlowdown}`] : []),
  ];
  const started = Date.now();
  const child = spawnSync(process.execPath, args, {
    env: { ...process.env, CHROME_PATH },
    encoding: 'utf8',
    timeout: 180_000,
  });
  const seconds = (Date.now() - started) / 1000;
  let lhr;
  try {
    lhr = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { error: `no result (exit ${child.status ?? child.signal}): ${(child.stderr || child.error?.message || '').trim().slice(-600)}` };
  }
  if (lhr.runtimeError) return { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}`, lhr };
  const score = (id) => (lhr.categories[id]?.score == null ? NaN : Math.round(lhr.categories[id].score * 100));
  const value = (id) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    lhr,
    seconds,
    performance: score('performance'),
    lcp: value('largest-contentful-paint') / 1000,
    tti: value('interactive') / 1000,
    fcp: value('first-contentful-paint') / 1000,
    si: value('speed-index') / 1000,
    tbt: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    benchmarkIndex: lhr.environment?.benchmarkIndex,
    warnings: lhr.runWarnings ?? [],
  };
}

// -------------------------------------------------------------------------------------------------------- runs
const results = Object.fromEntries(targets.map((t) => [t.name, []]));
for (let run = 1; run <= runs; run++) {
  // Rotate which server goes first, so neither always runs right after a Chromium start-up of the other.
  const order = targets.map((_, i) => targets[(i + run - 1) % targets.length]);
  for (const target of order) {
    const r = lighthouse(target, run);
    results[target.name][run - 1] = r;
    const status = r.error ? `FAILED: ${r.error}` : `performance ${r.performance}, ${r.seconds.toFixed(0)} s`;
    console.log(`lighthouse ${target.name} run ${run}/${runs}: ${status}`);
  }
}

// ------------------------------------------------------------------------------------------------------- table
const W = [14, 5, 11, 7, 7, 7, 7, 7, 6, 8, 13, 14];
console.log();
console.log(
  `Lighthouse ${results[targets[0].name].find((r) => r.lhr)?.lhr.lighthouseVersion ?? '12'}, mobile preset ` +
    `(simulated slow 4G: 150 ms RTT, 1.6 Mbit/s; ${cpuSlowdown ? `${cpuSlowdown}x CPU slowdown: NOT the preset's 4x` : '4x CPU slowdown'}), ` +
    'welcome page, fresh Chromium per run:',
);
console.log(row(['server', 'run', 'performance', 'LCP s', 'TTI s', 'FCP s', 'SI s', 'TBT ms', 'CLS', 'a11y', 'best-pract.', 'bench. index'], W));
const summary = {};
for (const { name, url } of targets) {
  const rs = results[name];
  rs.forEach((r, i) => {
    if (r.error) console.log(row([name, i + 1, 'FAILED', '', '', '', '', '', '', '', '', ''], W));
    else
      console.log(
        row(
          [name, i + 1, r.performance, fixed(r.lcp, 2), fixed(r.tti, 2), fixed(r.fcp, 2), fixed(r.si, 2), fixed(r.tbt, 0),
            fixed(r.cls, 3), r.accessibility, r.bestPractices, fixed(r.benchmarkIndex, 0)],
          W,
        ),
      );
  });
  const ok = rs.filter((r) => !r.error);
  const med = Object.fromEntries(
    ['performance', 'lcp', 'tti', 'fcp', 'si', 'tbt', 'cls', 'accessibility', 'bestPractices', 'benchmarkIndex'].map((k) => [
      k,
      median(ok.map((r) => r[k])),
    ]),
  );
  console.log(
    row(
      [name, 'med.', fixed(med.performance, 0), fixed(med.lcp, 2), fixed(med.tti, 2), fixed(med.fcp, 2), fixed(med.si, 2),
        fixed(med.tbt, 0), fixed(med.cls, 3), fixed(med.accessibility, 0), fixed(med.bestPractices, 0), fixed(med.benchmarkIndex, 0)],
      W,
    ),
  );
  summary[name] = {
    url,
    runs: rs.map((r) => (r.error ? { error: r.error } : (({ lhr, warnings, ...figures }) => figures)(r))),
    median: med,
  };
}
console.log('(medians per column; "a11y" = accessibility; TTI is reported but no longer weighs in the score: FCP 10%,');
console.log(' SI 10%, LCP 25%, TBT 30%, CLS 25%; the benchmark index is Lighthouse\'s CPU figure for this machine)');
if (summary.nginx) {
  const p = summary.nginx.median.performance;
  const verdict = p >= PERFORMANCE_TARGET ? 'met' : 'NOT met';
  console.log(
    `nginx mobile performance (median): ${fixed(p, 0)}, target >= ${PERFORMANCE_TARGET}: ` +
      (cpuSlowdown ? `${verdict} with ${cpuSlowdown}x CPU, which is not the preset (the target is the preset's)` : verdict),
  );
  const tti = summary.nginx.median.tti;
  console.log(`nginx time to interactive (median): ${fixed(tti, 2)} s, target <= ${TTI_TARGET_S} s: ${tti <= TTI_TARGET_S ? 'met' : 'NOT met'}`);
}

// --------------------------------------------------------------------------------------- what holds it back
// From the run whose performance score is the median one (the lower middle for an even count).
function medianRun(rs) {
  const ok = rs.filter((r) => !r.error).sort((a, b) => a.performance - b.performance);
  return ok[(ok.length - 1) >> 1];
}
const savings = (audit) => {
  const m = audit.metricSavings ?? {};
  const parts = Object.entries(m)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => (k === 'CLS' ? `${k} ${v.toFixed(3)}` : `${k} ${Math.round(v)} ms`));
  const bytes = audit.details?.overallSavingsBytes;
  if (bytes > 0) parts.push(`${kib(bytes)}`);
  return parts.join(', ');
};
for (const { name } of targets) {
  const r = medianRun(results[name]);
  if (!r) continue;
  const { lhr } = r;
  const file = join(out, `${name}-${results[name].indexOf(r) + 1}.json`);
  console.log();
  console.log(`${name}: what Lighthouse flags (median run, ${file}):`);
  const perfRefs = lhr.categories.performance.auditRefs;
  const flagged = perfRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 0.9 && !['metrics', 'hidden'].includes(perfRefs.find((x) => x.id === a.id).group))
    .filter((a) => a.scoreDisplayMode === 'metricSavings' || a.scoreDisplayMode === 'numeric' || a.scoreDisplayMode === 'binary')
    .map((a) => ({
      a,
      weight: Math.max(0, ...Object.entries(a.metricSavings ?? {}).map(([k, v]) => (k === 'CLS' ? v * 10_000 : v))),
    }))
    .sort((x, y) => y.weight - x.weight);
  if (flagged.length === 0) console.log('  no opportunity or diagnostic below 0.9');
  for (const { a } of flagged.slice(0, 8)) {
    const s = savings(a);
    console.log(`  - ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}${s ? ` — est. savings ${s}` : ''}`);
  }
  const longTasks = (lhr.audits['long-tasks']?.details?.items ?? [])
    .slice()
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 4)
    .map((t) => `${Math.round(t.duration)} ms at ${(t.startTime / 1000).toFixed(1)} s (${t.url.replace(/^https?:\/\/[^/]+/, '')})`);
  if (longTasks.length) console.log(`  longest main-thread tasks (simulated): ${longTasks.join('; ')}`);
  const weight = lhr.audits['total-byte-weight'];
  const boot = lhr.audits['bootup-time'];
  const main = lhr.audits['mainthread-work-breakdown'];
  const groups = (main?.details?.items ?? []).slice(0, 3).map((g) => `${g.groupLabel} ${Math.round(g.duration)} ms`).join(', ');
  console.log(`  transferred ${weight?.displayValue ?? '-'}; main-thread work ${main?.displayValue ?? '-'} (${groups}); JS execution ${boot?.displayValue ?? '-'}`);
  const kbps = lhr.configSettings.throttling?.throughputKbps;
  const biggest = (lhr.audits['network-requests']?.details?.items ?? [])
    .slice()
    .sort((a, b) => b.transferSize - a.transferSize)
    .slice(0, 3)
    .map(
      (r) =>
        `${r.url.replace(/^https?:\/\/[^/]+/, '')} ${kib(r.transferSize)}` +
        (kbps ? ` (${((r.transferSize * 8) / (kbps * 1024)).toFixed(2)} s at ${(kbps / 1024).toFixed(1)} Mbit/s)` : ''),
    );
  console.log(`  largest transfers: ${biggest.join('; ')}`);
  const errored = Object.values(lhr.audits).filter((a) => a.scoreDisplayMode === 'error');
  if (errored.length)
    console.log(`  not computed (weight 0, the score is unaffected): ${errored.map((a) => a.id).join(', ')} — ${errored[0].errorMessage.replace(/\s+/g, ' ').slice(0, 160)}`);
  for (const cat of ['accessibility', 'best-practices']) {
    const failing = (weighted) =>
      lhr.categories[cat].auditRefs
        .filter((ref) => (ref.weight > 0) === weighted)
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a && a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
        .map((a) => `${a.id} (${a.title})`);
    const scored = failing(true);
    const unscored = failing(false);
    console.log(
      `  ${cat} ${Math.round(lhr.categories[cat].score * 100)}: ${scored.length === 0 ? 'every scored audit passes' : `fails ${scored.join('; ')}`}` +
        (unscored.length ? `; unscored: ${unscored.join('; ')}` : ''),
    );
  }
  for (const w of r.warnings) console.log(`  warning: ${w}`);
}

writeFileSync(join(out, 'summary.json'), `${JSON.stringify({ cpuSlowdown: cpuSlowdown ?? 4, servers: summary }, null, 2)}\n`);
const failed = Object.values(results).flat().filter((r) => r.error).length;
if (failed > 0) {
  console.error(`lighthouse.mjs: ${failed} run(s) failed`);
  process.exit(1);
}

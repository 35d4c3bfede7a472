// Runs every *.test.ts under packages/*/src and packages/*/test with Node's test runner.
// Node 20's `--test` does not expand globs, so the files are collected here.
// Usage: node scripts/run-tests.js [path-fragment ...]  (fragments filter the file list)
//
// Each file runs in its own `node --test` process, a few at a time, so that the runner knows how
// long each file took (Node 20's reporters hold a file's events back until the files before it are
// done, so they cannot time it). The files start longest first, using the durations recorded in
// scripts/test-durations.json, so that the last long file does not start when the others are done.
// Environment:
//   PEC_TEST_CONCURRENCY  files run at once (default 3)
//   PEC_TEST_TIMINGS      path of a JSON file to write with file -> seconds, slowest first
// The spec reporter's closing lines (tests, pass, fail, ...) are printed once, summed over the files.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
/** @param {string} dir @returns {string[]} */
function collect(dir) {
  /** @type {string[]} */
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...collect(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = readdirSync(join(root, 'packages'))
  .flatMap((pkg) =>
    ['src', 'test']
      .map((sub) => join(root, 'packages', pkg, sub))
      .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true)
      .flatMap(collect),
  )
  .map((file) => relative(root, file))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// The browser tests serve packages/web/dist. Build it once here, before the test files start
// several at a time: each file would otherwise find it stale and rebuild it while another file
// is serving it (the build empties dist first, so the other file's pages fail to load).
if (files.some((file) => file.includes('browser'))) {
  spawnSync(process.execPath, [join(root, 'scripts', 'ensure-web-build.js')], {
    cwd: root,
    stdio: 'inherit',
  });
}

/** @type {Record<string, number>} */
let known = {};
try {
  known = JSON.parse(readFileSync(join(root, 'scripts', 'test-durations.json'), 'utf8'));
} catch {
  // No recorded durations: alphabetical order.
}
// Files with no recorded duration are new: start them first, as if they were long.
const order = [...files].sort((a, b) => (known[b] ?? Infinity) - (known[a] ?? Infinity));

const concurrency = Math.max(1, Number(process.env.PEC_TEST_CONCURRENCY ?? 3) || 3);
const summaryKeys = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'];
/** @type {Record<string, number>} */
const totals = Object.fromEntries(summaryKeys.map((k) => [k, 0]));
const summaryLine = /^\u2139 (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)$/;
/** @type {string[]} */
const failures = [];
/** @type {Record<string, number>} */
const durations = {};
const started = performance.now();

/** Runs one file, prints its report when it ends, and adds its counts to the totals. */
function runFile(/** @type {string} */ file) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', file],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    /** @type {Buffer[]} */
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - t0) / 1000;
      durations[file] = Math.round(seconds * 10) / 10;
      const text = Buffer.concat(chunks).toString('utf8');
      const cut = text.indexOf('\u2716 failing tests:');
      const body = cut === -1 ? text : text.slice(0, cut);
      let failed = 0;
      const kept = body.split('\n').filter((line) => {
        const m = summaryLine.exec(line);
        if (m === null) return true;
        if (m[1] !== 'duration_ms') totals[m[1]] += Number(m[2]);
        if (m[1] === 'fail' || m[1] === 'cancelled') failed += Number(m[2]);
        return false;
      });
      process.stdout.write(`\n# ${file} (${seconds.toFixed(1)} s)\n${kept.join('\n').trimEnd()}\n`);
      if (code !== 0 && failed === 0) {
        // The process died without reporting a failure (crash, signal): count it as one.
        totals.fail += 1;
        failures.push(`${file}: exited with ${signal ?? code}`);
      } else if (failed > 0) {
        failures.push(cut === -1 ? `${file}` : `${file}:\n${text.slice(cut).trimEnd()}`);
      }
      resolve(undefined);
    });
  });
}

const queue = [...order];
await Promise.all(
  Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) await runFile(file);
  }),
);

const slowest = Object.entries(durations).sort((a, b) => b[1] - a[1]);
console.log('\n# slowest test files');
for (const [file, seconds] of slowest.slice(0, 15)) console.log(`#   ${seconds.toFixed(1)} s  ${file}`);
if (process.env.PEC_TEST_TIMINGS) {
  writeFileSync(process.env.PEC_TEST_TIMINGS, JSON.stringify(Object.fromEntries(slowest), null, 2) + '\n');
}
console.log('');
for (const key of summaryKeys) console.log(`\u2139 ${key} ${totals[key]}`);
console.log(`\u2139 duration_ms ${(performance.now() - started).toFixed(3)}`);
if (failures.length > 0) {
  console.log('\n\u2716 failing tests:\n');
  for (const failure of failures) console.log(`${failure}\n`);
}
process.exit(failures.length > 0 ? 1 : 0);

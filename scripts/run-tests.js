// Runs every *.test.ts under packages/*/src and packages/*/test with Node's test runner (decision
// 0052). Node 20's `--test` does not expand globs, so the files are collected here.
// Usage: node scripts/run-tests.js [path-fragment ...]  (fragments filter the file list)
//
// Each file runs in its own Node process (`node --import tsx FILE`, node:test's own harness with the
// spec reporter), a few at a time, so that the runner knows how long each file took: under `--test`,
// Node 20's reporters hold a file's events back until the files before it are done, so they cannot
// time it; one process a file instead of `--test`'s two also saves a tsx start per file. The files
// start longest first, from the durations recorded in scripts/test-durations.json, so that no long
// file starts last while the other slots have nothing left to run.
// Before they start, the files are bundled with esbuild into ESM JavaScript with source maps
// (scripts/bundle-tests.js, decision 0063) and each process runs its bundle (`node
// --enable-source-maps BUNDLE`): loading the sources through tsx cost 3-4 s of CPU per file. Stack
// traces and node:test's locations still name the .ts files.
// Environment:
//   PEC_TEST_BUNDLE       0: run the .ts files through tsx instead (also when bundling fails)
//   PEC_TEST_CONCURRENCY  files run at once (default 3)
//   PEC_TEST_BROWSER_CONCURRENCY  browser files (*.browser.test.ts) among them at most (default 2)
//   PEC_TEST_TIMINGS      path of a JSON file to write with file -> seconds, slowest first (merged
//                         over the file's entries; scripts/test-durations.json refreshes the order)
// The files get PEC_TEST_CACHE_DIR, a temporary folder of this run (removed at its end), where what
// many files would otherwise make alike is made once: a provider's initialised data folder
// (test/support/provider-template.ts, decision 0059).
// The spec reporter's closing lines (tests, pass, fail, ...) are printed once, summed over the files.
import { spawn, spawnSync } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Buffer } from 'node:buffer';
import { bundleTests } from './bundle-tests.js';

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
// A file with no recorded duration (a new one) counts as a middling one: the median of the others.
const recorded = files
  .flatMap((file) => (known[file] === undefined ? [] : [known[file]]))
  .sort((a, b) => a - b);
const guess = recorded[Math.floor(recorded.length / 2)] ?? 0;
const order = [...files].sort((a, b) => (known[b] ?? guess) - (known[a] ?? guess));

const concurrency = Math.max(1, Number(process.env['PEC_TEST_CONCURRENCY'] ?? 3) || 3);
const summaryKeys = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'];
/** @type {Map<string, number>} */
const totals = new Map(summaryKeys.map((k) => [k, 0]));
const add = (/** @type {string} */ key, /** @type {number} */ n) =>
  totals.set(key, (totals.get(key) ?? 0) + n);
const summaryLine = /^\u2139 (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)$/;
/** @type {string[]} */
const failures = [];
/** @type {Record<string, number>} */
const durations = {};
/** @type {string[]} */
const lingering = [];
/** Wall-time limit per file (`PEC_TEST_FILE_LIMIT_S`, default 20 minutes). */
const fileLimitSeconds = Number(process.env['PEC_TEST_FILE_LIMIT_S'] ?? 1200);
const failingHeader = '\u2716 failing tests:';
const started = performance.now();
const cacheDir = mkdtempSync(join(tmpdir(), 'pec-test-cache-'));
const childEnv = { ...process.env, PEC_TEST_CACHE_DIR: cacheDir };
// The bundles sit under the root's node_modules, where Node finds the packages they import by name.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const bundleDir = mkdtempSync(join(root, 'node_modules', '.cache', 'pec-test-bundle-'));
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
    process.exit(130);
  });
}

/** @type {Map<string, string>} each test file -> its bundle; empty: every file runs through tsx */
let bundles = new Map();
if (process.env['PEC_TEST_BUNDLE'] !== '0') {
  const t0 = performance.now();
  try {
    bundles = await bundleTests({ root, files, outdir: bundleDir });
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`# bundled ${String(files.length)} test files in ${seconds} s (PEC_TEST_BUNDLE=0: tsx)`);
  } catch (error) {
    // A file esbuild cannot build (a syntax error) fails under tsx too, but there with its own name.
    console.log(`# bundling failed; every file runs through tsx\n${String(error)}`);
  }
}

/** Runs one file, prints its report when it ends, and adds its counts to the totals. */
function runFile(/** @type {string} */ file) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const bundle = bundles.get(file);
    const args =
      bundle === undefined
        ? ['--import', 'tsx', '--test-reporter=spec', file]
        : ['--enable-source-maps', '--test-reporter=spec', bundle];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    /** @type {Buffer[]} */
    const chunks = [];
    // A file whose process does not end (a handle left open after its tests) must not hold the
    // whole run until CI's own limit: it is stopped and counted as a failure that names it.
    const limit = setTimeout(() => {
      chunks.push(Buffer.from(`\n# stopped: still running after ${String(fileLimitSeconds)} s\n`));
      child.kill('SIGKILL');
    }, fileLimitSeconds * 1000);
    // A file whose every top-level suite has reported, and that then stays silent for a minute, has
    // ended its tests but left a handle open: it is stopped, its results kept, and named in a note.
    let lingered = false;
    let quiet = setTimeout(() => undefined, 0);
    const watchEnd = () => {
      clearTimeout(quiet);
      const text = Buffer.concat(chunks).toString('utf8');
      const opened = (text.match(/^\u25b6 /gm) ?? []).length;
      const closed = (text.match(/^[\u2714\u2716] /gm) ?? []).length;
      if (opened === 0 || closed < opened || /^\u2716 /m.test(text)) return;
      quiet = setTimeout(() => {
        lingered = true;
        child.kill('SIGKILL');
      }, 60_000);
    };
    child.stdout.on('data', (c) => {
      chunks.push(c);
      watchEnd();
    });
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      clearTimeout(quiet);
      const seconds = (performance.now() - t0) / 1000;
      durations[file] = Math.round(seconds * 10) / 10;
      const text = Buffer.concat(chunks).toString('utf8');
      const cut = text.indexOf(failingHeader);
      const body = cut === -1 ? text : text.slice(0, cut);
      let failed = 0;
      const kept = body.split('\n').filter((line) => {
        const m = summaryLine.exec(line);
        if (m === null) return true;
        const [, key = '', value = '0'] = m;
        if (key !== 'duration_ms') add(key, Number(value));
        if (key === 'fail' || key === 'cancelled') failed += Number(value);
        return false;
      });
      process.stdout.write(`\n# ${file} (${seconds.toFixed(1)} s)\n${kept.join('\n').trimEnd()}\n`);
      if (lingered) {
        process.stdout.write(`# note: ${file} passed but did not exit (a handle left open); stopped\n`);
        lingering.push(file);
      } else if (code !== 0 && failed === 0) {
        // The process died without reporting a failure (crash, signal): count it as one.
        add('fail', 1);
        failures.push(`${file}: exited with ${signal ?? code}`);
      } else if (failed > 0) {
        failures.push(cut === -1 ? file : `${file}:\n${text.slice(cut + failingHeader.length).trim()}`);
      }
      resolve(undefined);
    });
  });
}

// A browser file runs a Chromium and a provider: three of them at once on two cores took each 3-4x
// its own time (docs/benchmarks.md, "Test suite on the night's tree"). At most
// PEC_TEST_BROWSER_CONCURRENCY (default 2) run at once; a free slot otherwise takes the longest
// other file, so the browser files spread over the run instead of crowding its start.
const browserConcurrency = Math.max(1, Number(process.env['PEC_TEST_BROWSER_CONCURRENCY'] ?? 2) || 2);
const isBrowser = (/** @type {string} */ file) => file.includes('.browser.');
const queue = [...order];
let browsersRunning = 0;
function nextFile() {
  const index = browsersRunning < browserConcurrency ? 0 : queue.findIndex((file) => !isBrowser(file));
  // Only browser files left while the cap is reached: take one anyway rather than leave a slot idle.
  return queue.splice(index === -1 ? 0 : index, 1)[0];
}
await Promise.all(
  Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let file = nextFile(); file !== undefined; file = nextFile()) {
      const browser = isBrowser(file);
      if (browser) browsersRunning += 1;
      try {
        await runFile(file);
      } finally {
        if (browser) browsersRunning -= 1;
      }
    }
  }),
);

rmSync(cacheDir, { recursive: true, force: true });
rmSync(bundleDir, { recursive: true, force: true });

const slowest = Object.entries(durations).sort((a, b) => b[1] - a[1]);
if (lingering.length > 0)
  console.log(`\n# files that passed but left a handle open: ${lingering.join(', ')}`);
console.log('\n# slowest test files');
for (const [file, seconds] of slowest.slice(0, 15)) console.log(`#   ${seconds.toFixed(1)} s  ${file}`);
const timingsFile = process.env['PEC_TEST_TIMINGS'];
if (timingsFile !== undefined && timingsFile !== '') {
  // Merged over what the file already holds, so a run of a few files keeps the others' durations.
  /** @type {Record<string, number>} */
  let previous = {};
  try {
    previous = JSON.parse(readFileSync(timingsFile, 'utf8'));
  } catch {
    // A new file.
  }
  const merged = Object.entries({ ...previous, ...durations }).sort((a, b) => b[1] - a[1]);
  writeFileSync(timingsFile, JSON.stringify(Object.fromEntries(merged), null, 2) + '\n');
}
console.log('');
for (const key of summaryKeys) console.log(`\u2139 ${key} ${totals.get(key) ?? 0}`);
console.log(`\u2139 duration_ms ${(performance.now() - started).toFixed(3)}`);
if (failures.length > 0) {
  console.log(`\n${failingHeader}\n`);
  for (const failure of failures) console.log(`${failure}\n`);
}
process.exit(failures.length > 0 ? 1 : 0);

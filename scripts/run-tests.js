// Runs every *.test.ts under packages/*/src and packages/*/test with Node's test runner.
// Node 20's `--test` does not expand globs, so the files are collected here.
// Usage: node scripts/run-tests.js [path-fragment ...]  (fragments filter the file list)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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
// three at a time: each file would otherwise find it stale and rebuild it while another file
// is serving it (the build empties dist first, so the other file's pages fail to load).
if (files.some((file) => file.includes('browser'))) {
  spawnSync(process.execPath, [join(root, 'scripts', 'ensure-web-build.js')], {
    cwd: root,
    stdio: 'inherit',
  });
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=3', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);

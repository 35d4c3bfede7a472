#!/usr/bin/env node
// The `pec` command. Runs the bundled JavaScript (packages/server/dist, built by `npm ci` through
// scripts/build-dist.js) when it is present and no TypeScript source of @pec/core or @pec/server is
// newer than it; otherwise the TypeScript sources through tsx (decisions 0002, 0020).
// PEC_FROM_SOURCES=1 forces the sources.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const packagesDir = join(import.meta.dirname, '..', '..');

/** @param {string} dir @returns {number} the newest modification time of a source under `dir` */
function newestSource(dir) {
  let newest = 0;
  // Plain string paths: path.join's normalisation of ~700 paths would cost more than the stats.
  for (const name of readdirSync(dir, { recursive: true })) {
    if (typeof name !== 'string' || !name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const time = statSync(`${dir}/${name}`).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** @returns {boolean} whether the bundle exists and is at least as new as every source */
function distIsFresh() {
  // eslint-disable-next-line no-restricted-properties -- the launcher, before the CLI reads anything
  if (process.env.PEC_FROM_SOURCES === '1') return false;
  const stamp = statSync(join(packagesDir, 'server', 'dist', '.build-stamp'), { throwIfNoEntry: false });
  if (stamp === undefined) return false;
  return ['core', 'server'].every((name) => newestSource(join(packagesDir, name, 'src')) <= stamp.mtimeMs);
}

let cli;
if (distIsFresh()) cli = await import('../dist/cli/main.js');
else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
process.exitCode = await cli.runCli(process.argv.slice(2));

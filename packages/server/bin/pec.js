#!/usr/bin/env node
// The `pec` command. Runs the bundled JavaScript (packages/server/dist, built by `npm ci` through
// scripts/build-dist.js) when it is present and none of the TypeScript sources it was built from is
// newer than it or gone; otherwise the TypeScript sources through tsx (decisions 0002, 0020).
// PEC_FROM_SOURCES=1 forces the sources.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const packagesDir = join(import.meta.dirname, '..', '..');

/** @returns {boolean} whether the bundle exists and is at least as new as every source it was built from */
function distIsFresh() {
  // eslint-disable-next-line no-restricted-properties -- the launcher, before the CLI reads anything
  if (process.env.PEC_FROM_SOURCES === '1') return false;
  const dist = join(packagesDir, 'server', 'dist');
  const stamp = statSync(join(dist, '.build-stamp'), { throwIfNoEntry: false });
  if (stamp === undefined) return false;
  let inputs;
  try {
    inputs = readFileSync(join(dist, '.build-inputs'), 'utf8');
  } catch {
    return false;
  }
  // The sources the build listed (scripts/build-dist.js), not a walk of both trees: a missing or newer
  // one means the bundle is stale. Plain string paths: path.join's normalisation would cost more.
  for (const name of inputs.split('\n')) {
    if (name === '') continue;
    const source = statSync(`${packagesDir}/${name}`, { throwIfNoEntry: false });
    if (source === undefined || source.mtimeMs > stamp.mtimeMs) return false;
  }
  return true;
}

let cli;
if (distIsFresh()) cli = await import('../dist/cli/main.js');
else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
process.exitCode = await cli.runCli(process.argv.slice(2));

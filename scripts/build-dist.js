// Bundles the `pec` command (packages/server/src/cli/main.ts with @pec/core and every server module)
// into JavaScript under packages/server/dist/cli, so that `pec` starts without compiling TypeScript
// and without resolving and reading hundreds of small modules at every run (decision 0020). npm
// dependencies stay external (loaded from node_modules) except the few pure-JavaScript ones listed in
// `bundledDependencies` (decision 0047); modules the CLI imports on demand (the
// listeners of `pec serve`, the PostgreSQL adapters) become chunks loaded only when used. The chunks
// sit in dist/cli, one folder below the package root like src/cli and src/app, so the sources'
// `import.meta.url`-relative paths (package.json, the web build) resolve the same. Emit only: `npm run
// typecheck` is the type check. A stamp records the build; `bin/pec.js` runs dist only while no source
// is newer. Run by `npm ci` (the root `prepare` script) and `npm run build`; does nothing when esbuild
// is not installed (then `pec` runs the sources through tsx).
// Usage: node scripts/build-dist.js
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const server = join(root, 'packages', 'server');
const outdir = join(server, 'dist', 'cli');

/** @param {string} name @returns {string[]} the runtime dependencies of packages/NAME */
function dependencies(name) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
  return Object.keys(manifest.dependencies ?? {});
}

/**
 * Pure-JavaScript dependencies bundled into the chunks instead of loaded from node_modules: kysely and
 * zod ship as hundreds of small ES modules (about 360 files for `pec mailbox list`), and resolving,
 * reading and compiling each one was most of the command's start-up (decision 0047). Native addons
 * and everything else stay external.
 */
const bundledDependencies = new Set(['kysely', 'zod']);

/** @type {typeof import('esbuild') | undefined} */
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('pec: esbuild is not installed; `pec` will run from the TypeScript sources through tsx');
  process.exit(0);
}
const started = Date.now();
rmSync(join(server, 'dist'), { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints: [join(server, 'src', 'cli', 'main.ts')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  external: [...new Set([...dependencies('server'), ...dependencies('core')])].filter(
    (name) => name !== '@pec/core' && !bundledDependencies.has(name),
  ),
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
});
// The sources the bundle was built from (relative to packages/), one a line: bin/pec.js compares their
// modification times with the stamp instead of walking both source trees at every start (decision
// 0047). A source that no bundled file imports cannot change the bundle until a bundled file starts
// importing it, and that file's time then changes.
const inputs = Object.keys(result.metafile.inputs)
  .filter((path) => /^packages\/(core|server)\/src\/.*\.ts$/.test(path))
  .map((path) => path.slice('packages/'.length));
writeFileSync(join(server, 'dist', '.build-inputs'), inputs.join('\n') + '\n');
writeFileSync(join(server, 'dist', '.build-stamp'), new Date().toISOString() + '\n');
console.log(`pec: bundled the pec command into packages/server/dist in ${Date.now() - started} ms`);

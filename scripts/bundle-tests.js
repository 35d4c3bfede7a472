// Bundles test files into plain ESM JavaScript before the runner starts them (decision 0063), so that
// a test file's process loads a few prebuilt chunks instead of resolving and transforming hundreds of
// TypeScript modules through tsx's loader hooks (3-4 s of CPU in every server test file).
// One esbuild build for all the selected files (entry points), with shared code split into chunks:
// each module is transformed once per run, not once per file. npm packages stay external (loaded from
// node_modules as under tsx; native addons must be), except kysely and zod, hundreds of small ES
// modules each, bundled as `pec` does (scripts/build-dist.js, decision 0047). @pec/* workspace packages
// are our sources and are bundled.
// Each module keeps its own `import.meta.url`, `import.meta.dirname` and `import.meta.filename`: they are
// replaced by the module's original location when esbuild loads it, since code reads the files next to it
// (DTDs, fixtures, the web build, scripts run as children). Source maps (run with
// `--enable-source-maps`) make stack traces name the .ts files and lines.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** npm packages bundled into the chunks instead of loaded from node_modules (as scripts/build-dist.js). */
const bundledDependencies = new Set(['kysely', 'zod']);

/** `import.meta` properties that name the module's own location, replaced by its original one. */
const importMetaLocation = /\bimport\.meta\.(url|dirname|filename)\b/g;

/** @param {string} dir @returns {string[]} the packages installed in DIR/node_modules */
function installed(dir) {
  /** @type {string[]} */
  let names;
  try {
    names = readdirSync(join(dir, 'node_modules'));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (name.startsWith('.')) return [];
    if (!name.startsWith('@')) return [name];
    return readdirSync(join(dir, 'node_modules', name)).map((inner) => `${name}/${inner}`);
  });
}

/** @param {string} dir @returns {string[]} the .ts and .tsx files under DIR, node_modules and dist left out */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) return [];
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** @param {string} text @returns {string} TEXT as a literal part of a regular expression */
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Bundles `files` (paths relative to `root`) into `outdir`, a folder under `root`'s node_modules.
 * @param {{ root: string, files: string[], outdir: string }} options
 * @returns {Promise<Map<string, string>>} each test file -> the bundle to run
 */
export async function bundleTests({ root, files, outdir }) {
  const esbuild = await import('esbuild');
  // Packages a workspace installs in its own node_modules (packages/server has its own pino): the
  // bundle, under the root's node_modules, would find the root's copy, so they are imported by the
  // path the importing source resolves them to. Every other package is imported by name, as the
  // source does, and found in the root's node_modules as under tsx.
  const workspaces = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name));
  const ownCopies = [...new Set(workspaces.flatMap(installed))];
  const external = installed(root)
    .filter((name) => !name.startsWith('@pec/') && !bundledDependencies.has(name))
    .filter((name) => !ownCopies.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
  // Only the sources that name their own location go through the plugin's onLoad (a round trip
  // between esbuild and this process per module, slow on a loaded machine): found by a scan.
  const locating = workspaces
    .flatMap(sources)
    .filter((file) => /\bimport\.meta\.(url|dirname|filename)\b/.test(readFileSync(file, 'utf8')));
  /** @type {import('esbuild').Plugin} */
  const ownLocation = {
    name: 'own-location',
    setup(build) {
      if (ownCopies.length > 0) {
        const filter = new RegExp(`^(${ownCopies.map(literal).join('|')})(/|$)`);
        build.onResolve({ filter }, async (args) => {
          if (args.pluginData === 'own-copy') return undefined;
          const resolved = await build.resolve(args.path, {
            kind: args.kind,
            resolveDir: args.resolveDir,
            pluginData: 'own-copy',
          });
          if (resolved.errors.length > 0) return { errors: resolved.errors };
          return { path: pathToFileURL(resolved.path).href, external: true };
        });
      }
      if (locating.length === 0) return;
      build.onLoad({ filter: new RegExp(`^(${locating.map(literal).join('|')})$`) }, (args) => {
        const own = { url: pathToFileURL(args.path).href, dirname: dirname(args.path), filename: args.path };
        const source = readFileSync(args.path, 'utf8');
        return {
          contents: source.replace(importMetaLocation, (_, key) =>
            JSON.stringify(own[/** @type {'url' | 'dirname' | 'filename'} */ (key)]),
          ),
          loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
        };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(
      files.map((file) => [file.replace(/\.ts$/, '').split(sep).join('/'), join(root, file)]),
    ),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [ownLocation],
    logLevel: 'silent',
    absWorkingDir: root,
    metafile: true,
  });
  /** @type {Map<string, string>} */
  const bundles = new Map();
  for (const [output, info] of Object.entries(result.metafile.outputs)) {
    if (info.entryPoint === undefined) continue;
    bundles.set(relative(root, join(root, info.entryPoint)), join(root, output));
  }
  return bundles;
}

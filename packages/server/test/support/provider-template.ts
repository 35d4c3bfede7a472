/**
 * `initProvider` for tests, from a data folder initialised once per test run and copied (decision
 * 0059). `pec init` generates a development PKI (three RSA-2048 keys), migrates a new database and adds
 * the service domain: about a second of CPU, paid by every file that starts a provider. Under the
 * test runner (scripts/run-tests.js sets `PEC_TEST_CACHE_DIR` to a folder of its own, removed when
 * the run ends) the first file to need a given initialisation builds it in that folder and the
 * others copy it; outside the runner, or for options a copy cannot honour (a clock, an environment,
 * imported signing material, another storage), this is `initProvider` itself.
 *
 * What a copy holds is what `initProvider` wrote: the configuration (every path in it relative to
 * the data folder), the certificates and keys (modes kept), the SQLite database (closed, so no
 * write-ahead log beside it), the empty blobs and quarantine folders. Providers started from one
 * template share its keys and certificates, as a provider restarted on its folder would.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { initProvider, type InitProviderOptions } from '../../src/app/init-provider.ts';

/** The options a template can stand for: everything else is written into the folder as given. */
type TemplateOptions = Pick<InitProviderOptions, 'domain' | 'providerName' | 'hostname' | 'listen' | 'ports'>;

function templatable(options: InitProviderOptions): boolean {
  const allowed = new Set(['dataDir', 'domain', 'providerName', 'hostname', 'listen', 'ports']);
  return Object.keys(options).every((key) => allowed.has(key));
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

/**
 * Initialises `options.dataDir` (an empty or absent folder) as `initProvider(options)` would, by a
 * copy of this run's template for the same options when there is one to share.
 */
export async function initProviderFromTemplate(options: InitProviderOptions): Promise<void> {
  const cache = process.env['PEC_TEST_CACHE_DIR'];
  if (cache === undefined || cache === '' || !templatable(options)) {
    await initProvider(options);
    return;
  }
  const { dataDir, ...rest } = options;
  const key: TemplateOptions = rest;
  const name = createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 16);
  const template = join(cache, `provider-${name}`);
  if (!(await exists(template))) {
    // Built aside and renamed into place: the rename is atomic, so a template that exists is whole.
    // Two files may build one at the same time; the first rename wins, the other copy is dropped.
    const building = await mkdtemp(join(cache, 'building-'));
    const folder = join(building, 'data');
    await initProvider({ ...key, dataDir: folder });
    await rename(folder, template).catch(async (error: unknown) => {
      if (!(await exists(template))) throw error;
    });
    await rm(building, { recursive: true, force: true });
  }
  await cp(template, dataDir, { recursive: true, errorOnExist: true, force: false });
}

/**
 * The light half of opening a provider: configuration, metadata storage and blob store, without the
 * signing material, TLS files, providers' index or change bus that `openProvider` also reads. The
 * account commands (`pec domain …`, `pec mailbox …`) need only these, so they start without loading
 * the certificate and CMS modules (decision 0047).
 */
import { loadConfig, type ConfigOverrides, type LoadedConfig } from '../config/load-config.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { Storage } from '../ports/storage.ts';
import { openFsBlobStore } from '../storage/blobs-fs/open-fs-blob-store.ts';
import { openSqliteStorage } from '../storage/sqlite/open-sqlite-storage.ts';

export interface OpenProviderOptions {
  readonly dataDir: string;
  /** Environment to take overrides from (`PEC_*`, see docs/config.md); the CLI passes `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Settings forced over the file and the environment. */
  readonly overrides?: ConfigOverrides;
  readonly clock?: Clock;
}

/** The configuration and the two stores of a provider, with what closes them. */
export interface ProviderStores {
  readonly config: LoadedConfig;
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  close(): Promise<void>;
}

/** Opens the metadata storage the configuration names. */
export async function openConfiguredStorage(loaded: LoadedConfig, clock: Clock): Promise<Storage> {
  const { storage } = loaded.config;
  if (storage.kind === 'postgres') {
    // The schema guarantees the URL when kind is postgres.
    // Loaded on demand, so that commands on an embedded provider do not load the PostgreSQL driver.
    const { openPostgresStorage } = await import('../storage/postgres/open-postgres-storage.ts');
    return openPostgresStorage({ url: storage.postgresUrl ?? '', clock });
  }
  return openSqliteStorage({ file: storage.sqliteFile, clock });
}

/** Opens the blob store the configuration names (`storage.blobs`), with what closes it. */
export async function openConfiguredBlobStore(
  loaded: LoadedConfig,
  clock: Clock,
): Promise<{ readonly blobs: BlobStore; readonly close: () => Promise<void> }> {
  const { storage } = loaded.config;
  if (storage.blobs === 'postgres') {
    // The schema allows postgres blobs only with kind postgres, which guarantees the URL.
    const { openPostgresBlobStore } = await import('../storage/blobs-postgres/open-postgres-blob-store.ts');
    const blobs = await openPostgresBlobStore({ url: storage.postgresUrl ?? '', clock });
    return { blobs, close: () => blobs.close() };
  }
  return { blobs: await openFsBlobStore({ dir: storage.blobsDir }), close: () => Promise.resolve() };
}

/** Loads and validates the whole configuration of `dataDir`. */
export function loadProviderConfig(options: OpenProviderOptions): Promise<LoadedConfig> {
  return loadConfig({
    dataDir: options.dataDir,
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.overrides === undefined ? {} : { overrides: options.overrides }),
  });
}

export async function openProviderStores(options: OpenProviderOptions): Promise<ProviderStores> {
  const clock = options.clock ?? systemClock;
  const loaded = await loadProviderConfig(options);
  const storage = await openConfiguredStorage(loaded, clock);
  const opened = await openConfiguredBlobStore(loaded, clock).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  let closed: Promise<void> | undefined;
  return {
    config: loaded,
    storage,
    blobs: opened.blobs,
    clock,
    close() {
      closed ??= Promise.all([storage.close(), opened.close()]).then(() => undefined);
      return closed;
    },
  };
}

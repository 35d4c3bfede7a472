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
import { openSqliteStores } from '../storage/sqlite/open-sqlite-stores.ts';

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

/** The metadata storage and the blob store of a provider, with what closes both. */
export interface ConfiguredStores {
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly close: () => Promise<void>;
}

/**
 * Opens the metadata storage and the blob store the configuration names (`storage.kind`,
 * `storage.blobs`). Embedded (SQLite with fs blobs): small blobs in the database, on the storage's
 * own connection, larger ones under blobsDir (decision 0048). PostgreSQL: blobs under blobsDir, or
 * chunked in the same PostgreSQL database with `storage.blobs = postgres` (shared by every node).
 */
export async function openConfiguredStores(loaded: LoadedConfig, clock: Clock): Promise<ConfiguredStores> {
  const { storage: settings } = loaded.config;
  if (settings.kind === 'sqlite') {
    // The schema allows postgres blobs only with kind postgres: embedded blobs are always here.
    const { storage, blobs } = await openSqliteStores({
      file: settings.sqliteFile,
      blobsDir: settings.blobsDir,
      clock,
    });
    return { storage, blobs, close: () => storage.close() };
  }
  const storage = await openConfiguredStorage(loaded, clock);
  try {
    if (settings.blobs === 'postgres') {
      const { openPostgresBlobStore } = await import('../storage/blobs-postgres/open-postgres-blob-store.ts');
      const blobs = await openPostgresBlobStore({ url: settings.postgresUrl ?? '', clock });
      return {
        storage,
        blobs,
        close: () => Promise.all([storage.close(), blobs.close()]).then(() => undefined),
      };
    }
    const blobs = await openFsBlobStore({ dir: settings.blobsDir });
    return { storage, blobs, close: () => storage.close() };
  } catch (error) {
    await storage.close();
    throw error;
  }
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
  const opened = await openConfiguredStores(loaded, clock);
  let closed: Promise<void> | undefined;
  return {
    config: loaded,
    storage: opened.storage,
    blobs: opened.blobs,
    clock,
    close() {
      closed ??= opened.close();
      return closed;
    },
  };
}

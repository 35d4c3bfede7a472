/**
 * The composition root's first half: from a data folder to a ready ProviderContext. It loads and
 * validates the whole configuration, opens the configured storage (SQLite or PostgreSQL, migrations
 * included) and the blob store, reads the TLS and signing material, checks that the signing
 * certificate is for `posta-certificata@<domain>` (pec-spec §8.1), and loads the local providers'
 * index (pec-spec §7.3). Nothing is printed; errors are thrown (ConfigError for configuration).
 */
import { readFile } from 'node:fs/promises';
import {
  createSoftwareSigner,
  createProviderIndex,
  parseLdif,
  pemToDer,
  renderProviderEntry,
  type ProviderIdentity,
  type ProviderIndex,
} from '@pec/core';
import { loadConfig, type ConfigOverrides, type LoadedConfig } from '../config/load-config.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { Storage } from '../ports/storage.ts';
import { createProviderDirectory } from '../services/provider-directory/create-provider-directory.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import { openFsBlobStore } from '../storage/blobs-fs/open-fs-blob-store.ts';
import { openSqliteStorage } from '../storage/sqlite/open-sqlite-storage.ts';
import { checkSigningCertificate } from './check-signing-certificate.ts';
import { openCoordination } from './open-coordination.ts';
import type { ProviderContext } from './provider-context.ts';
import { readProviderIndex } from './read-provider-index.ts';

export interface OpenProviderOptions {
  readonly dataDir: string;
  /** Environment to take overrides from (`PEC_*`, see docs/config.md); the CLI passes `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Settings forced over the file and the environment. */
  readonly overrides?: ConfigOverrides;
  readonly clock?: Clock;
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

async function loadIndex(
  loaded: LoadedConfig,
  identity: ProviderIdentity,
  signingCertificate: string,
): Promise<ProviderIndex> {
  try {
    return await readProviderIndex(loaded.config.index.file);
  } catch (error) {
    const missing = typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
    // pec-spec §7.3: with a refresh URL the first download creates the file; until then we know ourselves.
    if (!missing || loaded.config.index.refreshUrl === undefined) throw error;
    const own = renderProviderEntry({
      name: identity.name,
      mailReceipt: loaded.config.provider.receiptMailbox,
      managedDomains: [identity.domain],
      certificates: [pemToDer(signingCertificate, 'CERTIFICATE')],
    });
    return createProviderIndex(parseLdif(own));
  }
}

export async function openProvider(options: OpenProviderOptions): Promise<ProviderContext> {
  const clock = options.clock ?? systemClock;
  const loaded = await loadConfig({
    dataDir: options.dataDir,
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.overrides === undefined ? {} : { overrides: options.overrides }),
  });
  const { config } = loaded;
  const identity: ProviderIdentity = { name: config.provider.name, domain: config.provider.domain };

  const read = (file: string): Promise<string> => readFile(file, 'utf8');
  const [tlsCert, tlsKey, signingCertificate, signingKey, ...chain] = await Promise.all([
    read(config.tls.certFile),
    read(config.tls.keyFile),
    read(config.signing.certFile),
    read(config.signing.keyFile),
    ...config.signing.chainFiles.map(read),
  ]);
  await checkSigningCertificate({ certificate: signingCertificate, privateKey: signingKey }, identity.domain);
  const signer = await createSoftwareSigner({
    certificate: signingCertificate,
    privateKey: signingKey,
    chain,
    digestAlgorithm: config.signing.digestAlgorithm,
  });
  // The live index: a refresh or an import replaces its content while the provider runs.
  const directory = createProviderDirectory(await loadIndex(loaded, identity, signingCertificate));
  const storage = await openConfiguredStorage(loaded, clock);
  // Change bus, locks and node id: in-process on SQLite, LISTEN/NOTIFY and advisory locks on PostgreSQL.
  const coordination = await openCoordination(config).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  const openedBlobs = await openConfiguredBlobStore(loaded, clock).catch(async (error: unknown) => {
    await Promise.all([coordination.close(), storage.close()]);
    throw error;
  });
  const { blobs } = openedBlobs;

  let closed: Promise<void> | undefined;
  return {
    config: loaded,
    storage,
    blobs,
    signer,
    identity,
    index: directory.index,
    directory,
    tls: { cert: tlsCert, key: tlsKey },
    clock,
    coordination,
    close() {
      closed ??= Promise.all([coordination.close(), storage.close(), openedBlobs.close()]).then(
        () => undefined,
      );
      return closed;
    },
  };
}

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
import type { LoadedConfig } from '../config/load-config.ts';
import { systemClock } from '../ports/clock.ts';
import { createProviderDirectory } from '../services/provider-directory/create-provider-directory.ts';
import { checkSigningCertificate } from './check-signing-certificate.ts';
import { openCoordination } from './open-coordination.ts';
import {
  loadProviderConfig,
  openConfiguredStores,
  type OpenProviderOptions,
} from './open-provider-stores.ts';
import type { ProviderContext } from './provider-context.ts';

export type { OpenProviderOptions } from './open-provider-stores.ts';
import { readProviderIndex } from './read-provider-index.ts';

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
  const loaded = await loadProviderConfig(options);
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
  const stores = await openConfiguredStores(loaded, clock);
  const { storage, blobs } = stores;
  // Change bus, locks and node id: in-process on SQLite, LISTEN/NOTIFY and advisory locks on PostgreSQL.
  const coordination = await openCoordination(config).catch(async (error: unknown) => {
    await stores.close();
    throw error;
  });

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
      closed ??= Promise.all([coordination.close(), stores.close()]).then(() => undefined);
      return closed;
    },
  };
}

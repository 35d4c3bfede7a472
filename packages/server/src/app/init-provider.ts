/**
 * Creates a provider's data folder (`pec init`): configuration, certificates, the local providers'
 * index with this provider's own entry (pec-spec §7.2), the database with the service domain.
 * Unless signing credentials are given it generates a DEVELOPMENT PKI (a CA and a signing
 * certificate with the pec-spec §8.1 profile), never valid for production; the TLS certificate of
 * the listeners always comes from that development CA, whose certificate is `certs/ca.pem`.
 * Refuses a folder that already has a configuration. The configuration is written last but one and
 * removed again if the database cannot be prepared, so a failed init can simply be retried.
 */
import { chmod, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDevelopmentPki, pemToDer, renderProviderEntry, type CertificateInfo } from '@pec/core';
import { loadConfig } from '../config/load-config.ts';
import type { Config, ConfigInput, PortsConfig } from '../config/config-schema.ts';
import { dataFolderLayout, type DataFolderLayout } from '../config/data-folder-layout.ts';
import { buildInitialConfig, writeConfigFile } from '../config/write-initial-config.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import { isAccountError } from '../services/accounts/account-error.ts';
import { createAccountService } from '../services/accounts/create-account-service.ts';
import { checkSigningCertificate } from './check-signing-certificate.ts';
import { openConfiguredStorage } from './open-provider-stores.ts';
import {
  readSigningMaterial,
  type ImportedSigningMaterial,
  type SigningSource,
} from './read-signing-material.ts';

/** Where imported intermediate certificates go, relative to the data folder. */
export const signingChainEntry = 'certs/signing-chain.pem';

export interface InitProviderOptions {
  readonly dataDir: string;
  /** The provider's service domain: `posta-certificata@<domain>` signs and sends (pec-spec §2.1). */
  readonly domain: string;
  readonly providerName?: string;
  readonly hostname?: string;
  /** Address every listener binds to; default 127.0.0.1. */
  readonly listen?: string;
  readonly ports?: Partial<PortsConfig>;
  /** Storage settings, e.g. `{ kind: 'postgres', postgresUrl }`; default the SQLite file. */
  readonly storage?: Partial<NonNullable<ConfigInput['storage']>>;
  /** PEM file of the signing certificate (intermediates may follow it); needs `signingKey`. */
  readonly signingCert?: string;
  /** PEM file of its private key (unencrypted). */
  readonly signingKey?: string;
  /** PKCS#12 file holding the signing key and certificate, instead of the PEM pair. */
  readonly signingP12?: { readonly file: string; readonly password: string };
  /** For `PEC_POSTGRES_URL` and the other overrides of loadConfig. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
}

export interface InitProviderResult {
  /** Absolute data folder. */
  readonly dataDir: string;
  readonly layout: DataFolderLayout;
  /** The written configuration with every path resolved. */
  readonly config: Config;
  /** True when the signing certificate is a generated development one. */
  readonly createdDevelopmentPki: boolean;
  readonly signingCertificate: CertificateInfo;
}

function signingSource(options: InitProviderOptions): SigningSource | undefined {
  const { signingCert, signingKey, signingP12 } = options;
  if (signingP12 !== undefined) {
    if (signingCert !== undefined || signingKey !== undefined) {
      throw new Error('give either a PKCS#12 file or a PEM certificate and key, not both');
    }
    return { kind: 'pkcs12', file: signingP12.file, password: signingP12.password };
  }
  if (signingCert === undefined && signingKey === undefined) return undefined;
  if (signingCert === undefined || signingKey === undefined) {
    throw new Error('a signing certificate needs its private key, and a key its certificate');
  }
  return { kind: 'pem', certFile: signingCert, keyFile: signingKey };
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

async function writeSecret(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}

export async function initProvider(options: InitProviderOptions): Promise<InitProviderResult> {
  const clock = options.clock ?? systemClock;
  const layout = dataFolderLayout(options.dataDir);
  if (await exists(layout.configFile)) {
    throw new Error(
      `${layout.configFile} exists: this data folder is already initialised; use another --data folder`,
    );
  }
  const source = signingSource(options);
  const initial = buildInitialConfig({
    domain: options.domain,
    ...(options.providerName === undefined ? {} : { providerName: options.providerName }),
    ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
    ...(options.listen === undefined ? {} : { listen: { host: options.listen } }),
    ...(options.ports === undefined ? {} : { ports: options.ports }),
    ...(options.storage === undefined ? {} : { storage: options.storage }),
  });
  const { provider } = initial;

  // Signing material first: a wrong certificate must stop init before anything is written.
  const imported: ImportedSigningMaterial | undefined =
    source === undefined ? undefined : await readSigningMaterial(source);
  const development = await createDevelopmentPki({
    domain: provider.domain,
    providerName: provider.name,
    hostnames: [...new Set([provider.hostname, provider.domain])],
    now: clock.now(),
  });
  const signing: ImportedSigningMaterial = imported ?? {
    certificate: development.signingCertificate,
    privateKey: development.signingPrivateKey,
    chain: [],
  };
  const signingCertificate = await checkSigningCertificate(signing, provider.domain);
  const config: Config =
    signing.chain.length === 0
      ? initial
      : { ...initial, signing: { ...initial.signing, chainFiles: [signingChainEntry] } };

  await mkdir(layout.root, { recursive: true, mode: 0o700 });
  await mkdir(layout.certsDir, { recursive: true, mode: 0o700 });
  await writeFile(layout.caCertFile, development.caCertificate);
  await writeFile(layout.signingCertFile, signing.certificate);
  await writeSecret(layout.signingKeyFile, signing.privateKey);
  if (signing.chain.length > 0) await writeFile(join(layout.root, signingChainEntry), signing.chain.join(''));
  await writeFile(layout.tlsCertFile, development.tlsCertificate);
  await writeSecret(layout.tlsKeyFile, development.tlsPrivateKey);
  await writeFile(
    layout.indexFile,
    renderProviderEntry({
      name: provider.name,
      mailReceipt: provider.receiptMailbox,
      managedDomains: [provider.domain],
      certificates: [pemToDer(signing.certificate, 'CERTIFICATE')],
    }),
  );

  await writeConfigFile(layout.root, config);
  try {
    const loaded = await loadConfig({
      dataDir: layout.root,
      ...(options.env === undefined ? {} : { env: options.env }),
    });
    // The folders the configuration names (blobs, quarantine), which may lie outside the data folder.
    await mkdir(loaded.config.storage.blobsDir, { recursive: true, mode: 0o700 });
    await mkdir(loaded.config.storage.quarantineDir, { recursive: true, mode: 0o700 });
    const storage = await openConfiguredStorage(loaded, clock);
    try {
      await createAccountService({ storage, clock }).addDomain(provider.domain, {
        description: `${provider.name}: service domain`,
      });
    } catch (error) {
      // A PostgreSQL database reused from an earlier attempt may know the domain already.
      if (!isAccountError(error, 'conflict')) throw error;
    } finally {
      await storage.close();
    }
    return {
      dataDir: layout.root,
      layout,
      config: loaded.config,
      createdDevelopmentPki: imported === undefined,
      signingCertificate,
    };
  } catch (error) {
    await rm(layout.configFile, { force: true });
    throw error;
  }
}

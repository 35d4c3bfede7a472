/**
 * The data folder: where a provider keeps its configuration, embedded database, message blobs, keys and
 * the local copy of the providers' index (pec-spec §7.3: providers must keep one). Every path a default
 * setting points to comes from `dataFolderEntries`, so the layout and the schema defaults cannot drift.
 */
import { isAbsolute, join, resolve } from 'node:path';

/** The folder used when neither `--data` nor `PEC_DATA` is given, relative to the working directory. */
export const defaultDataDir = './data';

/** Environment variable naming the data folder (the `--data` flag wins over it). */
export const dataDirEnvVar = 'PEC_DATA';

/** Entries of the data folder, relative to it (forward slashes: they are also written into the config file). */
export const dataFolderEntries = {
  configFile: 'pec.config.json',
  databaseFile: 'pec.db',
  blobsDir: 'blobs',
  certsDir: 'certs',
  caCertFile: 'certs/ca.pem',
  signingCertFile: 'certs/signing-cert.pem',
  signingKeyFile: 'certs/signing-key.pem',
  tlsCertFile: 'certs/tls-cert.pem',
  tlsKeyFile: 'certs/tls-key.pem',
  indexFile: 'certs/index.ldif',
  quarantineDir: 'quarantine',
} as const;

export type DataFolderLayout = { readonly root: string } & {
  readonly [K in keyof typeof dataFolderEntries]: string;
};

/** The data folder's entries as absolute paths (`dir` is resolved against the working directory). */
export function dataFolderLayout(dir: string): DataFolderLayout {
  const root = resolve(dir);
  return {
    root,
    configFile: join(root, dataFolderEntries.configFile),
    databaseFile: join(root, dataFolderEntries.databaseFile),
    blobsDir: join(root, dataFolderEntries.blobsDir),
    certsDir: join(root, dataFolderEntries.certsDir),
    caCertFile: join(root, dataFolderEntries.caCertFile),
    signingCertFile: join(root, dataFolderEntries.signingCertFile),
    signingKeyFile: join(root, dataFolderEntries.signingKeyFile),
    tlsCertFile: join(root, dataFolderEntries.tlsCertFile),
    tlsKeyFile: join(root, dataFolderEntries.tlsKeyFile),
    indexFile: join(root, dataFolderEntries.indexFile),
    quarantineDir: join(root, dataFolderEntries.quarantineDir),
  };
}

/**
 * Picks the data folder: the `--data` flag, else `PEC_DATA`, else `./data`; returned absolute.
 * Empty values count as absent.
 */
export function resolveDataDir(options: {
  flag?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  cwd: string;
}): string {
  const fromEnv = options.env?.[dataDirEnvVar];
  const chosen =
    options.flag !== undefined && options.flag !== ''
      ? options.flag
      : fromEnv !== undefined && fromEnv !== ''
        ? fromEnv
        : defaultDataDir;
  return isAbsolute(chosen) ? resolve(chosen) : resolve(options.cwd, chosen);
}

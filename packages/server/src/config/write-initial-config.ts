/**
 * Creates a provider's first configuration (`pec init`): a complete, validated `Config` built from a few
 * answers, written as pretty JSON with owner-only permissions. The write is atomic (temporary file, fsync,
 * then link or rename), so a crash never leaves a half-written configuration behind.
 */
import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, configIssuesFromZod } from './config-error.ts';
import { configSchema } from './config-schema.ts';
import type { Config, ConfigInput } from './config-schema.ts';
import { dataFolderEntries } from './data-folder-layout.ts';

export type InitialConfigInput = {
  /** The provider's service domain (`provider.domain`). */
  readonly domain: string;
  readonly providerName?: string;
  readonly hostname?: string;
  readonly receiptMailbox?: string;
  readonly listen?: Partial<NonNullable<ConfigInput['listen']>>;
  readonly ports?: Partial<NonNullable<ConfigInput['ports']>>;
  readonly storage?: Partial<NonNullable<ConfigInput['storage']>>;
  readonly signing?: Partial<NonNullable<ConfigInput['signing']>>;
};

/** A complete configuration from the answers `pec init` collects; throws `ConfigError` if they are invalid. */
export function buildInitialConfig(input: InitialConfigInput): Config {
  const candidate: ConfigInput = {
    version: 1,
    provider: {
      domain: input.domain,
      ...(input.providerName === undefined ? {} : { name: input.providerName }),
      ...(input.hostname === undefined ? {} : { hostname: input.hostname }),
      ...(input.receiptMailbox === undefined ? {} : { receiptMailbox: input.receiptMailbox }),
    },
    listen: { ...input.listen },
    ports: { ...input.ports },
    storage: { ...input.storage },
    signing: { ...input.signing },
  };
  const parsed = configSchema.safeParse(candidate);
  if (!parsed.success) throw new ConfigError(configIssuesFromZod(parsed.error.issues));
  return parsed.data;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Writes `config` to `<dataDir>/pec.config.json` (mode 0600; the folder is created with mode 0700 if
 * missing) and returns the file's absolute path. Refuses to replace an existing file unless `overwrite`.
 * The configuration is validated first, so an invalid one is never written.
 */
export async function writeConfigFile(
  dataDir: string,
  config: Config,
  options: { readonly overwrite?: boolean } = {},
): Promise<string> {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) throw new ConfigError(configIssuesFromZod(parsed.error.issues));

  const root = resolve(dataDir);
  const target = join(root, dataFolderEntries.configFile);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const temporary = join(root, `.${dataFolderEntries.configFile}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(config, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temporary, 0o600);
    if (options.overwrite === true) {
      await rename(temporary, target);
    } else {
      // link() fails if the target exists, so two concurrent `pec init` runs cannot both win.
      await link(temporary, target).catch((error: unknown) => {
        if (errorCode(error) === 'EEXIST') {
          throw new ConfigError(
            [{ path: '(file)', message: 'already exists; refusing to replace it' }],
            target,
          );
        }
        throw error;
      });
    }
    await syncFolder(root);
    return target;
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Makes the new directory entry durable; some filesystems do not support syncing a folder. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (handle === undefined) return;
  try {
    await handle.sync();
  } catch {
    // Best effort: the file content itself was already synced.
  } finally {
    await handle.close();
  }
}

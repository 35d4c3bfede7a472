/**
 * Loads the provider configuration from a data folder: reads `pec.config.json`, applies environment and
 * caller overrides, validates the whole file at once, resolves paths against the data folder and checks
 * that the files it names exist. Every problem found is reported together in one `ConfigError`.
 * The environment is a parameter: only the CLI reads `process.env` (decision 0001).
 */
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError, configIssuesFromZod } from './config-error.ts';
import type { ConfigIssue } from './config-error.ts';
import { configSchema } from './config-schema.ts';
import type { Config, ConfigInput } from './config-schema.ts';
import { dataFolderLayout } from './data-folder-layout.ts';
import type { DataFolderLayout } from './data-folder-layout.ts';
import { applyEnvOverrides } from './env-overrides.ts';

/** Settings to force, section by section, over the file and the environment (e.g. from CLI flags). */
export type ConfigOverrides = { readonly [S in keyof ConfigInput]?: Partial<NonNullable<ConfigInput[S]>> };

export type LoadConfigOptions = {
  /** The data folder; resolved against the working directory when relative. */
  readonly dataDir: string;
  /** Variables to take overrides from (see `envOverrides`); the CLI passes `process.env`. Default: none. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly overrides?: ConfigOverrides;
  /** Check that certificate, key and index files exist. Default true. */
  readonly checkFiles?: boolean;
};

export type LoadedConfig = {
  /** Absolute data folder. */
  readonly dataDir: string;
  readonly layout: DataFolderLayout;
  /** The validated configuration; every path in it is absolute. */
  readonly config: Config;
  /** Environment variables that changed a setting, in table order. */
  readonly appliedEnv: readonly string[];
};

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

async function readConfigFile(file: string): Promise<{ raw: unknown } | { issue: ConfigIssue }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const message =
      errorCode(error) === 'ENOENT'
        ? 'file not found; create it with `pec init`'
        : `cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    return { issue: { path: '(file)', message } };
  }
  try {
    return { raw: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { issue: { path: '(file)', message: `not valid JSON: ${reason}` } };
  }
}

function applyOverrides(raw: unknown, overrides: ConfigOverrides, sources: Map<string, string>): unknown {
  if (!isJsonObject(raw)) return raw;
  const copy: JsonObject = { ...raw };
  // Widened: callers outside TypeScript may pass undefined sections.
  for (const [sectionName, values] of Object.entries(overrides as Record<string, unknown>)) {
    if (values === undefined) continue;
    const section = copy[sectionName] ?? {};
    if (!isJsonObject(values) || !isJsonObject(section)) {
      copy[sectionName] = values;
      sources.set(sectionName, 'an override');
      continue;
    }
    const merged: JsonObject = { ...section };
    for (const [field, value] of Object.entries(values)) {
      if (value === undefined) continue;
      merged[field] = value;
      sources.set(`${sectionName}.${field}`, 'an override');
    }
    copy[sectionName] = merged;
  }
  return copy;
}

function resolvePath(dataDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dataDir, path);
}

/** The configuration with every path resolved against the data folder. */
export function resolveConfigPaths(config: Config, dataDir: string): Config {
  const at = (path: string): string => resolvePath(dataDir, path);
  const { socket } = config.antivirus;
  return {
    ...config,
    storage: {
      ...config.storage,
      sqliteFile: at(config.storage.sqliteFile),
      blobsDir: at(config.storage.blobsDir),
      quarantineDir: at(config.storage.quarantineDir),
    },
    tls: { ...config.tls, certFile: at(config.tls.certFile), keyFile: at(config.tls.keyFile) },
    signing: {
      ...config.signing,
      certFile: at(config.signing.certFile),
      keyFile: at(config.signing.keyFile),
      chainFiles: config.signing.chainFiles.map(at),
    },
    index: {
      ...config.index,
      file: at(config.index.file),
      trustAnchorFiles: config.index.trustAnchorFiles.map(at),
    },
    revocation: { ...config.revocation, trustAnchorFiles: config.revocation.trustAnchorFiles.map(at) },
    antivirus: socket === undefined ? config.antivirus : { ...config.antivirus, socket: at(socket) },
    logTimestamp:
      config.logTimestamp.tsaCertificateFile === undefined
        ? config.logTimestamp
        : { ...config.logTimestamp, tsaCertificateFile: at(config.logTimestamp.tsaCertificateFile) },
  };
}

async function checkReadableFile(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return `not a file: ${path}`;
    await access(path, constants.R_OK);
    return undefined;
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? `file not found: ${path}` : `cannot be read: ${path}`;
  }
}

async function checkNotAFile(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && !info.isDirectory() ? `exists but is not a folder: ${path}` : undefined;
}

/**
 * Checks the files the configuration names. Sections are validated one by one, so the files of a
 * well-formed section are checked even when another section is invalid.
 */
async function checkReferencedFiles(raw: JsonObject, dataDir: string): Promise<ConfigIssue[]> {
  const section = (name: string): unknown => raw[name];
  const checks: { path: string; problem: Promise<string | undefined> }[] = [];
  const file = (path: string, value: string): void => {
    checks.push({ path, problem: checkReadableFile(resolvePath(dataDir, value)) });
  };
  const folder = (path: string, value: string): void => {
    checks.push({ path, problem: checkNotAFile(resolvePath(dataDir, value)) });
  };

  const tls = configSchema.shape.tls.safeParse(section('tls'));
  if (tls.success) {
    file('tls.certFile', tls.data.certFile);
    file('tls.keyFile', tls.data.keyFile);
  }
  const signing = configSchema.shape.signing.safeParse(section('signing'));
  if (signing.success) {
    file('signing.certFile', signing.data.certFile);
    file('signing.keyFile', signing.data.keyFile);
    signing.data.chainFiles.forEach((chainFile, i) => {
      file(`signing.chainFiles[${i}]`, chainFile);
    });
  }
  const index = configSchema.shape.index.safeParse(section('index'));
  // pec-spec §7.3: with a refresh URL the first download creates the local copy.
  if (index.success && index.data.refreshUrl === undefined) file('index.file', index.data.file);
  if (index.success) {
    index.data.trustAnchorFiles.forEach((anchorFile, i) => {
      file(`index.trustAnchorFiles[${i}]`, anchorFile);
    });
  }
  const revocation = configSchema.shape.revocation.safeParse(section('revocation'));
  if (revocation.success) {
    revocation.data.trustAnchorFiles.forEach((anchorFile, i) => {
      file(`revocation.trustAnchorFiles[${i}]`, anchorFile);
    });
  }
  const logTimestamp = configSchema.shape.logTimestamp.safeParse(section('logTimestamp'));
  if (logTimestamp.success && logTimestamp.data.tsaCertificateFile !== undefined) {
    file('logTimestamp.tsaCertificateFile', logTimestamp.data.tsaCertificateFile);
  }
  const storage = configSchema.shape.storage.safeParse(section('storage'));
  if (storage.success) {
    folder('storage.blobsDir', storage.data.blobsDir);
    folder('storage.quarantineDir', storage.data.quarantineDir);
  }

  const issues: ConfigIssue[] = [];
  for (const check of checks) {
    const message = await check.problem;
    if (message !== undefined) issues.push({ path: check.path, message });
  }
  return issues;
}

/** Reads, validates and resolves the configuration of a data folder; throws `ConfigError` listing every problem. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const layout = dataFolderLayout(options.dataDir);
  const read = await readConfigFile(layout.configFile);
  if ('issue' in read) throw new ConfigError([read.issue], layout.configFile);

  const { raw: fromEnv, sources } = applyEnvOverrides(read.raw, options.env ?? {});
  const appliedEnv = [...sources.values()];
  const raw = applyOverrides(fromEnv, options.overrides ?? {}, sources);
  const parsed = configSchema.safeParse(raw);
  const issues = parsed.success ? [] : configIssuesFromZod(parsed.error.issues, sources);
  if ((options.checkFiles ?? true) && isJsonObject(raw)) {
    issues.push(...(await checkReferencedFiles(raw, layout.root)));
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues, layout.configFile);

  return {
    dataDir: layout.root,
    layout,
    config: resolveConfigPaths(parsed.data, layout.root),
    appliedEnv,
  };
}

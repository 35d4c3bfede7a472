/**
 * Environment variables that override single settings of the configuration file, for containers and for
 * secrets that should not sit in the file (the PostgreSQL password). The CLI passes `process.env` in; this
 * module never reads the environment itself. `docs/config.md` lists the table below.
 */

export type EnvOverride = {
  readonly variable: string;
  /** Section and field of the setting. */
  readonly path: readonly [section: string, field: string];
  /** Integer values are converted from their decimal text; anything else is left for validation to refuse. */
  readonly kind: 'string' | 'integer';
};

const portNames = ['smtp', 'submission', 'submissions', 'imap', 'imaps', 'pop3', 'pop3s', 'http'] as const;

export const envOverrides: readonly EnvOverride[] = [
  { variable: 'PEC_LISTEN_HOST', path: ['listen', 'host'], kind: 'string' },
  ...portNames.map((name): EnvOverride => ({
    variable: `PEC_PORT_${name.toUpperCase()}`,
    path: ['ports', name],
    kind: 'integer',
  })),
  { variable: 'PEC_STORAGE', path: ['storage', 'kind'], kind: 'string' },
  { variable: 'PEC_POSTGRES_URL', path: ['storage', 'postgresUrl'], kind: 'string' },
  { variable: 'PEC_NODE_ID', path: ['node', 'id'], kind: 'string' },
  { variable: 'PEC_BLOBS', path: ['storage', 'blobs'], kind: 'string' },
  { variable: 'PEC_CLAMD_SOCKET', path: ['antivirus', 'socket'], kind: 'string' },
  { variable: 'PEC_INDEX_REFRESH_URL', path: ['index', 'refreshUrl'], kind: 'string' },
  { variable: 'PEC_BILLING_SECRET', path: ['billing', 'secret'], kind: 'string' },
];

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Writes the overrides present in `env` into a copy of the parsed file. Empty variables count as unset.
 * Returns the copy and, per dotted setting path, the variable that set it. Sections that are not objects
 * are left alone so that validation reports them.
 */
export function applyEnvOverrides(
  raw: unknown,
  env: Readonly<Record<string, string | undefined>>,
): { raw: unknown; sources: Map<string, string> } {
  const sources = new Map<string, string>();
  if (!isJsonObject(raw)) return { raw, sources };
  const copy: JsonObject = structuredClone(raw);
  for (const override of envOverrides) {
    const text = env[override.variable];
    if (text === undefined || text === '') continue;
    const [sectionName, field] = override.path;
    const section = copy[sectionName] ?? {};
    if (!isJsonObject(section)) continue;
    section[field] = override.kind === 'integer' && /^\d+$/.test(text) ? Number(text) : text;
    copy[sectionName] = section;
    sources.set(`${sectionName}.${field}`, override.variable);
  }
  return { raw: copy, sources };
}

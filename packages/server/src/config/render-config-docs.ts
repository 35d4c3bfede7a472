/**
 * Renders `docs/config.md` from the configuration schema: every setting with its path, type, default and
 * description, plus the data folder layout and the environment overrides. The output is already in
 * Prettier's Markdown form, and a test fails when the committed file differs from it.
 */
import { z } from 'zod';
import { configSchema } from './config-schema.ts';
import { dataDirEnvVar, dataFolderEntries, defaultDataDir } from './data-folder-layout.ts';
import { envOverrides } from './env-overrides.ts';

/** The parts of a JSON Schema node the renderer reads. */
type SchemaNode = {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly format?: string;
  readonly pattern?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
};

/** The command that rewrites `docs/config.md`; the staleness test prints it. */
export const regenerateCommand = 'UPDATE_DOCS=1 node scripts/run-tests.js config';

const entryDescriptions: Record<keyof typeof dataFolderEntries, string> = {
  configFile: 'this configuration, written by `pec init` with mode 0600.',
  databaseFile: 'the embedded SQLite database (`storage.sqliteFile`).',
  blobsDir: 'raw messages, byte-exact (`storage.blobsDir`).',
  certsDir: 'certificates, keys and the index copy:',
  caCertFile: 'the certificate authority that issued the local certificates (development).',
  signingCertFile: 'the provider signing certificate (`signing.certFile`).',
  signingKeyFile: 'its private key (`signing.keyFile`).',
  tlsCertFile: 'the TLS certificate chain of every listener (`tls.certFile`).',
  tlsKeyFile: 'its private key (`tls.keyFile`).',
  indexFile: "the local copy of the providers' index, LDIF (`index.file`).",
  quarantineDir: 'infected messages kept for the retention period (`storage.quarantineDir`).',
};

const mebibyte = 1024 * 1024;

function formatNumber(value: number): string {
  if (value >= mebibyte && value % mebibyte === 0) return `${value} (${value / mebibyte} MiB)`;
  if (value >= 8 * 1024 && value % 1024 === 0) return `${value} (${value / 1024} KiB)`;
  return String(value);
}

// Markdown would take `<domain>` for an HTML tag.
function escapeText(text: string): string {
  return text.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function code(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

function describeRange(node: SchemaNode): string {
  // z.number().int() adds the safe-integer bounds, which say nothing to an operator.
  const minimum = node.minimum === Number.MIN_SAFE_INTEGER ? undefined : node.minimum;
  const maximum = node.maximum === Number.MAX_SAFE_INTEGER ? undefined : node.maximum;
  const parts: string[] = [];
  if (minimum !== undefined && maximum !== undefined) {
    return ` from ${formatNumber(minimum)} to ${formatNumber(maximum)}`;
  }
  if (minimum !== undefined) parts.push(`at least ${formatNumber(minimum)}`);
  if (node.exclusiveMinimum !== undefined) parts.push(`more than ${formatNumber(node.exclusiveMinimum)}`);
  if (maximum !== undefined) parts.push(`at most ${formatNumber(maximum)}`);
  if (node.exclusiveMaximum !== undefined) parts.push(`less than ${formatNumber(node.exclusiveMaximum)}`);
  return parts.length === 0 ? '' : `, ${parts.join(', ')}`;
}

function describeType(node: SchemaNode): string {
  if (node.const !== undefined) return `always ${code(node.const)}`;
  if (node.enum !== undefined) return `one of ${node.enum.map(code).join(', ')}`;
  switch (node.type) {
    case 'integer':
      return `integer${describeRange(node)}`;
    case 'number':
      return `number${describeRange(node)}`;
    case 'string':
      if (node.format === 'uri') return 'URL';
      if (node.pattern !== undefined) return 'string in the format the description gives';
      return node.minLength !== undefined && node.minLength > 0 ? 'non-empty string' : 'string';
    case 'boolean':
      return 'true or false';
    case 'object':
      if (node.properties !== undefined) return 'group of settings (below)';
      return 'value';
    case 'array':
      return `list, each a ${node.items === undefined ? 'value' : describeType(node.items)}`;
    default:
      return 'value';
  }
}

function describeDefault(node: SchemaNode, required: boolean): string {
  if (required) return '**Required.**';
  if (node.default === undefined) return 'Optional, no fixed default.';
  return typeof node.default === 'number'
    ? `Default: \`${formatNumber(node.default)}\``
    : `Default: ${code(node.default)}`;
}

function renderField(path: string, node: SchemaNode, required: boolean, heading = '####'): string[] {
  return [
    `${heading} \`${path}\``,
    '',
    `- Type: ${describeType(node)}`,
    `- ${describeDefault(node, required)}`,
    '',
    escapeText(node.description ?? ''),
    '',
  ];
}

function renderSection(name: string, node: SchemaNode): string[] {
  const lines = [`### \`${name}\``, '', escapeText(node.description ?? ''), ''];
  const required = new Set(node.required ?? []);
  for (const [field, child] of Object.entries(node.properties ?? {})) {
    lines.push(...renderField(`${name}.${field}`, child, required.has(field)));
    // A group of settings inside a section (e.g. `limits.connections`): its fields follow it.
    const inner = new Set(child.required ?? []);
    for (const [sub, grandchild] of Object.entries(child.properties ?? {})) {
      lines.push(...renderField(`${name}.${field}.${sub}`, grandchild, inner.has(sub), '#####'));
    }
  }
  return lines;
}

function renderDataFolder(): string[] {
  const lines = [
    '## Data folder',
    '',
    `The data folder is the \`--data DIR\` option, else the \`${dataDirEnvVar}\` environment variable, else`,
    `\`${defaultDataDir}\`. Relative paths in the configuration are resolved against it. It holds:`,
    '',
  ];
  for (const [key, entry] of Object.entries(dataFolderEntries)) {
    const indent = entry.startsWith(`${dataFolderEntries.certsDir}/`) ? '  ' : '';
    lines.push(`${indent}- \`${entry}\`: ${entryDescriptions[key as keyof typeof dataFolderEntries]}`);
  }
  return [...lines, ''];
}

function renderEnvironment(): string[] {
  const lines = [
    '## Environment overrides',
    '',
    'These variables replace single settings of the file; empty variables are ignored. Options the',
    'caller passes to `loadConfig` (CLI flags) win over both.',
    '',
  ];
  for (const override of envOverrides) {
    lines.push(`- \`${override.variable}\` sets \`${override.path.join('.')}\`.`);
  }
  return [...lines, ''];
}

function renderMinimalFile(): string[] {
  const minimal = { provider: { domain: 'pec.example.it' } };
  return [
    '## Minimal file',
    '',
    'Every setting but `provider.domain` has a default. The certificate, key and index files named by the',
    'defaults must exist (`pec init` creates them).',
    '',
    '```json',
    JSON.stringify(minimal, null, 2),
    '```',
    '',
  ];
}

/** The Markdown of `docs/config.md`. */
export function renderConfigDocs(): string {
  const root = z.toJSONSchema(configSchema, { io: 'input' }) as SchemaNode;
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated from packages/server/src/config/config-schema.ts by render-config-docs.ts. Do not edit. -->',
    `<!-- Regenerate with: ${regenerateCommand} -->`,
    '',
    `${escapeText(root.description ?? '')} The file is JSON. It is validated as a whole when the provider`,
    'starts, and every problem is reported at once with the path of the setting, e.g.',
    '`ports.smtp: expected number, received string`. Unknown settings are refused.',
    '',
    ...renderDataFolder(),
    ...renderMinimalFile(),
    ...renderEnvironment(),
    '## Settings',
    '',
  ];
  const required = new Set(root.required ?? []);
  for (const [name, node] of Object.entries(root.properties ?? {})) {
    if (node.properties === undefined) lines.push(...renderField(name, node, required.has(name), '###'));
    else lines.push(...renderSection(name, node));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * The one error configuration loading throws: it lists every problem found, each with the setting's path
 * and a message, so an operator fixes the file in one pass (house style, principle 8).
 */
import type { z } from 'zod';

export type ConfigIssue = {
  /** Dotted path of the setting (`ports.smtp`, `signing.chainFiles[0]`), or `(file)` for the file itself. */
  readonly path: string;
  readonly message: string;
};

export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  /** The configuration file the issues belong to, when there is one. */
  readonly file: string | undefined;

  constructor(issues: readonly ConfigIssue[], file?: string) {
    const where = file === undefined ? '' : ` in ${file}`;
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    super([`Invalid configuration${where} (${count}):`, ...lines].join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
    this.file = file;
  }
}

/** Renders a schema path the way the documentation names settings. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Turns zod issues into config issues: one per unknown key, "required setting is missing" for absent
 * required values, zod's "Invalid input: " prefix dropped elsewhere, and
 * the source of a value appended when it did not come from the file (`sources` maps a path to e.g.
 * `PEC_PORT_SMTP`).
 */
export function configIssuesFromZod(
  issues: readonly z.core.$ZodIssue[],
  sources: ReadonlyMap<string, string> = new Map(),
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const push = (path: readonly PropertyKey[], message: string): void => {
    const dotted = formatConfigPath(path);
    const source = sources.get(dotted);
    out.push({ path: dotted, message: source === undefined ? message : `${message} (set by ${source})` });
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) push([...issue.path, key], 'unknown setting');
    } else if (issue.code === 'invalid_type' && issue.message.endsWith(', received undefined')) {
      push(issue.path, 'required setting is missing');
    } else {
      push(issue.path, issue.message.replace(/^Invalid input: /, ''));
    }
  }
  return out;
}

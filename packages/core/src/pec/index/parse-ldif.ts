/**
 * LDIF content records (RFC 2849) as the provider index publishes them (pec-spec §7.1, §7.3): folded
 * lines, `::` base64 values, comments, a `version:` line, CRLF or LF. Attribute names are lower-cased
 * and stripped of options (`providerCertificate;binary` → `providercertificate`). Never throws:
 * lines it cannot read are skipped.
 */

export interface LdifEntry {
  readonly dn: string;
  /** Lower-cased attribute names without options; values in file order. */
  readonly attributes: Map<string, (string | Uint8Array)[]>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Splits into logical lines: a line starting with one space continues the previous (RFC 2849 §2). */
function logicalLines(text: string): (string | undefined)[] {
  const lines: (string | undefined)[] = [];
  let previousWasComment = false;
  for (const physical of text.split(/\r?\n/)) {
    const line = physical.endsWith('\r') ? physical.slice(0, -1) : physical;
    if (line.startsWith(' ')) {
      // Continuation of a comment, of the previous line, or of nothing (then dropped).
      const last = lines.length - 1;
      if (!previousWasComment && last >= 0 && lines[last] !== undefined) lines[last] += line.slice(1);
      continue;
    }
    if (line.startsWith('#')) {
      previousWasComment = true;
      continue;
    }
    previousWasComment = false;
    // A blank line ends the record; `undefined` marks it.
    lines.push(line.trim() === '' ? undefined : line);
  }
  return lines;
}

function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** Whether a `::` value stays bytes: certificates and anything marked `;binary`. */
function isBinaryAttribute(description: string): boolean {
  const lower = description.toLowerCase();
  return lower.includes(';binary') || lower.split(';')[0]?.endsWith('certificate') === true;
}

function parseValue(description: string, rest: string): string | Uint8Array | undefined {
  if (rest.startsWith(':')) {
    const bytes = decodeBase64(rest.slice(1));
    if (bytes === undefined) return undefined;
    if (isBinaryAttribute(description)) return bytes;
    try {
      return utf8.decode(bytes);
    } catch {
      return bytes;
    }
  }
  // `:<` URL references are not fetched (core is pure); such values are skipped.
  if (rest.startsWith('<')) return undefined;
  return rest.replace(/^ +/, '');
}

export function parseLdif(text: string): LdifEntry[] {
  const entries: LdifEntry[] = [];
  let current: { dn: string; attributes: Map<string, (string | Uint8Array)[]> } | undefined;
  for (const line of logicalLines(text)) {
    if (line === undefined) {
      if (current !== undefined) entries.push(current);
      current = undefined;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const description = line.slice(0, colon).trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9.;-]*$/.test(description)) continue;
    const value = parseValue(description, line.slice(colon + 1));
    if (value === undefined) continue;
    const name = description.split(';')[0]?.toLowerCase() ?? '';
    if (current === undefined) {
      if (name === 'version') continue;
      if (name !== 'dn') continue;
      current = {
        dn: typeof value === 'string' ? value : Buffer.from(value).toString('latin1'),
        attributes: new Map(),
      };
      continue;
    }
    if (name === 'dn') {
      entries.push(current);
      current = {
        dn: typeof value === 'string' ? value : Buffer.from(value).toString('latin1'),
        attributes: new Map(),
      };
      continue;
    }
    const values = current.attributes.get(name) ?? [];
    values.push(value);
    current.attributes.set(name, values);
  }
  if (current !== undefined) entries.push(current);
  return entries;
}

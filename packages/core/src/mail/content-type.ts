/**
 * Structured header values with parameters (RFC 2045 §5.1, RFC 2183, RFC 2231 continuations and
 * charsets). Lenient: unquoted values with spaces, duplicated `;`, missing values and stray quotes
 * as real PEC traffic has them (`micalg=sha1`, `micalg="sha-256"`). Never throws.
 */

export interface ParameterizedValue {
  /** Lower-cased main value, e.g. `multipart/signed` or `attachment`. */
  readonly value: string;
  /** Parameters with lower-cased names; RFC 2231 continuations merged and decoded. */
  readonly params: ReadonlyMap<string, string>;
}

export interface ContentType extends ParameterizedValue {
  readonly type: string;
  readonly subtype: string;
}

function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '\\' && quoted && i + 1 < text.length) {
      current += ch + text.charAt(i + 1);
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (ch === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\(.)/g, '$1');
  return v.replace(/^"/, '').replace(/"$/, '');
}

function decodeRfc2231(value: string): string {
  const match = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (match === null) return value;
  const charset = (match[1] ?? '').toLowerCase() || 'us-ascii';
  const bytes: number[] = [];
  const encoded = match[2] ?? '';
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded.charAt(i);
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(encoded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(ch.charCodeAt(0) & 0xff);
    }
  }
  try {
    return new TextDecoder(charset === 'us-ascii' ? 'utf-8' : charset).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('latin1').decode(new Uint8Array(bytes));
  }
}

export function parseParameterizedValue(header: string | undefined): ParameterizedValue {
  if (header === undefined) return { value: '', params: new Map() };
  const [head = '', ...rest] = splitOutsideQuotes(header.replace(/\r?\n[ \t]*/g, ' '));
  const params = new Map<string, string>();
  const continuations = new Map<string, { index: number; value: string; encoded: boolean }[]>();
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    const name = piece.slice(0, eq).trim().toLowerCase();
    const raw = piece.slice(eq + 1);
    const cont = /^(.+?)\*(\d+)(\*?)$/.exec(name);
    if (cont !== null) {
      const base = cont[1] ?? name;
      const list = continuations.get(base) ?? [];
      list.push({ index: Number(cont[2]), value: unquote(raw), encoded: cont[3] === '*' });
      continuations.set(base, list);
    } else if (name.endsWith('*')) {
      params.set(name.slice(0, -1), decodeRfc2231(unquote(raw)));
    } else if (!params.has(name)) {
      params.set(name, unquote(raw));
    }
  }
  for (const [base, list] of continuations) {
    list.sort((a, b) => a.index - b.index);
    const joined = list.map((c) => c.value).join('');
    params.set(base, list[0]?.encoded === true ? decodeRfc2231(joined) : joined);
  }
  return { value: head.trim().toLowerCase(), params };
}

/** Parses a Content-Type value; a missing or unusable one is `text/plain` (RFC 2045 §5.2). */
export function parseContentType(header: string | undefined): ContentType {
  const parsed = parseParameterizedValue(header);
  const match = /^([a-z0-9!#$&^_.+-]+)\/([a-z0-9!#$&^_.+-]+)$/.exec(parsed.value);
  if (match === null) {
    return { value: 'text/plain', type: 'text', subtype: 'plain', params: parsed.params };
  }
  return {
    value: parsed.value,
    type: match[1] ?? 'text',
    subtype: match[2] ?? 'plain',
    params: parsed.params,
  };
}

/**
 * Structured header values with parameters (RFC 2045 §5.1, RFC 2183, RFC 2231 continuations and
 * charsets). Lenient: unquoted values with spaces, duplicated `;`, missing values and stray quotes
 * as real PEC traffic has them (`micalg=sha1`, `micalg="sha-256"`). Never throws.
 */
import { decodeCharset } from './decode-charset.ts';

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

/** Bytes of literal parameter text: ISO-8859-1 when it fits, as the header reader produced it. */
function literalBytes(text: string): number[] {
  if (/[\u0100-\uffff]/.test(text)) return Array.from(new TextEncoder().encode(text));
  return Array.from(text, (ch) => ch.charCodeAt(0));
}

/** Bytes of RFC 2231 extended text: `%XX` escapes decoded, everything else literal. */
function percentBytes(encoded: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded.charAt(i);
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(encoded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const byte of literalBytes(ch)) bytes.push(byte);
    }
  }
  return bytes;
}

function decodeBytes(bytes: number[], charset: string): string {
  return decodeCharset(new Uint8Array(bytes), charset);
}

/** Splits `charset'language'text` (RFC 2231 §4); a value without the prefix is all text. */
function splitExtended(value: string): { charset: string; text: string } {
  const match = /^([^']*)'[^']*'(.*)$/s.exec(value);
  if (match === null) return { charset: 'utf-8', text: value };
  return { charset: match[1] ?? '', text: match[2] ?? '' };
}

function decodeRfc2231(value: string): string {
  const { charset, text } = splitExtended(value);
  return decodeBytes(percentBytes(text), charset);
}

/** Joins RFC 2231 §3 continuations; only `*n*` segments are percent-encoded. */
function joinContinuations(list: { index: number; value: string; encoded: boolean }[]): string {
  list.sort((a, b) => a.index - b.index);
  if (list[0]?.encoded !== true) return list.map((c) => c.value).join('');
  const first = splitExtended(list[0].value);
  const bytes: number[] = [];
  list.forEach((segment, i) => {
    const text = i === 0 ? first.text : segment.value;
    for (const byte of segment.encoded ? percentBytes(text) : literalBytes(text)) bytes.push(byte);
  });
  return decodeBytes(bytes, first.charset);
}

export function parseParameterizedValue(header: string | undefined): ParameterizedValue {
  if (header === undefined) return { value: '', params: new Map() };
  const [rawHead = '', ...rest] = splitOutsideQuotes(header.replace(/\r?\n[ \t]*/g, ' '));
  // A missing ';' before the first parameter (`multipart/mixed boundary="x"`) is tolerated.
  const glued = /^\s*([^\s=]+)\s+([^\s=]+\s*=.*)$/s.exec(rawHead);
  const head = glued?.[1] ?? rawHead;
  if (glued?.[2] !== undefined) rest.unshift(glued[2]);
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
  for (const [base, list] of continuations) params.set(base, joinContinuations(list));
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

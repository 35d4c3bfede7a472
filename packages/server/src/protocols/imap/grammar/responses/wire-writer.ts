/**
 * Byte builder for server responses (RFC 9051 §4.3 strings, RFC 3516 literal8): collects protocol
 * text and raw byte runs, and picks the string form — atom, quoted (when every byte is safe and the
 * value is short) or literal `{n}` — so values are never altered. Raw bytes are copied, never re-encoded.
 */

export interface WireOptions {
  /** UTF8=ACCEPT or IMAP4rev2 enabled: quoted strings may carry UTF-8 (RFC 6855 §3, RFC 9051 §4.3). */
  readonly utf8?: boolean;
}

/** Longest value written as a quoted string; longer values become literals. */
const MAX_QUOTED_BYTES = 1024;
const encoder = new TextEncoder();
const atomSpecials = '(){%*"\\]';

/** RFC 9051 ATOM-CHAR only (7-bit, no atom-specials); `]` is kept out too, for astring and atom alike. */
function isAtomText(text: string): boolean {
  if (text === '' || text.toUpperCase() === 'NIL') return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || atomSpecials.includes(text.charAt(i))) return false;
  }
  return true;
}

/** Whether bytes may travel as a quoted string: CHAR without NUL, CR, LF (RFC 9051 `QUOTED-CHAR`). */
function isQuotableBytes(bytes: Uint8Array): boolean {
  if (bytes.length > MAX_QUOTED_BYTES) return false;
  for (const b of bytes) if (b === 0 || b === 0x0a || b === 0x0d || b >= 0x80) return false;
  return true;
}

function isQuotableText(text: string, utf8: boolean): boolean {
  if (text.length > MAX_QUOTED_BYTES) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || c === 0x0a || c === 0x0d || (c >= 0x80 && !utf8)) return false;
  }
  return !utf8 || encoder.encode(text).length <= MAX_QUOTED_BYTES;
}

/** `"text"` with `"` and `\\` escaped; most values have neither, and skip the regular expression. */
function quote(text: string): string {
  if (text.indexOf('"') < 0 && text.indexOf('\\') < 0) return `"${text}"`;
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

export class WireWriter {
  readonly #utf8: boolean;
  #parts: Uint8Array[] = [];
  #pending = '';

  constructor(options: WireOptions = {}) {
    this.#utf8 = options.utf8 === true;
  }

  /** Whether quoted strings may carry UTF-8 (the form of strings depends on it). */
  get utf8(): boolean {
    return this.#utf8;
  }

  /** Protocol text written as is (the caller guarantees it is valid at this position). */
  text(text: string): this {
    this.#pending += text;
    return this;
  }

  /** Raw bytes written as is. */
  bytes(bytes: Uint8Array): this {
    this.#flush();
    this.#parts.push(bytes);
    return this;
  }

  number(value: number): this {
    return this.text(String(value));
  }

  /** `{n}` CRLF bytes, or literal8 `~{n}` (RFC 3516) when `binary`. */
  literal(bytes: Uint8Array, binary = false): this {
    return this.text(`${binary ? '~' : ''}{${bytes.length}}\r\n`).bytes(bytes);
  }

  /** `string`: quoted when safe, literal otherwise. */
  string(value: string | Uint8Array): this {
    if (typeof value === 'string') {
      return isQuotableText(value, this.#utf8)
        ? this.text(quote(value))
        : this.literal(encoder.encode(value));
    }
    if (!isQuotableBytes(value)) return this.literal(value);
    let text = '';
    for (const b of value) text += String.fromCharCode(b);
    return this.text(quote(text));
  }

  /** `nstring`: NIL for null. */
  nstring(value: string | Uint8Array | null): this {
    return value === null ? this.text('NIL') : this.string(value);
  }

  /** `astring`: a bare atom when every character allows it (and it is not NIL), else `string`. */
  astring(value: string): this {
    return isAtomText(value) ? this.text(value) : this.string(value);
  }

  /** A parenthesised, space-separated list of atoms (flags, capabilities). */
  atomList(values: readonly string[]): this {
    return this.text(`(${values.join(' ')})`);
  }

  /** All bytes written so far. */
  finish(): Uint8Array {
    this.#flush();
    if (this.#parts.length === 1 && this.#parts[0] !== undefined) return this.#parts[0];
    let length = 0;
    for (const part of this.#parts) length += part.length;
    const out = new Uint8Array(length);
    let offset = 0;
    for (const part of this.#parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  #flush(): void {
    if (this.#pending === '') return;
    this.#parts.push(encoder.encode(this.#pending));
    this.#pending = '';
  }
}

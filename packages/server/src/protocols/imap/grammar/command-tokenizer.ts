/**
 * Incremental tokenizer for one IMAP command (RFC 3501 §9 / RFC 9051 §9 formal syntax): fed line
 * segments (the bytes between literals) and literal payloads, it builds the `ImapValue` tree.
 * Lenient about repeated spaces, strict about quoting, escapes, control bytes and balanced lists.
 * Never throws: every problem comes back as a `SegmentResult` error.
 */

import type { ImapList, ImapValue } from './imap-value.ts';

/** A literal announced at the end of a line segment: `{n}`, `{n+}`, `~{n}` or `~{n+}`. */
export interface LiteralAnnouncement {
  /** Announced size; `Infinity` when the digits do not fit a safe integer. */
  readonly size: number;
  readonly nonSync: boolean;
  readonly binary: boolean;
}

export type SegmentResult =
  | { readonly kind: 'complete' }
  | { readonly kind: 'literal'; readonly literal: LiteralAnnouncement }
  | { readonly kind: 'error'; readonly message: string };

const SP = 0x20;
const DQUOTE = 0x22;
const LPAREN = 0x28;
const RPAREN = 0x29;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const BACKSLASH = 0x5c;
const TILDE = 0x7e;
const PLUS = 0x2b;
/** Deepest accepted list nesting: keeps recursive consumers (search keys) far from stack limits. */
const MAX_DEPTH = 64;

/** Bytes that end an atom: SP, CTLs, `(`, `)`, `{`, `"` (RFC 9051 atom-specials, minus wildcards and `]`). */
const atomStop = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) atomStop[b] = 1;
for (const b of [SP, 0x7f, LPAREN, RPAREN, LBRACE, DQUOTE]) atomStop[b] = 1;

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** Decodes a byte range as UTF-8, with a fast path for short ASCII runs. */
export function decodeRange(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 64) return utf8.decode(bytes.subarray(start, end));
  let out = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (b >= 0x80) return utf8.decode(bytes.subarray(start, end));
    out += String.fromCharCode(b);
  }
  return out;
}

function isControl(b: number): boolean {
  return b < 0x20 || b === 0x7f;
}

/** Finds the `]` closing the `[` at `open`, skipping quoted strings; -1 when absent. */
function findSectionEnd(bytes: Uint8Array, open: number, end: number): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (isControl(b)) return -1;
    if (b === DQUOTE) {
      i++;
      while (i < end && bytes[i] !== DQUOTE) i += bytes[i] === BACKSLASH ? 2 : 1;
      if (i >= end) return -1;
    } else if (b === LBRACKET) depth++;
    else if (b === RBRACKET && --depth === 0) return i;
  }
  return -1;
}

export class CommandTokenizer {
  #root: ImapValue[] = [];
  #stack: ImapValue[][] = [this.#root];

  /** Starts a new command. */
  reset(): void {
    this.#root = [];
    this.#stack = [this.#root];
  }

  /** Number of top-level values so far (0 means nothing but spaces was seen). */
  get topLevelCount(): number {
    return this.#root.length;
  }

  /** The first top-level value, used to recover the tag for error reports. */
  get first(): ImapValue | undefined {
    return this.#root[0];
  }

  /** Tokenizes `bytes[start, end)`, one line without its line break. */
  feedSegment(bytes: Uint8Array, start: number, end: number): SegmentResult {
    let i = start;
    while (i < end) {
      const b = bytes[i] ?? 0;
      const top = this.#stack[this.#stack.length - 1] ?? this.#root;
      if (b === SP) {
        i++;
      } else if (b === LPAREN) {
        if (this.#stack.length > MAX_DEPTH) return { kind: 'error', message: 'lists nested too deeply' };
        const items: ImapValue[] = [];
        const list: ImapList = { kind: 'list', items };
        top.push(list);
        this.#stack.push(items);
        i++;
      } else if (b === RPAREN) {
        if (this.#stack.length === 1) return { kind: 'error', message: 'unbalanced ")"' };
        this.#stack.pop();
        i++;
      } else if (b === DQUOTE) {
        const quoted = readQuoted(bytes, i + 1, end);
        if (typeof quoted === 'string') return { kind: 'error', message: quoted };
        top.push({ kind: 'quoted', value: quoted.value });
        i = quoted.next;
      } else if (b === LBRACE || (b === TILDE && bytes[i + 1] === LBRACE)) {
        return readLiteralAnnouncement(bytes, b === TILDE ? i + 2 : i + 1, end, b === TILDE);
      } else if (isControl(b)) {
        return { kind: 'error', message: `unexpected control byte 0x${b.toString(16).padStart(2, '0')}` };
      } else {
        i = this.#readAtom(bytes, i, end, top);
      }
    }
    return { kind: 'complete' };
  }

  /** Appends a received literal payload where it was announced. */
  addLiteral(bytes: Uint8Array, literal: LiteralAnnouncement): void {
    const top = this.#stack[this.#stack.length - 1] ?? this.#root;
    top.push({ kind: 'literal', bytes, binary: literal.binary, nonSync: literal.nonSync });
  }

  /** Ends the command: the top-level values, or an error for unclosed lists. */
  finish(): readonly ImapValue[] | string {
    if (this.#stack.length !== 1) return 'unclosed "("';
    return this.#root;
  }

  #readAtom(bytes: Uint8Array, start: number, end: number, top: ImapValue[]): number {
    let i = start;
    while (i < end) {
      const b = bytes[i] ?? 0;
      if (b === LBRACKET) {
        // Section atoms like BODY[HEADER.FIELDS (A B)] carry spaces and parens inside the brackets.
        const close = findSectionEnd(bytes, i, end);
        i = close < 0 ? i + 1 : close + 1;
        continue;
      }
      if (atomStop[b] === 1) break;
      i++;
    }
    top.push({ kind: 'atom', value: decodeRange(bytes, start, i) });
    return i;
  }
}

function readQuoted(
  bytes: Uint8Array,
  start: number,
  end: number,
): { readonly value: string; readonly next: number } | string {
  let i = start;
  let escaped = false;
  while (i < end) {
    const b = bytes[i] ?? 0;
    if (b === DQUOTE) break;
    if (b === BACKSLASH) {
      const next = bytes[i + 1];
      if (i + 1 >= end) return 'unterminated quoted string';
      if (next !== DQUOTE && next !== BACKSLASH) return 'invalid escape in quoted string';
      escaped = true;
      i += 2;
      continue;
    }
    if (b === 0 || b === 0x0d || b === 0x0a) return 'control byte in quoted string';
    i++;
  }
  if (i >= end) return 'unterminated quoted string';
  let value = decodeRange(bytes, start, i);
  if (escaped) value = value.replace(/\\(["\\])/g, '$1');
  return { value, next: i + 1 };
}

function readLiteralAnnouncement(
  bytes: Uint8Array,
  start: number,
  end: number,
  binary: boolean,
): SegmentResult {
  let i = start;
  let size = 0;
  while (i < end && (bytes[i] ?? 0) >= 0x30 && (bytes[i] ?? 0) <= 0x39) {
    size = size * 10 + ((bytes[i] ?? 0) - 0x30);
    i++;
  }
  if (i === start) return { kind: 'error', message: 'bad literal announcement' };
  let nonSync = false;
  if (bytes[i] === PLUS) {
    nonSync = true;
    i++;
  }
  if (bytes[i] !== RBRACE) return { kind: 'error', message: 'bad literal announcement' };
  if (i + 1 !== end) return { kind: 'error', message: 'literal announcement must end the line' };
  if (!Number.isSafeInteger(size)) size = Infinity;
  return { kind: 'literal', literal: { size, nonSync, binary } };
}

/**
 * Recognises a literal announcement at the end of a line that failed to tokenize, so the reader can
 * skip a non-synchronising literal's payload instead of parsing it as commands.
 */
export function trailingLiteral(bytes: Uint8Array, start: number, end: number): LiteralAnnouncement | null {
  if (end <= start || bytes[end - 1] !== RBRACE) return null;
  let i = end - 2;
  const nonSync = bytes[i] === PLUS;
  if (nonSync) i--;
  const digitsEnd = i + 1;
  while (i >= start && (bytes[i] ?? 0) >= 0x30 && (bytes[i] ?? 0) <= 0x39) i--;
  if (i + 1 === digitsEnd || i < start || bytes[i] !== LBRACE) return null;
  const size = Number(decodeRange(bytes, i + 1, digitsEnd));
  const binary = i > start && bytes[i - 1] === TILDE;
  return { size: Number.isSafeInteger(size) ? size : Infinity, nonSync, binary };
}

/** Tokenizes a complete text with no literals, e.g. the header list inside a section atom. */
export function tokenizeText(text: string): readonly ImapValue[] | null {
  const bytes = encoder.encode(text);
  const tokenizer = new CommandTokenizer();
  const result = tokenizer.feedSegment(bytes, 0, bytes.length);
  if (result.kind !== 'complete') return null;
  const values = tokenizer.finish();
  return typeof values === 'string' ? null : values;
}

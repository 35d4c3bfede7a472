/**
 * A cursor over a command's `ImapValue` arguments with the RFC 9051 §9 primitive readers (atom,
 * number, astring, nstring, flag, mailbox, sequence-set, lists). Each reader either returns a typed
 * value or throws `ImapParseError` naming what was expected; typed command parsers are built from it.
 */

import type { ImapValue } from './imap-value.ts';
import { ImapParseError } from './imap-parse-error.ts';
import { decodeMailboxName, type MailboxNameOptions } from './mailbox-name.ts';
import { parseSequenceSet, type SequenceSet } from './sequence-set.ts';

const utf8 = new TextDecoder('utf-8');
/** RFC 9051 `atom`: no atom-specials (CTL, SP, `(){%*"\]`). */
const atomSpecials = '(){%*"\\]';

function isStrictAtom(text: string): boolean {
  if (text.length === 0) return false;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code <= 0x20 || code === 0x7f || atomSpecials.includes(ch)) return false;
  }
  return true;
}
const systemFlags = new Map(
  ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft', '\\Recent'].map((f) => [f.toLowerCase(), f]),
);

/** The text of a string-like value (atom, quoted or literal); null for a list. */
export function valueText(value: ImapValue): string | null {
  switch (value.kind) {
    case 'atom':
    case 'quoted':
      return value.value;
    case 'literal':
      return utf8.decode(value.bytes);
    case 'list':
      return null;
  }
}

/** Canonical case for system flags (`\seen` → `\Seen`); keywords keep their spelling. */
export function normalizeFlag(flag: string): string {
  return systemFlags.get(flag.toLowerCase()) ?? flag;
}

export class ArgCursor {
  readonly #items: readonly ImapValue[];
  #index = 0;

  constructor(items: readonly ImapValue[]) {
    this.#items = items;
  }

  get done(): boolean {
    return this.#index >= this.#items.length;
  }

  peek(): ImapValue | undefined {
    return this.#items[this.#index];
  }

  next(what: string): ImapValue {
    const value = this.#items[this.#index];
    if (value === undefined) throw new ImapParseError(`missing ${what}`);
    this.#index++;
    return value;
  }

  /** The upper-cased atom at the cursor, without consuming it; null when not an atom. */
  peekKeyword(): string | null {
    const value = this.peek();
    return value?.kind === 'atom' ? value.value.toUpperCase() : null;
  }

  /** Consumes the atom at the cursor when it equals `keyword` (case-insensitive). */
  acceptKeyword(keyword: string): boolean {
    if (this.peekKeyword() !== keyword) return false;
    this.#index++;
    return true;
  }

  atom(what: string): string {
    const value = this.next(what);
    if (value.kind !== 'atom') throw new ImapParseError(`${what}: expected an atom`);
    return value.value;
  }

  keyword(what: string): string {
    return this.atom(what).toUpperCase();
  }

  /** RFC 9051 `number` (32-bit unsigned). */
  number(what: string): number {
    return this.#digits(what, 0xffffffff);
  }

  /** RFC 9051 `nz-number`. */
  nzNumber(what: string): number {
    const n = this.number(what);
    if (n === 0) throw new ImapParseError(`${what}: must not be zero`);
    return n;
  }

  /**
   * RFC 9051 `number64` / RFC 7162 `mod-sequence-value` (up to 2^63-1). Values above 2^53 lose
   * precision but keep their order against every value this server issues.
   */
  number64(what: string): number {
    const text = this.atom(what);
    if (!/^[0-9]{1,19}$/.test(text) || BigInt(text) > 0x7fffffffffffffffn) {
      throw new ImapParseError(`${what}: expected a 63-bit number`);
    }
    return Number(text);
  }

  /** `astring`: atom (with `]` allowed), quoted or literal. */
  astring(what: string): string {
    const text = valueText(this.next(what));
    if (text === null) throw new ImapParseError(`${what}: expected a string`);
    return text;
  }

  /** `string`: quoted or literal only. */
  string(what: string): string {
    const value = this.next(what);
    if (value.kind !== 'quoted' && value.kind !== 'literal')
      throw new ImapParseError(`${what}: expected a string`);
    return valueText(value) ?? '';
  }

  /** `nstring`: NIL → null. */
  nstring(what: string): string | null {
    const value = this.next(what);
    if (value.kind === 'atom' && value.value.toUpperCase() === 'NIL') return null;
    if (value.kind !== 'quoted' && value.kind !== 'literal')
      throw new ImapParseError(`${what}: expected a string or NIL`);
    return valueText(value);
  }

  /** A parenthesised list, as a cursor over its items. */
  list(what: string): ArgCursor {
    const value = this.next(what);
    if (value.kind !== 'list') throw new ImapParseError(`${what}: expected a parenthesised list`);
    return new ArgCursor(value.items);
  }

  sequenceSet(what: string): SequenceSet {
    const set = parseSequenceSet(this.atom(what));
    if (set === null) throw new ImapParseError(`${what}: invalid sequence set`);
    return set;
  }

  /** A mailbox name, decoded from modified UTF-7 (unless UTF-8 mode) with INBOX normalised. */
  mailbox(what: string, options: MailboxNameOptions): string {
    const name = decodeMailboxName(this.astring(what), options);
    if (name === null) throw new ImapParseError('Mailbox name is not valid mUTF-7', null, true);
    return name;
  }

  /** `flag`: `\System` or a keyword atom, system flags in canonical case. */
  flag(what: string): string {
    const text = this.atom(what);
    const body = text.startsWith('\\') ? text.slice(1) : text;
    if (!isStrictAtom(body)) throw new ImapParseError(`${what}: invalid flag "${text}"`);
    return normalizeFlag(text);
  }

  /** `flag-list`: `(` [flag *(SP flag)] `)`. */
  flagList(what: string): string[] {
    const list = this.list(what);
    const flags: string[] = [];
    while (!list.done) flags.push(list.flag(what));
    return flags;
  }

  /** Requires that every argument was consumed. */
  end(): void {
    const extra = this.peek();
    if (extra !== undefined) throw new ImapParseError(`unexpected extra argument ${describe(extra)}`);
  }

  #digits(what: string, max: number): number {
    const text = this.atom(what);
    if (!/^[0-9]{1,10}$/.test(text)) throw new ImapParseError(`${what}: expected a number`);
    const n = Number(text);
    if (n > max) throw new ImapParseError(`${what}: number too large`);
    return n;
  }
}

function describe(value: ImapValue): string {
  if (value.kind === 'list') return '(...)';
  if (value.kind === 'literal') return `{${value.bytes.length}}`;
  return `"${value.value.slice(0, 40)}"`;
}

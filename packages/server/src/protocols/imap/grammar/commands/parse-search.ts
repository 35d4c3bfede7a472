/**
 * SEARCH / UID SEARCH (RFC 9051 §6.4.4, RFC 3501 §6.4.4) with ESEARCH return options (RFC 4731:
 * MIN MAX ALL COUNT; SAVE from SEARCHRES RFC 5182;
 * PARTIAL from RFC 5267 §4.4 with RFC 9394's negative ranges; UPDATE and CONTEXT from RFC 5267 §4.2–4.3)
 * and CHARSET. `RETURN ()` means `RETURN (ALL)` (RFC 4731 §3.1); so does `RETURN (CONTEXT)`, a hint
 * only, as Dovecot reads it. String values are decoded as UTF-8 whatever the charset; the session answers
 * `NO [BADCHARSET]` for charsets it does not support.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';
import type { SearchKey } from '../search-key.ts';
import { combineSearchKeys, readSearchKeys } from './parse-search-key.ts';

export const searchReturnOptions = ['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE', 'PARTIAL', 'UPDATE'] as const;
export type SearchReturnOption = (typeof searchReturnOptions)[number];

/**
 * `PARTIAL first:last` (RFC 5267 §4.4; negative positions count from the end, RFC 9394 §3.1): 1-based
 * positions in the result, as written (the two ends in either order).
 */
export interface PartialRange {
  readonly first: number;
  readonly last: number;
}

/** What `RETURN (...)` asked for. */
export interface SearchReturn {
  readonly options: readonly SearchReturnOption[];
  readonly partial: PartialRange | null;
}

export function readPartialRange(text: string): PartialRange {
  const match = /^(-?)([1-9]\d*):(-?)([1-9]\d*)$/.exec(text);
  // Both ends count from the same side (RFC 9394 partial-range-first / partial-range-last).
  if (match === null || match[1] !== match[3]) throw new ImapParseError(`invalid partial range ${text}`);
  const sign = match[1] === '-' ? -1 : 1;
  const first = sign * Number(match[2]);
  const last = sign * Number(match[4]);
  if (
    !Number.isSafeInteger(first) ||
    !Number.isSafeInteger(last) ||
    Math.abs(first) > 0xffffffff ||
    Math.abs(last) > 0xffffffff
  )
    throw new ImapParseError(`invalid partial range ${text}`);
  return { first, last };
}

export interface SearchCommand {
  readonly name: 'SEARCH';
  readonly uid: boolean;
  /** Upper-cased charset, or null when none was given (US-ASCII / UTF-8 implied). */
  readonly charset: string | null;
  /** ESEARCH return options; null for a plain SEARCH (answered with `* SEARCH`). */
  readonly returnOptions: readonly SearchReturnOption[] | null;
  /** The range of `PARTIAL` when it is among the return options. */
  readonly partial: PartialRange | null;
  readonly criteria: SearchKey;
}

/**
 * Reads `RETURN (...)` when present at the cursor (shared with SORT's ESORT form). PARTIAL and ALL
 * together are BAD (RFC 9394 §3.1: mutually exclusive). `RETURN (UPDATE)` alone returns no result
 * data, only the live updates that follow (RFC 5267 §4.3; Dovecot answers the same).
 */
export function readSearchReturn(cursor: ArgCursor): SearchReturn | null {
  if (!cursor.acceptKeyword('RETURN')) return null;
  const list = cursor.list('search return options');
  const options: SearchReturnOption[] = [];
  let partial: PartialRange | null = null;
  while (!list.done) {
    const word = list.keyword('search return option');
    // RFC 5267 §4.2: CONTEXT only hints that the criteria will be used again; nothing to return.
    if (word === 'CONTEXT') continue;
    const option = searchReturnOptions.find((o) => o === word);
    if (option === undefined) throw new ImapParseError(`unknown search return option ${word}`);
    if (option === 'PARTIAL') {
      if (partial !== null) throw new ImapParseError('PARTIAL given twice');
      partial = readPartialRange(list.atom('partial range'));
    }
    if (option === 'UPDATE' && options.includes('UPDATE')) throw new ImapParseError('UPDATE given twice');
    if (!options.includes(option)) options.push(option);
  }
  if (partial !== null && options.includes('ALL'))
    throw new ImapParseError('PARTIAL and ALL are mutually exclusive');
  return { options: options.length === 0 ? ['ALL'] : options, partial };
}

export function parseSearch(args: readonly ImapValue[], uid: boolean): SearchCommand {
  const cursor = new ArgCursor(args);
  const returned = readSearchReturn(cursor);
  const charset = cursor.acceptKeyword('CHARSET') ? cursor.astring('charset').toUpperCase() : null;
  const criteria = combineSearchKeys(readSearchKeys(cursor));
  return {
    name: 'SEARCH',
    uid,
    charset,
    returnOptions: returned?.options ?? null,
    partial: returned?.partial ?? null,
    criteria,
  };
}

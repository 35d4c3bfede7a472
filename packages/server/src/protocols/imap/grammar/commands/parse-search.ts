/**
 * SEARCH / UID SEARCH (RFC 9051 §6.4.4, RFC 3501 §6.4.4) with ESEARCH return options (RFC 4731:
 * MIN MAX ALL COUNT; SAVE from SEARCHRES RFC 5182) and CHARSET. `RETURN ()` means `RETURN (ALL)`
 * (RFC 4731 §3.1). String values are decoded as UTF-8 whatever the charset; the session answers
 * `NO [BADCHARSET]` for charsets it does not support.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';
import type { SearchKey } from '../search-key.ts';
import { combineSearchKeys, readSearchKeys } from './parse-search-key.ts';

export const searchReturnOptions = ['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE'] as const;
export type SearchReturnOption = (typeof searchReturnOptions)[number];

export interface SearchCommand {
  readonly name: 'SEARCH';
  readonly uid: boolean;
  /** Upper-cased charset, or null when none was given (US-ASCII / UTF-8 implied). */
  readonly charset: string | null;
  /** ESEARCH return options; null for a plain SEARCH (answered with `* SEARCH`). */
  readonly returnOptions: readonly SearchReturnOption[] | null;
  readonly criteria: SearchKey;
}

/** Reads `RETURN (...)` when present at the cursor (shared with SORT's ESORT form). */
export function readSearchReturn(cursor: ArgCursor): SearchReturnOption[] | null {
  if (!cursor.acceptKeyword('RETURN')) return null;
  const list = cursor.list('search return options');
  const options: SearchReturnOption[] = [];
  while (!list.done) {
    const word = list.keyword('search return option');
    const option = searchReturnOptions.find((o) => o === word);
    if (option === undefined) throw new ImapParseError(`unknown search return option ${word}`);
    if (!options.includes(option)) options.push(option);
  }
  return options.length === 0 ? ['ALL'] : options;
}

export function parseSearch(args: readonly ImapValue[], uid: boolean): SearchCommand {
  const cursor = new ArgCursor(args);
  const returnOptions = readSearchReturn(cursor);
  const charset = cursor.acceptKeyword('CHARSET') ? cursor.astring('charset').toUpperCase() : null;
  const criteria = combineSearchKeys(readSearchKeys(cursor));
  return { name: 'SEARCH', uid, charset, returnOptions, criteria };
}

/**
 * SORT / UID SORT (RFC 5256 §4, DISPLAYFROM/DISPLAYTO RFC 5957, ESORT's RETURN RFC 5267 §3):
 * sort criteria with REVERSE, a mandatory charset, then search keys.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';
import type { SearchKey } from '../search-key.ts';
import { combineSearchKeys, readSearchKeys } from './parse-search-key.ts';
import { readSearchReturn, type PartialRange, type SearchReturnOption } from './parse-search.ts';

export const sortKeys = [
  'ARRIVAL',
  'CC',
  'DATE',
  'FROM',
  'SIZE',
  'SUBJECT',
  'TO',
  'DISPLAYFROM',
  'DISPLAYTO',
] as const;
export type SortKey = (typeof sortKeys)[number];

export interface SortCriterion {
  readonly key: SortKey;
  readonly reverse: boolean;
}

export interface SortCommand {
  readonly name: 'SORT';
  readonly uid: boolean;
  readonly criteria: readonly SortCriterion[];
  /** Upper-cased charset (mandatory in SORT). */
  readonly charset: string;
  /** ESORT return options; null for a plain SORT (answered with `* SORT`). */
  readonly returnOptions: readonly SearchReturnOption[] | null;
  /** The range of `PARTIAL` when it is among the return options (RFC 5267 §4.4). */
  readonly partial: PartialRange | null;
  readonly search: SearchKey;
}

function readCriteria(list: ArgCursor): SortCriterion[] {
  const criteria: SortCriterion[] = [];
  while (!list.done) {
    const reverse = list.acceptKeyword('REVERSE');
    const word = list.keyword('sort key');
    const key = sortKeys.find((k) => k === word);
    if (key === undefined) throw new ImapParseError(`unknown sort key ${word}`);
    criteria.push({ key, reverse });
  }
  if (criteria.length === 0) throw new ImapParseError('empty sort criteria');
  return criteria;
}

export function parseSort(args: readonly ImapValue[], uid: boolean): SortCommand {
  const cursor = new ArgCursor(args);
  const returned = readSearchReturn(cursor);
  const criteria = readCriteria(cursor.list('sort criteria'));
  const charset = cursor.astring('charset').toUpperCase();
  const search = combineSearchKeys(readSearchKeys(cursor));
  return {
    name: 'SORT',
    uid,
    criteria,
    charset,
    returnOptions: returned?.options ?? null,
    partial: returned?.partial ?? null,
    search,
  };
}

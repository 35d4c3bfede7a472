/**
 * The opaque position of a paged listing: the sort values and UID of the last message of a page, so
 * the next page starts strictly after that (sort key, UID) pair and stays stable while messages are
 * added or removed. Written as base64url JSON that names its sort order, so a cursor is read back
 * only under the order it was made for.
 */
import type { SortCriterion, SortKeyName } from './sort-messages.ts';

export interface ListingCursor {
  readonly values: readonly (string | number)[];
  readonly uid: number;
}

const numericKeys: readonly SortKeyName[] = ['ARRIVAL', 'DATE', 'SIZE'];

function orderName(sort: readonly SortCriterion[]): string {
  return sort.map((criterion) => `${criterion.reverse ? '-' : ''}${criterion.key}`).join(',');
}

export function writeListingCursor(cursor: ListingCursor, sort: readonly SortCriterion[]): string {
  const json = JSON.stringify({ o: orderName(sort), v: cursor.values, u: cursor.uid });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** The cursor written for `sort`, or undefined when `text` is not one (malformed, or made for another order). */
export function readListingCursor(text: string, sort: readonly SortCriterion[]): ListingCursor | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { o, v, u } = parsed as { o?: unknown; v?: unknown; u?: unknown };
  if (o !== orderName(sort) || !Array.isArray(v) || v.length !== sort.length) return undefined;
  if (typeof u !== 'number' || !Number.isSafeInteger(u) || u < 0) return undefined;
  const values: (string | number)[] = [];
  for (const [index, value] of (v as unknown[]).entries()) {
    const key = sort[index]?.key;
    if (key === undefined) return undefined;
    if (numericKeys.includes(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      values.push(value);
    } else {
      if (typeof value !== 'string') return undefined;
      values.push(value);
    }
  }
  return { values, uid: u };
}

/**
 * A folder's messages matching a search, in a server-side order (the keys of RFC 5256 SORT: arrival,
 * sent date, from, to, cc, subject, size, display names), one page at a time. Equal messages keep
 * UID order, so pages never overlap nor skip. A page starts at `offset`, or just after a cursor
 * (listing-cursor.ts) returned by the previous page; `nextCursor` is null on the last page.
 * Serves IMAP SORT (one page, everything) and the HTTP API's message lists.
 */
import type { SearchMatch, MessageScope } from './search-messages.ts';
import { searchMessages } from './search-messages.ts';
import type { MessageReadingDeps } from './message-reading-deps.ts';
import type { SearchCriteria } from './search-criteria.ts';
import { writeListingCursor, type ListingCursor } from './listing-cursor.ts';
import { compareSortValues, sentDate, sortKeyValues, type SortCriterion } from './sort-messages.ts';

export interface ListingRequest {
  readonly scope: MessageScope;
  /** Every message of the scope when omitted. */
  readonly criteria?: SearchCriteria;
  /** Empty: UID order. */
  readonly sort: readonly SortCriterion[];
  readonly page?: {
    /** Messages skipped (after the cursor when one is given). */
    readonly offset?: number;
    /** At most this many messages; all when omitted. */
    readonly limit?: number;
    /** Start just after this position (readListingCursor of a previous `nextCursor`). */
    readonly after?: ListingCursor;
  };
}

export interface MessageListing {
  /** The page, in order. */
  readonly messages: readonly SearchMatch[];
  /** Matching messages in all pages. */
  readonly total: number;
  /** The cursor of the next page, or null when this page is the last. */
  readonly nextCursor: string | null;
}

interface SortedRow {
  readonly values: readonly (string | number)[];
  readonly uid: number;
}

/** The index of the first row ordered after the cursor's (sort values, UID) pair. */
function firstAfter(
  rows: readonly SortedRow[],
  cursor: ListingCursor,
  sort: readonly SortCriterion[],
): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const row = rows[middle];
    const order =
      row === undefined ? 1 : compareSortValues(row.values, cursor.values, sort) || row.uid - cursor.uid;
    if (order <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The page from the store's sent-time index, when the request is one: every message of the folder
 * (no search, no session view) by DATE, a page size given. The same order and cursors as the general
 * path below, which sorts every message of the folder in memory.
 */
async function listBySentTime(
  deps: MessageReadingDeps,
  request: ListingRequest,
): Promise<MessageListing | undefined> {
  const { sort, page = {}, scope, criteria } = request;
  const [criterion] = sort;
  if (sort.length !== 1 || criterion?.key !== 'DATE' || page.limit === undefined) return undefined;
  if (scope.view !== undefined || (criteria !== undefined && criteria.kind !== 'all')) return undefined;
  const afterTime = page.after?.values[0];
  if (page.after !== undefined && typeof afterTime !== 'number') return undefined;
  const limit = Math.max(0, page.limit);
  const stored = await deps.mailboxes.listMessagesBySentTime(scope.folderId, {
    descending: criterion.reverse,
    ...(page.after !== undefined && typeof afterTime === 'number'
      ? { after: { sentTime: afterTime, uid: page.after.uid } }
      : {}),
    offset: Math.max(0, page.offset ?? 0),
    // One more than the page, to know whether another page follows.
    limit: limit + 1,
  });
  const messages = stored.slice(0, limit);
  const total = (await deps.mailboxes.folderStats(scope.folderId)).messages;
  const last = messages[messages.length - 1];
  return {
    // Sequence numbers are positions in the whole folder; a page by date has none to give cheaply,
    // and its callers (the HTTP API) do not use them.
    messages: messages.map((message) => ({ sequence: 0, message })),
    total,
    nextCursor:
      stored.length > limit && last !== undefined
        ? writeListingCursor({ values: [sentDate(last.envelope, last.internalDate)], uid: last.uid }, sort)
        : null,
  };
}

export async function listMessages(
  deps: MessageReadingDeps,
  request: ListingRequest,
): Promise<MessageListing> {
  const indexed = await listBySentTime(deps, request);
  if (indexed !== undefined) return indexed;
  const { sort, page = {} } = request;
  const matches = await searchMessages(deps, request.scope, request.criteria ?? { kind: 'all' });
  const rows = matches.map((match) => ({
    match,
    uid: match.message.uid,
    values: sortKeyValues(
      {
        id: match.message.uid,
        order: match.sequence,
        internalDate: match.message.internalDate,
        size: match.message.size,
        envelope: match.message.envelope,
      },
      sort,
    ),
  }));
  rows.sort((a, b) => compareSortValues(a.values, b.values, sort) || a.uid - b.uid);
  const from = page.after === undefined ? 0 : firstAfter(rows, page.after, sort);
  const start = from + Math.max(0, page.offset ?? 0);
  const end = page.limit === undefined ? rows.length : Math.min(rows.length, start + Math.max(0, page.limit));
  const pageRows = rows.slice(start, end);
  const last = pageRows[pageRows.length - 1];
  return {
    messages: pageRows.map((row) => row.match),
    total: rows.length,
    nextCursor:
      end < rows.length && last !== undefined
        ? writeListingCursor({ values: last.values, uid: last.uid }, sort)
        : null,
  };
}

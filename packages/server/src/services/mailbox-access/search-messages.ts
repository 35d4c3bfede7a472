/**
 * The messages of a folder matching a search (search-criteria.ts), in view order: metadata first,
 * and message bytes only for the messages the metadata leaves undecided (header, body, text keys),
 * read a few at a time. Serves IMAP SEARCH, SORT and THREAD and the HTTP API's search. With a text
 * index (indexed-text-search.ts), TEXT/BODY keys every match needs narrow the folder to the indexed
 * candidates first, which are then checked on their indexed text instead of their bytes.
 */
import type { StoredMessage } from '../../ports/mailbox-store.ts';
import type { IndexedMessageText } from '../../ports/message-text-index.ts';
import { evaluateSearchCriteria, type SearchCandidate } from './evaluate-search-criteria.ts';
import { criteriaNeedHeaderFields, indexedCandidates } from './indexed-text-search.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import type { MessageReadingDeps } from './message-reading-deps.ts';
import { SearchContent } from './search-content.ts';
import type { SearchCriteria } from './search-criteria.ts';
import { chunked, toUidRanges } from './uid-ranges.ts';

/** Which messages to search. */
export interface MessageScope {
  readonly folderId: number;
  /**
   * The UIDs searched, ascending: a session's view of the folder (IMAP: the selected folder), so
   * sequence keys count positions in it. Every message of the folder when omitted.
   */
  readonly view?: readonly number[];
}

export interface SearchMatch {
  /** 1-based position in the view (the IMAP message sequence number). */
  readonly sequence: number;
  readonly message: StoredMessage;
}

const chunkSize = 1000;
/** Message bytes read at the same time while searching. */
const contentConcurrency = 8;

/** The UIDs of the scope, ascending. */
async function scopeUids(deps: MessageReadingDeps, scope: MessageScope): Promise<readonly number[]> {
  if (scope.view !== undefined) return scope.view;
  return (await deps.mailboxes.listMessageStates(scope.folderId)).map((state) => state.uid);
}

/**
 * The answer for a message the metadata left undecided, from its indexed text when the index has
 * narrowed the search, else from its bytes.
 */
async function contentMatches(
  deps: MessageReadingDeps,
  criteria: SearchCriteria,
  candidate: SearchCandidate & { readonly blobKey: string },
  now: Date,
  indexed: ReadonlyMap<number, IndexedMessageText> | undefined,
): Promise<boolean> {
  if (indexed !== undefined) {
    const text = indexed.get(candidate.uid);
    // Not a candidate: some needle every match needs is in neither its header nor its body text.
    if (text === undefined) return false;
    if (!text.lossy && !criteriaNeedHeaderFields(criteria)) {
      const content = SearchContent.ofIndexedText(text, candidate.structure);
      return evaluateSearchCriteria(criteria, candidate, now, content) === true;
    }
  }
  const content = new SearchContent(await deps.blobs.get(candidate.blobKey), candidate.structure);
  return evaluateSearchCriteria(criteria, candidate, now, content) === true;
}

/** Every message of the scope matching `criteria`, ascending by position (UIDs missing from the index are skipped). */
export async function searchMessages(
  deps: MessageReadingDeps,
  scope: MessageScope,
  criteria: SearchCriteria,
): Promise<SearchMatch[]> {
  const uids = await scopeUids(deps, scope);
  const now = deps.clock.now();
  const indexed =
    deps.texts === undefined
      ? undefined
      : await indexedCandidates({ texts: deps.texts, blobs: deps.blobs }, scope.folderId, criteria);
  const matches: SearchMatch[] = [];
  let sequence = 0;
  for (const chunk of chunked(uids, chunkSize)) {
    // With the index, only its candidates can match: the others' rows are not even read.
    const wanted = indexed === undefined ? chunk : chunk.filter((uid) => indexed.has(uid));
    const listed =
      wanted.length === 0
        ? []
        : await deps.mailboxes.listMessages(scope.folderId, { uids: toUidRanges(wanted) });
    const stored = new Map(listed.map((message) => [message.uid, message]));
    const candidates = chunk.flatMap((uid) => {
      sequence++;
      const message = stored.get(uid);
      return message === undefined ? [] : [{ sequence, message }];
    });
    const results = await mapWithConcurrency(
      candidates,
      contentConcurrency,
      async ({ sequence, message }) => {
        const candidate = { ...message, sequence };
        const result = evaluateSearchCriteria(criteria, candidate, now);
        if (result !== undefined) return result;
        return contentMatches(deps, criteria, candidate, now, indexed);
      },
    );
    candidates.forEach((candidate, index) => {
      if (results[index] === true) matches.push(candidate);
    });
  }
  return matches;
}

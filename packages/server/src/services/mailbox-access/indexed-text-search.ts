/**
 * The text index's part in a search (decision 0043): the needles of TEXT and BODY keys that every
 * match must contain (AND-necessary: not under OR or NOT), the folder's missing texts filled in, and
 * the indexed messages containing all needles. Only a prefilter: search-messages.ts evaluates each
 * candidate with the same matcher as a scan, on the same folded texts, so results do not change.
 * Needles shorter than three characters (no trigram) or with a NUL leave the search to the scan.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { IndexedMessageText, MessageTextIndex } from '../../ports/message-text-index.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { foldSearchText, messageSearchText } from './message-search-text.ts';
import type { SearchCriteria } from './search-criteria.ts';

/** Blobs read and indexed per batch while filling a folder's texts. */
const fillBatch = 200;
const fillConcurrency = 8;

function usable(needle: string): boolean {
  // Trigrams are of code points (FTS5 and pg_trgm alike), not UTF-16 units.
  return Array.from(needle).length >= 3 && !needle.includes('\0');
}

/** Folded needles of the TEXT/BODY keys every match must satisfy, each usable by the index. */
export function indexNeedles(criteria: SearchCriteria): string[] {
  switch (criteria.kind) {
    case 'text':
    case 'body': {
      const needle = foldSearchText(criteria.value);
      return usable(needle) ? [needle] : [];
    }
    case 'and':
      return [...new Set(criteria.criteria.flatMap(indexNeedles))];
    default:
      return [];
  }
}

/** Whether a key of the tree reads header fields from the message bytes (HEADER). */
export function criteriaNeedHeaderFields(criteria: SearchCriteria): boolean {
  switch (criteria.kind) {
    case 'header':
      return true;
    case 'not':
      return criteriaNeedHeaderFields(criteria.criteria);
    case 'and':
    case 'or':
      return criteria.criteria.some(criteriaNeedHeaderFields);
    default:
      return false;
  }
}

export interface TextIndexDeps {
  readonly texts: MessageTextIndex;
  readonly blobs: Pick<BlobStore, 'get'>;
}

/** Indexes every blob of the folder without text; false when a batch made no progress. */
async function fillFolder(deps: TextIndexDeps, folderId: number): Promise<boolean> {
  let previous = '';
  for (;;) {
    const batch = await deps.texts.listUnindexed(folderId, fillBatch);
    const first = batch[0];
    if (first === undefined) return true;
    if (first.blobKey === previous) return false;
    previous = first.blobKey;
    const entries = await mapWithConcurrency(batch, fillConcurrency, async ({ blobKey, structure }) => {
      const text = messageSearchText(await deps.blobs.get(blobKey), structure);
      return { blobKey, header: foldSearchText(text.header), body: foldSearchText(text.body) };
    });
    await deps.texts.put(entries);
  }
}

/**
 * The folder's messages (UID to folded text) that may match `criteria`, every other message of the
 * folder certainly not matching; undefined when the index cannot narrow this search.
 */
export async function indexedCandidates(
  deps: TextIndexDeps,
  folderId: number,
  criteria: SearchCriteria,
): Promise<Map<number, IndexedMessageText> | undefined> {
  const needles = indexNeedles(criteria);
  if (needles.length === 0) return undefined;
  if (!(await fillFolder(deps, folderId))) return undefined;
  return deps.texts.find(folderId, needles);
}

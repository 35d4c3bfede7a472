/**
 * The text index's part in a search (decisions 0043, 0049): the needles every match must contain
 * (AND-necessary: not under OR or NOT), the folder's missing texts filled in, and the indexed
 * messages containing all needles. TEXT and BODY needles are in the header or body text; SUBJECT
 * and HEADER values are decoded header fields, so their needles are in the header text; FROM, TO,
 * CC and BCC match the stored envelope, so only the runs of letters and digits of their needles are
 * looked up, and only for texts whose header holds every run of their addresses. Only a prefilter:
 * search-messages.ts evaluates each candidate with the same matcher as a scan, so results do not
 * change. Needles shorter than three characters (no trigram) leave the search to the scan.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { IndexedMessageText, MessageTextIndex } from '../../ports/message-text-index.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { foldSearchText } from './message-search-text.ts';
import { letterRuns, messageTextEntry, usableNeedle } from './message-text-entry.ts';
import type { SearchCriteria } from './search-criteria.ts';

/** Blobs read and indexed per batch while filling a folder's texts. */
const fillBatch = 200;
const fillConcurrency = 8;

/** What the index is asked for: needles in header or body, and address needles (see above). */
export interface IndexNeedles {
  readonly needles: readonly string[];
  readonly addressNeedles: readonly string[];
}

function wholeNeedle(value: string): IndexNeedles {
  const needle = foldSearchText(value);
  return { needles: usableNeedle(needle) ? [needle] : [], addressNeedles: [] };
}

/** Folded needles every match of `criteria` must satisfy, each usable by the index. */
export function indexNeedles(criteria: SearchCriteria): IndexNeedles {
  switch (criteria.kind) {
    case 'text':
    case 'body':
    case 'subject':
      return wholeNeedle(criteria.value);
    case 'header':
      // An empty value matches any message having the field: nothing to look up.
      return wholeNeedle(criteria.value);
    case 'address':
      return { needles: [], addressNeedles: letterRuns(foldSearchText(criteria.value)) };
    case 'and': {
      const parts = criteria.criteria.map(indexNeedles);
      return {
        needles: [...new Set(parts.flatMap((part) => part.needles))],
        addressNeedles: [...new Set(parts.flatMap((part) => part.addressNeedles))],
      };
    }
    default:
      return { needles: [], addressNeedles: [] };
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
    const entries = await mapWithConcurrency(batch, fillConcurrency, async (blob) =>
      messageTextEntry(blob.blobKey, await deps.blobs.get(blob.blobKey), blob.structure, blob.envelope),
    );
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
  const { needles, addressNeedles } = indexNeedles(criteria);
  if (needles.length === 0 && addressNeedles.length === 0) return undefined;
  // The queue says whether the folder lacks texts (decision 0056): no anti-join over its rows when not.
  if ((await deps.texts.folderPending(folderId)) && !(await fillFolder(deps, folderId))) return undefined;
  return deps.texts.find(folderId, needles, addressNeedles);
}

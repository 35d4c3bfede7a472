/**
 * The UIDs of the messages of a scope matching a search, in view order, for IMAP SEARCH (decision
 * 0056). Criteria made only of TEXT and BODY keys (RFC 9051 §6.4.4), alone or under AND, with needles
 * the index can look up, are answered by the text index alone when the folder is fully indexed: one
 * statement gives the matching UIDs in order (exact substring on the stored folded text), no message
 * row is read, and only lossy texts are confirmed on their bytes. Any other search is
 * search-messages.ts, whose matches give the same answer.
 */
import type { ContentNeedle, MessageTextIndex, TextMatch } from '../../ports/message-text-index.ts';
import { evaluateSearchCriteria } from './evaluate-search-criteria.ts';
import type { MessageReadingDeps } from './message-reading-deps.ts';
import { foldSearchText } from './message-search-text.ts';
import { usableNeedle } from './message-text-entry.ts';
import { SearchContent } from './search-content.ts';
import type { SearchCriteria } from './search-criteria.ts';
import { searchMessages, type MessageScope } from './search-messages.ts';
import { toUidRanges } from './uid-ranges.ts';

/** One matching message: its place in the view (the IMAP sequence number), UID and MODSEQ. */
export interface SearchHit {
  readonly sequence: number;
  readonly uid: number;
  readonly modseq: number;
}

/** Collects the needles of a TEXT/BODY/ALL conjunction; false when another key is met. */
function collectNeedles(criteria: SearchCriteria, out: ContentNeedle[]): boolean {
  switch (criteria.kind) {
    case 'all':
      return true;
    case 'text':
    case 'body': {
      // Folded as the matcher folds it (evaluate-search-criteria.ts) and as the stored text is.
      const value = foldSearchText(criteria.value);
      out.push({ value, part: criteria.kind });
      return usableNeedle(value);
    }
    case 'and':
      return criteria.criteria.every((part) => collectNeedles(part, out));
    default:
      return false;
  }
}

/**
 * The needles of criteria made only of TEXT/BODY keys (ALL allowed) joined by AND, each usable by
 * the index; undefined for any other criteria (another key, OR, NOT, a needle under three
 * characters) or when there is no needle at all.
 */
export function contentNeedles(criteria: SearchCriteria): ContentNeedle[] | undefined {
  const out: ContentNeedle[] = [];
  return collectNeedles(criteria, out) && out.length > 0 ? out : undefined;
}

/** Lossy matches confirmed on their bytes; the others as they are. */
async function confirmed(
  deps: MessageReadingDeps,
  folderId: number,
  criteria: SearchCriteria,
  matches: readonly TextMatch[],
): Promise<readonly TextMatch[]> {
  const lossy = matches.filter((match) => match.lossy).map((match) => match.uid);
  if (lossy.length === 0) return matches;
  const now = deps.clock.now();
  // A lossy match whose row went meanwhile is not listed: gone from the folder, not a match either.
  const accepted = new Set<number>();
  for (const message of await deps.mailboxes.listMessages(folderId, { uids: toUidRanges(lossy) })) {
    const content = new SearchContent(await deps.blobs.get(message.blobKey), message.structure);
    // Content keys only: the candidate's metadata is not read (sequence numbers included).
    if (evaluateSearchCriteria(criteria, { ...message, sequence: 0 }, now, content) === true) {
      accepted.add(message.uid);
    }
  }
  return matches.filter((match) => !match.lossy || accepted.has(match.uid));
}

/** The matches that are in the view, with their positions in it; both lists ascend. */
function inView(view: readonly number[], matches: readonly TextMatch[]): SearchHit[] {
  const hits: SearchHit[] = [];
  let position = 0;
  for (const match of matches) {
    while (position < view.length && (view[position] ?? 0) < match.uid) position++;
    if (position === view.length) break;
    if (view[position] === match.uid)
      hits.push({ sequence: position + 1, uid: match.uid, modseq: match.modseq });
  }
  return hits;
}

/** The matches through the index alone, or undefined when this search or folder cannot use it. */
async function indexedHits(
  deps: MessageReadingDeps & { readonly texts: MessageTextIndex },
  scope: MessageScope,
  criteria: SearchCriteria,
): Promise<SearchHit[] | undefined> {
  const needles = contentNeedles(criteria);
  if (needles === undefined) return undefined;
  // A message without indexed text would be missed: such folders take the path that fills them.
  if (await deps.texts.folderPending(scope.folderId)) return undefined;
  const matches = await deps.texts.matchFolder(scope.folderId, needles);
  const view =
    scope.view ?? (await deps.mailboxes.listMessageStates(scope.folderId)).map((state) => state.uid);
  return inView(view, await confirmed(deps, scope.folderId, criteria, matches));
}

/** Every message of the scope matching `criteria`, ascending by position. */
export async function searchUids(
  deps: MessageReadingDeps,
  scope: MessageScope,
  criteria: SearchCriteria,
): Promise<SearchHit[]> {
  const { texts } = deps;
  if (texts !== undefined) {
    const hits = await indexedHits({ ...deps, texts }, scope, criteria);
    if (hits !== undefined) return hits;
  }
  return (await searchMessages(deps, scope, criteria)).map(({ sequence, message }) => ({
    sequence,
    uid: message.uid,
    modseq: message.modseq,
  }));
}

/**
 * Re-evaluation of live results (RFC 5267 §4.3): only the messages a change touched (new ones,
 * changed flags) are searched again, each search with its frozen criteria over a view of just
 * those UIDs; the result keeps the rest. Freezing turns sequence-number keys into the UIDs they
 * named when the command ran (RFC 5267 §4.3: sequence numbers in the search program are evaluated
 * once, when the command is received).
 */
import type { MailboxReading } from '../../services/mailbox-access/mailbox-reading.ts';
import type { SearchCriteria } from '../../services/mailbox-access/search-criteria.ts';
import type { SearchMatch } from '../../services/mailbox-access/search-messages.ts';
import { sortKeyValues, type SortCriterion } from '../../services/mailbox-access/sort-messages.ts';
import type { LiveEvaluation, LiveSearchProgram, SortValues } from './live-searches.ts';

/** `criteria` with every sequence range replaced by the UIDs at those positions of `view`. */
export function freezeSequences(criteria: SearchCriteria, view: readonly number[]): SearchCriteria {
  switch (criteria.kind) {
    case 'sequence': {
      const ranges = criteria.ranges.flatMap(({ from, to }) =>
        view.slice(Math.max(0, from - 1), Math.max(0, to)).map((uid) => ({ from: uid, to: uid })),
      );
      return ranges.length === 0 ? { kind: 'not', criteria: { kind: 'all' } } : { kind: 'uid', ranges };
    }
    case 'and':
    case 'or':
      return {
        kind: criteria.kind,
        criteria: criteria.criteria.map((inner) => freezeSequences(inner, view)),
      };
    case 'not':
      return { kind: 'not', criteria: freezeSequences(criteria.criteria, view) };
    default:
      return criteria;
  }
}

/** The sort values of a matched message under `sort` (empty for an unsorted SEARCH). */
export function liveSortValues(match: SearchMatch, sort: readonly SortCriterion[] | null): SortValues {
  if (sort === null) return [];
  const { message } = match;
  return sortKeyValues(
    {
      id: message.uid,
      order: message.uid,
      internalDate: message.internalDate,
      size: message.size,
      envelope: message.envelope,
    },
    sort,
  );
}

/** Which of `uids` each live search matches now. */
export async function evaluateLiveSearches(
  reading: MailboxReading,
  folderId: number,
  searches: readonly LiveSearchProgram[],
  uids: readonly number[],
): Promise<LiveEvaluation> {
  const out = new Map<string, Map<number, SortValues>>();
  for (const search of searches) {
    const matches = uids.length === 0 ? [] : await reading.search({ folderId, view: uids }, search.criteria);
    out.set(
      search.tag,
      new Map(matches.map((match) => [match.message.uid, liveSortValues(match, search.sort)])),
    );
  }
  return out;
}

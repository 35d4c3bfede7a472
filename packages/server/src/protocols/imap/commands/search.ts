/**
 * SEARCH and UID SEARCH (RFC 9051 §6.4.4, RFC 3501 §6.4.4): `* SEARCH` for IMAP4rev1 clients,
 * `* ESEARCH` with MIN / MAX / COUNT / ALL for `RETURN (...)` (RFC 4731), PARTIAL for paging
 * (RFC 5267 §4.4, RFC 9394), a live result with UPDATE (RFC 5267 §4.3, live-searches.ts), and always under IMAP4rev2
 * (RFC 9051 §7.3.4), SAVE into `$` (RFC 5182), and the highest MODSEQ of the returned matches
 * when the criteria used MODSEQ (RFC 7162 §3.1.5).
 */
import { defineCommand } from '../command-descriptor.ts';
import type { PartialRange, SearchDataResponse, SearchReturnOption } from '../grammar/index.ts';
import { searchKeyUsesModseq } from '../grammar/index.ts';
import { freezeSequences } from '../live-search-evaluation.ts';
import { checkLiveSearchTag, registerLiveSearch } from './live-search-registration.ts';
import { partialResults } from './partial-results.ts';
import { checkSearchCharset, searchRequest } from './run-search.ts';

/** RFC 5182 §2.4: with MIN or MAX, only those are saved; with PARTIAL, the partial result (RFC 9394 §3.1). */
function savedResult(
  options: readonly SearchReturnOption[],
  partial: PartialRange | null,
  uids: readonly number[],
): number[] {
  const min = options.includes('MIN');
  const max = options.includes('MAX');
  if (!min && !max) return partial === null ? [...uids] : partialResults(partial, uids);
  const saved = new Set<number>();
  if (min && uids[0] !== undefined) saved.add(uids[0]);
  if (max && uids[uids.length - 1] !== undefined) saved.add(uids[uids.length - 1] ?? 0);
  return [...saved];
}

/**
 * The matches whose MODSEQ is reported (RFC 7162 §3.1.5): those returned by MIN and/or MAX when
 * neither ALL nor COUNT is asked, else all of them.
 */
function reported<T>(options: readonly SearchReturnOption[] | null, matches: readonly T[]): readonly T[] {
  if (options === null || options.includes('ALL') || options.includes('COUNT')) return matches;
  const out: T[] = [];
  const first = matches[0];
  const last = matches[matches.length - 1];
  if (options.includes('MIN') && first !== undefined) out.push(first);
  if (options.includes('MAX') && last !== undefined) out.push(last);
  return out.length === 0 ? matches : out;
}

export const search = defineCommand({
  name: 'SEARCH',
  states: ['selected'],
  async run(ctx, command) {
    const live = command.returnOptions?.includes('UPDATE') === true;
    if (live) checkLiveSearchTag(ctx, command.tag);
    // RFC 5182 §2.1: a SAVE search that fails leaves `$` empty, not the previous result.
    if (command.returnOptions?.includes('SAVE') === true) ctx.session.savedSearch = [];
    checkSearchCharset(command.charset);
    const { scope, criteria } = await searchRequest(ctx, command.criteria);
    // UIDs only: TEXT/BODY searches are answered by the text index without reading rows (decision 0056).
    const matches = await ctx.services.mailboxes.reading.searchUids(scope, criteria);
    if (live) {
      registerLiveSearch(ctx, {
        tag: command.tag,
        uid: command.uid,
        criteria: freezeSequences(criteria, scope.view),
        sort: null,
        result: matches.map((match) => ({ uid: match.uid, values: [] })),
      });
    }
    const ids = matches.map((match) => (command.uid ? match.uid : match.sequence));
    const options = command.returnOptions ?? (ctx.session.rev2 ? ['ALL'] : null);
    const withModseq = searchKeyUsesModseq(command.criteria) && matches.length > 0;
    const modseq = withModseq
      ? Math.max(...reported(options, matches).map((match) => match.modseq))
      : undefined;
    if (options === null) {
      ctx.send({ kind: 'search', ids, ...(modseq === undefined ? {} : { modseq }) });
      return undefined;
    }
    if (options.includes('SAVE')) {
      ctx.session.savedSearch = savedResult(
        options,
        command.partial,
        matches.map((match) => match.uid),
      );
      if (options.length === 1) return undefined;
    }
    const response: SearchDataResponse = {
      kind: 'esearch',
      tag: command.tag,
      uid: command.uid,
      ...(options.includes('MIN') && ids[0] !== undefined ? { min: ids[0] } : {}),
      ...(options.includes('MAX') && ids.length > 0 ? { max: ids[ids.length - 1] ?? 0 } : {}),
      ...(options.includes('COUNT') ? { count: ids.length } : {}),
      ...(options.includes('ALL') ? { all: ids } : {}),
      ...(command.partial === null
        ? {}
        : { partial: { ...command.partial, ids: partialResults(command.partial, ids) } }),
      ...(modseq === undefined ? {} : { modseq }),
    };
    ctx.send(response);
    return undefined;
  },
});

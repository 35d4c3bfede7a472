/**
 * SORT and UID SORT (RFC 5256 §3, DISPLAYFROM/DISPLAYTO RFC 5957): the matching messages ordered by
 * the mailbox-access listing over stored metadata (no message bytes unless the search needs them),
 * answered with `* SORT`, plus the highest MODSEQ when the criteria used MODSEQ (RFC 7162 §3.1.5).
 * With RETURN (ESORT, RFC 5267 §3) the answer is `* ESEARCH` in sort order: MIN and MAX are the
 * first and last messages in that order, ALL keeps it, PARTIAL pages through it (RFC 5267 §4.4, RFC 9394), SAVE fills `$` (RFC 5182), and
 * UPDATE keeps the result live with positions in sort order (RFC 5267 §4.3, CONTEXT=SORT).
 */
import { defineCommand } from '../command-descriptor.ts';
import { searchKeyUsesModseq } from '../grammar/index.ts';
import { freezeSequences, liveSortValues } from '../live-search-evaluation.ts';
import { checkLiveSearchTag, registerLiveSearch } from './live-search-registration.ts';
import { partialResults } from './partial-results.ts';
import { checkSearchCharset, searchRequest } from './run-search.ts';

export const sort = defineCommand({
  name: 'SORT',
  states: ['selected'],
  async run(ctx, command) {
    const live = command.returnOptions?.includes('UPDATE') === true;
    if (live) checkLiveSearchTag(ctx, command.tag);
    // RFC 5182 §2.1: a SAVE that fails leaves `$` empty, not the previous result.
    if (command.returnOptions?.includes('SAVE') === true) ctx.session.savedSearch = [];
    checkSearchCharset(command.charset);
    const { scope, criteria } = await searchRequest(ctx, command.search);
    const listing = await ctx.services.mailboxes.reading.list({ scope, criteria, sort: command.criteria });
    const matches = listing.messages;
    if (live) {
      registerLiveSearch(ctx, {
        tag: command.tag,
        uid: command.uid,
        criteria: freezeSequences(criteria, scope.view),
        sort: command.criteria,
        result: matches.map((match) => ({
          uid: match.message.uid,
          values: liveSortValues(match, command.criteria),
        })),
      });
    }
    const ids = matches.map(({ sequence, message }) => (command.uid ? message.uid : sequence));
    const withModseq = searchKeyUsesModseq(command.search) && matches.length > 0;
    const modseq = withModseq ? Math.max(...matches.map((match) => match.message.modseq)) : undefined;
    const options = command.returnOptions;
    if (options === null) {
      ctx.send({ kind: 'sort', ids, ...(modseq === undefined ? {} : { modseq }) });
      return undefined;
    }
    const first = matches[0];
    const last = matches[matches.length - 1];
    if (options.includes('SAVE')) {
      const min = options.includes('MIN');
      const max = options.includes('MAX');
      const saved =
        min || max
          ? [...(min ? [first] : []), ...(max ? [last] : [])]
          : command.partial === null
            ? matches
            : partialResults(command.partial, matches);
      ctx.session.savedSearch = [
        ...new Set(saved.flatMap((match) => (match === undefined ? [] : [match.message.uid]))),
      ];
      if (options.length === 1) return undefined;
    }
    const idOf = (match: (typeof matches)[number]) => (command.uid ? match.message.uid : match.sequence);
    ctx.send({
      kind: 'esearch',
      tag: command.tag,
      uid: command.uid,
      ...(options.includes('MIN') && first !== undefined ? { min: idOf(first) } : {}),
      ...(options.includes('MAX') && last !== undefined ? { max: idOf(last) } : {}),
      ...(options.includes('COUNT') ? { count: ids.length } : {}),
      ...(options.includes('ALL') ? { all: ids, ordered: true } : {}),
      ...(command.partial === null
        ? {}
        : { partial: { ...command.partial, ids: partialResults(command.partial, ids) }, ordered: true }),
      ...(modseq === undefined ? {} : { modseq }),
    });
    return undefined;
  },
});

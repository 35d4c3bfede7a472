/**
 * SORT and UID SORT (RFC 5256 §3, DISPLAYFROM/DISPLAYTO RFC 5957): the matching messages ordered by
 * the mailbox-access listing over stored metadata (no message bytes unless the search needs them),
 * answered with `* SORT`, plus the highest MODSEQ when the criteria used MODSEQ (RFC 7162 §3.1.5).
 * ESORT's RETURN form (RFC 5267) is not offered and is refused.
 */
import { defineCommand, ImapCommandError } from '../command-descriptor.ts';
import { searchKeyUsesModseq } from '../grammar/index.ts';
import { checkSearchCharset, searchRequest } from './run-search.ts';

export const sort = defineCommand({
  name: 'SORT',
  states: ['selected'],
  async run(ctx, command) {
    if (command.returnOptions !== null)
      throw new ImapCommandError('BAD', 'SORT RETURN (ESORT) is not supported');
    checkSearchCharset(command.charset);
    const { scope, criteria } = searchRequest(ctx, command.search);
    const listing = await ctx.services.mailboxes.reading.list({ scope, criteria, sort: command.criteria });
    const matches = listing.messages;
    const ids = matches.map(({ sequence, message }) => (command.uid ? message.uid : sequence));
    const withModseq = searchKeyUsesModseq(command.search) && matches.length > 0;
    const modseq = withModseq ? Math.max(...matches.map((match) => match.message.modseq)) : undefined;
    ctx.send({ kind: 'sort', ids, ...(modseq === undefined ? {} : { modseq }) });
    return undefined;
  },
});

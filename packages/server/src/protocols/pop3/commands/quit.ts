/**
 * QUIT (RFC 1939 §4, §6): in AUTHORIZATION just says goodbye; in TRANSACTION enters the UPDATE
 * state, where the messages marked deleted are removed (and those read in full get \Seen). When
 * removal fails the answer is -ERR and nothing is lost: the marks are simply forgotten.
 */
import { checkArguments, definePop3Command, openMaildrop } from '../command-descriptor.ts';

export const quitCommand = definePop3Command({
  keyword: 'QUIT',
  states: ['authorization', 'transaction'],
  async run(ctx, command) {
    if (!checkArguments(ctx, command, 0, 0)) return;
    ctx.closeAfterReply();
    if (ctx.state === 'authorization') {
      ctx.ok('Bye');
      return;
    }
    const maildrop = openMaildrop(ctx);
    ctx.enterUpdate();
    let result;
    try {
      result = await maildrop.commit();
    } catch {
      ctx.err('Some deleted messages were not removed', 'SYS/TEMP');
      return;
    }
    const { removed, remaining } = result;
    ctx.ok(`Bye, ${removed.length} message${removed.length === 1 ? '' : 's'} removed, ${remaining} left`);
  },
});

/** RSET (RFC 1939 §5): unmarks every message marked deleted in this session. */
import { checkArguments, definePop3Command, openMaildrop } from '../command-descriptor.ts';

export const rsetCommand = definePop3Command({
  keyword: 'RSET',
  states: ['transaction'],
  run(ctx, command) {
    if (!checkArguments(ctx, command, 0, 0)) return;
    const maildrop = openMaildrop(ctx);
    maildrop.reset();
    const { count, octets } = maildrop.stat();
    ctx.ok(`Maildrop has ${count} message${count === 1 ? '' : 's'} (${octets} octets)`);
  },
});

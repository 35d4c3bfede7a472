/** STAT (RFC 1939 §5): count and size of the messages not marked deleted. */
import { checkArguments, definePop3Command, openMaildrop } from '../command-descriptor.ts';

export const statCommand = definePop3Command({
  keyword: 'STAT',
  states: ['transaction'],
  run(ctx, command) {
    if (!checkArguments(ctx, command, 0, 0)) return;
    const { count, octets } = openMaildrop(ctx).stat();
    ctx.ok(`${count} ${octets}`);
  },
});

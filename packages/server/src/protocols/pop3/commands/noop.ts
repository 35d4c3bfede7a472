/** NOOP (RFC 1939 §5): does nothing but answer (and so reset the idle timer). */
import { checkArguments, definePop3Command } from '../command-descriptor.ts';

export const noopCommand = definePop3Command({
  keyword: 'NOOP',
  states: ['transaction'],
  run(ctx, command) {
    if (!checkArguments(ctx, command, 0, 0)) return;
    ctx.ok();
  },
});

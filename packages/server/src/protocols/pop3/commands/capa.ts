/** CAPA (RFC 2449 §5): the capability list, valid in AUTHORIZATION and TRANSACTION. */
import { definePop3Command, checkArguments } from '../command-descriptor.ts';

export const capaCommand = definePop3Command({
  keyword: 'CAPA',
  states: ['authorization', 'transaction'],
  async run(ctx, command) {
    if (!checkArguments(ctx, command, 0, 0)) return;
    await ctx.multiline(
      'Capability list follows',
      Buffer.from(
        ctx
          .capabilities()
          .map((c) => `${c}\r\n`)
          .join(''),
      ),
    );
  },
});

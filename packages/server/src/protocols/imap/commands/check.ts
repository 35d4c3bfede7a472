/** CHECK (RFC 3501 §6.4.1; an alias of NOOP since RFC 9051): writes are durable already. */
import { defineCommand } from '../command-descriptor.ts';

export const check = defineCommand({
  name: 'CHECK',
  states: ['selected'],
  async run(ctx) {
    await ctx.sync({ force: true });
    return undefined;
  },
});

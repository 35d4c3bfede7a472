/** NOOP (RFC 9051 §6.1.2): polls for changes; the owed untagged updates come before the OK. */
import { defineCommand } from '../command-descriptor.ts';

export const noop = defineCommand({
  name: 'NOOP',
  states: ['not-authenticated', 'authenticated', 'selected'],
  async run(ctx) {
    await ctx.sync({ force: true });
    return undefined;
  },
});

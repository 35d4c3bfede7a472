/**
 * IDLE (RFC 2177, RFC 9051 §6.3.13): `+ idling`, then EXISTS/EXPUNGE/FETCH pushed as other sessions
 * and deliveries change the selected folder, until the client sends DONE.
 */
import { bad, defineCommand } from '../command-descriptor.ts';

export const idle = defineCommand({
  name: 'IDLE',
  states: ['authenticated', 'selected'],
  async run(ctx) {
    const done = await ctx.idle();
    if (done === false) return bad('Expected DONE.');
    return undefined;
  },
});

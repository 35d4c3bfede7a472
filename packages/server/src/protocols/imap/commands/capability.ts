/** CAPABILITY (RFC 9051 §6.1.1): the list for the current state and transport. */
import { defineCommand } from '../command-descriptor.ts';

export const capability = defineCommand({
  name: 'CAPABILITY',
  states: ['not-authenticated', 'authenticated', 'selected'],
  run(ctx) {
    ctx.send({ kind: 'capability', capabilities: ctx.capabilities() });
    return undefined;
  },
});

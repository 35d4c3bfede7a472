/** UNSELECT (RFC 3691, RFC 9051 §6.4.2): leaves the selected state without expunging. */
import { defineCommand } from '../command-descriptor.ts';

export const unselect = defineCommand({
  name: 'UNSELECT',
  states: ['selected'],
  run(ctx) {
    ctx.session.unselect();
    return undefined;
  },
});

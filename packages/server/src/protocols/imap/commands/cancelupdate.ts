/**
 * CANCELUPDATE (RFC 5267 §4.3): ends the live updates of the searches with these tags. An unknown
 * tag is NO, as Dovecot answers; the tags before it are cancelled all the same.
 */
import { defineCommand } from '../command-descriptor.ts';

export const cancelUpdate = defineCommand({
  name: 'CANCELUPDATE',
  states: ['authenticated', 'selected'],
  run(ctx, command) {
    for (const tag of command.tags) {
      if (!ctx.session.liveSearches.cancel(tag)) return { status: 'NO', text: 'Unknown tag.' };
    }
    return { status: 'OK', text: 'Updates cancelled.' };
  },
});

/**
 * CLOSE (RFC 9051 §6.4.1): silently expunges `\Deleted` messages when the folder is read-write, then
 * leaves the selected state. No EXPUNGE responses are sent (the folder is no longer selected).
 */
import { defineCommand } from '../command-descriptor.ts';

export const close = defineCommand({
  name: 'CLOSE',
  states: ['selected'],
  async run(ctx) {
    const selected = ctx.session.selected;
    ctx.session.unselect();
    if (!selected.readOnly) {
      await ctx.services.mailboxes.messages.expunge(ctx.session.user.mailboxId, selected.folderId);
    }
    return undefined;
  },
});

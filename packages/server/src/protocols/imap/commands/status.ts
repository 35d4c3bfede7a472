/** STATUS (RFC 9051 §6.3.11): the requested counters of a folder without selecting it. */
import { defineCommand } from '../command-descriptor.ts';
import { statusValues } from './status-values.ts';

export const status = defineCommand({
  name: 'STATUS',
  states: ['authenticated', 'selected'],
  async run(ctx, command) {
    const folder = await ctx.services.mailboxes.folders.get(ctx.session.user.mailboxId, command.mailbox);
    if (command.items.includes('HIGHESTMODSEQ')) ctx.session.enabled.add('CONDSTORE');
    ctx.send({ kind: 'status', mailbox: folder.name, items: await statusValues(ctx, folder, command.items) });
    return undefined;
  },
});

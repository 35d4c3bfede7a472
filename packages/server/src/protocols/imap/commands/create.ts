/** CREATE (RFC 9051 §6.3.4): missing parents are created too; an existing name is NO [ALREADYEXISTS]. */
import { defineCommand } from '../command-descriptor.ts';

export const create = defineCommand({
  name: 'CREATE',
  states: ['authenticated', 'selected'],
  async run(ctx, command) {
    await ctx.services.mailboxes.folders.create(ctx.session.user.mailboxId, command.mailbox);
    return undefined;
  },
});

/**
 * CREATE (RFC 9051 §6.3.4): missing parents are created too; an existing name is NO [ALREADYEXISTS].
 * The OK names the new folder's object id (RFC 8474 §4.1 `[MAILBOXID (id)]`).
 */
import { defineCommand, ok } from '../command-descriptor.ts';
import { mailboxObjectId } from './object-ids.ts';

export const create = defineCommand({
  name: 'CREATE',
  states: ['authenticated', 'selected'],
  async run(ctx, command) {
    const folder = await ctx.services.mailboxes.folders.create(ctx.session.user.mailboxId, command.mailbox);
    return ok(`${ctx.commandName} completed.`, { kind: 'MAILBOXID', id: mailboxObjectId(folder) });
  },
});

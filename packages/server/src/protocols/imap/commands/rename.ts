/**
 * RENAME (RFC 9051 §6.3.6): renames a folder with its subfolders, keeping UIDVALIDITY; renaming INBOX
 * moves its messages into the new folder and leaves INBOX empty.
 */
import { defineCommand } from '../command-descriptor.ts';

export const rename = defineCommand({
  name: 'RENAME',
  states: ['authenticated', 'selected'],
  async run(ctx, command) {
    await ctx.services.mailboxes.folders.rename(ctx.session.user.mailboxId, command.from, command.to);
    return undefined;
  },
});

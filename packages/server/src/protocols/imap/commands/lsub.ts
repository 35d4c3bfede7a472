/**
 * LSUB (RFC 3501 §6.3.9; kept for IMAP4rev1 clients): the subscribed folders matching the pattern; a
 * level matched by a trailing `%` that only has subscribed children is listed `\Noselect`.
 */
import { folderDelimiter } from '../../../ports/mailbox-store.ts';
import { defineCommand } from '../command-descriptor.ts';
import { listEntries } from './list-entries.ts';
import { matchesMailboxPattern } from './match-mailbox-pattern.ts';

export const lsub = defineCommand({
  name: 'LSUB',
  states: ['authenticated', 'selected'],
  async run(ctx, command) {
    const pattern = command.reference + command.pattern;
    if (pattern === '') {
      ctx.send({ kind: 'lsub', attributes: ['\\Noselect'], delimiter: folderDelimiter, mailbox: '' });
      return undefined;
    }
    const folders = await ctx.services.mailboxes.folders.list(ctx.session.user.mailboxId);
    for (const entry of listEntries(folders)) {
      if (!matchesMailboxPattern(pattern, entry.name, folderDelimiter)) continue;
      if (entry.folder?.subscribed === true) {
        ctx.send({ kind: 'lsub', attributes: [], delimiter: folderDelimiter, mailbox: entry.name });
      } else if (entry.hasSubscribedChild && pattern.endsWith('%')) {
        ctx.send({
          kind: 'lsub',
          attributes: ['\\Noselect'],
          delimiter: folderDelimiter,
          mailbox: entry.name,
        });
      }
    }
    return undefined;
  },
});

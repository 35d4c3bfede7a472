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
    const { folders: access } = ctx.services.mailboxes;
    const mailboxId = ctx.session.user.mailboxId;
    const [folders, subscriptions] = await Promise.all([
      access.list(mailboxId),
      access.subscriptions(mailboxId),
    ]);
    // Subscribed names are listed whether or not the folder exists (RFC 3501 §6.3.9, as Dovecot).
    for (const entry of listEntries(folders, subscriptions, true)) {
      if (!matchesMailboxPattern(pattern, entry.name, folderDelimiter)) continue;
      if (entry.subscribed) {
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

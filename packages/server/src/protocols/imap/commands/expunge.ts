/**
 * EXPUNGE and UID EXPUNGE (RFC 9051 §6.4.3, §6.4.9; UIDPLUS RFC 4315 §2.1): removes the `\Deleted`
 * messages (within the UID set for UID EXPUNGE). The EXPUNGE (or VANISHED) responses come from the
 * session's update sync before the tagged OK. Refused in a folder opened read-only.
 */
import { defineCommand, ImapCommandError } from '../command-descriptor.ts';
import { toUidRanges } from '../../../services/mailbox-access/uid-ranges.ts';

export const expunge = defineCommand({
  name: 'EXPUNGE',
  states: ['selected'],
  async run(ctx, command) {
    const { session } = ctx;
    const selected = session.selected;
    if (selected.readOnly) throw new ImapCommandError('NO', 'Mailbox is read-only');
    let uids;
    if (command.uidSet !== null) {
      const targets = selected.resolve(command.uidSet, true, session.savedSearch);
      if (targets.length === 0) return undefined;
      uids = toUidRanges(targets.map((t) => t.uid));
    }
    await ctx.services.mailboxes.messages.expunge(
      session.user.mailboxId,
      selected.folderId,
      uids === undefined ? {} : { uids },
    );
    return undefined;
  },
});

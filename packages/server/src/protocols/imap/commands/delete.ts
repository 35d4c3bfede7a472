/**
 * DELETE (RFC 9051 §6.3.5): removes a folder and its messages. INBOX and folders with subfolders are
 * refused (NO [CANNOT] / [HASCHILDREN], as Dovecot); deleting the selected folder closes it first.
 */
import { defineCommand } from '../command-descriptor.ts';

export const deleteCommand = defineCommand({
  name: 'DELETE',
  states: ['authenticated', 'selected'],
  async run(ctx, command) {
    const { folders } = ctx.services.mailboxes;
    const mailboxId = ctx.session.user.mailboxId;
    const target = await folders.get(mailboxId, command.mailbox);
    if (ctx.session.selectedOrNull?.folderId === target.id) ctx.session.unselect();
    await folders.delete(mailboxId, target.name);
    return undefined;
  },
});

/** GETQUOTAROOT (RFC 9208 §4.3): every folder is under the box's root `""`. */
import { defineCommand } from '../command-descriptor.ts';
import { quotaRoot, storageQuota } from './storage-quota.ts';

export const getQuotaRoot = defineCommand({
  name: 'GETQUOTAROOT',
  states: ['authenticated', 'selected'],
  async run(ctx, command) {
    const folder = await ctx.services.mailboxes.folders.get(ctx.session.user.mailboxId, command.mailbox);
    ctx.send({ kind: 'quotaroot', mailbox: folder.name, roots: [quotaRoot] });
    ctx.send({ kind: 'quota', root: quotaRoot, resources: await storageQuota(ctx) });
    return undefined;
  },
});

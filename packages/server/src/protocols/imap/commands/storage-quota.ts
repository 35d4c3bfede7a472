/**
 * The PEC box quota as RFC 9208 resources: one quota root, `""`, covering every folder; STORAGE in
 * KiB (usage rounded up, limit rounded down). Shared by GETQUOTA and GETQUOTAROOT.
 */
import type { CommandContext } from '../command-descriptor.ts';
import type { QuotaResource } from '../grammar/index.ts';

export const quotaRoot = '';

export async function storageQuota(ctx: CommandContext): Promise<QuotaResource[]> {
  const usage = await ctx.services.mailboxes.folders.quota(ctx.session.user.mailboxId);
  return [
    { name: 'STORAGE', usage: Math.ceil(usage.usedBytes / 1024), limit: Math.floor(usage.quotaBytes / 1024) },
  ];
}

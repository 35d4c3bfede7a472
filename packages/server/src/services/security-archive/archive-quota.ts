/** The archive quota of a box: its plan's `archiveQuotaBytes` (decision 0016), 0 without a plan. */
import type { StorageStores } from '../../ports/storage.ts';

export async function archiveQuotaBytes(stores: StorageStores, mailboxId: number): Promise<number> {
  const mailbox = await stores.accounts.getMailbox(mailboxId);
  if (mailbox?.plan === null || mailbox?.plan === undefined) return 0;
  return (await stores.plans.get(mailbox.plan))?.archiveQuotaBytes ?? 0;
}

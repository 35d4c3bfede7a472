/**
 * The digests of new PEC (decision 0036): for each box in digest mode whose latest chosen time of
 * day has come since its last digest, claims that due time (one conditional statement: exactly one
 * node wins), takes the PEC received up to it and queues one mail listing them (sender, subject,
 * time only) to the box's verified addresses, all in one transaction, so a failure claims nothing.
 * No mail when no PEC arrived.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Storage } from '../../ports/storage.ts';
import type { HolderMailSettings } from '../holder-notices/send-holder-mail.ts';
import { describeDigest } from './describe-digest.ts';
import { queueNoticeMail } from './queue-notice-mail.ts';
import { latestDueTime } from './zoned-times.ts';

export async function sendDigests(
  deps: {
    readonly storage: Storage;
    readonly blobs: Pick<BlobStore, 'put'>;
    readonly settings: HolderMailSettings;
  },
  now: Date,
): Promise<number> {
  const { storage } = deps;
  let sent = 0;
  for (const box of await storage.noticePreferences.digestBoxes()) {
    const due = latestDueTime(box.prefs.digestTimes, box.prefs.timeZone, now);
    if (due === undefined || (box.lastDigestAt !== null && box.lastDigestAt >= due)) continue;
    const mailed = await storage.transaction(async (tx) => {
      if (!(await tx.noticePreferences.claimDigest(box.mailboxId, due))) return false;
      const items = await tx.noticePreferences.takeDigestItems(box.mailboxId, due);
      const to = (await tx.notices.list(box.mailboxId)).filter((a) => a.verifiedAt !== null);
      if (items.length === 0 || to.length === 0) return false;
      const address = (await tx.accounts.getMailbox(box.mailboxId))?.address ?? '';
      await queueNoticeMail(tx, deps.blobs, deps.settings, {
        to: to.map((a) => a.address),
        ...describeDigest({ box: address, items, due, timeZone: box.prefs.timeZone }),
        id: `notice-digest-${String(box.mailboxId)}-${String(due.getTime())}`,
        at: now,
      });
      return true;
    });
    if (mailed) sent += 1;
  }
  return sent;
}

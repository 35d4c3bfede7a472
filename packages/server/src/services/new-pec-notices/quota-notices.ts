/**
 * Quota notices (decision 0028): when a box's usage crosses 70 %, 90 % or 100 % of its quota the
 * holder is told once, at the contact e-mail and in INBOX, as the box's other life notices are;
 * the level is remembered, and lowered when usage drops back, so the next crossing is told again.
 * Called in the transaction that changed the usage; an SMS goes too when the holder chose SMS for
 * these notices (decision 0045).
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { StorageStores } from '../../ports/storage.ts';
import type { HolderMailSettings } from '../holder-notices/send-holder-mail.ts';
import { buildHolderMail } from '../holder-notices/build-holder-mail.ts';
import { appendPrepared, prepareMessage } from '../mailboxes/store-message.ts';
import { queueBoxLifeSms, type BoxLifeSmsSettings } from '../holder-notices/queue-box-life-sms.ts';
import { queueNoticeMail } from './queue-notice-mail.ts';

export const quotaLevels = [70, 90, 100] as const;

/** The highest level reached by `usedBytes` of `quotaBytes` (0 below 70 %). */
export function quotaLevelOf(usedBytes: number, quotaBytes: number): number {
  if (quotaBytes <= 0) return 0;
  return [...quotaLevels].reverse().find((level) => usedBytes * 100 >= quotaBytes * level) ?? 0;
}

export function describeQuota(input: { readonly box: string; readonly level: number }): {
  subject: string;
  text: string;
} {
  if (input.level >= 100)
    return {
      subject: `Casella PEC ${input.box} piena / PEC mailbox full`,
      text:
        `La casella PEC ${input.box} è piena: continua a ricevere, ma non può inviare finché non liberi spazio o ` +
        'acquisti spazio aggiuntivo.\n\n' +
        `The PEC mailbox ${input.box} is full: it keeps receiving, but cannot send until you free space or buy ` +
        'extra space.',
    };
  const n = String(input.level);
  return {
    subject: `Casella PEC ${input.box} al ${n}% / PEC mailbox ${n}% full`,
    text:
      `La casella PEC ${input.box} ha usato il ${n}% dello spazio. Elimina o archivia i messaggi che non ti servono, ` +
      'o acquista spazio aggiuntivo.\n\n' +
      `The PEC mailbox ${input.box} has used ${n}% of its space. Delete or archive the messages you no longer ` +
      'need, or buy extra space.',
  };
}

export async function checkQuotaLevel(
  tx: StorageStores,
  blobs: BlobStore,
  settings: HolderMailSettings & Partial<BoxLifeSmsSettings>,
  mailboxId: number,
  now: Date,
): Promise<void> {
  const usage = await tx.mailboxes.quotaUsage(mailboxId);
  const level = quotaLevelOf(usage.usedBytes, usage.quotaBytes);
  const told = await tx.notices.quotaLevel(mailboxId);
  if (level === told) return;
  // Stored before the INBOX copy is filed: that filing checks again and finds nothing to tell.
  await tx.notices.setQuotaLevel(mailboxId, level, now);
  if (level < told) return;
  const mailbox = await tx.accounts.getMailbox(mailboxId);
  if (mailbox === undefined) return;
  const words = describeQuota({ box: mailbox.address, level });
  const id = `quota-${String(mailboxId)}-${String(level)}-${String(now.getTime())}`;
  if (mailbox.contactEmail !== null)
    await queueNoticeMail(tx, blobs, settings, { to: [mailbox.contactEmail], ...words, id, at: now });
  await queueBoxLifeSms(tx, settings, {
    mailboxId,
    box: mailbox.address,
    notice: { kind: 'quota', level },
    id,
    at: now,
  });
  const copy = buildHolderMail({
    ...words,
    id,
    at: now,
    providerName: settings.providerName,
    from: settings.from,
    to: mailbox.address,
  });
  await appendPrepared(tx, await prepareMessage(blobs, copy), {
    mailboxId,
    folderName: 'INBOX',
    internalDate: now,
  });
}

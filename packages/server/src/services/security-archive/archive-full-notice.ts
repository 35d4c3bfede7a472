/**
 * The "security archive full" notice (decision 0035): told once per filling, at the contact e-mail
 * and in INBOX, as the quota notices are (decision 0028). Called in the transaction that found the
 * archive full, right after it claimed the notice.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { StorageStores } from '../../ports/storage.ts';
import { buildHolderMail } from '../holder-notices/build-holder-mail.ts';
import type { HolderMailSettings } from '../holder-notices/send-holder-mail.ts';
import { appendPrepared, prepareMessage } from '../mailboxes/store-message.ts';
import { queueNoticeMail } from '../new-pec-notices/queue-notice-mail.ts';

export function describeArchiveFull(box: string): { subject: string; text: string } {
  return {
    subject: `Archivio di sicurezza di ${box} pieno / Security archive of ${box} full`,
    text:
      `L'archivio di sicurezza della casella PEC ${box} è pieno: i nuovi messaggi arrivano nella casella ma non ` +
      "vengono più archiviati. Acquista spazio d'archivio o consenti l'eliminazione manuale e libera spazio.\n\n" +
      `The security archive of the PEC mailbox ${box} is full: new messages still reach the mailbox but are no ` +
      'longer archived. Buy archive space, or allow manual deletion and free some space.',
  };
}

export async function tellArchiveFull(
  tx: StorageStores,
  blobs: BlobStore,
  settings: HolderMailSettings,
  mailboxId: number,
  now: Date,
): Promise<void> {
  const mailbox = await tx.accounts.getMailbox(mailboxId);
  if (mailbox === undefined) return;
  const words = describeArchiveFull(mailbox.address);
  const id = `archive-full-${String(mailboxId)}-${String(now.getTime())}`;
  if (mailbox.contactEmail !== null)
    await queueNoticeMail(tx, blobs, settings, { to: [mailbox.contactEmail], ...words, id, at: now });
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

/**
 * Queues one ordinary mail to each given address for the relay (decision 0004: the outbox is the
 * only way out), as the box's other notices do, in the caller's transaction.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { StorageStores } from '../../ports/storage.ts';
import { buildHolderMail } from '../holder-notices/build-holder-mail.ts';
import type { HolderMailSettings } from '../holder-notices/send-holder-mail.ts';
import { enqueueRelayMessage } from '../pipeline/relay/relay-message-job.ts';

export interface NoticeMail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** Unique per notice; the recipient's position is appended per copy. */
  readonly id: string;
  readonly at: Date;
}

export async function queueNoticeMail(
  storage: StorageStores,
  blobs: Pick<BlobStore, 'put'>,
  settings: HolderMailSettings,
  mail: NoticeMail,
): Promise<void> {
  for (const [index, to] of mail.to.entries()) {
    const blobKey = await blobs.put(
      buildHolderMail({
        subject: mail.subject,
        text: mail.text,
        id: `${mail.id}-${String(index)}`,
        at: mail.at,
        providerName: settings.providerName,
        from: settings.from,
        to,
      }),
    );
    await enqueueRelayMessage(storage, {
      blobKey,
      mailFrom: settings.from,
      rcptTo: [to],
      purpose: 'notice',
      expiresAt: new Date(mail.at.getTime() + settings.lifetimeMs).toISOString(),
    });
  }
}

/**
 * Queues one ordinary mail to a box's contact address for the relay (decision 0004: the outbox
 * is the only way out), as the box's notices do; nothing when the box has no contact address.
 */
import type { Mailbox } from '../../ports/account-store.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { StorageStores } from '../../ports/storage.ts';
import { enqueueRelayMessage } from '../pipeline/relay/relay-message-job.ts';
import { buildHolderMail } from './build-holder-mail.ts';

export interface HolderMailSettings {
  readonly providerName: string;
  /** Sender of the mails (`boxLife.noticeFrom`). */
  readonly from: string;
  /** How long the relay keeps trying. */
  readonly lifetimeMs: number;
}

export async function sendHolderMail(
  deps: { readonly storage: StorageStores; readonly blobs: Pick<BlobStore, 'put'> },
  settings: HolderMailSettings,
  mail: {
    readonly mailbox: Mailbox;
    readonly subject: string;
    readonly text: string;
    readonly id: string;
    readonly at: Date;
  },
): Promise<boolean> {
  const to = mail.mailbox.contactEmail;
  if (to === null) return false;
  const blobKey = await deps.blobs.put(
    buildHolderMail({ ...mail, providerName: settings.providerName, from: settings.from, to }),
  );
  await enqueueRelayMessage(deps.storage, {
    blobKey,
    mailFrom: settings.from,
    rcptTo: [to],
    purpose: 'notice',
    expiresAt: new Date(mail.at.getTime() + settings.lifetimeMs).toISOString(),
  });
  return true;
}

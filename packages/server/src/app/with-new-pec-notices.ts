/**
 * Storage whose transactions also queue the e-mail notices of new PEC (decision 0028), decorated
 * at the composition root as with-webhook-events.ts does: the mailbox port is where a received
 * PEC is filed in INBOX, so the notice is queued in the same transaction as the filing and the
 * delivery services stay unaware of notices.
 */
import type { BlobStore } from '../ports/blob-store.ts';
import type { MailboxStore } from '../ports/mailbox-store.ts';
import type { Storage, StorageTransaction } from '../ports/storage.ts';
import { noticeNewPec, type NewPecNoticeSettings } from '../services/new-pec-notices/new-pec-notices.ts';

function override<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** The PEC type of a transport envelope (pec-spec §3.2), as the mailbox rows record it. */
const transportEnvelope = 'posta-certificata';

interface Notifier {
  readonly blobs: Pick<BlobStore, 'put'>;
  readonly settings: NewPecNoticeSettings;
}

function observedMailboxes(tx: StorageTransaction, notifier: Notifier): MailboxStore {
  const { mailboxes } = tx;
  return override(mailboxes, {
    append: async (folderId, message) => {
      const result = await mailboxes.append(folderId, message);
      if (message.pecType !== transportEnvelope) return result;
      const folder = await mailboxes.getFolderById(folderId);
      const mailbox = folder === undefined ? undefined : await tx.accounts.getMailbox(folder.mailboxId);
      if (folder?.name !== 'INBOX' || mailbox === undefined) return result;
      await noticeNewPec(tx, notifier.blobs, notifier.settings, {
        mailboxId: mailbox.id,
        box: mailbox.address,
        // The envelope is From posta-certificata@ on behalf of the sender, who is its Reply-To
        // (pec-spec §3.2); its subject carries the `POSTA CERTIFICATA: ` prefix.
        from: message.envelope.replyTo[0]?.address ?? message.envelope.from[0]?.address ?? null,
        subject: message.envelope.subject?.replace(/^POSTA CERTIFICATA: /, '') ?? null,
        at: message.internalDate,
        id: `${String(folderId)}-${String(result.message.uid)}`,
      });
      return result;
    },
  });
}

function observed(tx: StorageTransaction, notifier: Notifier): StorageTransaction {
  return override(tx, {
    mailboxes: observedMailboxes(tx, notifier),
    transaction: (fn) => tx.transaction((savepoint) => fn(observed(savepoint, notifier))),
  });
}

export function withNewPecNoticeMail(storage: Storage, notifier: Notifier): Storage {
  return override(storage, {
    transaction: (fn) => storage.transaction((tx) => fn(observed(tx, notifier))),
  });
}

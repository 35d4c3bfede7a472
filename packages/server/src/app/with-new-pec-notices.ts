/**
 * Storage whose transactions also queue the e-mail notices of new PEC (decision 0028), decorated
 * at the composition root as with-webhook-events.ts does: the mailbox port is where a received
 * PEC is filed in INBOX, so the notice is queued in the same transaction as the filing and the
 * delivery services stay unaware of notices. The same port is where a box's usage grows (append,
 * copy) or shrinks (expunge, folder deletion), so the quota notices are checked there too, in the
 * transaction of the change (or one of their own after a write outside any transaction). The Web
 * Push of a new PEC (decision 0032) is queued in the filing transaction too, as outbox jobs
 * (decision 0045).
 */
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { MailboxStore } from '../ports/mailbox-store.ts';
import type { Storage, StorageTransaction } from '../ports/storage.ts';
import { noticeNewPec, type NewPecNoticeSettings } from '../services/new-pec-notices/new-pec-notices.ts';
import { checkQuotaLevel } from '../services/new-pec-notices/quota-notices.ts';
import type { NewPecPush } from '../services/web-push/web-push.ts';
import type { StorageStores } from '../ports/storage.ts';

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
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly settings: NewPecNoticeSettings;
  /** Called in the transaction of each filing of a new PEC in INBOX (queues the Web Push). */
  readonly queuePush?: (tx: StorageStores, pec: NewPecPush) => Promise<void>;
}

async function quotaOfFolder(stores: StorageStores, notifier: Notifier, folderId: number): Promise<void> {
  const folder = await stores.mailboxes.getFolderById(folderId);
  if (folder !== undefined)
    await checkQuotaLevel(stores, notifier.blobs, notifier.settings, folder.mailboxId, notifier.clock.now());
}

function observedMailboxes(tx: StorageTransaction, notifier: Notifier): MailboxStore {
  const { mailboxes } = tx;
  return override(mailboxes, {
    append: async (folderId, message) => {
      const result = await mailboxes.append(folderId, message);
      await quotaOfFolder(tx, notifier, folderId);
      if (message.pecType !== transportEnvelope) return result;
      const folder = await mailboxes.getFolderById(folderId);
      const mailbox = folder === undefined ? undefined : await tx.accounts.getMailbox(folder.mailboxId);
      if (folder?.name !== 'INBOX' || mailbox === undefined) return result;
      const from = message.envelope.replyTo[0]?.address ?? message.envelope.from[0]?.address ?? null;
      const subject = message.envelope.subject?.replace(/^POSTA CERTIFICATA: /, '') ?? null;
      await notifier.queuePush?.(tx, {
        mailboxId: mailbox.id,
        from,
        subject,
        folder: folder.name,
        folderId,
        uid: result.message.uid,
      });
      await noticeNewPec(tx, notifier.blobs, notifier.settings, {
        mailboxId: mailbox.id,
        box: mailbox.address,
        // The envelope is From posta-certificata@ on behalf of the sender, who is its Reply-To
        // (pec-spec §3.2); its subject carries the `POSTA CERTIFICATA: ` prefix.
        from,
        subject,
        at: message.internalDate,
        id: `${String(folderId)}-${String(result.message.uid)}`,
      });
      return result;
    },
    copy: async (fromFolderId, uids, toFolderId) => {
      const result = await mailboxes.copy(fromFolderId, uids, toFolderId);
      await quotaOfFolder(tx, notifier, toFolderId);
      return result;
    },
    expunge: async (folderId, options) => {
      const result = await mailboxes.expunge(folderId, options);
      await quotaOfFolder(tx, notifier, folderId);
      return result;
    },
  });
}

/** The mailbox port outside transactions: each usage change is checked in a transaction of its own. */
function topLevelMailboxes(storage: Storage, notifier: Notifier): MailboxStore {
  const { mailboxes } = storage;
  const check = (folderId: number) =>
    storage.transaction((tx) => quotaOfFolder(observed(tx, notifier), notifier, folderId));
  return override(mailboxes, {
    append: async (folderId, message) => {
      const result = await mailboxes.append(folderId, message);
      await check(folderId);
      return result;
    },
    copy: async (fromFolderId, uids, toFolderId) => {
      const result = await mailboxes.copy(fromFolderId, uids, toFolderId);
      await check(toFolderId);
      return result;
    },
    expunge: async (folderId, options) => {
      const result = await mailboxes.expunge(folderId, options);
      await check(folderId);
      return result;
    },
    deleteFolder: async (folderId) => {
      const folder = await mailboxes.getFolderById(folderId);
      const result = await mailboxes.deleteFolder(folderId);
      if (folder !== undefined)
        await storage.transaction((tx) =>
          checkQuotaLevel(
            observed(tx, notifier),
            notifier.blobs,
            notifier.settings,
            folder.mailboxId,
            notifier.clock.now(),
          ),
        );
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
    mailboxes: topLevelMailboxes(storage, notifier),
    transaction: (fn) => storage.transaction((tx) => fn(observed(tx, notifier))),
  });
}

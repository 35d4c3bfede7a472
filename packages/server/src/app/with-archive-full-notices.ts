/**
 * Storage whose "archive full" claims also tell the holder (decision 0035), decorated at the
 * composition root as with-new-pec-notices.ts does: the filing that finds the security archive
 * full claims the notice in its transaction, and the notice is filed and mailed in that same
 * transaction, so the delivery services stay unaware of notices.
 */
import type { BlobStore } from '../ports/blob-store.ts';
import type { SecurityArchiveStore } from '../ports/security-archive-store.ts';
import type { Storage, StorageTransaction } from '../ports/storage.ts';
import type { HolderMailSettings } from '../services/holder-notices/send-holder-mail.ts';
import { tellArchiveFull } from '../services/security-archive/archive-full-notice.ts';

function override<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

interface Teller {
  readonly blobs: BlobStore;
  readonly settings: HolderMailSettings;
}

function telling(tx: StorageTransaction, teller: Teller): SecurityArchiveStore {
  const store = tx.securityArchive;
  return override(store, {
    claimFullNotice: async (mailboxId, at) => {
      const claimed = await store.claimFullNotice(mailboxId, at);
      if (claimed) await tellArchiveFull(tx, teller.blobs, teller.settings, mailboxId, at);
      return claimed;
    },
  });
}

function observed(tx: StorageTransaction, teller: Teller): StorageTransaction {
  return override(tx, {
    securityArchive: telling(tx, teller),
    transaction: (fn) => tx.transaction((savepoint) => fn(observed(savepoint, teller))),
  });
}

export function withArchiveFullNoticeMail(storage: Storage, teller: Teller): Storage {
  return override(storage, {
    securityArchive: override(storage.securityArchive, {
      claimFullNotice: (mailboxId, at) =>
        storage.transaction((tx) => observed(tx, teller).securityArchive.claimFullNotice(mailboxId, at)),
    }),
    transaction: (fn) => storage.transaction((tx) => fn(observed(tx, teller))),
  });
}

/**
 * Deleting mailboxes and domains (`pec mailbox delete`, `pec domain delete`, decisions 0016 and
 * 0019). A deleted mailbox loses its messages, folders, password and row, as the box-life job's
 * deletion does, and its address is reserved to the holder's tax code (the same reservation table):
 * nobody else can be given the address (a PEC address identifies its holder in every receipt ever
 * issued, pec-spec §2.1), while its holder can have it back (same tax code) or the operator can hand
 * it over deliberately (`reuseReserved`). A domain is deleted only without mailboxes or reserved
 * addresses, unless forced: then its mailboxes and reservations go with it.
 */
import { serviceLocalPart } from '@pec/core';
import type { Mailbox } from '../../ports/account-store.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Storage, StorageTransaction } from '../../ports/storage.ts';
import { AccountError } from './account-error.ts';

export interface RetireAccountsDependencies {
  readonly storage: Storage;
  /** When given, the bytes no remaining message references are removed too. */
  readonly blobs?: Pick<BlobStore, 'delete'>;
  readonly clock?: { now(): Date };
}

export interface DeletedMailbox {
  readonly address: string;
  readonly removedMessages: number;
  readonly freedBytes: number;
}

export interface DeletedDomain {
  readonly domain: string;
  /** Addresses removed with the domain (with `force`), reserved ones included. */
  readonly mailboxes: readonly DeletedMailbox[];
}

/** Removes every folder and message of a mailbox; INBOX cannot be dropped, so it is emptied. */
async function removeContents(tx: StorageTransaction, mailbox: Mailbox): Promise<DeletedMailbox> {
  let removedMessages = 0;
  let freedBytes = 0;
  // Deepest folders first: deleting a folder keeps the ones below it.
  const folders = (await tx.mailboxes.listFolders(mailbox.id)).sort((a, b) => b.name.length - a.name.length);
  for (const folder of folders) {
    if (folder.name.toUpperCase() === 'INBOX') {
      const before = await tx.mailboxes.quotaUsage(mailbox.id);
      await tx.mailboxes.setFlags(folder.id, [{ from: 1 }], { mode: 'add', flags: ['\\Deleted'] });
      removedMessages += (await tx.mailboxes.expunge(folder.id)).length;
      freedBytes += before.usedBytes - (await tx.mailboxes.quotaUsage(mailbox.id)).usedBytes;
      continue;
    }
    const removed = await tx.mailboxes.deleteFolder(folder.id);
    removedMessages += removed.removedMessages;
    freedBytes += removed.freedBytes;
  }
  for (const name of await tx.mailboxes.listSubscriptions(mailbox.id)) {
    await tx.mailboxes.setSubscription(mailbox.id, name, false);
  }
  return { address: mailbox.address, removedMessages, freedBytes };
}

function refuseServiceMailbox(mailbox: Mailbox): void {
  if (mailbox.address.startsWith(`${serviceLocalPart}@`)) {
    throw new AccountError(
      'invalid',
      `${mailbox.address} is the provider's service mailbox (pec-spec §2.1): it cannot be deleted`,
    );
  }
}

export interface RetireAccounts {
  /**
   * Removes the mailbox and its contents; the address stays reserved to the holder's tax code.
   * Throws AccountError `not-found`, or `invalid` for the service mailbox.
   */
  deleteMailbox(address: string): Promise<DeletedMailbox>;
  /**
   * Removes a domain. Throws AccountError `conflict` while mailboxes (reserved ones included) use
   * it, unless `force`: then they are removed with it, reservations and all. Throws `invalid` for
   * the domain of the service mailbox, `not-found` for an unknown domain.
   */
  deleteDomain(
    name: string,
    options: { readonly force: boolean; readonly serviceAddress: string },
  ): Promise<DeletedDomain>;
}

export function createRetireAccounts(deps: RetireAccountsDependencies): RetireAccounts {
  const { storage } = deps;

  async function blobKeysOf(mailbox: Mailbox): Promise<Set<string>> {
    const keys = new Set<string>();
    for (const folder of await storage.mailboxes.listFolders(mailbox.id)) {
      for (const message of await storage.mailboxes.listMessages(folder.id)) keys.add(message.blobKey);
    }
    return keys;
  }

  async function dropUnreferenced(keys: Set<string>): Promise<void> {
    if (deps.blobs === undefined) return;
    for (const key of keys) {
      if (!(await storage.mailboxes.isBlobReferenced(key))) await deps.blobs.delete(key);
    }
  }

  return {
    async deleteMailbox(value) {
      const address = value.trim().toLowerCase();
      const mailbox = await storage.accounts.findMailboxByAddress(address);
      if (mailbox === undefined) throw new AccountError('not-found', `no mailbox ${address}`);
      refuseServiceMailbox(mailbox);
      const keys = await blobKeysOf(mailbox);
      const removed = await storage.transaction(async (tx) => {
        const contents = await removeContents(tx, mailbox);
        await tx.boxLife.forgetMailbox(mailbox.id);
        await tx.accounts.deleteMailbox(mailbox.id);
        await tx.boxLife.reserveAddress({
          address: mailbox.address,
          holderTaxCode: mailbox.holderTaxCode,
          reservedAt: (deps.clock ?? { now: () => new Date() }).now(),
        });
        return contents;
      });
      await dropUnreferenced(keys);
      return removed;
    },

    async deleteDomain(value, options) {
      const domain = value.trim().toLowerCase();
      if ((await storage.accounts.getDomain(domain)) === undefined) {
        throw new AccountError('not-found', `domain ${domain} is not served by this provider`);
      }
      if (options.serviceAddress.toLowerCase().endsWith(`@${domain}`)) {
        throw new AccountError(
          'invalid',
          `${domain} holds the provider's service mailbox ${options.serviceAddress} (pec-spec §2.1): it cannot be deleted`,
        );
      }
      const mailboxes = await storage.accounts.listMailboxes({ domain });
      const reservations = (await storage.boxLife.listReservations()).filter((r) =>
        r.address.endsWith(`@${domain}`),
      );
      if ((mailboxes.length > 0 || reservations.length > 0) && !options.force) {
        const reserved = reservations.length;
        const live = mailboxes.length;
        throw new AccountError(
          'conflict',
          `domain ${domain} still has ${live} mailbox${live === 1 ? '' : 'es'}` +
            (reserved === 0
              ? ''
              : ` and ${reserved} reserved address${reserved === 1 ? '' : 'es'} of deleted ones`) +
            `; delete them first, or add --force to delete the domain with every mailbox on it, ` +
            `their messages and their reservations`,
        );
      }
      const keys = new Set<string>();
      for (const mailbox of mailboxes) for (const key of await blobKeysOf(mailbox)) keys.add(key);
      const deleted = await storage.transaction(async (tx) => {
        const removed: DeletedMailbox[] = [];
        for (const mailbox of mailboxes) {
          removed.push(await removeContents(tx, mailbox));
          await tx.boxLife.forgetMailbox(mailbox.id);
          await tx.accounts.deleteMailbox(mailbox.id);
        }
        for (const reservation of reservations) {
          await tx.boxLife.releaseReservation(reservation.address);
          removed.push({ address: reservation.address, removedMessages: 0, freedBytes: 0 });
        }
        await tx.accounts.removeDomain(domain);
        return { domain, mailboxes: removed };
      });
      await dropUnreferenced(keys);
      return deleted;
    },
  };
}

/**
 * The folder-level half of the mailbox-access service (see folder-access.ts for the contract):
 * maps storage errors to MailboxAccessError codes and publishes folder and message changes.
 */
import { folderDelimiter, inboxName, type Folder } from '../../ports/mailbox-store.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import { canonicalFolderName, checkFolderName, parentFolderNames } from './check-folder-name.ts';
import type { FolderAccess } from './folder-access.ts';
import type { MailboxAccessDeps } from './mailbox-access.ts';
import { refuseReadOnly } from './refuse-read-only.ts';
import { MailboxAccessError } from './mailbox-access-error.ts';

function nonexistent(name: string): MailboxAccessError {
  return new MailboxAccessError({ reason: 'no-such-folder', folder: name, destination: false });
}

export function createFolderAccess(deps: MailboxAccessDeps): FolderAccess {
  const store = deps.storage.mailboxes;

  async function find(mailboxId: number, name: string): Promise<Folder | undefined> {
    return store.getFolder(mailboxId, canonicalFolderName(name));
  }

  async function get(mailboxId: number, name: string): Promise<Folder> {
    const folder = await find(mailboxId, name);
    if (folder === undefined) throw nonexistent(name);
    return folder;
  }

  /** Creates `name`; `onlyIfMissing` tolerates an existing folder (parents). */
  async function createOne(mailboxId: number, name: string, onlyIfMissing: boolean): Promise<Folder> {
    try {
      // A folder the client creates is not subscribed: the subscription list is the client's.
      const folder = await store.createFolder(mailboxId, { name, subscribed: false });
      deps.changes.publish(mailboxId, { kind: 'folder-created', folderId: folder.id, name: folder.name });
      return folder;
    } catch (error) {
      if (!isStorageError(error, 'conflict')) throw error;
      const existing = onlyIfMissing ? await store.getFolder(mailboxId, name) : undefined;
      if (existing === undefined) throw new MailboxAccessError({ reason: 'folder-exists', folder: name });
      return existing;
    }
  }

  async function createParents(mailboxId: number, name: string): Promise<void> {
    for (const parent of parentFolderNames(name)) {
      if ((await store.getFolder(mailboxId, parent)) === undefined) await createOne(mailboxId, parent, true);
    }
  }

  return {
    list: (mailboxId) => store.listFolders(mailboxId),
    find,
    get,

    async create(mailboxId, name) {
      const canonical = checkFolderName(name);
      if ((await store.getFolder(mailboxId, canonical)) !== undefined) {
        throw new MailboxAccessError({ reason: 'folder-exists', folder: canonical });
      }
      // RFC 9051 §6.3.4: the server SHOULD create missing superior names.
      await createParents(mailboxId, canonical);
      return createOne(mailboxId, canonical, false);
    },

    async delete(mailboxId, name) {
      const folder = await get(mailboxId, name);
      refuseReadOnly(folder, 'deleting it');
      if (folder.name === inboxName)
        throw new MailboxAccessError({
          reason: 'folder-operation-refused',
          problem: 'INBOX cannot be deleted',
        });
      const prefix = folder.name + folderDelimiter;
      const folders = await store.listFolders(mailboxId);
      // Dovecot refuses too: a folder with subfolders would leave a \NonExistent parent behind.
      if (folders.some((other) => other.name.startsWith(prefix))) {
        throw new MailboxAccessError({ reason: 'folder-has-children', folder: folder.name });
      }
      await store.deleteFolder(folder.id);
      deps.changes.publish(mailboxId, { kind: 'folder-deleted', folderId: folder.id, name: folder.name });
    },

    async rename(mailboxId, from, to) {
      const source = await get(mailboxId, from);
      refuseReadOnly(source, 'renaming it');
      const target = checkFolderName(to);
      if ((await store.getFolder(mailboxId, target)) !== undefined) {
        throw new MailboxAccessError({ reason: 'folder-exists', folder: target });
      }
      if (target.startsWith(source.name + folderDelimiter)) {
        throw new MailboxAccessError({
          reason: 'folder-operation-refused',
          problem: 'a mailbox cannot be moved inside itself',
        });
      }
      await createParents(mailboxId, target);
      if (source.name === inboxName) return renameInbox(mailboxId, source, target);
      try {
        const renamed = await store.renameFolder(source.id, target);
        deps.changes.publish(mailboxId, {
          kind: 'folder-renamed',
          folderId: renamed.id,
          oldName: source.name,
          newName: renamed.name,
        });
        return renamed;
      } catch (error) {
        if (isStorageError(error, 'conflict')) {
          throw new MailboxAccessError(
            { reason: 'folder-exists', folder: target, below: true },
            { cause: error },
          );
        }
        if (isStorageError(error, 'invalid'))
          throw new MailboxAccessError(
            { reason: 'folder-operation-refused', problem: error.message },
            { cause: error },
          );
        throw error;
      }
    },

    async setSubscribed(mailboxId, name, subscribed) {
      if (!subscribed) {
        await store.setSubscription(mailboxId, name, false);
        return;
      }
      const folder = await get(mailboxId, name);
      await store.setSubscription(mailboxId, folder.name, true);
    },

    subscriptions: (mailboxId) => store.listSubscriptions(mailboxId),

    async open(mailboxId, name) {
      const folder = await get(mailboxId, name);
      const states = await store.listMessageStates(folder.id);
      const stats = await store.folderStats(folder.id);
      return { folder, states, stats };
    },

    stats: (folderId) => store.folderStats(folderId),
    claimRecent: (folderId) => store.claimRecent(folderId),

    async countDeleted(folderId) {
      const states = await store.listMessageStates(folderId);
      return states.filter((state) => state.flags.includes('\\Deleted')).length;
    },

    async changesSince(folderId, modseq) {
      // Order matters: a change committed between the reads has a modseq above what is reported.
      const folder = await store.getFolderById(folderId);
      const states = await store.listMessageStates(folderId, { changedSince: modseq });
      const vanished = await store.vanishedSince(folderId, modseq);
      const highest = states.reduce(
        (max, state) => Math.max(max, state.modseq),
        Math.max(modseq, folder?.highestModseq ?? 0),
      );
      return { states, vanished, highestModseq: highest };
    },

    quota: (mailboxId) => store.quotaUsage(mailboxId),
  };

  /** RFC 9051 §6.3.6: renaming INBOX moves its messages to a new folder; INBOX stays, empty. */
  async function renameInbox(mailboxId: number, inbox: Folder, target: string): Promise<Folder> {
    const created = await createOne(mailboxId, target, false);
    const moved = await store.move(inbox.id, [{ from: 1 }], created.id);
    const last = moved.mapping[moved.mapping.length - 1];
    if (last !== undefined) {
      const uids = moved.mapping.map((pair) => pair.sourceUid);
      deps.changes.publish(mailboxId, { kind: 'expunge', folderId: inbox.id, uids });
      deps.changes.publish(mailboxId, { kind: 'exists', folderId: created.id, uid: last.targetUid });
    }
    return (await store.getFolderById(created.id)) ?? created;
  }
}

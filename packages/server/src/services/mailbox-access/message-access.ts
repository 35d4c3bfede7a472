/**
 * Message-level operations of the mailbox-access service (RFC 9051 §6.4: FETCH, STORE, COPY, MOVE,
 * EXPUNGE, APPEND; UIDPLUS RFC 4315; CONDSTORE RFC 7162; MOVE RFC 6851; QUOTA RFC 9208); search and
 * part reading are the reading area (mailbox-reading.ts).
 * Metadata comes from the mailbox index and bytes from the blob store exactly as stored. Copies and
 * appends by the holder are refused beyond the box quota (`quota-exceeded`); only incoming PEC may
 * exceed it (Super Ricezione, delivery point). Every write publishes on the change feed.
 */
import type {
  CopyResult,
  FlagUpdate,
  FlagUpdateResult,
  MessageHead,
  FlagRuns,
  MessageState,
  StoredMessage,
  UidRange,
} from '../../ports/mailbox-store.ts';
import { mailboxLockName } from '../../ports/locks.ts';
import type { StorageStores } from '../../ports/storage.ts';
import { prepareMessage, type PreparedMessage } from '../mailboxes/store-message.ts';
import { MailboxAccessError } from './mailbox-access-error.ts';
import type { MailboxAccessDeps } from './mailbox-access.ts';
import { refuseReadOnly } from './refuse-read-only.ts';
import { whileLocked } from './while-locked.ts';

/** One message of an APPEND (several with MULTIAPPEND, RFC 3502). */
export interface AppendInput {
  readonly bytes: Uint8Array;
  readonly flags: readonly string[];
  readonly internalDate: Date;
}

export interface AppendOutcome {
  readonly folderId: number;
  readonly uidValidity: number;
  /** The new UIDs, in the order of the inputs. */
  readonly uids: readonly number[];
}

export interface MessageAccess {
  /**
   * Removes the messages flagged `\Deleted` (only within `uids` when given), publishes an `expunge`
   * change and returns their UIDs ascending. Holds the mailbox lock meanwhile (POP3 sessions on any
   * node hold it too); throws `in-use` when it stays taken.
   */
  expunge(
    mailboxId: number,
    folderId: number,
    options?: { readonly uids?: readonly UidRange[] },
  ): Promise<number[]>;
  /** Stored metadata of the messages in `uids` (all when omitted), ascending by UID. */
  list(
    folderId: number,
    uids?: readonly UidRange[],
    options?: { readonly changedSince?: number },
  ): Promise<StoredMessage[]>;
  /** `list` without envelopes and structures, which are not read. */
  heads(
    folderId: number,
    uids?: readonly UidRange[],
    options?: { readonly changedSince?: number },
  ): Promise<MessageHead[]>;
  /** UID, modseq and flags of the messages in `uids` (changed after `changedSince`), ascending by UID. */
  states(
    folderId: number,
    uids?: readonly UidRange[],
    options?: { readonly changedSince?: number },
  ): Promise<MessageState[]>;
  /** The flags of the messages in `uids` as runs of consecutive UIDs (MailboxStore.listFlagRuns). */
  flagRuns(folderId: number, uids?: readonly UidRange[]): Promise<FlagRuns>;
  /** The raw bytes of a message, exactly as stored. */
  content(message: Pick<StoredMessage, 'blobKey'>): Promise<Uint8Array>;
  /** The raw bytes of each message, in order, exactly as stored (BlobStore.getMany). */
  contents(messages: readonly Pick<StoredMessage, 'blobKey'>[]): Promise<Uint8Array[]>;
  /** Applies a flag update and publishes a `flags` change for the messages it changed. */
  setFlags(
    mailboxId: number,
    folderId: number,
    uids: readonly UidRange[],
    update: FlagUpdate,
  ): Promise<FlagUpdateResult>;
  /** Copies into the folder `target` of the same mailbox. Throws `no-such-folder`, `quota-exceeded`. */
  copy(mailboxId: number, folderId: number, uids: readonly UidRange[], target: string): Promise<CopyResult>;
  /** Moves into the folder `target` atomically (RFC 6851). Throws `no-such-folder`. */
  move(mailboxId: number, folderId: number, uids: readonly UidRange[], target: string): Promise<CopyResult>;
  /**
   * Files the messages into `folderName` all or none (RFC 3502). Throws `no-such-folder` (a
   * destination: IMAP `[TRYCREATE]`) and `quota-exceeded`.
   */
  append(mailboxId: number, folderName: string, messages: readonly AppendInput[]): Promise<AppendOutcome>;
  /**
   * Several independent appends (an IMAP client's pipelined APPEND commands), each all or none as
   * `append` and each with its own outcome, in the order given: UIDs follow the order of the
   * requests on every store (one transaction, a savepoint per request), their blob writes share
   * fsyncs and one commit makes them all durable.
   */
  appendEach(
    mailboxId: number,
    requests: readonly { readonly folderName: string; readonly messages: readonly AppendInput[] }[],
  ): Promise<PromiseSettledResult<AppendOutcome>[]>;
  /** UIDs expunged with a modseq above `modseq` (RFC 7162 §3.2.6 VANISHED). */
  vanishedSince(folderId: number, modseq: number): Promise<number[]>;
}

async function targetFolder(stores: StorageStores, mailboxId: number, name: string) {
  const folder = await stores.mailboxes.getFolder(mailboxId, name);
  if (folder === undefined)
    throw new MailboxAccessError({ reason: 'no-such-folder', folder: name, destination: true });
  return folder;
}

async function checkQuota(stores: StorageStores, mailboxId: number, addedBytes: number): Promise<void> {
  const usage = await stores.mailboxes.quotaUsage(mailboxId);
  if (usage.quotaBytes > 0 && usage.usedBytes + addedBytes > usage.quotaBytes) {
    throw new MailboxAccessError({ reason: 'quota-exceeded', operation: 'store' });
  }
}

export function createMessageAccess(deps: MailboxAccessDeps): MessageAccess {
  const { storage, blobs, changes } = deps;

  const publishExists = (mailboxId: number, folderId: number, uids: Iterable<number>): void => {
    for (const uid of uids) changes.publish(mailboxId, { kind: 'exists', folderId, uid });
  };

  /** Refuses a change to the messages of a read-only folder (the security archive). */
  async function refuseChange(folderId: number, operation: string): Promise<void> {
    const folder = await storage.mailboxes.getFolderById(folderId);
    if (folder !== undefined) refuseReadOnly(folder, operation);
  }

  return {
    async expunge(mailboxId, folderId, options) {
      await refuseChange(folderId, 'EXPUNGE');
      const uids = await whileLocked(deps, mailboxLockName(mailboxId), () =>
        storage.mailboxes.expunge(folderId, options),
      );
      if (uids.length > 0) changes.publish(mailboxId, { kind: 'expunge', folderId, uids });
      return uids;
    },

    list(folderId, uids, options = {}) {
      return storage.mailboxes.listMessages(folderId, {
        ...(uids === undefined ? {} : { uids }),
        ...(options.changedSince === undefined ? {} : { changedSince: options.changedSince }),
      });
    },

    heads(folderId, uids, options = {}) {
      return storage.mailboxes.listMessageHeads(folderId, {
        ...(uids === undefined ? {} : { uids }),
        ...(options.changedSince === undefined ? {} : { changedSince: options.changedSince }),
      });
    },

    states(folderId, uids, options = {}) {
      return storage.mailboxes.listMessageStates(folderId, {
        ...(uids === undefined ? {} : { uids }),
        ...(options.changedSince === undefined ? {} : { changedSince: options.changedSince }),
      });
    },

    flagRuns(folderId, uids) {
      return storage.mailboxes.listFlagRuns(folderId, uids === undefined ? {} : { uids });
    },

    async content(message) {
      return blobs.get(message.blobKey);
    },

    async contents(messages) {
      return blobs.getMany(messages.map((message) => message.blobKey));
    },

    async setFlags(mailboxId, folderId, uids, update) {
      await refuseChange(folderId, 'changing flags');
      const result = await storage.mailboxes.setFlags(folderId, uids, update);
      if (result.updated.length > 0) {
        changes.publish(mailboxId, { kind: 'flags', folderId, uids: result.updated.map((s) => s.uid) });
      }
      return result;
    },

    async copy(mailboxId, folderId, uids, target) {
      const { folder, result } = await storage.transaction(async (tx) => {
        const folder = await targetFolder(tx, mailboxId, target);
        refuseReadOnly(folder, 'copying into it');
        const sources = await tx.mailboxes.listMessages(folderId, { uids });
        await checkQuota(
          tx,
          mailboxId,
          sources.reduce((sum, message) => sum + message.size, 0),
        );
        return { folder, result: await tx.mailboxes.copy(folderId, uids, folder.id) };
      });
      publishExists(
        mailboxId,
        folder.id,
        result.mapping.map((pair) => pair.targetUid),
      );
      return result;
    },

    async move(mailboxId, folderId, uids, target) {
      await refuseChange(folderId, 'moving out of it');
      const { folder, result } = await storage.transaction(async (tx) => {
        const folder = await targetFolder(tx, mailboxId, target);
        refuseReadOnly(folder, 'moving into it');
        return { folder, result: await tx.mailboxes.move(folderId, uids, folder.id) };
      });
      if (result.mapping.length > 0) {
        publishExists(
          mailboxId,
          folder.id,
          result.mapping.map((pair) => pair.targetUid),
        );
        const moved = result.mapping.map((pair) => pair.sourceUid).sort((a, b) => a - b);
        changes.publish(mailboxId, { kind: 'expunge', folderId, uids: moved });
      }
      return result;
    },

    async append(mailboxId, folderName, messages) {
      // Blobs first (durable on return), then all index rows in one transaction (RFC 3502 atomicity).
      const prepared: PreparedMessage[] = [];
      for (const message of messages) prepared.push(await prepareMessage(blobs, message.bytes));
      const outcome = await appendPrepared(mailboxId, folderName, messages, prepared);
      publishExists(mailboxId, outcome.folderId, outcome.uids);
      return outcome;
    },

    async appendEach(mailboxId, requests) {
      // Every blob first, concurrently: each put is durable on return, and concurrent puts share the
      // WAL fsync (decisions 0044, 0048); none of them runs while one of these transactions is open
      // (a put then would be a file, decision 0048's addendum).
      const prepared = await Promise.allSettled(
        requests.map((request) =>
          Promise.all(request.messages.map((message) => prepareMessage(blobs, message.bytes))),
        ),
      );
      // Then one transaction filing the requests one after another, each in its own savepoint (a
      // failing request undoes only its own rows): UIDs follow the requests whatever the store
      // (concurrent transactions on a pool of connections take the folder row in any order, RFC
      // 9051 §2.3.1.1 wants them in the order the messages are added), and one commit, one fsync,
      // makes them all durable. A request sees the quota its predecessors left, as if sequential.
      const outcomes = await fileInOrder(mailboxId, requests, prepared);
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled')
          publishExists(mailboxId, outcome.value.folderId, outcome.value.uids);
      }
      return outcomes;
    },

    vanishedSince(folderId, modseq) {
      return storage.mailboxes.vanishedSince(folderId, modseq);
    },
  };

  /** The index rows of prepared messages, in one transaction. */
  function appendPrepared(
    mailboxId: number,
    folderName: string,
    messages: readonly AppendInput[],
    prepared: readonly PreparedMessage[],
  ): Promise<AppendOutcome> {
    return storage.transaction((tx) => filePrepared(tx, mailboxId, folderName, messages, prepared));
  }

  /**
   * `appendEach`'s requests in one transaction, each in a savepoint, in order; the outcome of each:
   * its refusal (a missing or read-only folder, the quota) or what preparing threw. Any other error
   * ends the transaction, so that a deadlock runs it all again, and fails every request.
   */
  async function fileInOrder(
    mailboxId: number,
    requests: readonly { readonly folderName: string; readonly messages: readonly AppendInput[] }[],
    prepared: readonly PromiseSettledResult<PreparedMessage[]>[],
  ): Promise<PromiseSettledResult<AppendOutcome>[]> {
    try {
      // A run again after a deadlock (PostgreSQL) starts over with fresh outcomes.
      return await storage.transaction(async (tx) => {
        const outcomes: PromiseSettledResult<AppendOutcome>[] = [];
        for (const [index, request] of requests.entries()) {
          const ready = prepared[index];
          try {
            if (ready === undefined) throw new Error('no prepared messages');
            // The reason is what preparing threw (a refusal or a storage error).
            if (ready.status === 'rejected') throw ready.reason;
            const value = await tx.transaction((savepoint) =>
              filePrepared(savepoint, mailboxId, request.folderName, request.messages, ready.value),
            );
            outcomes.push({ status: 'fulfilled', value });
          } catch (reason) {
            if (ready?.status === 'fulfilled' && !(reason instanceof MailboxAccessError)) throw reason;
            outcomes.push({ status: 'rejected', reason });
          }
        }
        return outcomes;
      });
    } catch (reason) {
      return requests.map(() => ({ status: 'rejected', reason }));
    }
  }

  async function filePrepared(
    tx: StorageStores,
    mailboxId: number,
    folderName: string,
    messages: readonly AppendInput[],
    prepared: readonly PreparedMessage[],
  ): Promise<AppendOutcome> {
    const folder = await targetFolder(tx, mailboxId, folderName);
    refuseReadOnly(folder, 'APPEND');
    await checkQuota(
      tx,
      mailboxId,
      prepared.reduce((sum, message) => sum + message.size, 0),
    );
    const uids: number[] = [];
    let uidValidity = folder.uidValidity;
    for (const [index, message] of prepared.entries()) {
      const input = messages[index];
      if (input === undefined) continue;
      const appended = await tx.mailboxes.append(folder.id, {
        ...message,
        flags: input.flags,
        internalDate: input.internalDate,
      });
      uids.push(appended.message.uid);
      uidValidity = appended.uidValidity;
    }
    return { folderId: folder.id, uidValidity, uids };
  }
}
